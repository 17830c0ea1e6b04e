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

// The GIF of osTicket's documented XML example, as it is laid out there.
const GIF_LINES = [
  'R0lGODdhMAAwAPAAAAAAAP///ywAAAAAMAAwAAAC8IyPqcvt3wCcDkiLc7C0qwy',
  'GHhSWpjQu5yqmCYsapyuvUUlvONmOZtfzgFzByTB10QgxOR0TqBQejhRNzOfkVJ',
  '+5YiUqrXF5Y5lKh/DeuNcP5yLWGsEbtLiOSpa/TPg7JpJHxyendzWTBfX0cxOnK',
  'PjgBzi4diinWGdkF8kjdfnycQZXZeYGejmJlZeGl9i2icVqaNVailT6F5iJ90m6',
  'mvuTS4OK05M0vDk0Q4XUtwvKOzrcd3iq9uisF81M1OIcR7lEewwcLp7tuNNkM3u',
  'Nna3F2JQFo97Vriy/Xl4/f1cf5VWzXyym7PHhhx4dbgYKAAA7',
];

const DOCUMENTED_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<ticket alert="true" autorespond="true" source="API">
    <name>Angry User</name>
    <email>api@osticket.com</email>
    <subject>Testing API</subject>
    <phone ext="123">318-555-8634</phone>
    <message><![CDATA[Message content here]]></message>
    <attachments>
        <file name="file.txt" type="text/plain"><![CDATA[
            File content is here and is automatically trimmed
        ]]></file>
        <file name="image.gif" type="image/gif" encoding="base64">
            ${GIF_LINES.join('\n            ')}
        </file>
    </attachments>
    <ip>123.211.233.122</ip>
