import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOUR_MS } from '../../src/lib/clock.ts';
import { markOverdueTickets } from '../../src/services/tickets/scheduled-rules.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`ticket listing and search [${dialect}]`, () => {
    let ctx: TestContext;
    const numbers: Record<string, string> = {};
    before(async () => {
      ctx = await createTestContext(dialect);
      const seeds: [string, string, string, Record<string, unknown>][] = [
        [
          'cert',
          'Certificate expired on the portal',
          'Browsers warn about the certificate.',
          { priority: 'high', tags: ['tls'] },
        ],
        [
          'vpn',
          'VPN drops every hour',
          'The tunnel reconnects but calls drop.',
          { tags: ['network', 'tls'] },
        ],
        ['printer', 'Printer on floor 3 jams', 'Paper tray two is stuck.', { priority: 'low' }],
        ['cafe', 'Café wifi password', 'Where do I find the password for the café network?', {}],
        ['invoice', 'Invoice question', 'Our invoice lists the wrong address.', { priority: 'emergency' }],
      ];
      for (const [key, subject, body, extra] of seeds) {
        ctx.clock.advance(60_000);
        const response = await ctx.api('POST', '/api/v1/tickets', {
          subject,
          body,
          requester: { email: `${key}@customer.example` },
          ...extra,
        });
        assert.equal(response.status, 201);
        numbers[key] = response.body.number;
      }
      ctx.clock.advance(60_000);
      await ctx.api('POST', `/api/v1/tickets/${numbers.printer}/notes`, {
        body: 'Ordered a replacement roller assembly.',
      });
    });
    after(async () => ctx.close());

    const search = async (q: string) => {
      const response = await ctx.api('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items.map((t: { number: string }) => t.number).sort();
    };

    it('finds a word by its first letters', async () => {
      assert.deepEqual(await search('cert'), [numbers.cert]);
      assert.deepEqual(await search('certif'), [numbers.cert]);
    });

    it('searches thread bodies, including notes', async () => {
      assert.deepEqual(await search('roller'), [numbers.printer]);
      assert.deepEqual(await search('tunnel reconn'), [numbers.vpn]);
    });

    it('matches all words, ignores case, accents on SQLite aside, and punctuation', async () => {
      assert.deepEqual(await search('PASSWORD, network!'), [numbers.cafe]);
      assert.deepEqual(await search('password printer'), []);
    });

    it('finds a ticket by its number', async () => {
      assert.deepEqual(await search(numbers.invoice as string), [numbers.invoice]);
    });

    it('treats search syntax as plain words', async () => {
      assert.deepEqual(await search('"cert*)(:'), [numbers.cert]);
      assert.deepEqual(await search('*** ---'), []);
    });

    it('filters by priority, tags and state together', async () => {
      const response = await ctx.api('GET', '/api/v1/tickets?priority=high&tags=tls&state=open,pending');
      assert.deepEqual(
        response.body.items.map((t: { number: string }) => t.number),
        [numbers.cert],
      );
      const tagged = await ctx.api('GET', '/api/v1/tickets?tags=TLS');
      assert.equal(tagged.body.items.length, 2);
    });

    it('pages with a cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await ctx.api('GET', `/api/v1/tickets?limit=2&sort=-created${query}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.items.length <= 2);
        seen.push(...page.body.items.map((t: { number: string }) => t.number));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, Object.values(numbers).reverse());
    });

    it('sorts by last update, most recent first, by default', async () => {
      const response = await ctx.api('GET', '/api/v1/tickets');
      assert.equal(response.body.items[0].number, numbers.printer);
    });

    it('rejects a cursor from another sort order and an unknown sort', async () => {
      const page = await ctx.api('GET', '/api/v1/tickets?limit=1&sort=created');
      const mismatch = await ctx.api(
        'GET',
        `/api/v1/tickets?limit=1&sort=-created&cursor=${page.body.nextCursor}`,
      );
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error.code, 'validation_failed');
      assert.equal((await ctx.api('GET', '/api/v1/tickets?sort=sideways')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/tickets?cursor=%%%')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/tickets?state=lost')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/tickets?limit=1000')).status, 400);
    });

    it('flags tickets past their due time as overdue, once', async () => {
      ctx.clock.advance(19 * HOUR_MS);
      const marked = await markOverdueTickets(ctx.deps);
      assert.equal(marked, Object.keys(numbers).length);
      assert.equal(await markOverdueTickets(ctx.deps), 0);
      const overdue = await ctx.api('GET', '/api/v1/tickets?overdue=true');
      assert.equal(overdue.body.items.length, Object.keys(numbers).length);
      const events = (await ctx.api('GET', `/api/v1/tickets/${numbers.cert}/events`)).body.items;
      assert.equal(events.at(-1).event, 'overdue');
    });
  });
}
