import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { classifyMessage, detectLoop, findBouncedMessageIds, summarizeBounce } from './classify.ts';
import { type InboundMessage, parseEmail } from './parse.ts';

function rawFixture(name: string): Buffer {
  return readFileSync(new URL(`../../../test/fixtures/mail/${name}`, import.meta.url));
}

async function parse(raw: Buffer | string): Promise<InboundMessage> {
  const parsed = await parseEmail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
  assert.ok(parsed.ok);
  return parsed.message;
}

function plain(extraHeaders: string, from = 'pat@example.org'): string {
  return `From: ${from}\r\nTo: support@tessera.test\r\nSubject: Hello\r\n${extraHeaders}Message-ID: <m1@example.org>\r\n\r\nBody\r\n`;
}

describe('mail classification', () => {
  it('takes an ordinary message as normal', async () => {
    assert.deepEqual(classifyMessage(await parse(rawFixture('new-message.eml'))), { kind: 'normal' });
  });

  it('takes Auto-Submitted with any value but "no" as an auto-reply', async () => {
    for (const value of ['auto-replied', 'auto-generated', 'auto-notified; owner-email="x@y"']) {
      const message = await parse(plain(`Auto-Submitted: ${value}\r\n`));
      assert.deepEqual(classifyMessage(message), { kind: 'auto-reply', reason: 'auto_submitted' }, value);
    }
    assert.deepEqual(classifyMessage(await parse(plain('Auto-Submitted: no\r\n'))), { kind: 'normal' });
    assert.deepEqual(classifyMessage(await parse(plain('Auto-Submitted: No\r\n'))), { kind: 'normal' });
  });

  it('takes Precedence bulk, junk, list and auto_reply as auto-replies, and nothing else', async () => {
    for (const value of ['bulk', 'junk', 'list', 'auto_reply', 'Bulk']) {
      const message = await parse(plain(`Precedence: ${value}\r\n`));
      assert.equal(classifyMessage(message).kind, 'auto-reply', value);
    }
    assert.equal(classifyMessage(await parse(plain('Precedence: first-class\r\n'))).kind, 'normal');
  });

  it('takes the vendor autoreply headers as auto-replies', async () => {
    const cases: [string, string][] = [
      ['X-Autoreply: yes', 'autoreply'],
      ['X-Autorespond: on', 'autorespond'],
      ['X-Auto-Response-Suppress: All', 'auto_response_suppress'],
    ];
    for (const [header, reason] of cases) {
      assert.deepEqual(classifyMessage(await parse(plain(`${header}\r\n`))), { kind: 'auto-reply', reason });
    }
  });

  it('recognises the fixtures of an out-of-office and a vacation reply', async () => {
    assert.equal(classifyMessage(await parse(rawFixture('auto-reply.eml'))).kind, 'auto-reply');
    assert.equal(classifyMessage(await parse(rawFixture('outlook-out-of-office.eml'))).kind, 'auto-reply');
  });

  it('takes a null return path as an auto-reply', async () => {
    assert.deepEqual(classifyMessage(await parse(plain('Return-Path: <>\r\n'))), {
      kind: 'auto-reply',
      reason: 'null_sender',
    });
  });

  it('takes a delivery status report as a bounce', async () => {
    assert.deepEqual(classifyMessage(await parse(rawFixture('bounce-dsn.eml'))), {
      kind: 'bounce',
      reason: 'delivery_status_report',
    });
  });

  it('takes a mailer daemon notice without a report as a bounce', async () => {
    const raw = plain('', 'MAILER-DAEMON@mx.example.org').replace(
      'Subject: Hello',
      'Subject: failure notice',
    );
    assert.deepEqual(classifyMessage(await parse(raw)), { kind: 'bounce', reason: 'mailer_daemon' });
  });

  it('takes a read receipt report as an auto-reply', async () => {
    const raw =
      'From: pat@example.org\r\nTo: support@tessera.test\r\nSubject: Read: x\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nRead.\r\n--b--\r\n';
    assert.deepEqual(classifyMessage(await parse(raw)), { kind: 'auto-reply', reason: 'report' });
  });
});

describe('loop detection', () => {
  const own = {
    addresses: new Set(['support@tessera.test']),
    isOwnMessageId: (id: string) => id === '<ours@tessera.test>',
  };

  it('recognises mail from our own address', async () => {
    assert.equal(detectLoop(await parse(plain('', 'Support <SUPPORT@tessera.test>')), own), 'own_address');
  });

  it('recognises our own Message-ID', async () => {
    const message = await parse(plain('').replace('<m1@example.org>', '<ours@tessera.test>'));
    assert.equal(detectLoop(message, own), 'own_message_id');
  });

  it('passes anyone else', async () => {
    assert.equal(detectLoop(await parse(plain('')), own), null);
  });
});

describe('bounce details', () => {
  it('finds the Message-ID of the returned message in its headers', async () => {
    const raw = Buffer.from(
      rawFixture('bounce-dsn.eml')
        .toString('latin1')
        .replace('{{ORIGINAL_MESSAGE_ID}}', '<orig@tessera.test>'),
      'latin1',
    );
    const message = await parse(raw);
    assert.deepEqual(findBouncedMessageIds(message, raw), ['<orig@tessera.test>']);
  });

  it('summarizes the failed recipient and status', async () => {
    const summary = summarizeBounce(await parse(rawFixture('bounce-dsn.eml')));
    assert.match(summary, /Final-Recipient: rfc822; nobody@example\.org/);
    assert.match(summary, /Status: 5\.1\.1/);
    assert.match(summary, /Action: failed/);
  });
});
