import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY_MS } from '../../src/lib/clock.ts';
import { autoCloseResolvedTickets } from '../../src/services/tickets/scheduled-rules.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const RESOLUTION = {
  problem: 'The TLS certificate of the banking portal expired at midnight.',
  actionTaken: 'Renewed the certificate and reloaded the load balancers.',
  confirmation: 'Logged in to online banking from two networks.',
  nextSteps: 'Add certificate expiry to monitoring.',
  code: 'fixed',
};

for (const dialect of DIALECTS) {
  describe(`ticket lifecycle [${dialect}]`, () => {
    let ctx: TestContext;
    let departments: { id: number; name: string }[];
    before(async () => {
      ctx = await createTestContext(dialect);
      departments = (await ctx.api('GET', '/api/v1/departments')).body.items;
    });
    after(async () => ctx.close());

    async function openTicket(overrides: Record<string, unknown> = {}) {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Online banking is down',
        body: 'I cannot log in to online banking since this morning.',
        requester: { email: 'Dana@Example.com', name: 'Dana Requester' },
        ...overrides,
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    }

    it('opens a ticket with a number, the open state and the default priority', async () => {
      const ticket = await openTicket();
      assert.match(ticket.number, /^\d+$/);
      assert.equal(ticket.state, 'open');
      assert.equal(ticket.status.name, 'Open');
      assert.equal(ticket.priority.key, 'normal');
      assert.equal(ticket.requester.email, 'dana@example.com');
      assert.equal(ticket.department.name, 'Support');
      assert.ok(ticket.dueAt, 'the default SLA gives a due time');
      assert.equal(ticket.isAnswered, false);
    });

    it('takes the help topic defaults', async () => {
      const topics = (await ctx.api('GET', '/api/v1/topics')).body.items;
      const access = topics.find((t: { name: string }) => t.name === 'Access issue');
      const problem = topics.find((t: { name: string }) => t.name === 'Report a problem');
      assert.equal((await openTicket({ topicId: access.id })).department.name, 'IT Operations');
      assert.equal((await openTicket({ topicId: problem.id })).priority.key, 'high');
    });

    it('runs the whole journey: reply, note, assign, transfer, resolve, confirm, timeline', async () => {
      const ticket = await openTicket({ tags: ['Outage', 'banking'] });
      const url = `/api/v1/tickets/${ticket.number}`;

      const reply = await ctx.api('POST', `${url}/replies`, { body: 'We are looking into it.' });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.type, 'reply');
      const note = await ctx.api('POST', `${url}/notes`, {
        bodyHtml: '<p>Looks like the <b>certificate</b></p>',
      });
      assert.equal(note.status, 201);
      assert.equal(note.body.type, 'note');

      const assigned = await ctx.api('POST', `${url}/assign`, {
        assigneeId: ctx.adminId,
        note: 'Taking this one',
      });
      assert.equal(assigned.status, 200);
      assert.equal(assigned.body.assignee.id, ctx.adminId);
      assert.equal(assigned.body.isAnswered, true);

      const operations = departments.find((d) => d.name === 'IT Operations');
      const transferred = await ctx.api('POST', `${url}/transfer`, { departmentId: operations?.id });
      assert.equal(transferred.status, 200);
      assert.equal(transferred.body.department.name, 'IT Operations');

      const missing = await ctx.api('POST', `${url}/resolve`, { problem: 'x', code: 'fixed' });
      assert.equal(missing.status, 422);
      assert.equal(missing.body.error.code, 'resolution_required');
      assert.deepEqual(missing.body.error.details.missing, ['actionTaken', 'confirmation']);
      assert.equal((await ctx.api('GET', url)).body.state, 'open', 'a failed resolve changes nothing');

      const resolved = await ctx.api('POST', `${url}/resolve`, RESOLUTION);
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      assert.equal(resolved.body.state, 'resolved');
      assert.equal(resolved.body.resolution.problem, RESOLUTION.problem);
      assert.equal(resolved.body.resolution.code, 'fixed');
      const token = resolved.body.resolution.confirmationToken;
      assert.ok(resolved.body.resolution.confirmationUrl.endsWith(encodeURIComponent(token)));

      const shown = await ctx.api('GET', `/api/v1/confirmations/${token}`, undefined, { token: null });
      assert.equal(shown.status, 200);
      assert.equal(shown.body.ticket.number, ticket.number);
      assert.equal(shown.body.resolution.actionTaken, RESOLUTION.actionTaken);

      const confirmed = await ctx.api(
        'POST',
        `/api/v1/confirmations/${token}`,
        { action: 'confirm' },
        { token: null },
      );
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.ticket.state, 'closed');
      const again = await ctx.api(
        'POST',
        `/api/v1/confirmations/${token}`,
        { action: 'confirm' },
        { token: null },
      );
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'confirmation_used');

      const closed = await ctx.api('GET', url);
      assert.equal(closed.body.state, 'closed');
      assert.equal(closed.body.resolution.outcome, 'confirmed');

      const events = (await ctx.api('GET', `${url}/events`)).body.items.map(
        (e: { event: string }) => e.event,
      );
      assert.deepEqual(events, ['created', 'assigned', 'transferred', 'resolved', 'confirmed']);
      const thread = (await ctx.api('GET', `${url}/thread`)).body.items;
      assert.deepEqual(
        thread.filter((i: { type: string }) => i.type !== 'event').map((i: { type: string }) => i.type),
        ['message', 'reply', 'note', 'note', 'resolution'],
      );
      const confirmedEvent = thread.find((i: { event?: string }) => i.event === 'confirmed');
      assert.equal(confirmedEvent.actor.type, 'user');
      assert.equal(confirmedEvent.actor.name, 'Dana Requester');
    });

    it('reopens with the requester comment when the fix did not work', async () => {
      const ticket = await openTicket();
      const resolved = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      const token = resolved.body.resolution.confirmationToken;
      const reopened = await ctx.api(
        'POST',
        `/api/v1/confirmations/${token}`,
        { action: 'reopen', comment: 'Still cannot log in from my phone.' },
        { token: null },
      );
      assert.equal(reopened.status, 200);
      assert.equal(reopened.body.ticket.state, 'open');
      const thread = (await ctx.api('GET', `/api/v1/tickets/${ticket.number}/thread`)).body.items;
      const last = thread.filter((i: { type: string }) => i.type === 'message').at(-1);
      assert.equal(last.bodyText, 'Still cannot log in from my phone.');
      assert.ok(thread.some((i: { event?: string }) => i.event === 'reopened'));
      const after = (await ctx.api('GET', `/api/v1/tickets/${ticket.number}`)).body;
      assert.equal(after.resolution.outcome, 'reopened');
      assert.ok(after.reopenedAt);
    });

    it('rejects a tampered or expired confirmation link', async () => {
      const ticket = await openTicket();
      const resolved = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      const token: string = resolved.body.resolution.confirmationToken;
      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      assert.equal(
        (await ctx.api('GET', `/api/v1/confirmations/${tampered}`, undefined, { token: null })).status,
        404,
      );
      ctx.clock.advance(15 * DAY_MS);
      const expired = await ctx.api(
        'POST',
        `/api/v1/confirmations/${token}`,
        { action: 'confirm' },
        { token: null },
      );
      assert.equal(expired.status, 410);
      assert.equal(expired.body.error.code, 'confirmation_expired');
    });

    it('closes resolved tickets nobody answered after the configured days', async () => {
      const ticket = await openTicket();
      await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      await autoCloseResolvedTickets(ctx.deps);
      assert.equal((await ctx.api('GET', `/api/v1/tickets/${ticket.number}`)).body.state, 'resolved');
      ctx.clock.advance(7 * DAY_MS + 1);
      assert.ok((await autoCloseResolvedTickets(ctx.deps)) >= 1);
      const closed = (await ctx.api('GET', `/api/v1/tickets/${ticket.number}`)).body;
      assert.equal(closed.state, 'closed');
      assert.equal(closed.resolution.outcome, 'auto_closed');
      const events = (await ctx.api('GET', `/api/v1/tickets/${ticket.number}/events`)).body.items;
      assert.equal(events.at(-1).event, 'auto_closed');
      assert.equal(events.at(-1).actor.type, 'system');
    });

    it('rejects a reply to a closed ticket unless it reopens it', async () => {
      const ticket = await openTicket();
      const resolved = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      await ctx.api(
        'POST',
        `/api/v1/confirmations/${resolved.body.resolution.confirmationToken}`,
        { action: 'confirm' },
        { token: null },
      );
      const rejected = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/replies`, {
        body: 'One more thing',
      });
      assert.equal(rejected.status, 409);
      assert.equal(rejected.body.error.code, 'ticket_closed');
      const statuses = (await ctx.api('GET', '/api/v1/statuses')).body.items;
      const open = statuses.find((s: { name: string }) => s.name === 'Open');
      const reopened = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/replies`, {
        body: 'Reopening to follow up',
        status: open.id,
      });
      assert.equal(reopened.status, 201);
      assert.equal((await ctx.api('GET', `/api/v1/tickets/${ticket.number}`)).body.state, 'open');
    });

    it('refuses to resolve through a status change without a resolution', async () => {
      const ticket = await openTicket();
      const statuses = (await ctx.api('GET', '/api/v1/statuses')).body.items;
      const resolvedStatus = statuses.find((s: { state: string }) => s.state === 'resolved');
      const response = await ctx.api('PATCH', `/api/v1/tickets/${ticket.number}`, {
        status: resolvedStatus.id,
      });
      assert.equal(response.status, 422);
      assert.equal(response.body.error.code, 'resolution_required');
      const closedStatus = statuses.find((s: { state: string }) => s.state === 'closed');
      const closing = await ctx.api('PATCH', `/api/v1/tickets/${ticket.number}`, { status: closedStatus.id });
      assert.equal(closing.status, 409);
      assert.equal(closing.body.error.code, 'invalid_transition');
    });

    it('pauses the SLA clock while waiting on the customer', async () => {
      const ticket = await openTicket();
      const statuses = (await ctx.api('GET', '/api/v1/statuses')).body.items;
      const waiting = statuses.find((s: { state: string }) => s.state === 'pending');
      const open = statuses.find((s: { name: string }) => s.name === 'Open');
      await ctx.api('PATCH', `/api/v1/tickets/${ticket.number}`, { status: waiting.id });
      ctx.clock.advance(DAY_MS);
      const resumed = await ctx.api('PATCH', `/api/v1/tickets/${ticket.number}`, { status: open.id });
      assert.equal(Date.parse(resumed.body.dueAt) - Date.parse(ticket.dueAt), DAY_MS);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`ticket collaborators [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    it('copies people on a ticket, once each, and records it', async () => {
      const created = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Shared mailbox access',
        body: 'Please give my team access.',
        requester: { email: 'lead@example.com' },
      });
      const url = `/api/v1/tickets/${created.body.number}/collaborators`;
      const added = await ctx.api('POST', url, { email: 'Colleague@Example.com', name: 'Colleague' });
      assert.equal(added.status, 201);
      await ctx.api('POST', url, { email: 'colleague@example.com' });
      const listed = (await ctx.api('GET', url)).body.items;
      assert.deepEqual(
        listed.map((c: { email: string }) => c.email),
        ['colleague@example.com'],
      );
      const requester = await ctx.api('POST', url, { email: 'lead@example.com' });
      assert.equal(requester.status, 409);
      assert.equal((await ctx.api('DELETE', `${url}/${listed[0].userId}`)).status, 204);
      assert.equal((await ctx.api('DELETE', `${url}/${listed[0].userId}`)).status, 404);
      const events = (await ctx.api('GET', `/api/v1/tickets/${created.body.number}/events`)).body.items;
      assert.deepEqual(
        events.map((e: { event: string }) => e.event),
        ['created', 'collaborator_added', 'collaborator_removed'],
      );
    });
  });
}
