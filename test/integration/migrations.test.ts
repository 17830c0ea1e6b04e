import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest, migrationStatus } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { createEmptyDatabase, DIALECTS, type TestDatabase, whileSchemasStay } from '../support/dialects.ts';

for (const dialect of DIALECTS) {
  describe(`migrations [${dialect}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createEmptyDatabase(dialect);
    });
    after(async () => database.drop());

    it('runs up, down to nothing, and up again', () =>
      whileSchemasStay(dialect, async () => {
        const first = await migrateToLatest(database.db);
        assert.equal(first.length, Object.keys(MIGRATIONS).length);
        const down = await migrateDown(database.db, { all: true });
        assert.equal(down.length, Object.keys(MIGRATIONS).length);
        const tables = await database.db.introspection.getTables();
        assert.deepEqual(
          tables
            .filter((t) => database.schema === null || t.schema === database.schema)
            .map((t) => t.name)
            .filter((name) => !name.startsWith('schema_migrations')),
          [],
        );
        const again = await migrateToLatest(database.db);
        assert.equal(again.length, Object.keys(MIGRATIONS).length);
        const status = await migrationStatus(database.db);
        assert.ok(status.every((m) => m.executedAt !== null));
        await sql`select count(*) from tickets`.execute(database.db);
      }));
  });
}
