import type { MigrationDb } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // Off by default: members of an organization see one another's tickets only when an agent says so.
  await db.schema
    .alterTable('organizations')
    .addColumn('share_tickets', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // The portal lists an organization's tickets, most recently updated first, when it shares them.
  await db.schema
    .createIndex('tickets_organization_idx')
    .on('tickets')
    .columns(['organization_id', 'updated_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('tickets_organization_idx').execute();
  await db.schema.alterTable('organizations').dropColumn('share_tickets').execute();
}
