import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const valid = {
  subject: 'Cannot print',
  body: 'The printer says offline.',
  requester: { email: 'pat@example.com' },
};

for (const dialect of DIALECTS) {
  describe(`ticket input handling [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    const countTickets = async () => (await ctx.api('GET', '/api/v1/tickets?limit=100')).body.items.length;

    it('gives one ticket for the same Idempotency-Key twice', async () => {
      const headers = { 'idempotency-key': 'create-7f3a' };
      const first = await ctx.api('POST', '/api/v1/tickets', valid, { headers });
      const second = await ctx.api('POST', '/api/v1/tickets', valid, { headers });
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(second.body.number, first.body.number);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      const thread = (await ctx.api('GET', `/api/v1/tickets/${first.body.number}/thread?events=false`)).body
        .items;
      assert.equal(thread.length, 1);
    });

    it('gives one ticket when the same key races itself', async () => {
      const headers = { 'idempotency-key': 'race-1' };
      const body = { ...valid, subject: 'Raced create' };
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => ctx.api('POST', '/api/v1/tickets', body, { headers })),
      );
      assert.ok(
        answers.every((a) => a.status === 201),
        JSON.stringify(answers.map((a) => a.body)),
      );
      assert.equal(new Set(answers.map((a) => a.body.number)).size, 1);
    });

    it('refuses a reused Idempotency-Key with a different body', async () => {
      const headers = { 'idempotency-key': 'create-reused' };
      await ctx.api('POST', '/api/v1/tickets', valid, { headers });
      const other = await ctx.api('POST', '/api/v1/tickets', { ...valid, subject: 'Other' }, { headers });
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'idempotency_key_reused');
    });

    it('answers malformed JSON with 400 malformed_json and creates nothing', async () => {
      const before = await countTickets();
      const response = await ctx.api('POST', '/api/v1/tickets', '{"subject": "x",');
      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'malformed_json');
      assert.equal(await countTickets(), before);
    });

    it('answers wrong types, missing and unknown fields with 400 naming the field', async () => {
      const cases: [unknown, string][] = [
        [{ ...valid, subject: 42 }, 'subject'],
        [{ ...valid, requester: { email: 'not-an-email' } }, 'requester.email'],
        [{ body: 'x', requester: { email: 'a@b.example' } }, 'subject'],
        [{ ...valid, asignee: 3 }, 'asignee'],
        [{ ...valid, departmentId: '1' }, 'departmentId'],
        [{ ...valid, tags: 'a,b' }, 'tags'],
        [{ ...valid, subject: '   ' }, 'subject'],
        [[valid], ''],
      ];
      for (const [body, field] of cases) {
        const response = await ctx.api('POST', '/api/v1/tickets', body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, 'validation_failed');
        if (field) assert.equal(response.body.error.details.field, field, JSON.stringify(response.body));
      }
    });

    it('answers a body and bodyHtml together, or neither, with 400', async () => {
      const both = await ctx.api('POST', '/api/v1/tickets', { ...valid, bodyHtml: '<p>x</p>' });
      assert.equal(both.status, 400);
      const { body: _body, ...withoutBody } = valid;
      assert.equal((await ctx.api('POST', '/api/v1/tickets', withoutBody)).status, 400);
    });

    it('answers unknown referenced ids with 422 naming the field', async () => {
      for (const [field, value] of [
        ['departmentId', 9999],
        ['topicId', 9999],
        ['assigneeId', 9999],
        ['teamId', 9999],
        ['priority', 'catastrophic'],
      ] as const) {
        const response = await ctx.api('POST', '/api/v1/tickets', { ...valid, [field]: value });
        assert.equal(response.status, 422, field);
        assert.equal(response.body.error.code, 'unknown_reference');
        assert.equal(response.body.error.details.field, field);
      }
    });

    it('answers unknown tickets with 404 and unknown routes with 404', async () => {
      const missing = await ctx.api('GET', '/api/v1/tickets/99999999');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      assert.equal((await ctx.api('POST', '/api/v1/tickets/99999999/replies', { body: 'x' })).status, 404);
      assert.equal((await ctx.api('GET', '/api/v1/tickets/bad%20number')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/nothing-here')).body.error.code, 'route_not_found');
    });

    it('answers an oversized body with 413', async () => {
      const response = await ctx.api('POST', '/api/v1/tickets', { ...valid, body: 'x'.repeat(1_100_000) });
      assert.equal(response.status, 413);
      assert.equal(response.body.error.code, 'payload_too_large');
    });

    it('answers a body that is not JSON with 415', async () => {
      const response = await ctx.api('POST', '/api/v1/tickets', 'subject=x', {
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(response.status, 415);
      assert.equal(response.body.error.code, 'unsupported_media_type');
    });

    it('answers requests without credentials with 401', async () => {
      const response = await ctx.api('GET', '/api/v1/tickets', undefined, { token: null });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthenticated');
    });

    it('answers an empty patch with 400 and an unknown status with 422', async () => {
      const created = await ctx.api('POST', '/api/v1/tickets', valid);
      const url = `/api/v1/tickets/${created.body.number}`;
      assert.equal((await ctx.api('PATCH', url, {})).status, 400);
      const unknown = await ctx.api('PATCH', url, { status: 999 });
      assert.equal(unknown.status, 422);
      assert.equal((await ctx.api('PATCH', url, { dueAt: 'tomorrow' })).status, 400);
    });

    it('stores sanitized HTML and its plain text', async () => {
      const created = await ctx.api('POST', '/api/v1/tickets', {
        ...valid,
        body: undefined,
        bodyHtml:
          '<p onclick="steal()">Hello <script>alert(1)</script><b>world</b><img src=x onerror=alert(2)></p><a href="javascript:alert(3)">link</a>',
      });
      assert.equal(created.status, 201);
      const [message] = (await ctx.api('GET', `/api/v1/tickets/${created.body.number}/thread?events=false`))
        .body.items;
      assert.doesNotMatch(message.bodyHtml, /script|onclick|onerror|javascript:/i);
      assert.match(message.bodyHtml, /<b>world<\/b>/);
      assert.equal(message.bodyText, 'Hello world\nlink');
    });

    it('keeps attachments and serves them as downloads that are never sniffed', async () => {
      const html = '<html><script>alert(1)</script></html>';
      const created = await ctx.api('POST', '/api/v1/tickets', {
        ...valid,
        attachments: [
          { filename: 'ré port.html', contentType: 'text/html', data: Buffer.from(html).toString('base64') },
        ],
      });
      assert.equal(created.status, 201);
      const [message] = (await ctx.api('GET', `/api/v1/tickets/${created.body.number}/thread?events=false`))
        .body.items;
      assert.equal(message.attachments.length, 1);
      const [attachment] = message.attachments;
      assert.equal(attachment.size, html.length);
      const download = await ctx.app.inject({
        method: 'GET',
        url: attachment.url,
        headers: { authorization: `Bearer ${ctx.adminToken}` },
      });
      assert.equal(download.statusCode, 200);
      assert.equal(download.body, html);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(download.headers['content-disposition']),
        /^attachment; filename="r_ port.html"; filename\*=UTF-8''r%C3%A9%20port.html$/,
      );
      assert.match(String(download.headers['content-security-policy']), /sandbox/);
    });

    it('rejects attachment data that is not base64', async () => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        ...valid,
        attachments: [{ filename: 'a.txt', data: '***' }],
      });
      assert.equal(response.status, 400);
    });
  });
}
