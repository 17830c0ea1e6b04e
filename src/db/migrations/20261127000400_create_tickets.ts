import { sql } from 'kysely';
import { isPostgres, type MigrationDb, REF, withId } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('tickets'))
    .addColumn('number', 'text', (col) => col.notNull().unique())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('status_id', REF, (col) => col.notNull().references('ticket_statuses.id'))
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('priority_id', REF, (col) => col.notNull().references('priorities.id'))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('user_id', REF, (col) => col.notNull().references('users.id'))
    .addColumn('organization_id', REF, (col) => col.references('organizations.id').onDelete('set null'))
    .addColumn('department_id', REF, (col) => col.notNull().references('departments.id'))
    .addColumn('topic_id', REF, (col) => col.references('help_topics.id').onDelete('set null'))
    .addColumn('assignee_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
    .addColumn('assignee_team_id', REF, (col) => col.references('teams.id').onDelete('set null'))
    .addColumn('sla_plan_id', REF, (col) => col.references('sla_plans.id').onDelete('set null'))
    .addColumn('due_at', 'bigint')
    .addColumn('sla_paused_at', 'bigint')
    .addColumn('is_answered', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('is_overdue', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('fields', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('last_message_at', 'bigint', (col) => col.notNull())
    .addColumn('last_response_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('reopened_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute();
  // The queue pages sort by last update within a state, optionally narrowed to a department or assignee.
  await db.schema
    .createIndex('tickets_state_updated_idx')
    .on('tickets')
    .columns(['state', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('tickets_department_state_idx')
    .on('tickets')
    .columns(['department_id', 'state', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('tickets_assignee_state_idx')
    .on('tickets')
    .columns(['assignee_agent_id', 'state', 'updated_at'])
    .execute();
  await db.schema.createIndex('tickets_user_idx').on('tickets').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createIndex('tickets_due_idx')
    .on('tickets')
    .columns(['state', 'is_overdue', 'due_at'])
    .execute();
  await db.schema.createIndex('tickets_updated_idx').on('tickets').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  await db.schema
    .createIndex('ticket_tags_tag_idx')
    .on('ticket_tags')
    .columns(['tag', 'ticket_id'])
    .execute();

  await withId(db, db.schema.createTable('thread_entries'))
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('author_type', 'text', (col) => col.notNull())
    .addColumn('author_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
    .addColumn('author_user_id', REF, (col) => col.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('email_message_id', 'text')
    .addColumn('email_meta', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('thread_entries_ticket_idx')
    .on('thread_entries')
    .columns(['ticket_id', 'id'])
    .execute();
  await db.schema
    .createIndex('thread_entries_message_id_idx')
    .on('thread_entries')
    .column('email_message_id')
    .execute();

  await withId(db, db.schema.createTable('resolutions'))
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('entry_id', REF, (col) => col.notNull().references('thread_entries.id').onDelete('cascade'))
    .addColumn('problem', 'text', (col) => col.notNull())
    .addColumn('action_taken', 'text', (col) => col.notNull())
    .addColumn('confirmation', 'text', (col) => col.notNull())
    .addColumn('next_steps', 'text')
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('resolutions_ticket_idx')
    .on('resolutions')
    .columns(['ticket_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('entry_id', REF, (col) => col.notNull().references('thread_entries.id').onDelete('cascade'))
    .addColumn('filename', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'bigint', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('attachments_entry_idx').on('attachments').column('entry_id').execute();
  await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();

  await withId(db, db.schema.createTable('events'))
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('actor_type', 'text', (col) => col.notNull())
    .addColumn('actor_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
    .addColumn('actor_user_id', REF, (col) => col.references('users.id').onDelete('set null'))
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('events_ticket_idx').on('events').columns(['ticket_id', 'id']).execute();

  if (isPostgres(db)) {
    await sql`CREATE SEQUENCE ticket_number_seq START WITH 1001`.execute(db);
  }
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) await sql`DROP SEQUENCE ticket_number_seq`.execute(db);
  for (const table of ['events', 'attachments', 'resolutions', 'thread_entries', 'ticket_tags', 'tickets']) {
    await db.schema.dropTable(table).execute();
  }
}
