import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const ParentId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: 'The department this one sits under, or null for a top-level department.',
});
const SlaPlanId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: "The SLA plan of the department's tickets, or null.",
});

export const Department = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  path: Type.String({ description: 'The names from the top department down, e.g. "Support / Billing".' }),
  slaPlanId: Type.Union([Type.Integer(), Type.Null()]),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateDepartmentBody = Type.Object(
  {
    name: Name,
    parentId: Type.Optional(ParentId),
    slaPlanId: Type.Optional(SlaPlanId),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(Name),
    parentId: Type.Optional(ParentId),
    slaPlanId: Type.Optional(SlaPlanId),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
