import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  countTicketViews,
  searchTuning,
  type TicketFilter,
} from '../../src/db/repositories/ticket-views.repository.ts';
import { searchWords } from '../../src/services/tickets/read-tickets.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

// The plans a search can take, forced on a handful of tickets by lowering the thresholds.
const PLANS = {
  // Test tickets one by one in sort order, in one stage, never giving up.
  walk: { walkRows: 1_000_000, rareMatches: -1, walkPerMatch: 1 },
  // Walk in stages of 2, 6, 24... tickets, never giving up: every page crosses stages.
  stages: { walkRows: 2, rareMatches: -1, walkPerMatch: 1_000_000 },
  // The default rule from a first stage of 4 tickets: walk on while matches outnumber the tickets walked,
  // then take every match.
  staged: { walkRows: 4, rareMatches: -1, walkPerMatch: 1 },
  // Give up after a few tickets and take every match: most pages cross from one plan to the other.
  walkThenAll: { walkRows: 4, rareMatches: -1, walkPerMatch: 0 },
  // Take every match straight away.
  all: { walkRows: 1_000_000, rareMatches: 1_000_000, walkPerMatch: 1 },
};
// rareMatches spelled out: unset by default, it must be unset again after a plan sets it.
const DEFAULT_TUNING = { ...searchTuning, rareMatches: searchTuning.rareMatches };

function choosePlan(plan: keyof typeof PLANS) {
  Object.assign(searchTuning, PLANS[plan]);
}

// Subjects whose words sit where a tokenizer and a text test could disagree.
const TRICKY_SUBJECTS = [
  'Lantern!',
  'x-lantern broke',
  'xlantern is not one',
  'lantern_room flickers',
  'LANTERNS everywhere',
  '$lantern+ price <lantern>',
  'lan tern apart',
  'lantern9 and 9lantern',
  'Läntern with an accent',
  'Le café lantern',
  'cafe without accent',
  'Fenêtre: lanterne brisée',
];

const SEARCHES = [
  'lantern',
  'lanter',
  'LANTERN',
  'lantern flicker',
  'lantern9',
  'tern',
  'x',
  'café',
  'cafe',
  'brisee',
  'quokka',
  'zzyzx',
  'zzyzx07',
  'printer',
  'nothing-matches-this',
];

// More than the first stages of the staged plan walk (4, then 12 more tickets).
const BURST = 14;

