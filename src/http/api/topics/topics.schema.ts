import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const OptionalRef = (description: string) =>
  Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description }));
const NullableId = Type.Union([Type.Integer(), Type.Null()]);

export const Topic = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  departmentId: NullableId,
  priorityId: NullableId,
  slaPlanId: NullableId,
  assigneeAgentId: NullableId,
  assigneeTeamId: NullableId,
  isPublic: Type.Boolean({ description: 'Offered to requesters on the portal.' }),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const fields = {
  departmentId: OptionalRef('The department new tickets of this topic go to.'),
  priorityId: OptionalRef('The priority new tickets of this topic get.'),
  slaPlanId: OptionalRef('The SLA plan new tickets of this topic get.'),
  assigneeAgentId: OptionalRef('The agent new tickets of this topic are assigned to.'),
  assigneeTeamId: OptionalRef('The team new tickets of this topic are assigned to.'),
  isPublic: Type.Optional(Type.Boolean()),
  isActive: Type.Optional(Type.Boolean()),
};

export const CreateTopicBody = Type.Object({ name: Name, ...fields }, { additionalProperties: false });

export const UpdateTopicBody = Type.Object(
  { name: Type.Optional(Name), ...fields },
  { additionalProperties: false },
);
