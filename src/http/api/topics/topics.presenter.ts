import type { Static } from 'typebox';
import type { TopicRecord } from '../../../db/repositories/topics.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Topic } from './topics.schema.ts';

/** A help topic as the API shows it. */
export function presentTopic(topic: TopicRecord): Static<typeof Topic> {
  return {
    id: topic.id,
    name: topic.name,
    departmentId: topic.departmentId,
    priorityId: topic.priorityId,
    slaPlanId: topic.slaPlanId,
    assigneeAgentId: topic.assigneeAgentId,
    assigneeTeamId: topic.assigneeTeamId,
    isPublic: topic.isPublic,
    isActive: topic.isActive,
    createdAt: iso(topic.createdAt) as string,
    updatedAt: iso(topic.updatedAt) as string,
  };
}
