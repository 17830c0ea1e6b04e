import { HttpClient } from './http-client.ts';

/** What the scenarios need to know about the server under test. */
export interface ServerFacts {
  dialect: string;
  /** Lowest and highest ticket number, when numbers are numeric (the default format). */
  numbers: { min: number; max: number } | null;
  /** Open tickets seen while walking the queue, and the cursor of the deepest page reached. */
  deepPage: { pages: number; cursor: string | null };
  /** A department that has open tickets, for the combined-filters listing. */
  departmentId: number;
  /** An osTicket-compatible API key made for the run, or why that scenario is skipped. */
  osticket: { key: string; id: number } | { skipped: string };
}

interface TicketPage {
  items: { number: string; department: { id: number } }[];
  nextCursor: string | null;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function numberAt(client: HttpClient, token: string, sort: string): Promise<number | null> {
  const page = await client.json<TicketPage>({
    method: 'GET',
    path: `/api/v1/tickets?sort=${sort}&limit=1`,
    headers: auth(token),
  });
  const value = Number(page.items[0]?.number);
  return Number.isInteger(value) ? value : null;
}

/** Walks the open queue `pages` pages deep (or to its end) and returns the cursor of the last page reached. */
async function walkQueue(client: HttpClient, token: string, pages: number) {
  let cursor: string | null = null;
  let reached = 0;
  let departmentId: number | null = null;
  for (let i = 0; i < pages; i += 1) {
    const path: string = `/api/v1/tickets?state=open&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: TicketPage = await client.json<TicketPage>({ method: 'GET', path, headers: auth(token) });
    departmentId ??= page.items[0]?.department.id ?? null;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
    reached = i + 1;
  }
  return { deepPage: { pages: reached, cursor }, departmentId };
}

async function prepareOsticket(client: HttpClient, token: string): Promise<ServerFacts['osticket']> {
  const probe = await client.send({ method: 'POST', path: '/api/tickets.json', body: '{}' });
  if (probe.status === 404) {
    return { skipped: 'the server has no POST /api/tickets.json route' };
  }
  const created = await client.send({
    method: 'POST',
    path: '/api/v1/api-keys',
    headers: auth(token),
    body: JSON.stringify({ name: `tessera bench ${new Date().toISOString()}`, canCreateTickets: true }),
  });
  if (created.status !== 201) {
    return { skipped: `could not create an API key (POST /api/v1/api-keys answered ${created.status})` };
  }
  const key = JSON.parse(created.body) as { key: string; id: number };
  return { key: key.key, id: key.id };
}

/** Checks the server and token, and finds what the scenarios need: numbers, a deep cursor, an API key. */
export async function discoverServer(
  client: HttpClient,
  token: string,
  options: { deepPages: number },
): Promise<ServerFacts> {
  const ready = await client.json<{ database: string }>({ method: 'GET', path: '/readyz' });
  const ping = await client.send({ method: 'POST', path: '/api/v1/ping', headers: auth(token), body: '{}' });
  if (ping.status !== 200) {
    throw new Error(
      `POST /api/v1/ping answered ${ping.status}; check the token and that the server is current`,
    );
  }
  const min = await numberAt(client, token, 'number');
  const max = await numberAt(client, token, '-number');
  const walk = await walkQueue(client, token, options.deepPages);
  const departments = await client.json<{ items: { id: number }[] }>({
    method: 'GET',
    path: '/api/v1/departments',
    headers: auth(token),
  });
  return {
    dialect: ready.database,
    numbers: min !== null && max !== null ? { min, max } : null,
    deepPage: walk.deepPage,
    departmentId: walk.departmentId ?? departments.items[0]?.id ?? 1,
    osticket: await prepareOsticket(client, token),
  };
}

/** Removes what the run created on the server (the API key). */
export async function cleanUpServer(client: HttpClient, token: string, facts: ServerFacts): Promise<void> {
  if ('id' in facts.osticket) {
    await client.send({
      method: 'DELETE',
      path: `/api/v1/api-keys/${facts.osticket.id}`,
      headers: auth(token),
    });
  }
}

/** Revokes the API token the run was given (DELETE /api/v1/tokens/{id}). */
export async function revokeToken(url: string, token: string, id: number): Promise<void> {
  const client = new HttpClient(url, 1);
  try {
    await client.send({ method: 'DELETE', path: `/api/v1/tokens/${id}`, headers: auth(token) });
  } finally {
    client.close();
  }
}
