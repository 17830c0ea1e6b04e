import { Type } from 'typebox';
import { PERMISSIONS } from '../../../domain/permissions/permissions.ts';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Permissions = Type.Array(Type.Enum(PERMISSIONS), {
  maxItems: 100,
  description: 'The permission keys the role grants in each department it is held in.',
});

export const Role = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateRoleBody = Type.Object(
  { name: Name, permissions: Permissions },
  { additionalProperties: false },
);

export const UpdateRoleBody = Type.Object(
  { name: Type.Optional(Name), permissions: Type.Optional(Permissions) },
  { additionalProperties: false },
);
