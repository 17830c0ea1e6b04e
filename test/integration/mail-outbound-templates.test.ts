import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS } from '../../src/mail/outbound/templates.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { runDueJobs } from '../support/jobs.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const CUSTOM = {
  subject: 'Ticket {{ticket.number}} received',
  bodyText: 'Dear {{requester.name}}, ticket {{ticket.number}} is in. {{links.ticket}}',
  bodyHtml: '<p>Dear {{requester.name}}, ticket <b>{{ticket.number}}</b> is in.</p>',
};

for (const dialect of DIALECTS) {
  describe(`email templates [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function autoResponseOf(requester: { email: string; name: string }) {
      const created = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Cannot print',
        body: 'The printer says no.',
        requester,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await runDueJobs(ctx.deps);
      const row = await ctx.deps.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('ticket_id', '=', created.body.id)
        .where('kind', '=', 'auto_response')
        .executeTakeFirstOrThrow();
      return { number: created.body.number as string, row };
    }

    it('lists every template with its variables, none customized at first', async () => {
      const response = await ctx.api('GET', '/api/v1/email-templates');
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.body.items.map((item: { key: string }) => item.key),
        [...TEMPLATE_KEYS],
      );
      const reply = response.body.items.find((item: { key: string }) => item.key === 'reply');
      assert.equal(reply.isCustomized, false);
      assert.equal(reply.updatedAt, null);
      assert.equal(reply.subject, DEFAULT_TEMPLATES.reply.subject);
      assert.ok(reply.variables.includes('entry.body'));
    });

    it('uses an administrator’s template for the mail queued after it is saved', async () => {
      const saved = await ctx.api('PUT', '/api/v1/email-templates/auto_response', CUSTOM);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.isCustomized, true);
      assert.equal(
        (await ctx.api('GET', '/api/v1/email-templates/auto_response')).body.subject,
        CUSTOM.subject,
      );

      const { number, row } = await autoResponseOf({ email: 'fay@example.com', name: 'Fay' });
      assert.equal(row.subject, `[#${number}] Ticket ${number} received`, 'the ticket token is kept');
      assert.match(
        row.body_text,
        new RegExp(`Dear Fay, ticket ${number} is in\\. http://tessera.test/tickets/${number}`),
      );
      assert.match(row.body_html, new RegExp(`<p>Dear Fay, ticket <b>${number}</b> is in.</p>`));

      const restored = await ctx.api('DELETE', '/api/v1/email-templates/auto_response');
      assert.equal(restored.status, 200);
      assert.equal(restored.body.isCustomized, false);
      assert.equal(restored.body.subject, DEFAULT_TEMPLATES.auto_response.subject);
      const after = await autoResponseOf({ email: 'fay@example.com', name: 'Fay' });
      assert.equal(after.row.subject, `[#${after.number}] Cannot print`);
    });

    it('escapes values in the HTML part of the mail', async () => {
      const { row } = await autoResponseOf({
        email: 'mallory@example.com',
        name: '<img src=x onerror=alert(1)>',
      });
      assert.ok(!row.body_html.includes('<img src=x'));
      assert.ok(row.body_html.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(row.body_text.includes('<img src=x onerror=alert(1)>'), 'the text part is plain text');
    });

    it('previews a draft with sample data and names the variables the mail would not know', async () => {
      const preview = await ctx.api('POST', '/api/v1/email-templates/confirmation_request/preview', {
        subject: 'Fixed? {{ticket.number}}',
        bodyText: 'Hi {{requester.nmae}}, confirm at {{links.confirm}} ({{entry.body}})',
      });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.subject, '[#1042] Fixed? 1042');
      assert.match(preview.body.bodyText, /confirm at http:\/\/tessera\.test\/confirm\/sample-token/);
      assert.deepEqual(preview.body.unknownVariables, ['requester.nmae', 'entry.body']);
      assert.match(preview.body.bodyHtml, /Problem identified/, 'the saved HTML part is used');
    });

    it('previews the template in force when given no draft', async () => {
      const preview = await ctx.api('POST', '/api/v1/email-templates/new_ticket_alert/preview', {});
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.deepEqual(preview.body.unknownVariables, []);
      assert.match(preview.body.bodyText, /Hello Alex Agent/);
    });

    it('refuses a template that does not parse, and changes nothing', async () => {
      const response = await ctx.api('PUT', '/api/v1/email-templates/reply', {
        ...CUSTOM,
        bodyText: '{{#if entry.body}}unclosed',
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.equal(response.body.error.details.field, 'bodyText');
      assert.equal((await ctx.api('GET', '/api/v1/email-templates/reply')).body.isCustomized, false);
      const preview = await ctx.api('POST', '/api/v1/email-templates/reply/preview', { subject: '{{a b}}' });
      assert.equal(preview.status, 400);
    });

    it('answers an unknown template with 404 and a malformed body with 400', async () => {
      assert.equal((await ctx.api('GET', '/api/v1/email-templates/newsletter')).status, 404);
      assert.equal((await ctx.api('PUT', '/api/v1/email-templates/newsletter', CUSTOM)).status, 404);
      const extra = await ctx.api('PUT', '/api/v1/email-templates/reply', {
        ...CUSTOM,
        from: 'x@example.com',
      });
      assert.equal(extra.status, 400);
      const missing = await ctx.api('PUT', '/api/v1/email-templates/reply', { subject: 'only' });
      assert.equal(missing.status, 400);
    });

    it('keeps templates to administrators', async () => {
      const agent = await createAgentWithToken(ctx, {
        email: 'template-agent@tessera.test',
        department: 'Support',
        role: 'All access',
      });
      const options = { token: agent.token };
      assert.equal((await ctx.api('GET', '/api/v1/email-templates', undefined, options)).status, 403);
      assert.equal((await ctx.api('PUT', '/api/v1/email-templates/reply', CUSTOM, options)).status, 403);
    });
  });
}
