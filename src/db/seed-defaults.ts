import { PERMISSIONS } from '../domain/permissions/permissions.ts';
import type { Db } from './database.ts';

/**
 * The configuration a new installation starts with, modelled on what teams moving off osTicket know:
 * two departments, four priorities, statuses for every state, three help topics, a default SLA plan and
 * osTicket's four stock roles.
 */
export async function seedDefaultCatalog(
  db: Db,
  now: number,
): Promise<{ departmentId: number; adminRoleId: number }> {
  const stamps = { created_at: now, updated_at: now };
  const sla = await db
    .insertInto('sla_plans')
    .values({ name: 'Default SLA', first_response_hours: 4, resolution_hours: 18, is_active: 1, ...stamps })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('priorities')
    .values([
      { key: 'low', name: 'Low', urgency: 4, color: '#6b7280', is_default: 0 },
      { key: 'normal', name: 'Normal', urgency: 3, color: '#2563eb', is_default: 1 },
      { key: 'high', name: 'High', urgency: 2, color: '#d97706', is_default: 0 },
      { key: 'emergency', name: 'Emergency', urgency: 1, color: '#dc2626', is_default: 0 },
    ])
    .execute();
  await db
    .insertInto('ticket_statuses')
    .values([
      { name: 'Open', state: 'open', sort_order: 1, is_default: 1, ...stamps },
      { name: 'Waiting on customer', state: 'pending', sort_order: 2, is_default: 1, ...stamps },
      { name: 'Resolved', state: 'resolved', sort_order: 3, is_default: 1, ...stamps },
      { name: 'Closed', state: 'closed', sort_order: 4, is_default: 1, ...stamps },
      { name: 'Archived', state: 'archived', sort_order: 5, is_default: 1, ...stamps },
    ])
    .execute();
  const support = await db
    .insertInto('departments')
    .values({ name: 'Support', parent_id: null, sla_plan_id: sla.id, is_active: 1, ...stamps })
    .returning('id')
    .executeTakeFirstOrThrow();
  const operations = await db
    .insertInto('departments')
    .values({ name: 'IT Operations', parent_id: null, sla_plan_id: sla.id, is_active: 1, ...stamps })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roles: [string, readonly string[]][] = [
    ['All access', PERMISSIONS],
    [
      'Expanded access',
      ['ticket.create', 'ticket.edit', 'ticket.assign', 'ticket.transfer', 'ticket.reply', 'ticket.resolve'],
    ],
    ['Limited access', ['ticket.create', 'ticket.assign', 'ticket.transfer', 'ticket.reply']],
    ['View only', []],
  ];
  let adminRoleId = 0;
  for (const [name, permissions] of roles) {
    const role = await db
      .insertInto('roles')
      .values({ name, permissions: JSON.stringify(permissions), ...stamps })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (name === 'All access') adminRoleId = role.id;
  }
  const high = await db
    .selectFrom('priorities')
    .select('id')
    .where('key', '=', 'high')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('help_topics')
    .values([
      { name: 'General inquiry', department_id: support.id, priority_id: null, sla_plan_id: null, ...stamps },
      {
        name: 'Report a problem',
        department_id: support.id,
        priority_id: high.id,
        sla_plan_id: null,
        ...stamps,
      },
      { name: 'Access issue', department_id: operations.id, priority_id: null, sla_plan_id: null, ...stamps },
    ])
    .execute();
  await db.insertInto('sequences').values({ name: 'ticket_number', value: 1000 }).execute();
  return { departmentId: support.id, adminRoleId };
}

export async function hasCatalog(db: Db): Promise<boolean> {
  const row = await db.selectFrom('departments').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('is_admin', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The first administrator, in the first department with the all-access role. */
export async function insertFirstAdmin(
  db: Db,
  input: { email: string; passwordHash: string; now: number },
): Promise<void> {
  const department = await db.selectFrom('departments').select('id').orderBy('id').executeTakeFirstOrThrow();
  const role = await db
    .selectFrom('roles')
    .select('id')
    .where('name', '=', 'All access')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agents')
    .values({
      email: input.email,
      name: 'Administrator',
      password_hash: input.passwordHash,
      is_admin: 1,
      is_active: 1,
      department_id: department.id,
      role_id: role.id,
      created_at: input.now,
      updated_at: input.now,
      last_login_at: null,
    })
    .execute();
}
