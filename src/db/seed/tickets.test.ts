import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SeedContext } from './model.ts';
import { TicketGenerator } from './tickets.ts';
import { BENCH_WORDS, NOUNS } from './vocabulary.ts';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

const context: SeedContext = {
  now: NOW,
  spanMs: 3 * 365 * 24 * 3_600_000,
  statuses: {
    open: { id: 1, name: 'Open' },
    pending: { id: 2, name: 'Waiting on customer' },
    resolved: { id: 3, name: 'Resolved' },
    closed: { id: 4, name: 'Closed' },
    archived: { id: 5, name: 'Archived' },
  },
  priorities: [
    { id: 1, key: 'low' },
    { id: 2, key: 'normal' },
    { id: 3, key: 'high' },
    { id: 4, key: 'emergency' },
  ],
  departments: [
    { id: 1, slaPlanId: 1, resolutionHours: 18 },
    { id: 2, slaPlanId: null, resolutionHours: null },
  ],
  topics: [{ id: 1, departmentId: 2 }],
  requesters: Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    name: `User ${i}`,
    firstName: 'User',
    organizationId: i % 2 === 0 ? 1 : null,
  })),
  agents: Array.from({ length: 6 }, (_, i) => ({
    id: i + 1,
    name: `Agent ${i}`,
    firstName: 'Agent',
    departmentId: (i % 2) + 1,
  })),
  teamIds: [1, 2],
};

function generate(seed: number, total: number) {
  const generator = new TicketGenerator(context, seed, total);
  return Array.from({ length: total }, (_, i) => generator.generate(i, String(1001 + i)));
}

describe('ticket generator', () => {
  it('produces the same tickets for the same seed', () => {
    assert.deepEqual(generate(7, 50), generate(7, 50));
  });

  it('produces different tickets for another seed', () => {
    const subjects = (seed: number) => generate(seed, 50).map((t) => t.subject);
    assert.notDeepEqual(subjects(7), subjects(8));
  });

  it('keeps every time between creation and now, in order', () => {
    for (const ticket of generate(3, 500)) {
      assert.ok(ticket.createdAt <= ticket.updatedAt && ticket.updatedAt <= NOW, ticket.number);
      assert.equal(ticket.entries[0]?.type, 'message');
      assert.equal(ticket.entries[0]?.createdAt, ticket.createdAt);
      for (const entry of ticket.entries)
        assert.ok(entry.createdAt >= ticket.createdAt && entry.createdAt <= NOW);
      assert.equal(ticket.events[0]?.type, 'created');
    }
  });

  it('gives resolved and closed tickets a resolution and their timestamps', () => {
    for (const ticket of generate(4, 500)) {
      const resolutions = ticket.entries.filter((e) => e.resolution !== null);
      const isDone = ['resolved', 'closed', 'archived'].includes(ticket.state);
      assert.equal(resolutions.length, isDone ? 1 : 0, ticket.number);
      assert.equal(ticket.resolvedAt !== null, isDone);
      assert.equal(ticket.closedAt !== null, ticket.state === 'closed' || ticket.state === 'archived');
      assert.equal(ticket.slaPausedAt !== null, ticket.state === 'pending');
    }
  });

  it('skews states towards closed with an open backlog', () => {
    const tickets = generate(5, 4000);
    const share = (state: string) => tickets.filter((t) => t.state === state).length / tickets.length;
    assert.ok(share('closed') > 0.8, `closed ${share('closed')}`);
    assert.ok(share('open') > 0.005 && share('open') < 0.1, `open ${share('open')}`);
    const entries = tickets.reduce((sum, t) => sum + t.entries.length, 0) / tickets.length;
    assert.ok(entries > 2.7 && entries < 3.5, `entries per ticket ${entries}`);
  });

  it('uses only single lower-case words in its vocabulary, including the bench words', () => {
    for (const noun of NOUNS) assert.match(noun, /^[a-z0-9]+$/);
    assert.equal(new Set(NOUNS).size, NOUNS.length);
    assert.ok(NOUNS.includes(BENCH_WORDS.common) && NOUNS.includes(BENCH_WORDS.rare));
    assert.ok(NOUNS.indexOf(BENCH_WORDS.rare) > NOUNS.length * 0.9);
    assert.ok(NOUNS.some((noun) => noun.startsWith(BENCH_WORDS.prefix)));
  });
});
