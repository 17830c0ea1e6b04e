import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  countTickets,
  expectCreated,
  issueKey,
  postTicket,
  readTicket,
  topicIdByName,
} from './osticket-api-support.ts';

// A 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

for (const dialect of DIALECTS) {
  describe(`osTicket API: tickets.json [${dialect}]`, () => {
    let ctx: TestContext;
    let key: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      key = await issueKey(ctx);
    });
    after(async () => ctx.close());

    it("opens a ticket from osTicket's documented JSON example and answers 201 with its number", async () => {
      // The example of osTicket's setup/doc/api/tickets.md, without its trailing comma.
      const response = await postTicket(
        ctx,
        'json',
        JSON.stringify({
          alert: true,
          autorespond: true,
          source: 'API',
          name: 'Angry User',
          email: 'api@osticket.com',
          phone: '3185558634X123',
          subject: 'Testing API',
          ip: '123.211.233.122',
          message: 'MESSAGE HERE',
          attachments: [
            { 'file.txt': 'data:text/plain;charset=utf-8,content' },
            { 'image.png': `data:image/png;base64,${PNG.toString('base64')}` },
          ],
        }),
        { key },
      );
      const number = expectCreated(response);
      const { ticket, message, files } = await readTicket(ctx, number);
      assert.equal(ticket.subject, 'Testing API');
      assert.equal(ticket.source, 'api');
      assert.equal(ticket.requester.email, 'api@osticket.com');
      assert.equal(ticket.requester.name, 'Angry User');
      assert.deepEqual(ticket.fields, { ip: '123.211.233.122', phone: '3185558634', phone_ext: '123' });
      assert.equal(message.bodyText, 'MESSAGE HERE');
      assert.deepEqual(
        files.map((file) => [file.filename, file.contentType, file.bytes.toString('base64')]),
        [
          ['file.txt', 'text/plain; charset=utf-8', Buffer.from('content').toString('base64')],
          ['image.png', 'image/png', PNG.toString('base64')],
        ],
      );
    });

    it('takes an HTML message as data:text/html;charset=utf-8;base64 with priority, topic and custom fields', async () => {
      const topicId = await topicIdByName(ctx, 'Access issue');
      const html = '<p>Die Anmeldung schlägt fehl <b>seit 9 Uhr</b></p><script>alert(1)</script>';
      const response = await postTicket(
        ctx,
        'json',
        JSON.stringify({
          name: 'Jörg Weber',
          email: 'joerg@example.de',
          subject: 'VPN',
          message: `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`,
          priorityId: 3,
          topicId,
          source: 'Phone',
          contractNumber: 'C-2291',
          seats: 12,
          onsite: false,
        }),
        { key },
      );
      const { ticket, message } = await readTicket(ctx, expectCreated(response));
      assert.equal(ticket.priority.key, 'high');
      assert.equal(ticket.topic.id, topicId);
      assert.equal(ticket.source, 'phone');
      assert.equal(ticket.fields.contractNumber, 'C-2291');
      assert.equal(ticket.fields.seats, 12);
      assert.equal(ticket.fields.onsite, false);
      assert.match(message.bodyHtml, /schlägt fehl <b>seit 9 Uhr<\/b>/);
      assert.doesNotMatch(message.bodyHtml, /script/);
    });

    it('decodes a percent-encoded message in the charset it declares and a priority key', async () => {
      const response = await postTicket(
        ctx,
        'json',
        JSON.stringify({
          email: 'marie@example.fr',
          subject: 'Café',
          message: 'data:text/plain;charset=iso-8859-1,Le%20caf%E9%20est%20froid',
          priority: 'emergency',
          attachments: [{ 'notes.txt': 'data:text/plain;charset=iso-8859-1;base64,Y2Fm6Q==' }],
        }),
        { key },
      );
      const { ticket, message, files } = await readTicket(ctx, expectCreated(response));
      assert.equal(message.bodyText, 'Le café est froid');
      assert.equal(ticket.priority.key, 'emergency');
      assert.equal(files[0]?.contentType, 'text/plain; charset=iso-8859-1');
      assert.deepEqual([...(files[0]?.bytes ?? [])], [0x63, 0x61, 0x66, 0xe9]);
    });

    it('maps osTicket priority ids 1 to 4 and honours alert and autorespond given as text', async () => {
      const keys = [];
      for (const priorityId of ['1', '2', '4']) {
        const response = await postTicket(
          ctx,
          'json',
          JSON.stringify({
            email: 'p@example.com',
            subject: `Priority ${priorityId}`,
            message: 'hi',
            priorityId,
            alert: 'false',
            autorespond: 0,
          }),
          { key },
        );
        keys.push((await readTicket(ctx, expectCreated(response))).ticket.priority.key);
      }
      assert.deepEqual(keys, ['low', 'normal', 'emergency']);
    });

    it("accepts the body as osTicket's PHP scripts post it, as form data, and records the caller's address", async () => {
      const response = await postTicket(
        ctx,
        'json',
        JSON.stringify({
          name: 'John Doe',
          email: 'mailbox@host.com',
          subject: 'Test',
          message: 'Ceci est un test',
        }),
        { key, contentType: 'application/x-www-form-urlencoded', remoteAddress: '198.51.100.20' },
      );
      const { ticket } = await readTicket(ctx, expectCreated(response));
      assert.equal(ticket.fields.ip, '198.51.100.20');
    });

    it("answers at osTicket's other address, api/http.php/tickets.json, too", async () => {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/http.php/tickets.json',
        headers: { 'x-api-key': key },
        payload: JSON.stringify({ email: 'h@example.com', subject: 'http.php', message: 'm' }),
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.match(response.body, /^[A-Za-z0-9-]+$/);
    });

    it('answers 400 naming the field for each invalid request, and opens nothing', async () => {
      const before = await countTickets(ctx);
      const valid = { email: 'a@example.com', subject: 'S', message: 'M' };
      const cases: [string, string | RegExp][] = [
        ['{"email": "a@example.com",', /^Invalid JSON/],
        ['["not", "an", "object"]', /^Invalid JSON/],
        [JSON.stringify({ ...valid, email: undefined }), /^email: /],
        [JSON.stringify({ ...valid, email: 'not-an-address' }), /^email: Valid email address required/],
        [JSON.stringify({ ...valid, subject: '  ' }), /^subject: /],
        [JSON.stringify({ ...valid, message: undefined }), /^message: /],
        [JSON.stringify({ ...valid, message: 'data:text/plain;base64,@@@' }), /^message: Invalid data URL/],
        [JSON.stringify({ ...valid, message: 'data:image/png;base64,AAAA' }), /^message: /],
        [
          JSON.stringify({ ...valid, attachments: [{ 'a.png': 'data:image/png;base64,%%%' }] }),
          /^attachments\.0: a\.png/,
        ],
        [JSON.stringify({ ...valid, attachments: [{ 'a.txt': 'plain text' }] }), /^attachments\.0: /],
        [JSON.stringify({ ...valid, attachments: { 'a.txt': 'data:,x' } }), /^attachments: /],
        [JSON.stringify({ ...valid, topicId: 9999 }), /^topicId/],
        [JSON.stringify({ ...valid, topicId: 'abc' }), /^topicId: /],
        [JSON.stringify({ ...valid, priorityId: 7 }), /^priorityId: /],
        [JSON.stringify({ ...valid, priority: 'catastrophic' }), /^priority/],
        [JSON.stringify({ ...valid, source: 'Fax' }), /^source: /],
        [JSON.stringify({ ...valid, alert: 'maybe' }), /^alert: /],
        [JSON.stringify({ ...valid, ip: 'localhost' }), /^ip: /],
        [JSON.stringify({ ...valid, custom: { nested: true } }), /^custom: /],
      ];
      for (const [body, expected] of cases) {
        const response = await postTicket(ctx, 'json', body, { key });
        assert.equal(response.status, 400, `${body} -> ${response.text}`);
        assert.match(response.contentType, /^text\/plain/);
        assert.match(response.text, typeof expected === 'string' ? new RegExp(expected) : expected, body);
      }
      assert.equal(await countTickets(ctx), before);
    });

    it('answers 400 to an empty body', async () => {
      const response = await postTicket(ctx, 'json', '', { key });
      assert.equal(response.status, 400);
      assert.match(response.text, /empty/);
    });

    it('answers 415 to a content type that is not JSON', async () => {
      const response = await postTicket(ctx, 'json', '<ticket/>', { key, contentType: 'text/xml' });
      assert.equal(response.status, 415);
      assert.equal(response.text, 'Unsupported data format');
    });
  });
}
