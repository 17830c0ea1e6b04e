import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTraceHeaders, formatRfc5322Date } from './trace-headers.ts';

const BASE = {
  mailFrom: 'dana@example.com',
  recipient: 'help@tessera.test',
  clientHelo: 'mx.example.com',
  clientAddress: '192.0.2.7',
  serverName: 'tessera.test',
  transmission: 'ESMTP',
  sessionId: 'abc123',
  at: new Date(Date.UTC(2026, 0, 5, 9, 3, 7)),
};

describe('SMTP trace headers', () => {
  it('writes Return-Path and a folded Received line', () => {
    assert.equal(
      buildTraceHeaders(BASE),
      'Return-Path: <dana@example.com>\r\n' +
        'Received: from mx.example.com ([192.0.2.7])\r\n' +
        '\tby tessera.test (Tessera) with ESMTP id abc123\r\n' +
        '\tfor <help@tessera.test>;\r\n' +
        '\tMon, 5 Jan 2026 09:03:07 +0000\r\n',
    );
  });

  it('keeps the empty Return-Path of a bounce', () => {
    assert.match(buildTraceHeaders({ ...BASE, mailFrom: '' }), /^Return-Path: <>\r\n/);
  });

  it('keeps a hostile HELO name from adding header lines', () => {
    const headers = buildTraceHeaders({ ...BASE, clientHelo: 'evil\r\nBcc: victim@example.com' });
    assert.equal(headers.split('\r\n').filter((line) => line.startsWith('Bcc')).length, 0);
  });

  it('formats dates as RFC 5322 wants them', () => {
    assert.equal(
      formatRfc5322Date(new Date(Date.UTC(2026, 10, 27, 23, 59, 0))),
      'Fri, 27 Nov 2026 23:59:00 +0000',
    );
  });
});