for (const dialect of DIALECTS) {
  describe(`search plans [${dialect}]`, () => {
    let ctx: TestContext;
    const numbers: Record<string, string> = {};

    const create = async (key: string, subject: string, body: string) => {
      ctx.clock.advance(60_000);
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject,
        body,
        requester: { email: `${key}@customer.example` },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      numbers[key] = response.body.number;
    };

    before(async () => {
      ctx = await createTestContext(dialect);
      // Oldest first: lantern in notes, then a gap without it, then lantern in subjects (newest).
      for (let i = 0; i < 5; i += 1) await create(`note${i}`, `Request ${i}`, 'Please help.');
      for (let i = 0; i < 5; i += 1) {
        ctx.clock.advance(60_000);
        const note = await ctx.api('POST', `/api/v1/tickets/${numbers[`note${i}`]}/notes`, {
          body: `The lantern in aisle ${i} flickers.`,
        });
        assert.equal(note.status, 201, JSON.stringify(note.body));
      }
      await create('rare', 'A quokka in the lobby', 'It looks friendly.');
      for (let i = 0; i < 9; i += 1) await create(`gap${i}`, `Printer ${i} jams`, 'Paper tray stuck.');
      for (const [i, subject] of TRICKY_SUBJECTS.entries())
        await create(`tricky${i}`, subject, 'See subject.');
      const many = Array.from({ length: 40 }, (_, i) => `zzyzx${String(i).padStart(2, '0')}`).join(' ');
      await create('many', 'Codes', `Codes ${many}.`);
      for (let i = 0; i < 8; i += 1) await create(`lantern${i}`, `Lantern ${i} is dark`, 'No light.');
      // Newest: one outage reported again and again, in words no search below looks for.
      for (let i = 0; i < BURST; i += 1)
        await create(`burst${i}`, `Bench ${i} printer offline`, 'Nothing prints since this morning.');
      // PostgreSQL judges rarity from ANALYZE's statistics; without them it always walks first.
      if (dialect === 'postgres') await sql`analyze tickets, thread_entries`.execute(ctx.deps.db);
    });
    afterEach(() => {
      Object.assign(searchTuning, DEFAULT_TUNING);
    });
    after(async () => ctx.close());

    // Every page of a search, following the cursor.
    const pages = async (q: string, query = '') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const next: string = cursor ? `&cursor=${cursor}` : '';
        const path = `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=3${query}${next}`;
        const page = await ctx.api('GET', path);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.items.length <= 3);
        seen.push(...page.body.items.map((t: { number: string }) => t.number));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, `a ticket repeats in ${seen.join(', ')}`);
      return seen;
    };

    const allPlans = async (q: string, query = '') => {
      const results: Record<string, string[]> = {};
      for (const plan of Object.keys(PLANS) as (keyof typeof PLANS)[]) {
        choosePlan(plan);
        results[plan] = await pages(q, query);
      }
      return results;
    };

    it('lists the same tickets in the same order whichever plan runs', async () => {
      for (const q of SEARCHES) {
        for (const query of ['', '&sort=created', '&sort=-number&state=open,pending', '&priority=normal']) {
          const results = await allPlans(q, query);
          for (const plan of Object.keys(PLANS) as (keyof typeof PLANS)[])
            assert.deepEqual(results[plan], results.all, `${q} ${query}: ${plan}`);
        }
      }
    });

    it('pages across the end of the walk without gaps or repeats', async () => {
      choosePlan('walkThenAll');
      const lanterns = Array.from({ length: 8 }, (_, i) => numbers[`lantern${7 - i}`]);
      const notes = Array.from({ length: 5 }, (_, i) => numbers[`note${4 - i}`]);
      const found = await pages('lantern flicker');
      assert.deepEqual(found, [numbers.tricky3, ...notes]);
      const all = await pages('lantern');
      assert.deepEqual(all.slice(0, 8), lanterns);
      assert.deepEqual(all.slice(-5), notes);
    });

    it('walks past a run of new tickets without the word, or takes every match when matches are few', async () => {
      choosePlan('staged');
      const lanterns = Array.from({ length: 8 }, (_, i) => numbers[`lantern${7 - i}`]);
      assert.deepEqual((await pages('lantern')).slice(0, 8), lanterns);
      assert.deepEqual(await pages('quokka'), [numbers.rare]);
      assert.deepEqual(await pages('lantern flicker', '&state=open'), await pages('lantern flicker'));
    });

    it('matches words in ASCII text as the full-text index does', async () => {
      choosePlan('walk');
      const subjects = async (q: string) => {
        const found = new Set(await pages(q));
        return TRICKY_SUBJECTS.filter((_, i) => found.has(numbers[`tricky${i}`] as string));
      };
      assert.deepEqual(
        await subjects('lantern'),
        [
          'Lantern!',
          'x-lantern broke',
          'lantern_room flickers',
          'LANTERNS everywhere',
          '$lantern+ price <lantern>',
          'lantern9 and 9lantern',
          'Le café lantern',
          'Fenêtre: lanterne brisée',
          ...(dialect === 'sqlite' ? ['Läntern with an accent'] : []),
        ].sort((a, b) => TRICKY_SUBJECTS.indexOf(a) - TRICKY_SUBJECTS.indexOf(b)),
      );
      assert.deepEqual(await subjects('lantern9'), ['lantern9 and 9lantern']);
      assert.deepEqual(await subjects('tern'), ['lan tern apart']);
      assert.deepEqual(await subjects('xlantern'), ['xlantern is not one']);
    });

    it('finds a ticket by its number on every plan', async () => {
      const number = numbers.gap3 as string;
      const results = await allPlans(number);
      for (const found of Object.values(results)) assert.deepEqual(found, [number]);
    });

    it('counts matches the same way on every plan, up to the cap', async () => {
      const count = (q: string, cap: number, filter: Partial<TicketFilter> = {}) =>
        countTicketViews(
          ctx.deps.db,
          ctx.deps.dialect,
          { visibility: 'all', search: { words: searchWords(q), raw: q }, ...filter },
          cap,
        );
      for (const q of ['lantern', 'lantern flicker', 'quokka', 'zzyzx', 'printer', 'nothing-matches-this']) {
        const cases: [number, Partial<TicketFilter>][] = [
          [1000, {}],
          [3, {}],
          [1000, { states: ['open'] }],
        ];
        for (const [cap, filter] of cases) {
          const counts: number[] = [];
          for (const plan of Object.keys(PLANS) as (keyof typeof PLANS)[]) {
            choosePlan(plan);
            counts.push(await count(q, cap, filter));
          }
          assert.equal(new Set(counts).size, 1, `${q} cap ${cap}: ${counts.join(', ')}`);
        }
      }
      for (const plan of ['walkThenAll', 'staged'] as const) {
        choosePlan(plan);
        assert.equal(await count('lantern flicker', 1000), 6);
        assert.equal(await count('lantern', 3), 3);
        assert.equal(await count('quokka', 1000), 1);
        assert.equal(await count('printer', 1000), 9 + BURST);
      }
    });
  });
}
