import type { Selectable } from 'kysely';
import type { FormFieldType } from '../../domain/forms/form-values.ts';
import { parseJson } from '../../lib/json.ts';
import type { Db, HelpTopicFieldsTable } from '../database.ts';

/** One field of a help topic's extra form. */
export interface TopicFieldRecord {
  id: number;
  topicId: number;
  key: string;
  label: string;
  type: FormFieldType;
  isRequired: boolean;
  options: string[];
  placeholder: string | null;
  helpText: string | null;
  sortOrder: number;
  isPublic: boolean;
  createdAt: number;
  updatedAt: number;
}

export type TopicFieldColumns = Omit<TopicFieldRecord, 'id' | 'topicId' | 'createdAt' | 'updatedAt'>;

function toField(row: Selectable<HelpTopicFieldsTable>): TopicFieldRecord {
  return {
    id: row.id,
    topicId: row.topic_id,
    key: row.key,
    label: row.label,
    type: row.type as FormFieldType,
    isRequired: row.is_required === 1,
    options: parseJson<string[]>(row.options, []),
    placeholder: row.placeholder,
    helpText: row.help_text,
    sortOrder: row.sort_order,
    isPublic: row.is_public === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(fields: Partial<TopicFieldColumns>) {
  return {
    ...(fields.key !== undefined ? { key: fields.key } : {}),
    ...(fields.label !== undefined ? { label: fields.label } : {}),
    ...(fields.type !== undefined ? { type: fields.type } : {}),
    ...(fields.isRequired !== undefined ? { is_required: fields.isRequired ? 1 : 0 } : {}),
    ...(fields.options !== undefined ? { options: JSON.stringify(fields.options) } : {}),
    ...(fields.placeholder !== undefined ? { placeholder: fields.placeholder } : {}),
    ...(fields.helpText !== undefined ? { help_text: fields.helpText } : {}),
    ...(fields.sortOrder !== undefined ? { sort_order: fields.sortOrder } : {}),
    ...(fields.isPublic !== undefined ? { is_public: fields.isPublic ? 1 : 0 } : {}),
  };
}

/** The fields of some topics (or only their public ones), in form order. */
export async function listFieldsOfTopics(
  db: Db,
  topicIds: readonly number[],
  options: { publicOnly: boolean } = { publicOnly: false },
): Promise<TopicFieldRecord[]> {
  if (topicIds.length === 0) return [];
  let query = db.selectFrom('help_topic_fields').selectAll().where('topic_id', 'in', topicIds);
  if (options.publicOnly) query = query.where('is_public', '=', 1);
  const rows = await query.orderBy('topic_id').orderBy('sort_order').orderBy('id').execute();
  return rows.map(toField);
}

/** One field of a topic, or null. */
export async function findTopicField(db: Db, topicId: number, id: number): Promise<TopicFieldRecord | null> {
  const row = await db
    .selectFrom('help_topic_fields')
    .selectAll()
    .where('topic_id', '=', topicId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toField(row) : null;
}

/** Whether another field of the topic already has this key. */
export async function isFieldKeyTaken(
  db: Db,
  topicId: number,
  key: string,
  exceptId: number | null,
): Promise<boolean> {
  let query = db
    .selectFrom('help_topic_fields')
    .select('id')
    .where('topic_id', '=', topicId)
    .where('key', '=', key);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Inserts a field and returns its id. */
export async function insertTopicField(
  db: Db,
  topicId: number,
  fields: TopicFieldColumns,
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('help_topic_fields')
    .values({
      ...toColumns(fields),
      topic_id: topicId,
      key: fields.key,
      label: fields.label,
      type: fields.type,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given columns of a field. */
export async function updateTopicField(
  db: Db,
  id: number,
  fields: Partial<TopicFieldColumns>,
  now: number,
): Promise<void> {
  await db
    .updateTable('help_topic_fields')
    .set({ ...toColumns(fields), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes a field; values tickets already hold under its key stay on them. */
export async function deleteTopicField(db: Db, id: number): Promise<void> {
  await db.deleteFrom('help_topic_fields').where('id', '=', id).execute();
}
