import { Type } from 'typebox';
import { PERMISSIONS } from '../../../domain/permissions/permissions.ts';
import { Timestamp } from '../common.schema.ts';

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    // Argon2 hashes any length, but nobody needs more than this and the work stays bounded.
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const AgentSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  isAdmin: Type.Boolean(),
});

export const LoginResponse = Type.Object({
  agent: AgentSummary,
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token on every write made with the cookie.' }),
  expiresAt: Timestamp,
});

export const MeResponse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  isAdmin: Type.Boolean(),
  departments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      permissions: Type.Array(Type.Enum(PERMISSIONS)),
    }),
  ),
  teamIds: Type.Array(Type.Integer()),
  authMethod: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  csrfToken: Type.Optional(Type.String({ description: 'Present when signed in with the session cookie.' })),
});

export const NoContent = Type.Null({ description: 'No content' });
