import assert from 'node:assert/strict';
import { createApiKey } from '../../src/services/api-keys/api-keys.ts';
import type { TestContext } from '../support/test-app.ts';

/** Helpers shared by the osTicket-compatible API tests. */

export interface PlainResponse {
  status: number;
  text: string;
  contentType: string;
}

/** Issues a key straight through the service, as the admin API and CLI do. */
export async function issueKey(
  ctx: TestContext,
  settings: { name?: string; ipAddresses?: string[]; canCreateTickets?: boolean; isActive?: boolean } = {},
): Promise<string> {
  const { key } = await createApiKey(ctx.deps, { name: settings.name ?? 'integration', ...settings }, null);
  return key;
}

/** Posts a body to /api/tickets.<format> the way osTicket's clients do. */
export async function postTicket(
  ctx: TestContext,
  format: 'json' | 'xml' | 'email',
  payload: string | Buffer,
  options: { key?: string | null; contentType?: string | null; remoteAddress?: string } = {},
): Promise<PlainResponse> {
  const defaultType = { json: 'application/json', xml: 'application/xml', email: 'message/rfc822' }[format];
  const contentType = options.contentType === undefined ? defaultType : options.contentType;
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/tickets.${format}`,
    headers: {
      ...(options.key ? { 'x-api-key': options.key } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    payload,
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  return {
    status: response.statusCode,
    text: response.body,
    contentType: String(response.headers['content-type'] ?? ''),
  };
}

/** Asserts a 201 with a ticket number as the body, and returns the number. */
export function expectCreated(response: PlainResponse): string {
  assert.equal(response.status, 201, response.text);
  assert.match(response.contentType, /^text\/plain/);
  assert.match(response.text, /^[A-Za-z0-9-]+$/);
  return response.text;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read the REST API's JSON answers and assert on them.
type Json = any;

/** The ticket, its first message and that message's attachment contents, read back through the REST API. */
export async function readTicket(
  ctx: TestContext,
  number: string,
): Promise<{
  ticket: Json;
  message: Json;
  files: { filename: string; contentType: string; bytes: Buffer }[];
}> {
  const ticket = await ctx.api('GET', `/api/v1/tickets/${number}`);
  assert.equal(ticket.status, 200);
  const thread = await ctx.api('GET', `/api/v1/tickets/${number}/thread`);
  const message = (thread.body.items as Json[]).find((item) => item.type === 'message');
  assert.ok(message, 'the ticket has a message');
  const files = [];
  for (const attachment of message.attachments as Json[]) {
    const download = await ctx.app.inject({
      method: 'GET',
      url: attachment.url,
      headers: { authorization: `Bearer ${ctx.adminToken}` },
    });
    assert.equal(download.statusCode, 200);
    files.push({
      filename: attachment.filename,
      contentType: attachment.contentType,
      bytes: download.rawPayload,
    });
  }
  return { ticket: ticket.body, message, files };
}

/** How many tickets exist: a failed request must not have opened one. */
export async function countTickets(ctx: TestContext): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The id of a seeded help topic. */
export async function topicIdByName(ctx: TestContext, name: string): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('help_topics')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}
