import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const EmailInput = Type.Object(
  {
    address: Type.String({ format: 'email', maxLength: 254 }),
    isPrimary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const Emails = Type.Array(EmailInput, {
  minItems: 1,
  maxItems: 20,
  description:
    'Every address of the user, replacing the old list. At most one is marked primary; with none marked, the first is.',
});
const OrganizationId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: 'The organization, or null for none.',
});

export const User = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  organizationId: Type.Union([Type.Integer(), Type.Null()]),
  emails: Type.Array(Type.Object({ address: Type.String(), isPrimary: Type.Boolean() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const UserPage = Type.Object({
  items: Type.Array(User),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as cursor to get the next page; null on the last one.',
  }),
});

export const ListUsersQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'A prefix of the name, a word of it, or an address.',
      }),
    ),
    organizationId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, description: 'Page size, 25 when omitted.' }),
    ),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    name: Type.Optional(Name),
    emails: Emails,
    organizationId: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
        description: 'Omitted: the organization claiming the email domain, if any. null: no organization.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  { name: Type.Optional(Name), emails: Type.Optional(Emails), organizationId: Type.Optional(OrganizationId) },
  { additionalProperties: false },
);
