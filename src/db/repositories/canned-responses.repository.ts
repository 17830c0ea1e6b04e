import { type Selectable, sql } from 'kysely';
import type { CannedResponsesTable, Db } from '../database.ts';

export interface CannedResponseRecord {
  id: number;
  title: string;
  bodyHtml: string;
  bodyText: string;
  departmentId: number | null;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface CannedResponseFields {
  title: string;
  bodyHtml: string;
  bodyText: string;
  departmentId: number | null;
  isActive: boolean;
}

/** Which canned responses a list shows. */
export interface CannedResponseFilter {
  /** Those of this department plus the global ones; every department's when undefined. */
  departmentId?: number | undefined;
  includeInactive: boolean;
}

function toCannedResponse(row: Selectable<CannedResponsesTable>): CannedResponseRecord {
  return {
    id: Number(row.id),
    title: row.title,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    departmentId: row.department_id === null ? null : Number(row.department_id),
    isActive: row.is_active === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toColumns(fields: Partial<CannedResponseFields>) {
  return {
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.bodyHtml !== undefined ? { body_html: fields.bodyHtml } : {}),
    ...(fields.bodyText !== undefined ? { body_text: fields.bodyText } : {}),
    ...(fields.departmentId !== undefined ? { department_id: fields.departmentId } : {}),
    ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
  };
}

/** Canned responses matching the filter, by title. */
export async function listCannedResponses(
  db: Db,
  filter: CannedResponseFilter,
): Promise<CannedResponseRecord[]> {
  let query = db.selectFrom('canned_responses').selectAll();
  if (!filter.includeInactive) query = query.where('is_active', '=', 1);
  const { departmentId } = filter;
  if (departmentId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('department_id', 'is', null), eb('department_id', '=', departmentId)]),
    );
  }
  const rows = await query.orderBy(sql`lower(title)`).orderBy('id').execute();
  return rows.map(toCannedResponse);
}

/** One canned response, or null. */
export async function findCannedResponse(db: Db, id: number): Promise<CannedResponseRecord | null> {
  const row = await db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCannedResponse(row) : null;
}

/** Whether another canned response of the same department (or global set) has this title, ignoring case. */
export async function isTitleTaken(
  db: Db,
  title: string,
  departmentId: number | null,
  exceptId?: number,
): Promise<boolean> {
  let query = db
    .selectFrom('canned_responses')
    .select('id')
    .where(sql`lower(title)`, '=', sql`lower(${title})`);
  query =
    departmentId === null
      ? query.where('department_id', 'is', null)
      : query.where('department_id', '=', departmentId);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Inserts a canned response and returns its id. */
export async function insertCannedResponse(
  db: Db,
  fields: CannedResponseFields,
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('canned_responses')
    .values({
      title: fields.title,
      body_html: fields.bodyHtml,
      body_text: fields.bodyText,
      department_id: fields.departmentId,
      is_active: fields.isActive ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Writes the given fields of a canned response. */
export async function updateCannedResponse(
  db: Db,
  id: number,
  fields: Partial<CannedResponseFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('canned_responses')
    .set({ ...toColumns(fields), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes a canned response. */
export async function deleteCannedResponse(db: Db, id: number): Promise<void> {
  await db.deleteFrom('canned_responses').where('id', '=', id).execute();
}
