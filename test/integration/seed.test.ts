import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type SeedOptions, type SeedReport, seedDatabase } from '../../src/db/seed/seed-database.ts';
import { type CliRun, runTessera } from '../support/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase, whileSchemasStay } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const TICKETS = 300;

/**
 * What a bulk load sets aside and must put back: indexes and triggers, the foreign keys (PostgreSQL) and
 * the full-text index's stored options (SQLite: `hashsize`, whose absence means SQLite's 1 MB default).
 */
async function schemaObjects(database: TestDatabase): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const objects = await sql<{
      name: string;
    }>`select type || ' ' || name as name from sqlite_master where type in ('index', 'trigger') order by name`.execute(
      database.db,
    );
    const options = await sql<{ name: string }>`
      select 'ticket_subject_fts ' || k || '=' || v as name from ticket_subject_fts_config where k = 'hashsize'
      union all
      select 'thread_entry_fts ' || k || '=' || v from thread_entry_fts_config where k = 'hashsize'`.execute(
      database.db,
    );
    const stored = options.rows.map((row) => row.name);
    for (const fts of ['ticket_subject_fts', 'thread_entry_fts']) {
      if (!stored.some((name) => name.startsWith(`${fts} `))) stored.push(`${fts} hashsize=${1024 * 1024}`);
    }
    return [...objects.rows.map((row) => row.name), ...stored.sort()];
  }
  const objects = await sql<{ name: string }>`
    select 'index ' || indexname as name from pg_indexes where schemaname = current_schema()
    union all
    select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = current_schema()::regnamespace
    order by 1`.execute(database.db);
  return objects.rows.map((row) => row.name);
}

