import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const ShareTickets = Type.Boolean({
  description: "Members see one another's tickets on the customer portal (default false).",
});
const Domains = Type.Array(Type.String({ format: 'hostname', minLength: 1, maxLength: 253 }), {
  maxItems: 100,
  description:
    'Email domains the organization claims: a new user with an address there joins it. Replaces the whole list.',
});

export const Organization = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  domains: Type.Array(Type.String()),
  shareTickets: Type.Boolean({ description: "Members see one another's tickets on the customer portal." }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateOrganizationBody = Type.Object(
  { name: Name, domains: Type.Optional(Domains), shareTickets: Type.Optional(ShareTickets) },
  { additionalProperties: false },
);

export const UpdateOrganizationBody = Type.Object(
  {
    name: Type.Optional(Name),
    domains: Type.Optional(Domains),
    shareTickets: Type.Optional(ShareTickets),
  },
  { additionalProperties: false },
);
