import { sql } from 'kysely';
import type { Database, Db } from '../database.ts';

/**
 * Reference and uniqueness checks shared by the directory and catalog repositories. Table and column
 * names come from code, never from input, and are quoted as identifiers.
 */

type TableWith<Shape> = {
  [K in keyof Database]: Database[K] extends Shape ? K : never;
}[keyof Database];

export type IdTable = TableWith<{ id: unknown }>;
export type NamedTable = TableWith<{ id: unknown; name: string }>;

/** One body field that names rows of a table, by a single id or a list of ids. */
export interface ReferenceCheck {
  field: string;
  table: IdTable;
  id: number | readonly number[] | null | undefined;
}

/** The ids among `ids` that exist in `table`. */
export async function findExistingIds(db: Db, table: IdTable, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`select id from ${sql.table(table)} where id in (${sql.join([
    ...new Set(ids),
  ])})`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}

/** The first field whose id (or one of whose ids) does not exist, or null when all do. */
export async function findMissingReference(
  db: Db,
  checks: readonly ReferenceCheck[],
): Promise<{ field: string; id: number } | null> {
  for (const check of checks) {
    if (check.id === null || check.id === undefined) continue;
    const ids = typeof check.id === 'number' ? [check.id] : check.id;
    const existing = await findExistingIds(db, check.table, ids);
    const missing = ids.find((id) => !existing.has(id));
    if (missing !== undefined) return { field: check.field, id: missing };
  }
  return null;
}

async function hasRowWith(db: Db, table: string, column: string, id: number): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} where ${sql.ref(
    column,
  )} = ${id} limit 1`.execute(db);
  return result.rows.length > 0;
}

/** Whether any row of `table` has `id` in `column`. */
export async function isReferenced<T extends keyof Database>(
  db: Db,
  table: T,
  column: keyof Database[T] & string,
  id: number,
): Promise<boolean> {
  return hasRowWith(db, table, column, id);
}

/** Whether another row of `table` already has this name, compared case-insensitively. */
export async function isNameTaken(
  db: Db,
  table: NamedTable,
  name: string,
  exceptId: number | null = null,
): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one from ${sql.table(
    table,
  )} where lower(name) = lower(${name}) and id <> ${exceptId ?? 0} limit 1`.execute(db);
  return result.rows.length > 0;
}

/** A column that refers to another table's rows, named for the answer that lists what blocks a delete. */
export type ReferencingColumn = {
  [T in keyof Database]: { label: string; table: T; column: keyof Database[T] & string };
}[keyof Database];

/** The labels of the columns that still refer to row `id`, in the order given. */
export async function findReferencingLabels(
  db: Db,
  id: number,
  columns: readonly ReferencingColumn[],
): Promise<string[]> {
  const labels: string[] = [];
  for (const source of columns) {
    if (await hasRowWith(db, source.table, source.column, id)) labels.push(source.label);
  }
  return labels;
}
