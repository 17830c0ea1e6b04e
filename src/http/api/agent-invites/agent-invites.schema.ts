import { Type } from 'typebox';

export const InviteTokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 1000 }) });

export const AgentInvite = Type.Object({
  email: Type.String({ description: 'The address the invited agent signs in with.' }),
  name: Type.String(),
});

export const AcceptAgentInviteBody = Type.Object(
  {
    password: Type.String({
      minLength: 8,
      maxLength: 1024,
      description: 'At least 8 characters; stored only as a hash.',
    }),
  },
  { additionalProperties: false },
);

export const AcceptedAgentInvite = Type.Object({
  email: Type.String({ description: 'Sign in with this address and the new password.' }),
});
