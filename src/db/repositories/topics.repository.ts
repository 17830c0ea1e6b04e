import type { Selectable } from 'kysely';
import type { Db, HelpTopicsTable } from '../database.ts';

export interface TopicRecord {
  id: number;
  name: string;
  departmentId: number | null;
  priorityId: number | null;
  slaPlanId: number | null;
  assigneeAgentId: number | null;
  assigneeTeamId: number | null;
  isPublic: boolean;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export type TopicFields = Omit<TopicRecord, 'id' | 'createdAt' | 'updatedAt'>;

function toTopic(row: Selectable<HelpTopicsTable>): TopicRecord {
  return {
    id: row.id,
    name: row.name,
    departmentId: row.department_id,
    priorityId: row.priority_id,
    slaPlanId: row.sla_plan_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
    isPublic: row.is_public === 1,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(fields: Partial<TopicFields>) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.departmentId !== undefined ? { department_id: fields.departmentId } : {}),
    ...(fields.priorityId !== undefined ? { priority_id: fields.priorityId } : {}),
    ...(fields.slaPlanId !== undefined ? { sla_plan_id: fields.slaPlanId } : {}),
    ...(fields.assigneeAgentId !== undefined ? { assignee_agent_id: fields.assigneeAgentId } : {}),
    ...(fields.assigneeTeamId !== undefined ? { assignee_team_id: fields.assigneeTeamId } : {}),
    ...(fields.isPublic !== undefined ? { is_public: fields.isPublic ? 1 : 0 } : {}),
    ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
  };
}

/** Every help topic, by name. */
export async function listTopics(db: Db): Promise<TopicRecord[]> {
  const rows = await db.selectFrom('help_topics').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toTopic);
}

/** One help topic, or null. */
export async function findTopic(db: Db, id: number): Promise<TopicRecord | null> {
  const row = await db.selectFrom('help_topics').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTopic(row) : null;
}

/** Inserts a help topic and returns its id. */
export async function insertTopic(db: Db, fields: TopicFields, now: number): Promise<number> {
  const columns = toColumns(fields);
  const row = await db
    .insertInto('help_topics')
    .values({ ...columns, name: fields.name, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a help topic. */
export async function updateTopic(
  db: Db,
  id: number,
  fields: Partial<TopicFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('help_topics')
    .set({ ...toColumns(fields), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes a help topic. */
export async function deleteTopic(db: Db, id: number): Promise<void> {
  await db.deleteFrom('help_topics').where('id', '=', id).execute();
}
