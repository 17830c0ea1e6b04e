import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  createUser,
  freshEmail,
  freshIp,
  latestLinkToken,
  mailsTo,
  portalCall,
  signInByLink,
} from './portal-support.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

for (const dialect of DIALECTS) {
  describe(`portal intake [${dialect}]`, () => {
    let ctx: TestContext;
    let topicId: number;
    let hiddenTopicId: number;
    before(async () => {
      ctx = await createTestContext(dialect);
      const topic = await ctx.api('POST', '/api/v1/topics', { name: 'Hardware request' });
      topicId = topic.body.id;
      const fields = [
        { key: 'serial', label: 'Serial number', type: 'text', isRequired: true, sortOrder: 1 },
        {
          key: 'os',
          label: 'Operating system',
          type: 'select',
          options: ['Windows', 'macOS', 'Linux'],
          sortOrder: 2,
        },
        { key: 'seats', label: 'Seats', type: 'number', sortOrder: 3, placeholder: 'How many?' },
        { key: 'cost-center', label: 'Cost center', type: 'text', isPublic: false, sortOrder: 0 },
      ];
      for (const field of fields) {
        const created = await ctx.api('POST', `/api/v1/topics/${topicId}/fields`, field);
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
      hiddenTopicId = (await ctx.api('POST', '/api/v1/topics', { name: 'Internal only', isPublic: false }))
        .body.id;
      await ctx.api('POST', '/api/v1/topics', { name: 'Retired', isActive: false });
    });
    after(async () => ctx.close());

    function openTicket(
      body: Record<string, unknown>,
      options: { ip?: string; headers?: Record<string, string> } = {},
    ) {
      return portalCall(ctx, { method: 'POST', url: '/api/v1/portal/tickets', body, ...options });
    }

    function guestTicket(overrides: Record<string, unknown> = {}) {
      return {
        email: freshEmail('guest'),
        name: 'Gale Guest',
        topicId,
        subject: 'New laptop for the new hire',
        body: 'Please order a laptop.\nThanks!',
        fields: { serial: 'SN-1', seats: '3' },
        ...overrides,
      };
    }

    async function countRows() {
      const tickets = await ctx.database.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const users = await ctx.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return { tickets: Number(tickets.n), users: Number(users.n) };
    }

    it('lists the active public topics with their public fields in form order', async () => {
      const response = await portalCall(ctx, { url: '/api/v1/portal/topics' });
      assert.equal(response.status, 200);
      const names = response.body.items.map((item: { name: string }) => item.name);
      assert.ok(names.includes('Hardware request'));
      assert.ok(!names.includes('Internal only'));
      assert.ok(!names.includes('Retired'));
      const hardware = response.body.items.find((item: { id: number }) => item.id === topicId);
      assert.deepEqual(hardware.fields, [
        {
          key: 'serial',
          label: 'Serial number',
          type: 'text',
          isRequired: true,
          options: [],
          placeholder: null,
          helpText: null,
        },
        {
          key: 'os',
          label: 'Operating system',
          type: 'select',
          isRequired: false,
          options: ['Windows', 'macOS', 'Linux'],
          placeholder: null,
          helpText: null,
        },
        {
          key: 'seats',
          label: 'Seats',
          type: 'number',
          isRequired: false,
          options: [],
          placeholder: 'How many?',
          helpText: null,
        },
      ]);
    });

    it('opens a guest ticket with topic fields and an attachment, and mails a link to it', async () => {
      const input = guestTicket({
        attachments: [{ filename: 'label.png', contentType: 'image/png', data: PNG.toString('base64') }],
      });
      const response = await openTicket(input);
      assert.equal(response.status, 201, response.rawBody);
      assert.deepEqual(Object.keys(response.body).sort(), ['accessLinkSent', 'number', 'state', 'subject']);
      assert.equal(response.body.state, 'open');
      assert.equal(response.body.subject, 'New laptop for the new hire');
      assert.equal(response.body.accessLinkSent, true);

      const ticket = (await ctx.api('GET', `/api/v1/tickets/${response.body.number}`)).body;
      assert.equal(ticket.source, 'web');
      assert.equal(ticket.topic.id, topicId);
      assert.equal(ticket.requester.email, input.email);
      assert.equal(ticket.requester.name, 'Gale Guest');
      assert.deepEqual(ticket.fields, { serial: 'SN-1', seats: 3 });
      const thread = (await ctx.api('GET', `/api/v1/tickets/${response.body.number}/thread?events=false`))
        .body;
      assert.equal(thread.items[0].bodyText, 'Please order a laptop.\nThanks!');
      assert.equal(thread.items[0].attachments[0].filename, 'label.png');
      assert.equal(thread.items[0].attachments[0].size, PNG.length);

      const [link] = await mailsTo(ctx, input.email);
      assert.equal(link?.ticket_id, ticket.id);
      const token = await latestLinkToken(ctx, input.email);
      const signedIn = await portalCall(ctx, { method: 'POST', url: `/api/v1/portal/auth/link/${token}` });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.body.ticketNumber, response.body.number);
    });

    it('refuses a filled-in honeypot generically and stores nothing', async () => {
      const before = await countRows();
      const input = guestTicket({ website: 'http://spam.example' });
      const response = await openTicket(input);
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.equal(response.body.error.details, undefined);
      assert.doesNotMatch(response.body.error.message, /website|honeypot/i);
      assert.deepEqual(await countRows(), before);
      assert.deepEqual(await mailsTo(ctx, input.email), []);
    });

    it('accepts an empty honeypot', async () => {
      assert.equal((await openTicket(guestTicket({ website: '' }))).status, 201);
    });

    it('names a missing required field and stores nothing', async () => {
      const before = await countRows();
      const response = await openTicket(guestTicket({ fields: { seats: 2 } }));
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.equal(response.body.error.details.field, 'fields.serial');
      assert.match(response.body.error.message, /serial.*Serial number.*required/);
      assert.deepEqual(await countRows(), before);
    });

    it('names a field whose value is not valid for its type', async () => {
      const select = await openTicket(guestTicket({ fields: { serial: 'SN-2', os: 'BeOS' } }));
      assert.equal(select.status, 400);
      assert.equal(select.body.error.details.field, 'fields.os');
      assert.match(select.body.error.message, /must be one of: Windows, macOS, Linux/);
      const number = await openTicket(guestTicket({ fields: { serial: 'SN-2', seats: 'many' } }));
      assert.equal(number.status, 400);
      assert.equal(number.body.error.details.field, 'fields.seats');
    });

    it('refuses fields the portal form does not show, agent-only fields included', async () => {
      const hidden = await openTicket(guestTicket({ fields: { serial: 'SN-3', 'cost-center': 'CC-1' } }));
      assert.equal(hidden.status, 400);
      assert.equal(hidden.body.error.details.field, 'fields.cost-center');
      const unknown = await openTicket(guestTicket({ fields: { serial: 'SN-3', color: 'red' } }));
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.details.field, 'fields.color');
      const noTopic = await openTicket(guestTicket({ topicId: undefined, fields: { serial: 'SN-3' } }));
      assert.equal(noTopic.status, 400);
    });

    it('opens a ticket without a topic when no fields are sent', async () => {
      const response = await openTicket(guestTicket({ topicId: undefined, fields: undefined }));
      assert.equal(response.status, 201, response.rawBody);
    });

    it('refuses help topics the portal does not offer', async () => {
      for (const id of [hiddenTopicId, 999_999]) {
        const response = await openTicket(guestTicket({ topicId: id, fields: {} }));
        assert.equal(response.status, 422, response.rawBody);
        assert.equal(response.body.error.details.field, 'topicId');
      }
    });

    it('needs an email from a guest', async () => {
      const { email: _email, ...input } = guestTicket();
      const response = await openTicket(input);
      assert.equal(response.status, 400);
      assert.equal(response.body.error.details.field, 'email');
    });

    it('limits guest tickets per address with 429', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1)
        statuses.push((await openTicket(guestTicket(), { ip })).status);
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
      const limited = await openTicket(guestTicket(), { ip });
      assert.equal(limited.body.error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await openTicket(guestTicket(), { ip: freshIp() })).status, 201);
    });

    it('opens a ticket as the signed-in requester, with the CSRF token', async () => {
      const email = freshEmail();
      await createUser(ctx, email, 'Sam Signed');
      const session = await signInByLink(ctx, email);
      const input = {
        topicId,
        subject: 'Monitor flickers',
        body: 'Since today.',
        fields: { serial: 'MN-7' },
      };
      const noCsrf = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/tickets',
        body: input,
        cookie: session.cookie,
      });
      assert.equal(noCsrf.status, 403);
      const response = await portalCall(ctx, {
        method: 'POST',
        url: '/api/v1/portal/tickets',
        body: input,
        ...session,
      });
      assert.equal(response.status, 201, response.rawBody);
      assert.equal(response.body.accessLinkSent, false);
      const ticket = (await ctx.api('GET', `/api/v1/tickets/${response.body.number}`)).body;
      assert.equal(ticket.requester.email, email);
      const mine = await portalCall(ctx, { url: '/api/v1/portal/tickets', ...session });
      assert.deepEqual(
        mine.body.items.map((item: { number: string }) => item.number),
        [response.body.number],
      );
    });

    it('documents the portal routes under the portal tag', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(response.statusCode, 200);
      const paths = response.json().paths;
      const portal = [
        ['/api/v1/portal/topics', 'get'],
        ['/api/v1/portal/tickets', 'post'],
        ['/api/v1/portal/tickets', 'get'],
        ['/api/v1/portal/tickets/{number}', 'get'],
        ['/api/v1/portal/tickets/{number}/messages', 'post'],
        ['/api/v1/portal/tickets/{number}/resolution', 'post'],
        ['/api/v1/portal/attachments/{id}', 'get'],
        ['/api/v1/portal/auth/link', 'post'],
        ['/api/v1/portal/auth/link/{token}', 'post'],
        ['/api/v1/portal/auth/login', 'post'],
        ['/api/v1/portal/auth/logout', 'post'],
        ['/api/v1/portal/me', 'get'],
        ['/api/v1/portal/me/password', 'put'],
        ['/api/v1/portal/ticket-access', 'post'],
      ] as const;
      for (const [path, method] of portal) {
        assert.deepEqual(paths[path]?.[method]?.tags, ['portal'], `${method} ${path}`);
      }
      assert.deepEqual(paths['/api/v1/portal/tickets'].get.security, [{ portalSession: [] }]);
      assert.ok(paths['/api/v1/topics/{id}/fields']?.post);
      assert.ok(paths['/api/v1/topics/{id}/fields/{fieldId}']?.patch);
    });

    it('answers a retry with the same Idempotency-Key with the same ticket and one link', async () => {
      const input = guestTicket();
      const headers = { 'idempotency-key': `portal-${input.email}` };
      const first = await openTicket(input, { headers });
      const second = await openTicket(input, { headers });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(second.body.number, first.body.number);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      assert.equal((await mailsTo(ctx, input.email)).length, 1);
    });
  });
}