</ticket>`;

for (const dialect of DIALECTS) {
  describe(`osTicket API: tickets.xml [${dialect}]`, () => {
    let ctx: TestContext;
    let key: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      key = await issueKey(ctx);
    });
    after(async () => ctx.close());

    it("opens a ticket from osTicket's documented XML example", async () => {
      const number = expectCreated(await postTicket(ctx, 'xml', DOCUMENTED_EXAMPLE, { key }));
      const { ticket, message, files } = await readTicket(ctx, number);
      assert.equal(ticket.subject, 'Testing API');
      assert.equal(ticket.source, 'api');
      assert.equal(ticket.requester.name, 'Angry User');
      assert.deepEqual(ticket.fields, { ip: '123.211.233.122', phone: '318-555-8634', phone_ext: '123' });
      assert.equal(message.bodyText, 'Message content here');
      assert.equal(files.length, 2);
      assert.deepEqual([files[0]?.filename, files[0]?.contentType], ['file.txt', 'text/plain']);
      assert.equal(files[0]?.bytes.toString('utf8'), 'File content is here and is automatically trimmed');
      assert.deepEqual([files[1]?.filename, files[1]?.contentType], ['image.gif', 'image/gif']);
      assert.equal(files[1]?.bytes.toString('base64'), GIF_LINES.join(''));
    });

    it('takes an HTML message, fields as attributes, entities, priority, topic and custom fields', async () => {
      const topicId = await topicIdByName(ctx, 'Report a problem');
      const xml = `<ticket source="Email" autorespond="false" priorityId="2" topicId="${topicId}">
        <name>Ana &amp; Co</name>
        <email>ana@example.com</email>
        <subject>Printer &lt;3F&gt; &#x2014; offline</subject>
        <message type="text/html"><![CDATA[<p>Out of toner &amp; <i>paper</i></p>]]></message>
        <assetTag>PR-0042</assetTag>
      </ticket>`;
      const { ticket, message } = await readTicket(
        ctx,
        expectCreated(await postTicket(ctx, 'xml', xml, { key })),
      );
      assert.equal(ticket.subject, 'Printer <3F> — offline');
      assert.equal(ticket.requester.name, 'Ana & Co');
      assert.equal(ticket.source, 'email');
      assert.equal(ticket.priority.key, 'normal');
      assert.equal(ticket.topic.id, topicId);
      assert.equal(ticket.fields.assetTag, 'PR-0042');
      assert.match(message.bodyHtml, /Out of toner &amp; <i>paper<\/i>/);
    });

    it('reads a document in the encoding its declaration names', async () => {
      const xml =
        '<?xml version="1.0" encoding="ISO-8859-1"?><ticket><email>f@example.fr</email><subject>Caf\u00e9</subject><message>Froid</message></ticket>';
      const number = expectCreated(
        await postTicket(ctx, 'xml', Buffer.from(xml, 'latin1'), { key, contentType: 'text/xml' }),
      );
      assert.equal((await readTicket(ctx, number)).ticket.subject, 'Café');
    });

    it('refuses an external entity (XXE) without reading the file it names', async () => {
      const before = await countTickets(ctx);
      const payloads = [
        `<?xml version="1.0"?><!DOCTYPE ticket [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
         <ticket><email>x@example.com</email><subject>&xxe;</subject><message>&xxe;</message></ticket>`,
        `<!DOCTYPE ticket [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
         <ticket><email>x@example.com</email><subject>&b;</subject><message>&b;</message></ticket>`,
        `<!-- <![CDATA[ --><!DOCTYPE ticket [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><!-- ]]> -->
         <ticket><email>x@example.com</email><subject>&xxe;</subject><message>m</message></ticket>`,
      ];
      for (const payload of payloads) {
        const response = await postTicket(ctx, 'xml', payload, { key });
        assert.equal(response.status, 400, response.text);
        assert.match(response.text, /^Invalid XML: document type declarations/);
        assert.doesNotMatch(response.text, /root:/);
      }
      assert.equal(await countTickets(ctx), before);
    });

    it('leaves an undeclared entity reference as text', async () => {
      const xml =
        '<ticket><email>x@example.com</email><subject>&xxe; test</subject><message>m</message></ticket>';
      const number = expectCreated(await postTicket(ctx, 'xml', xml, { key }));
      assert.equal((await readTicket(ctx, number)).ticket.subject, '&xxe; test');
    });

    it('answers 400 naming the field for each invalid document, and opens nothing', async () => {
      const before = await countTickets(ctx);
      const wrap = (inner: string) => `<ticket>${inner}</ticket>`;
      const base = '<email>x@example.com</email><subject>S</subject>';
      const cases: [string, RegExp][] = [
        ['<ticket><email>x@example.com</email>', /^Invalid XML/],
        ['<tickets></tickets>', /^Invalid XML: the document must be one <ticket>/],
        [wrap('<subject>S</subject><message>m</message>'), /^email: Email address required/],
        [wrap('<email>nope</email><subject>S</subject><message>m</message>'), /^email: Valid email/],
        [wrap('<email>x@example.com</email><message>m</message>'), /^subject: /],
        [wrap(base), /^message: /],
        [wrap(`${base}<message>m</message><email>y@example.com</email>`), /^email: given more than once/],
        [wrap(`${base}<message>m</message><attachments><file>abc</file></attachments>`), /^attachments\.0: /],
        [
          wrap(
            `${base}<message>m</message><attachments><file name="a.gif" encoding="base64">!!</file></attachments>`,
          ),
          /^attachments\.0: a\.gif: Poorly encoded base64 data/,
        ],
        [wrap(`${base}<message>m</message><topicId>404</topicId>`), /^topicId: 404 does not exist/],
        [wrap(`${base}<message>m</message><custom><deep>1</deep></custom>`), /^custom: must be text/],
      ];
      for (const [xml, expected] of cases) {
        const response = await postTicket(ctx, 'xml', xml, { key });
        assert.equal(response.status, 400, `${xml} -> ${response.text}`);
        assert.match(response.text, expected, xml);
      }
      assert.equal(await countTickets(ctx), before);
    });

    it('answers 415 to JSON sent to the XML endpoint', async () => {
      const response = await postTicket(ctx, 'xml', '{}', { key, contentType: 'application/json' });
      assert.equal(response.status, 415);
    });
  });
}
