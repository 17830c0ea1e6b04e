import assert from 'node:assert/strict';
import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import type { TestContext } from '../support/test-app.ts';

/** Helpers shared by the directory and catalog API tests. */

let counter = 0;

/** A name no other test in the run uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter}`;
}

/** The id of the seeded item named `name` in a list answer. */
export async function idByName(ctx: TestContext, path: string, name: string): Promise<number> {
  const res = await ctx.api('GET', path);
  assert.equal(res.status, 200);
  const item = (res.body.items as { id: number; name: string }[]).find((i) => i.name === name);
  assert.ok(item, `${path} has no "${name}"`);
  return item.id;
}

/** Creates an agent through the API (as the administrator) and an API token for them. */
export async function createAgentWithToken(
  ctx: TestContext,
  fields: { isAdmin?: boolean; departmentId?: number; email?: string } = {},
): Promise<{ id: number; token: string; email: string }> {
  const departmentId = fields.departmentId ?? (await idByName(ctx, '/api/v1/departments', 'Support'));
  const roleId = await idByName(ctx, '/api/v1/roles', 'Limited access');
  const email = fields.email ?? `${uniqueName('agent').replace(' ', '')}@tessera.test`;
  const res = await ctx.api('POST', '/api/v1/agents', {
    email,
    name: uniqueName('Agent'),
    password: 'a long enough password',
    isAdmin: fields.isAdmin ?? false,
    departmentId,
    roleId,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const { token } = await createApiToken(ctx.deps, { agentId: res.body.id, name: 'tests' });
  return { id: res.body.id, token, email };
}

/** Inserts a minimal ticket straight into the database, for reference checks. */
export async function insertTicket(
  ctx: TestContext,
  refs: {
    departmentId?: number;
    statusId?: number;
    priorityId?: number;
    userId?: number;
    topicId?: number;
  } = {},
): Promise<number> {
  const db = ctx.deps.db;
  const now = ctx.clock.now();
  const departmentId = refs.departmentId ?? (await idByName(ctx, '/api/v1/departments', 'Support'));
  const statusId = refs.statusId ?? (await idByName(ctx, '/api/v1/statuses', 'Open'));
  const status = await db
    .selectFrom('ticket_statuses')
    .select('state')
    .where('id', '=', statusId)
    .executeTakeFirstOrThrow();
  const priorityId = refs.priorityId ?? (await idByName(ctx, '/api/v1/priorities', 'Normal'));
  let userId = refs.userId;
  if (userId === undefined) {
    const user = await ctx.api('POST', '/api/v1/users', {
      emails: [{ address: `${uniqueName('requester').replace(' ', '')}@example.org` }],
    });
    assert.equal(user.status, 201);
    userId = user.body.id as number;
  }
  counter += 1;
  const row = await db
    .insertInto('tickets')
    .values({
      number: `T${counter}-${now}`,
      subject: 'Reference check',
      status_id: statusId,
      state: status.state,
      priority_id: priorityId,
      source: 'api',
      user_id: userId,
      organization_id: null,
      department_id: departmentId,
      topic_id: refs.topicId ?? null,
      created_at: now,
      updated_at: now,
      last_message_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts an internal note written by an agent on a ticket. */
export async function insertNote(ctx: TestContext, ticketId: number, agentId: number): Promise<void> {
  await ctx.deps.db
    .insertInto('thread_entries')
    .values({
      ticket_id: ticketId,
      type: 'note',
      author_type: 'agent',
      author_agent_id: agentId,
      author_user_id: null,
      author_name: 'Agent',
      body_html: '<p>Checked</p>',
      body_text: 'Checked',
      created_at: ctx.clock.now(),
    })
    .execute();
}

/** Asserts an error answer's status and code. */
export function assertError(res: { status: number; body: unknown }, status: number, code: string): void {
  const body = res.body as { error?: { code?: string } };
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(body.error?.code, code, JSON.stringify(res.body));
}
