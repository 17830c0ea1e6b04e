import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const LeadAgentId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: 'The agent who leads the team, or null.',
});
const MemberIds = Type.Array(Type.Integer({ minimum: 1 }), {
  uniqueItems: true,
  maxItems: 1000,
  description: 'The agents in the team; replaces the whole membership.',
});

export const Team = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  leadAgentId: Type.Union([Type.Integer(), Type.Null()]),
  isActive: Type.Boolean(),
  memberIds: Type.Array(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateTeamBody = Type.Object(
  {
    name: Name,
    leadAgentId: Type.Optional(LeadAgentId),
    isActive: Type.Optional(Type.Boolean()),
    memberIds: Type.Optional(MemberIds),
  },
  { additionalProperties: false },
);

export const UpdateTeamBody = Type.Object(
  {
    name: Type.Optional(Name),
    leadAgentId: Type.Optional(LeadAgentId),
    isActive: Type.Optional(Type.Boolean()),
    memberIds: Type.Optional(MemberIds),
  },
  { additionalProperties: false },
);
