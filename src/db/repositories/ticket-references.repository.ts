import { sql } from 'kysely';
import { TICKET_STATES, type TicketState } from '../../domain/ticket/lifecycle.ts';
import type { Db } from '../database.ts';
import { precompiled } from '../precompiled.ts';

/**
 * The small reads a ticket write needs to check and default its references: each returns only the fields
 * that decide something, or null when the row does not exist.
 */

export async function findTopicDefaults(db: Db, id: number) {
  const row = await db
    .selectFrom('help_topics')
    .select([
      'id',
      'department_id',
      'priority_id',
      'sla_plan_id',
      'assignee_agent_id',
      'assignee_team_id',
      'is_active',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        departmentId: row.department_id,
        priorityId: row.priority_id,
        slaPlanId: row.sla_plan_id,
        assigneeAgentId: row.assignee_agent_id,
        assigneeTeamId: row.assignee_team_id,
        isActive: row.is_active === 1,
      }
    : null;
}

const departmentRef = precompiled((db: Db, id: number) =>
  db.selectFrom('departments').select(['id', 'name', 'sla_plan_id', 'is_active']).where('id', '=', id),
);

export async function findDepartmentRef(db: Db, id: number) {
  const row = await departmentRef.executeTakeFirst(db, id);
  return row
    ? { id: row.id, name: row.name, slaPlanId: row.sla_plan_id, isActive: row.is_active === 1 }
    : null;
}

// The constants of these lookups are written with sql.lit: see src/db/precompiled.ts.
const defaultDepartment = precompiled((db: Db) =>
  db
    .selectFrom('departments')
    .select('id')
    .where('is_active', '=', sql.lit(1))
    .orderBy('id')
    .limit(sql.lit(1)),
);

/** The department new tickets go to when nothing else decides: the first active one. */
export async function findDefaultDepartmentId(db: Db): Promise<number | null> {
  const row = await defaultDepartment.executeTakeFirst(db);
  return row?.id ?? null;
}

const priorityById = precompiled((db: Db, id: number) =>
  db.selectFrom('priorities').select(['id', 'key', 'name']).where('id', '=', id),
);
const priorityByKey = precompiled((db: Db, key: string) =>
  db.selectFrom('priorities').select(['id', 'key', 'name']).where('key', '=', key),
);
const defaultPriority = precompiled((db: Db) =>
  db
    .selectFrom('priorities')
    .select(['id', 'key', 'name'])
    .where('is_default', '=', sql.lit(1))
    .orderBy('id')
    .limit(sql.lit(1)),
);

/** A priority by id, by key, or the default one. */
export async function findPriorityRef(db: Db, by: { id: number } | { key: string } | { isDefault: true }) {
  const row =
    'id' in by
      ? await priorityById.executeTakeFirst(db, by.id)
      : 'key' in by
        ? await priorityByKey.executeTakeFirst(db, by.key)
        : await defaultPriority.executeTakeFirst(db);
  return row ?? null;
}

export async function findStatusRef(db: Db, id: number) {
  return (
    (await db
      .selectFrom('ticket_statuses')
      .select(['id', 'name', 'state'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** One query per state, the state written into it: the states are a fixed set. */
const defaultStatusOf = new Map(
  TICKET_STATES.map((state) => [
    state,
    precompiled((db: Db) =>
      db
        .selectFrom('ticket_statuses')
        .select(['id', 'name', 'state'])
        .where('state', '=', sql.lit(state))
        .orderBy('is_default', 'desc')
        .orderBy('sort_order')
        .orderBy('id')
        .limit(sql.lit(1)),
    ),
  ]),
);

/** The default status of a state (the seeded configuration always has one per state). */
export async function findDefaultStatus(db: Db, state: string) {
  const query = defaultStatusOf.get(state as TicketState);
  return query ? ((await query.executeTakeFirst(db)) ?? null) : null;
}

const slaPlanRef = precompiled((db: Db, id: number) =>
  db.selectFrom('sla_plans').select(['id', 'resolution_hours', 'is_active']).where('id', '=', id),
);

export async function findSlaPlanRef(db: Db, id: number) {
  const row = await slaPlanRef.executeTakeFirst(db, id);
  return row ? { id: row.id, resolutionHours: row.resolution_hours, isActive: row.is_active === 1 } : null;
}

export async function findAgentRef(db: Db, id: number) {
  const row = await db
    .selectFrom('agents')
    .select(['id', 'name', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, isActive: row.is_active === 1 } : null;
}

export async function findTeamRef(db: Db, id: number) {
  const row = await db
    .selectFrom('teams')
    .select(['id', 'name', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, isActive: row.is_active === 1 } : null;
}

export async function findUserRef(db: Db, id: number) {
  return (
    (await db
      .selectFrom('users')
      .select(['id', 'name', 'organization_id'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}
