import { sql } from 'kysely';
import { type MigrationDb, REF, withId, withTimestamps } from './schema-helpers.ts';

// Reply snippets agents insert in the composer: for one department, or for every department (null).
export async function up(db: MigrationDb): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('canned_responses'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body_html', 'text', (col) => col.notNull())
      .addColumn('body_text', 'text', (col) => col.notNull())
      .addColumn('department_id', REF, (col) => col.references('departments.id').onDelete('cascade'))
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1)),
  ).execute();
  // One title per department, global responses counting as department 0; NULLs never collide in a plain index.
  await db.schema
    .createIndex('canned_responses_department_title_idx')
    .on('canned_responses')
    .unique()
    .expression(sql`coalesce(department_id, 0), lower(title)`)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('canned_responses').execute();
}
