import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Hours = Type.Integer({ minimum: 1, maximum: 8760 });

export const SlaPlan = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  resolutionHours: Type.Integer({ description: 'Hours from opening to the resolution target.' }),
  firstResponseHours: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Hours to the first reply target, or null for none.',
  }),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateSlaPlanBody = Type.Object(
  {
    name: Name,
    resolutionHours: Hours,
    firstResponseHours: Type.Optional(Type.Union([Hours, Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateSlaPlanBody = Type.Object(
  {
    name: Type.Optional(Name),
    resolutionHours: Type.Optional(Hours),
    firstResponseHours: Type.Optional(Type.Union([Hours, Type.Null()])),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
