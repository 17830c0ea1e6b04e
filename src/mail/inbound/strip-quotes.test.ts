import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { htmlToText } from '../../lib/html.ts';
import { REPLY_MARKER } from '../reply-marker.ts';
import { type InboundMessage, parseEmail } from './parse.ts';
import { stripQuotedHtml, stripQuotedText, stripQuotes } from './strip-quotes.ts';

async function fixture(name: string): Promise<InboundMessage> {
  const raw = readFileSync(new URL(`../../../test/fixtures/mail/${name}`, import.meta.url));
  const parsed = await parseEmail(raw);
  assert.ok(parsed.ok, `${name} parses`);
  return parsed.message;
}

async function stripBoth(name: string) {
  const message = await fixture(name);
  assert.ok(message.text !== null && message.html !== null, `${name} has both parts`);
  const text = stripQuotedText(message.text);
  const html = stripQuotedHtml(message.html);
  return { text, html, htmlText: visibleText(html.html) };
}

/** The text a reader sees: indentation, non-breaking spaces and runs of blank lines do not count. */
function visibleText(html: string): string {
  return htmlToText(html)
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

describe('quote stripping, by client', () => {
  it('cuts a Gmail reply at its quote, in text and HTML', async () => {
    const { text, html, htmlText } = await stripBoth('gmail-reply.eml');
    assert.equal(text.text, 'Thanks, that fixed it. The printer is back.\n\nJane');
    assert.equal(text.by, 'reply-marker');
    assert.equal(htmlText, 'Thanks, that fixed it. The printer is back.\n\nJane');
    assert.equal(html.by, 'gmail');
  });

  it('cuts an Outlook desktop reply at its header block, in text and HTML', async () => {
    const { text, html, htmlText } = await stripBoth('outlook-reply.eml');
    const expected =
      'It still drops, see the log lines below:\n\n10:02 tunnel down\n11:02 tunnel down\n\nMark';
    assert.equal(text.text, expected);
    assert.equal(htmlText, expected);
    assert.equal(html.by, 'outlook');
    assert.ok(!html.html.includes('Sent:'));
  });

  it('cuts an Outlook plain text reply at "Original Message"', async () => {
    const message = await fixture('outlook-original-message.eml');
    const text = stripQuotedText(message.text ?? '');
    assert.deepEqual(text, { text: 'The reset link worked, thank you.\n\nLee', by: 'original-message' });
  });

  it('cuts an Apple Mail reply at its quoted attribution and blockquote', async () => {
    const { text, html, htmlText } = await stripBoth('apple-mail-reply.eml');
    assert.equal(text.text, 'Works now, thank you!\n\nZoë');
    assert.equal(htmlText, 'Works now, thank you!\n\nZoë');
    assert.equal(html.by, 'cite');
  });

  it('cuts a Thunderbird reply at its cite prefix', async () => {
    const { text, html, htmlText } = await stripBoth('thunderbird-reply.eml');
    assert.equal(text.text, 'I dropped it off at reception, label says "Jörg".\n\nJörg');
    assert.equal(htmlText, 'I dropped it off at reception, label says "Jörg".\n\nJörg');
    assert.equal(html.by, 'thunderbird');
  });

  it('keeps what was written below a quote (bottom posting)', async () => {
    const { text, htmlText } = await stripBoth('thunderbird-bottom-post.eml');
    assert.equal(text.text, 'It shows E-204 since this morning.\n\nIna');
    assert.equal(htmlText, 'It shows E-204 since this morning.\n\nIna');
  });

  it('leaves a new message whole', async () => {
    const message = await fixture('new-message.eml');
    const stripped = stripQuotes({ text: message.text, html: message.html });
    assert.equal(stripped.strippedBy, null);
    assert.equal(stripped.text, message.text?.trim());
  });
});

describe('quote stripping, rules', () => {
  it('cuts from the line holding the reply marker, wherever it is quoted', () => {
    const text = `Please close it.\n\n> ${REPLY_MARKER}\n> Hello\n`;
    assert.deepEqual(stripQuotedText(text), { text: 'Please close it.', by: 'reply-marker' });
  });

  it('removes the attribution line above the marker', () => {
    const text = `Done.\n\nOn Mon, 5 Jan 2026 at 10:00, Support <s@t.test> wrote:\n${REPLY_MARKER}\nHello`;
    assert.equal(stripQuotedText(text).text, 'Done.');
  });

  it('cuts an HTML body at the marker when no client divider precedes it', () => {
    const html = `<p>Yes, go ahead.</p><p>${REPLY_MARKER}</p><p>Hello</p>`;
    const stripped = stripQuotedHtml(html);
    assert.equal(stripped.html, '<p>Yes, go ahead.</p>');
    assert.equal(stripped.by, 'reply-marker');
  });

  it('cuts an Outlook header block preceded by an underscore rule', () => {
    const text =
      'Thanks\n\n________________________________\nFrom: Tessera <s@t.test>\nSent: Tuesday, January 6, 2026 10:15 AM\nTo: Jane\nSubject: RE: x\n\nHello\n';
    assert.deepEqual(stripQuotedText(text), { text: 'Thanks', by: 'outlook-header' });
  });

  it('cuts a trailing quote in another language with the reply parser', () => {
    const text =
      'Merci, ça marche.\n\nLe mar. 6 janv. 2026 à 10:15, Tessera <s@t.test> a écrit :\n> Bonjour\n> Essayez encore.\n';
    assert.deepEqual(stripQuotedText(text), { text: 'Merci, ça marche.', by: 'reply-parser' });
  });

  it('keeps signatures and "Regards" lines', () => {
    const text = 'It works.\n\nKind regards,\nJane\n-- \nJane Doe | ACME\n';
    assert.equal(stripQuotedText(text).text, text.trimEnd());
  });

  it('keeps interleaved quotes but drops a trailing quote block', () => {
    const text = 'See below.\n> Which printer?\nThe one on floor 3.\n\n> Anything else?\n> Bye\n';
    assert.equal(stripQuotedText(text).text, 'See below.\n> Which printer?\nThe one on floor 3.');
  });

  it('keeps a body whole rather than leave it empty', () => {
    const stripped = stripQuotes({ text: `> ${REPLY_MARKER}\n> only quote`, html: null });
    assert.equal(stripped.text, `> ${REPLY_MARKER}\n> only quote`);
    assert.equal(stripped.strippedBy, null);
  });

  it('sanitizes the HTML it returns', () => {
    const stripped = stripQuotedHtml('<p onclick="x()">Hi<script>alert(1)</script></p>');
    assert.equal(stripped.html, '<p>Hi</p>');
  });
});
