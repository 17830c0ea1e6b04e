import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    agentId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The owner; another agent than yourself needs an administrator.',
      }),
    ),
    expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ListTokensQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: "Administrators only: every agent's tokens." })),
});

export const ApiToken = Type.Object({
  id: Type.Integer(),
  agentId: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart.' }),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  expiresAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});

export const CreatedToken = Type.Object({
  token: Type.String({ description: 'The secret, shown this once; only its hash is stored.' }),
  id: Type.Integer(),
  agentId: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Timestamp,
  expiresAt: NullableTimestamp,
});
