import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

// The full-text index follows every committed write: SQLite feeds it from search_backlog just before each
// COMMIT (migration 20261127009800), PostgreSQL from generated columns.
for (const dialect of DIALECTS) {
  describe(`search index follows writes [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    const search = async (q: string) => {
      const response = await ctx.api('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items.map((t: { number: string }) => t.number).sort();
    };
    const open = async (subject: string, body: string) => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject,
        body,
        requester: { email: 'reporter@customer.example' },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.number as string;
    };
    const backlog = async () => {
      if (dialect !== 'sqlite') return 0;
      const result = await sql<{ n: number }>`select count(*) as n from search_backlog`.execute(ctx.deps.db);
      return Number(result.rows[0]?.n);
    };

    it('finds a new ticket by its subject and its first message once created', async () => {
      const number = await open('Quokka kiosk frozen', 'The wallaroo screen shows nothing.');
      assert.deepEqual(await search('quokka'), [number]);
      assert.deepEqual(await search('wallaroo'), [number]);
      assert.equal(await backlog(), 0);
    });

    it('indexes every ticket of a burst committed together', async () => {
      const numbers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => open(`Numbat outage report ${i}`, `Bilby ${i} cannot sign in.`)),
      );
      const all = await ctx.api('GET', '/api/v1/tickets?q=numbat&limit=100');
      assert.deepEqual(all.body.items.map((t: { number: string }) => t.number).sort(), numbers.sort());
      const bodies = await ctx.api('GET', '/api/v1/tickets?q=bilby&limit=100');
      assert.equal(bodies.body.items.length, 40);
      assert.equal(await backlog(), 0);
    });

    it('forgets an old subject and finds the new one after a change', async () => {
      const number = await open('Dugong printer jam', 'Paper stuck.');
      const patched = await ctx.api('PATCH', `/api/v1/tickets/${number}`, { subject: 'Manatee scanner jam' });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual(await search('dugong'), []);
      assert.deepEqual(await search('manatee'), [number]);
      assert.equal(await backlog(), 0);
    });

    it('changes a subject twice in one transaction and indexes only the last', async () => {
      const number = await open('Axolotl badge reader', 'Door stays shut.');
      await ctx.deps.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('tickets')
          .set({ subject: 'Pangolin badge reader' })
          .where('number', '=', number)
          .execute();
        await tx
          .updateTable('tickets')
          .set({ subject: 'Okapi badge reader' })
          .where('number', '=', number)
          .execute();
      });
      assert.deepEqual(await search('axolotl'), []);
      assert.deepEqual(await search('pangolin'), []);
      assert.deepEqual(await search('okapi'), [number]);
    });

    it('leaves nothing in the index from a transaction that rolled back', async () => {
      await assert.rejects(
        ctx.deps.db.transaction().execute(async (tx) => {
          const ticket = await tx
            .selectFrom('tickets')
            .selectAll()
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow();
          // Everything but the id and PostgreSQL's generated column.
          const { id: _id, ...columns } = ticket as typeof ticket & { subject_tsv?: unknown };
          delete columns.subject_tsv;
          await tx
            .insertInto('tickets')
            .values({ ...columns, number: `rollback-${Date.now()}`, subject: 'Narwhal never saved' })
            .execute();
          throw new Error('abandoned');
        }),
        /abandoned/,
      );
      assert.deepEqual(await search('narwhal'), []);
      assert.equal(await backlog(), 0);
    });

    it('takes a deleted entry out of the index, whether or not it was indexed yet', async () => {
      const number = await open('Kakapo laptop', 'Echidna battery swollen.');
      assert.deepEqual(await search('echidna'), [number]);
      await ctx.deps.db.transaction().execute(async (tx) => {
        const ticket = await tx
          .selectFrom('tickets')
          .select('id')
          .where('number', '=', number)
          .executeTakeFirstOrThrow();
        const entry = await tx
          .insertInto('thread_entries')
          .values({
            ticket_id: ticket.id,
            type: 'note',
            author_type: 'system',
            author_agent_id: null,
            author_user_id: null,
            author_name: 'Tessera',
            body_html: '<p>Quetzal</p>',
            body_text: 'Quetzal',
            email_message_id: null,
            email_meta: null,
            created_at: ctx.clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Deleted while still waiting to be indexed, then an indexed one.
        await tx.deleteFrom('thread_entries').where('id', '=', entry.id).execute();
        await tx
          .deleteFrom('thread_entries')
          .where('ticket_id', '=', ticket.id)
          .where('body_text', 'like', 'Echidna%')
          .execute();
      });
      assert.deepEqual(await search('quetzal'), []);
      assert.deepEqual(await search('echidna'), []);
      assert.deepEqual(await search('kakapo'), [number]);
      assert.equal(await backlog(), 0);
    });
  });
}
