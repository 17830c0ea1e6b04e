import { sql } from 'kysely';
import { type MigrationDb, REF, withId, withTimestamps } from './schema-helpers.ts';

// Saved ticket searches: an agent's own (agent_id set) or shared with everyone (agent_id null).
export async function up(db: MigrationDb): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('queues'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('agent_id', REF, (col) => col.references('agents.id').onDelete('cascade'))
      .addColumn('filters', 'text', (col) => col.notNull().defaultTo('{}'))
      .addColumn('sort', 'text', (col) => col.notNull().defaultTo('-updated'))
      .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0)),
  ).execute();
  // One name per owner, shared queues counting as owner 0; NULLs would never collide in a plain index.
  await db.schema
    .createIndex('queues_owner_name_idx')
    .on('queues')
    .unique()
    .expression(sql`coalesce(agent_id, 0), lower(name)`)
    .execute();
  await db.schema.createIndex('queues_agent_idx').on('queues').columns(['agent_id', 'position']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('queues').execute();
}