for (const dialect of DIALECTS) {
  describe(`seed generator [${dialect}]`, () => {
    let ctx: TestContext;
    const seed = (options: SeedOptions) =>
      whileSchemasStay(dialect, () => seedDatabase(ctx.database.url, options));
    let report: SeedReport;
    let schemaBefore: string[];
    const count = async (table: 'tickets' | 'thread_entries' | 'events' | 'resolutions' | 'ticket_tags') =>
      Number(
        (
          await ctx.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );

    before(async () => {
      ctx = await createTestContext(dialect);
      schemaBefore = await schemaObjects(ctx.database);
      // A small batch size makes the run cross batch boundaries; rebuilding indexes is forced on
      // PostgreSQL so the bulk path is the one tested.
      report = await seed({
        tickets: TICKETS,
        users: 120,
        agents: 12,
        seed: 42,
        batch: 70,
        now: ctx.clock.now(),
        rebuildIndexes: true,
      });
    });
    after(async () => ctx.close());

    it('writes the tickets, entries, events, resolutions and tags it reports', async () => {
      assert.equal(report.tickets, TICKETS);
      assert.equal(await count('tickets'), TICKETS);
      assert.equal(await count('thread_entries'), report.entries);
      assert.equal(await count('events'), report.events);
      assert.equal(await count('resolutions'), report.resolutions);
      assert.equal(await count('ticket_tags'), report.tags);
      assert.equal(report.requesters, 120);
      assert.equal(report.agents, 12);
    });

    it('puts back every index, trigger, foreign key and full-text option the load set aside', async () => {
      const after = await schemaObjects(ctx.database);
      assert.deepEqual(after, schemaBefore);
      assert.ok(
        after.some((name) => (dialect === 'sqlite' ? /^trigger .*fts_insert$/ : / FOREIGN KEY /).test(name)),
      );
    });

    it('makes realistic data: mostly closed, about three entries per ticket, each opened by a message', async () => {
      const closed = (report.states.closed ?? 0) + (report.states.archived ?? 0);
      assert.ok(closed / TICKETS > 0.8, JSON.stringify(report.states));
      assert.ok(Object.keys(report.states).length >= 3, JSON.stringify(report.states));
      const perTicket = report.entries / TICKETS;
      assert.ok(perTicket > 2.6 && perTicket < 3.6, `entries per ticket ${perTicket}`);
      const withoutMessage = await ctx.database.db
        .selectFrom('tickets')
        .select('id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('thread_entries')
                .select('thread_entries.id')
                .whereRef('thread_entries.ticket_id', '=', 'tickets.id')
                .where('thread_entries.type', '=', 'message'),
            ),
          ),
        )
        .execute();
      assert.equal(withoutMessage.length, 0);
      const resolved = await ctx.database.db
        .selectFrom('tickets')
        .select('id')
        .where('state', 'in', ['resolved', 'closed', 'archived'])
        .execute();
      assert.equal(report.resolutions, resolved.length);
    });

    it('lists seeded tickets through the API with their names resolved', async () => {
      const response = await ctx.api('GET', '/api/v1/tickets?state=closed&limit=5');
      assert.equal(response.status, 200);
      assert.equal(response.body.items.length, 5);
      assert.ok(response.body.items[0].requester.email.includes('@'));
      const thread = await ctx.api('GET', `/api/v1/tickets/${response.body.items[0].number}/thread`);
      assert.equal(thread.status, 200);
      assert.ok(thread.body.items.some((item: { type: string }) => item.type === 'resolution'));
    });

    it('finds a seeded word by its prefix through search', async () => {
      const word = report.words.common[0]!;
      const response = await ctx.api('GET', `/api/v1/tickets?q=${word.word.slice(0, 4)}&limit=100`);
      assert.equal(response.status, 200);
      assert.ok(response.body.items.length > 0, `no ticket found for ${word.word}`);
      const rare = report.words.rare[0]!;
      const rareResponse = await ctx.api('GET', `/api/v1/tickets?q=${rare.word}&limit=100`);
      assert.equal(rareResponse.body.items.length, rare.tickets);
    });

    it('gives the next ticket created through the API the next number', async () => {
      assert.equal(report.firstNumber, '1001');
      assert.equal(report.lastNumber, String(1000 + TICKETS));
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Quasar flux capacitor after the seed',
        body: 'Created after seeding.',
        requester: { email: 'after-seed@customer.example' },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.number, String(1001 + TICKETS));
      const search = await ctx.api('GET', '/api/v1/tickets?q=quasar');
      assert.deepEqual(
        search.body.items.map((t: { number: string }) => t.number),
        [response.body.number],
      );
    });

    it('reuses the directory and continues the numbers when seeded again', async () => {
      const users = async () =>
        Number(
          (
            await ctx.database.db
              .selectFrom('users')
              .select((eb) => eb.fn.countAll<number>().as('count'))
              .executeTakeFirstOrThrow()
          ).count,
        );
      const before = await users();
      const again = await seed({
        tickets: 20,
        users: 120,
        agents: 12,
        seed: 42,
        batch: 50,
        now: ctx.clock.now(),
      });
      assert.equal(await users(), before);
      assert.equal(Number(again.firstNumber), 1002 + TICKETS);
      assert.equal(await count('tickets'), TICKETS + 21);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`seed generator, failed load [${dialect}]`, () => {
    let ctx: TestContext;
    const seed = (options: SeedOptions) =>
      whileSchemasStay(dialect, () => seedDatabase(ctx.database.url, options));
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    it('leaves no ticket rows behind and keeps indexes, triggers and foreign keys when the load fails', async () => {
      const first = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Existing ticket',
        body: 'Already here.',
        requester: { email: 'existing@customer.example' },
      });
      assert.equal(first.body.number, '1001');
      // Winding the counter back makes the seed's first number collide with the existing ticket.
      if (dialect === 'sqlite') {
        await ctx.database.db
          .updateTable('sequences')
          .set({ value: 1000 })
          .where('name', '=', 'ticket_number')
          .execute();
      } else {
        await sql`select setval('ticket_number_seq', 1000)`.execute(ctx.database.db);
      }
      const before = await schemaObjects(ctx.database);
      await assert.rejects(
        seed({
          tickets: 50,
          users: 20,
          agents: 4,
          seed: 1,
          batch: 25,
          now: ctx.clock.now(),
          rebuildIndexes: true,
        }),
      );
      assert.deepEqual(await schemaObjects(ctx.database), before);
      const tickets = await ctx.api('GET', '/api/v1/tickets?limit=100');
      assert.deepEqual(
        tickets.body.items.map((t: { number: string }) => t.number),
        ['1001'],
      );
      const search = await ctx.api('GET', '/api/v1/tickets?q=existing');
      assert.equal(search.body.items.length, 1);
    });
  });
}

function tessera(url: string, dataDir: string, ...args: string[]): Promise<CliRun> {
  return runTessera({ url, dataDir, args });
}

for (const dialect of DIALECTS) {
  describe(`seed command line [${dialect}]`, () => {
    let database: TestDatabase;
    let dataDir: string;
    before(async () => {
      database = await createTestDatabase(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-seed-'));
    });
    after(async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('sets up an empty database, seeds it and reports the words to search for', async () => {
      const run = await tessera(
        database.url,
        dataDir,
        'seed',
        '--tickets',
        '40',
        '--users',
        '10',
        '--agents',
        '3',
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Administrator created: admin@example\.com/);
      assert.match(run.stdout, /Seeded 40 tickets/);
      assert.match(run.stdout, /the bench uses: common "password", rare "mezzanine", prefix "cert"/);
      assert.match(run.stderr, /100\.0%\s+40\/40 tickets/);
    });

    it('rejects a missing or malformed ticket count with a usage error', async () => {
      for (const args of [[], ['--tickets', 'many'], ['--tickets', '10', '--fts', 'sometimes']]) {
        const run = await tessera(database.url, dataDir, 'seed', ...args);
        assert.equal(run.code, 64, args.join(' '));
        assert.match(run.stderr, /usage: tessera seed/);
      }
    });
  });
}
