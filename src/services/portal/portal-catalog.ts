import { listFieldsOfTopics, type TopicFieldRecord } from '../../db/repositories/topic-fields.repository.ts';
import { listTopics, type TopicRecord } from '../../db/repositories/topics.repository.ts';
import type { ServiceDeps } from '../deps.ts';

/** The help topics the portal offers (active and public), each with the public fields of its form. */
export async function listPortalTopics(
  deps: ServiceDeps,
): Promise<{ topic: TopicRecord; fields: TopicFieldRecord[] }[]> {
  const topics = (await listTopics(deps.db)).filter((topic) => topic.isActive && topic.isPublic);
  const fields = await listFieldsOfTopics(
    deps.db,
    topics.map((topic) => topic.id),
    { publicOnly: true },
  );
  return topics.map((topic) => ({ topic, fields: fields.filter((field) => field.topicId === topic.id) }));
}
