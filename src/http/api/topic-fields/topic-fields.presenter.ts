import type { Static } from 'typebox';
import type { TopicFieldRecord } from '../../../db/repositories/topic-fields.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { TopicField } from './topic-fields.schema.ts';

/** A field of a help topic's form as the API shows it. */
export function presentTopicField(field: TopicFieldRecord): Static<typeof TopicField> {
  return {
    id: field.id,
    topicId: field.topicId,
    key: field.key,
    label: field.label,
    type: field.type,
    isRequired: field.isRequired,
    options: field.options,
    placeholder: field.placeholder,
    helpText: field.helpText,
    sortOrder: field.sortOrder,
    isPublic: field.isPublic,
    createdAt: iso(field.createdAt) as string,
    updatedAt: iso(field.updatedAt) as string,
  };
}
