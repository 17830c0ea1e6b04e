import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { resolveRequester } from '../../src/services/users/resolve-requester.ts';
import type { TestContext } from '../support/test-app.ts';

/** Helpers shared by the portal tests: calls with the portal cookie, sign-in links read from the outbox. */

export interface PortalCall {
  method?: InjectOptions['method'];
  url: string;
  body?: unknown;
  cookie?: string | undefined;
  csrf?: string | undefined;
  ip?: string;
  headers?: Record<string, string>;
}

export interface PortalResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them.
  body: any;
  rawBody: string;
  headers: Record<string, string | string[] | number | undefined>;
  /** The portal cookie the answer set, if it set one. */
  portalCookie:
    | { value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }
    | undefined;
}

let nextIp = 1;
/** A client address of its own, so the per-address limits of one test never spill into another. */
export function freshIp(): string {
  nextIp += 1;
  return `10.9.${Math.floor(nextIp / 250)}.${nextIp % 250}`;
}

let nextUser = 0;
/** An address no other test uses (the per-email limits count every request). */
export function freshEmail(name = 'customer'): string {
  nextUser += 1;
  return `${name}${nextUser}@customer.test`;
}

/** Calls the API as a browser on the portal would: the portal cookie, JSON, a client address. */
export async function portalCall(ctx: TestContext, call: PortalCall): Promise<PortalResponse> {
  const response = await ctx.app.inject({
    method: call.method ?? 'GET',
    url: call.url,
    remoteAddress: call.ip ?? freshIp(),
    headers: {
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(call.cookie ? { cookie: `tessera_portal=${call.cookie}` } : {}),
      ...(call.csrf ? { 'x-csrf-token': call.csrf } : {}),
      ...call.headers,
    },
    ...(call.body !== undefined ? { payload: JSON.stringify(call.body) } : {}),
  });
  const isJson = String(response.headers['content-type'] ?? '').includes('json') && response.body.length > 0;
  return {
    status: response.statusCode,
    body: isJson ? JSON.parse(response.body) : null,
    rawBody: response.body,
    headers: response.headers,
    portalCookie: response.cookies.find((cookie) => cookie.name === 'tessera_portal'),
  };
}

/** Makes a user (a requester) with one address. */
export async function createUser(ctx: TestContext, email: string, name = 'Casey Customer'): Promise<number> {
  return (await resolveRequester(ctx.deps, { email, name })).id;
}

/** The mails of one kind queued to an address, oldest first. */
export async function mailsTo(ctx: TestContext, address: string, kind = 'portal_link') {
  const rows = await ctx.database.db
    .selectFrom('outbound_messages')
    .select(['id', 'ticket_id', 'subject', 'body_text', 'to_addresses'])
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
  return rows.filter((row) => (JSON.parse(row.to_addresses) as string[]).includes(address.toLowerCase()));
}

/** The token of the latest sign-in link mailed to an address. */
export async function latestLinkToken(ctx: TestContext, address: string): Promise<string> {
  const mail = (await mailsTo(ctx, address)).at(-1);
  assert.ok(mail, `a sign-in link was mailed to ${address}`);
  const match = /\/portal\/signin\/([A-Za-z0-9_%-]+)/.exec(mail.body_text);
  assert.ok(match?.[1], 'the mail carries a sign-in link');
  return decodeURIComponent(match[1]);
}

/** Signs a user in by emailed link and returns the portal cookie and CSRF token. */
export async function signInByLink(
  ctx: TestContext,
  email: string,
): Promise<{ cookie: string; csrf: string; answer: PortalResponse['body'] }> {
  const asked = await portalCall(ctx, { method: 'POST', url: '/api/v1/portal/auth/link', body: { email } });
  assert.equal(asked.status, 202, asked.rawBody);
  const token = await latestLinkToken(ctx, email);
  const signedIn = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
  assert.equal(signedIn.status, 200, signedIn.rawBody);
  assert.ok(signedIn.portalCookie?.value);
  return { cookie: signedIn.portalCookie.value, csrf: signedIn.body.csrfToken, answer: signedIn.body };
}

/** Opens a ticket through the agent API (as the administrator) for a requester. */
export async function openTicketAsAgent(
  ctx: TestContext,
  requesterEmail: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await ctx.api('POST', '/api/v1/tickets', {
    subject: 'The printer on floor 3 jams',
    body: 'Every second page jams since Monday.',
    requester: { email: requesterEmail, name: 'Casey Customer' },
    ...overrides,
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.number;
}
