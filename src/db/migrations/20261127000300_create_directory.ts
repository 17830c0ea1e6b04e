import { type MigrationDb, REF, withId, withTimestamps } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('organizations')).addColumn('name', 'text', (col) =>
      col.notNull().unique(),
    ),
  ).execute();
  await db.schema
    .createTable('organization_domains')
    .addColumn('domain', 'text', (col) => col.primaryKey())
    .addColumn('organization_id', REF, (col) =>
      col.notNull().references('organizations.id').onDelete('cascade'),
    )
    .execute();
  await withTimestamps(
    withId(db, db.schema.createTable('users'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('organization_id', REF, (col) => col.references('organizations.id').onDelete('set null')),
  ).execute();
  await withId(db, db.schema.createTable('user_emails'))
    .addColumn('user_id', REF, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (col) => col.notNull().unique())
    .addColumn('is_primary', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('user_emails_user_idx').on('user_emails').column('user_id').execute();

  await withTimestamps(
    withId(db, db.schema.createTable('departments'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('parent_id', REF, (col) => col.references('departments.id'))
      .addColumn('sla_plan_id', REF, (col) => col.references('sla_plans.id'))
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1)),
  ).execute();
  await withTimestamps(
    withId(db, db.schema.createTable('roles'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('permissions', 'text', (col) => col.notNull()),
  ).execute();
  await withId(db, db.schema.createTable('agents'))
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_admin', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('department_id', REF, (col) => col.notNull().references('departments.id'))
    .addColumn('role_id', REF, (col) => col.notNull().references('roles.id'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('last_login_at', 'bigint')
    .execute();
  await db.schema
    .createTable('agent_departments')
    .addColumn('agent_id', REF, (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('department_id', REF, (col) => col.notNull().references('departments.id').onDelete('cascade'))
    .addColumn('role_id', REF, (col) => col.notNull().references('roles.id'))
    .addPrimaryKeyConstraint('agent_departments_pk', ['agent_id', 'department_id'])
    .execute();
  await withTimestamps(
    withId(db, db.schema.createTable('teams'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('lead_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1)),
  ).execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', REF, (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', REF, (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('team_members_agent_idx').on('team_members').column('agent_id').execute();
  await withTimestamps(
    withId(db, db.schema.createTable('help_topics'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('department_id', REF, (col) => col.references('departments.id'))
      .addColumn('priority_id', REF, (col) => col.references('priorities.id'))
      .addColumn('sla_plan_id', REF, (col) => col.references('sla_plans.id'))
      .addColumn('assignee_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
      .addColumn('assignee_team_id', REF, (col) => col.references('teams.id').onDelete('set null'))
      .addColumn('is_public', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1)),
  ).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'help_topics',
    'team_members',
    'teams',
    'agent_departments',
    'agents',
    'roles',
    'departments',
    'user_emails',
    'users',
    'organization_domains',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
