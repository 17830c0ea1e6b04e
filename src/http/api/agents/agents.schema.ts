import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'The sign-in address; stored lower-cased.',
});
const Password = Type.String({
  minLength: 8,
  maxLength: 1024,
  description: 'At least 8 characters; stored only as a hash and never returned.',
});
const Id = Type.Integer({ minimum: 1 });
const DepartmentAccess = Type.Object({ departmentId: Id, roleId: Id }, { additionalProperties: false });
const Departments = Type.Array(DepartmentAccess, {
  maxItems: 200,
  description: 'Departments beyond the primary one and the role held in each; replaces the whole list.',
});
const TeamIds = Type.Array(Id, { uniqueItems: true, maxItems: 200, description: 'Replaces the whole list.' });

export const Agent = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  hasPassword: Type.Boolean({ description: 'Whether the agent can sign in with a password.' }),
  isAdmin: Type.Boolean(),
  isActive: Type.Boolean(),
  departmentId: Type.Integer({ description: 'The primary department.' }),
  roleId: Type.Integer({ description: 'The role held in the primary department.' }),
  departments: Type.Array(Type.Object({ departmentId: Type.Integer(), roleId: Type.Integer() })),
  teamIds: Type.Array(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: NullableTimestamp,
});

export const CreateAgentBody = Type.Object(
  {
    email: Email,
    name: Name,
    password: Type.Optional(Password),
    invite: Type.Optional(
      Type.Boolean({
        description: 'Email the agent a one-time link to choose their password; not with `password`.',
      }),
    ),
    isAdmin: Type.Optional(Type.Boolean()),
    isActive: Type.Optional(Type.Boolean()),
    departmentId: Id,
    roleId: Id,
    departments: Type.Optional(Departments),
    teamIds: Type.Optional(TeamIds),
  },
  { additionalProperties: false },
);

export const UpdateAgentBody = Type.Object(
  {
    email: Type.Optional(Email),
    name: Type.Optional(Name),
    password: Type.Optional(Password),
    isAdmin: Type.Optional(Type.Boolean()),
    isActive: Type.Optional(Type.Boolean({ description: 'false signs the agent out everywhere.' })),
    departmentId: Type.Optional(Id),
    roleId: Type.Optional(Id),
    departments: Type.Optional(Departments),
    teamIds: Type.Optional(TeamIds),
  },
  { additionalProperties: false },
);

export const DeleteAgentQuery = Type.Object(
  {
    permanent: Type.Optional(
      Type.Boolean({
        description:
          'Delete the agent instead of deactivating them; only for an agent with no trace in any ticket.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SentAgentInvite = Type.Object({
  expiresAt: Timestamp,
});
