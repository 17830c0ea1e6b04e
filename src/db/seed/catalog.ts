import { sql } from 'kysely';
import type { Db, DialectName } from '../database.ts';
import type { SeedContext, SeedState } from './model.ts';
import { DEPARTMENTS, TEAMS, TOPICS } from './vocabulary.ts';

const STATES: SeedState[] = ['open', 'pending', 'resolved', 'closed', 'archived'];

/**
 * `count` fresh ids for `table`, so that rows referring to each other can be written in bulk. PostgreSQL
 * draws them from the identity sequence (safe beside concurrent writers); SQLite, with one writer at a
 * time, continues after the largest id inside the caller's transaction.
 */
export async function reserveIds(
  db: Db,
  dialect: DialectName,
  table: string,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  if (dialect === 'postgres') {
    const result = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id
      from generate_series(1, ${count})`.execute(db);
    return result.rows.map((row) => Number(row.id));
  }
  const result = await sql<{
    id: number;
  }>`select coalesce(max(id), 0) as id from ${sql.table(table)}`.execute(db);
  const first = Number(result.rows[0]?.id ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Runs `insert` over `rows` in chunks small enough for every driver's parameter limit. */
export async function insertChunked<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

/** The default status of each state, the priorities, departments with their SLA targets, and topics. */
export async function loadCatalog(
  db: Db,
): Promise<Pick<SeedContext, 'statuses' | 'priorities' | 'departments' | 'topics'>> {
  const statuses = await db
    .selectFrom('ticket_statuses')
    .select(['id', 'name', 'state', 'is_default'])
    .orderBy('is_default', 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const byState = {} as SeedContext['statuses'];
  for (const state of STATES) {
    const status = statuses.find((s) => s.state === state);
    if (!status) throw new Error(`No ticket status has the state "${state}"; run the default setup first`);
    byState[state] = { id: status.id, name: status.name };
  }
  const priorities = await db.selectFrom('priorities').select(['id', 'key']).orderBy('id').execute();
  const departments = await db
    .selectFrom('departments')
    .leftJoin('sla_plans', (join) =>
      join.onRef('sla_plans.id', '=', 'departments.sla_plan_id').on('sla_plans.is_active', '=', 1),
    )
    .select(['departments.id', 'sla_plans.id as sla_plan_id', 'sla_plans.resolution_hours'])
    .where('departments.is_active', '=', 1)
    .orderBy('departments.id')
    .execute();
  const topics = await db
    .selectFrom('help_topics')
    .select(['id', 'department_id'])
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
  return {
    statuses: byState,
    priorities,
    departments: departments.map((d) => ({
      id: d.id,
      slaPlanId: d.sla_plan_id,
      resolutionHours: d.resolution_hours,
    })),
    topics: topics.map((t) => ({ id: t.id, departmentId: t.department_id })),
  };
}

/**
 * Adds the departments (some nested under the default ones), help topics and teams of a mid-sized desk,
 * skipping any that exist already, so seeding twice reuses them. Returns the team ids.
 */
export async function ensureStructure(db: Db, now: number): Promise<number[]> {
  const stamps = { created_at: now, updated_at: now };
  const sla = await db
    .selectFrom('sla_plans')
    .select('id')
    .where('is_active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  const departmentId = async (name: string) =>
    (await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
  for (const department of DEPARTMENTS) {
    if ((await departmentId(department.name)) !== null) continue;
    const parentId = department.parent ? await departmentId(department.parent) : null;
    await db
      .insertInto('departments')
      .values({
        name: department.name,
        parent_id: parentId,
        sla_plan_id: sla?.id ?? null,
        is_active: 1,
        ...stamps,
      })
      .execute();
  }
  for (const topic of TOPICS) {
    const exists = await db
      .selectFrom('help_topics')
      .select('id')
      .where('name', '=', topic.name)
      .executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto('help_topics')
      .values({
        name: topic.name,
        department_id: await departmentId(topic.department),
        priority_id: null,
        sla_plan_id: null,
        ...stamps,
      })
      .execute();
  }
  await db
    .insertInto('teams')
    .values(TEAMS.map((name) => ({ name, lead_agent_id: null, is_active: 1, ...stamps })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const teams = await db.selectFrom('teams').select('id').where('name', 'in', TEAMS).orderBy('id').execute();
  return teams.map((team) => team.id);
}
