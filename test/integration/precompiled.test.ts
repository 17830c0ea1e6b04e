import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../src/db/database.ts';
import { precompiled, precompiledWith } from '../../src/db/precompiled.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

// Queries built once per dialect and run with new values: the same rows as the query built each time.
for (const dialect of DIALECTS) {
  describe(`precompiled queries [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    it('builds once and binds each call its own values', async () => {
      let builds = 0;
      const byKey = precompiled((db: Db, key: string) => {
        builds += 1;
        return db.selectFrom('priorities').select(['key', 'name']).where('key', '=', key);
      });
      const low = await byKey.executeTakeFirst(ctx.deps.db, 'low');
      const high = await byKey.executeTakeFirst(ctx.deps.db, 'high');
      const none = await byKey.execute(ctx.deps.db, 'no-such-priority');
      const expected = await ctx.deps.db
        .selectFrom('priorities')
        .select(['key', 'name'])
        .where('key', 'in', ['low', 'high'])
        .orderBy('key')
        .execute();
      assert.deepEqual([high, low], expected);
      assert.deepEqual(none, []);
      assert.equal(builds, 1);
    });

    it('keeps the constants the builder wrote and runs inside a transaction', async () => {
      const activeDepartment = precompiled((db: Db, id: number) =>
        db.selectFrom('departments').select('id').where('id', '=', id).where('is_active', '=', 1),
      );
      const department = await ctx.deps.db
        .selectFrom('departments')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await ctx.deps.db.transaction().execute(async (tx) => {
        assert.deepEqual(await activeDepartment.execute(tx, department.id), [{ id: department.id }]);
        await tx.updateTable('departments').set({ is_active: 0 }).where('id', '=', department.id).execute();
        assert.deepEqual(await activeDepartment.execute(tx, department.id), []);
        await tx.updateTable('departments').set({ is_active: 1 }).where('id', '=', department.id).execute();
      });
    });

    it('inserts from the fields of one object', async () => {
      const insertTag = precompiledWith((db: Db, row: { ticket_id: number; tag: string }) =>
        db.insertInto('ticket_tags').values({ ticket_id: row.ticket_id, tag: row.tag }),
      );
      const created = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Tagged later',
        body: 'Body.',
        requester: { email: 'tags@customer.example' },
      });
      assert.equal(created.status, 201);
      const ticketId = Number(created.body.id);
      await insertTag.run(ctx.deps.db, { ticket_id: ticketId, tag: 'beta' });
      await insertTag.run(ctx.deps.db, { ticket_id: ticketId, tag: 'alpha' });
      const tags = await ctx.deps.db
        .selectFrom('ticket_tags')
        .select('tag')
        .where('ticket_id', '=', ticketId)
        .orderBy('tag')
        .execute();
      assert.deepEqual(
        tags.map((row) => row.tag),
        ['alpha', 'beta'],
      );
    });

    it('refuses a builder that leaves an argument out of its parameters', async () => {
      // Say, a value decided at build time: later calls would silently get the first call's value.
      const misuse = precompiled((db: Db, _key: string) =>
        db.selectFrom('priorities').select('key').where('key', '=', 'low'),
      );
      await assert.rejects(misuse.execute(ctx.deps.db, 'high'), /not one of its parameters/);
    });
  });
}
