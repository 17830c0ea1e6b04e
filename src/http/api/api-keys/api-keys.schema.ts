import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const IpAddresses = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 50,
  description: 'Source addresses or CIDR blocks the key may be used from; empty allows any.',
});
const CanCreateTickets = Type.Boolean({
  description: 'Whether the key may open tickets (osTicket: "Can Create Tickets").',
});

export const CreateApiKeyBody = Type.Object(
  {
    name: Name,
    ipAddresses: Type.Optional(IpAddresses),
    canCreateTickets: Type.Optional(CanCreateTickets),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateApiKeyBody = Type.Object(
  {
    name: Type.Optional(Name),
    ipAddresses: Type.Optional(IpAddresses),
    canCreateTickets: Type.Optional(CanCreateTickets),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart.' }),
  ipAddresses: Type.Array(Type.String()),
  canCreateTickets: Type.Boolean(),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  createdByAgentId: Type.Union([Type.Integer(), Type.Null()]),
});

export const CreatedApiKey = Type.Object({
  key: Type.String({ description: 'The key, shown this once; only its hash is stored.' }),
  ...ApiKey.properties,
});
