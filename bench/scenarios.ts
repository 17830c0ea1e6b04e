import type { BenchRequest, HttpClient } from './http-client.ts';
import type { ServerFacts } from './setup.ts';

/** One thing the bench measures: a single request shape (any engine) or a multi-request step (Node). */
export interface Scenario {
  name: string;
  description: string;
  concurrency: number;
  /** Statuses that count as success. */
  expect: number[];
  request?: BenchRequest;
  step?: (client: HttpClient, worker: number, iteration: number) => Promise<number>;
  /** Why the scenario cannot run against this server, when it cannot. */
  skipped?: string;
  /** Background jobs the scenario's requests queue: the bench times how long the worker takes to catch up. */
  queuesJobs?: readonly string[];
}

/** What a new ticket leaves the worker to do: write its mail, then hand each message to the sender. */
export const TICKET_JOBS = ['notifications.ticket-created', 'mail.send'] as const;

export interface ScenarioOptions {
  token: string;
  writeConcurrency: number[];
  readConcurrency: number;
  words: { common: string; rare: string; prefix: string };
}

// Writes draw requesters from a fixed pool: the first tickets create users, later ones find them.
export const REQUESTER_POOL = 500;

const ticketBody = JSON.stringify({
  subject: 'Bench {{n}}: printer offline on floor 3',
  body: 'Hello, the printer on floor 3 shows offline since this morning and nobody can print. Request {{n}}.',
  requester: { email: 'bench-requester-{{u}}@customer.example', name: 'Bench Requester {{u}}' },
});

const osticketBody = JSON.stringify({
  name: 'Bench Requester {{u}}',
  email: 'bench-requester-{{u}}@customer.example',
  subject: 'Bench {{n}}: VPN drops every hour',
  message: 'The VPN tunnel drops every hour and reconnects after a minute. Request {{n}}.',
});

function randomNumber(facts: ServerFacts): string {
  const range = facts.numbers ?? { min: 1001, max: 1001 };
  return String(range.min + Math.floor(Math.random() * (range.max - range.min + 1)));
}

/** The scenarios of a run, in order: reads on the data as seeded first, then the ceiling and the writes. */
export function buildScenarios(facts: ServerFacts, options: ScenarioOptions): Scenario[] {
  const headers = { authorization: `Bearer ${options.token}` };
  const get = (path: string): BenchRequest => ({ method: 'GET', path, headers });
  const reads = options.readConcurrency;
  const search = (word: string) => get(`/api/v1/tickets?q=${encodeURIComponent(word)}&limit=25`);
  const scenarios: Scenario[] = [
    {
      name: 'queue-first-page',
      description: 'GET /api/v1/tickets?state=open&limit=25: the agent queue, first page',
      concurrency: reads,
      expect: [200],
      request: get('/api/v1/tickets?state=open&limit=25'),
    },
    {
      name: 'queue-deep-page',
      description: `The open queue ${facts.deepPage.pages} pages deep, reached by following nextCursor`,
      concurrency: reads,
      expect: [200],
      ...(facts.deepPage.cursor
        ? {
            request: get(
              `/api/v1/tickets?state=open&limit=25&cursor=${encodeURIComponent(facts.deepPage.cursor)}`,
            ),
          }
        : { skipped: 'the open queue has a single page' }),
    },
    {
      name: 'ticket-view',
      description: 'GET /api/v1/tickets/{n} then /thread of a random ticket; latency of the pair',
      concurrency: reads,
      expect: [200],
      step: async (client) => {
        const number = randomNumber(facts);
        const ticket = await client.send(get(`/api/v1/tickets/${number}`));
        if (ticket.status !== 200) return ticket.status;
        return (await client.send(get(`/api/v1/tickets/${number}/thread`))).status;
      },
    },
    {
      name: 'search-common',
      description: `GET /api/v1/tickets?q=${options.words.common}: a word in a large share of tickets`,
      concurrency: reads,
      expect: [200],
      request: search(options.words.common),
    },
    {
      name: 'search-rare',
      description: `GET /api/v1/tickets?q=${options.words.rare}: a word in few tickets`,
      concurrency: reads,
      expect: [200],
      request: search(options.words.rare),
    },
    {
      name: 'search-prefix',
      description: `GET /api/v1/tickets?q=${options.words.prefix}: a prefix of longer words`,
      concurrency: reads,
      expect: [200],
      request: search(options.words.prefix),
    },
    {
      name: 'list-3-filters',
      description: `GET /api/v1/tickets?state=open,pending&departmentId=${facts.departmentId}&priority=high`,
      concurrency: reads,
      expect: [200],
      request: get(
        `/api/v1/tickets?state=open,pending&departmentId=${facts.departmentId}&priority=high&limit=25`,
      ),
    },
  ];
  for (const concurrency of options.writeConcurrency) {
    scenarios.push(
      {
        name: 'noop-post',
        description: 'POST /api/v1/ping: authenticated, validated, does nothing (the ceiling)',
        concurrency,
        expect: [200],
        request: { method: 'POST', path: '/api/v1/ping', headers, body: '{"note":"bench {{n}}"}' },
      },
      {
        name: 'create-rest',
        description: 'POST /api/v1/tickets',
        concurrency,
        expect: [201],
        request: { method: 'POST', path: '/api/v1/tickets', headers, body: ticketBody },
        queuesJobs: TICKET_JOBS,
      },
      {
        name: 'create-osticket',
        description: 'POST /api/tickets.json with X-API-Key (osTicket-compatible)',
        concurrency,
        expect: [201],
        queuesJobs: TICKET_JOBS,
        ...('key' in facts.osticket
          ? {
              request: {
                method: 'POST' as const,
                path: '/api/tickets.json',
                headers: { 'x-api-key': facts.osticket.key },
                body: osticketBody,
              },
            }
          : { skipped: facts.osticket.skipped }),
      },
    );
  }
  return scenarios;
}
