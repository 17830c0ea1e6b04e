import { type MigrationDb, REF, withId, withTimestamps } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // A topic's fields go with it: a topic that can be deleted (no ticket was filed under it) takes its form.
  await withTimestamps(
    withId(db, db.schema.createTable('help_topic_fields'))
      .addColumn('topic_id', REF, (col) => col.notNull().references('help_topics.id').onDelete('cascade'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('label', 'text', (col) => col.notNull())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('is_required', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('options', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('placeholder', 'text')
      .addColumn('help_text', 'text')
      .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('is_public', 'integer', (col) => col.notNull().defaultTo(1))
      .addUniqueConstraint('help_topic_fields_topic_key_uq', ['topic_id', 'key']),
  ).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('help_topic_fields').execute();
}
