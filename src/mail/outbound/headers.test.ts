import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressOf,
  autoSubmittedOf,
  buildExtraHeaders,
  buildThreadHeaders,
  displayNameOf,
  normalizeMessageId,
} from './headers.ts';
import { OUTBOUND_KINDS } from './kinds.ts';

describe('outgoing mail headers', () => {
  it('reads the address and the name of a mailbox', () => {
    assert.equal(addressOf('Tessera Support <Support@Example.COM>'), 'support@example.com');
    assert.equal(addressOf(' dana@example.com '), 'dana@example.com');
    assert.equal(displayNameOf('"Tessera Support" <support@example.com>'), 'Tessera Support');
    assert.equal(displayNameOf('support@example.com'), null);
  });

  it('brackets Message-IDs and refuses what is not one', () => {
    assert.equal(normalizeMessageId('abc@example.com'), '<abc@example.com>');
    assert.equal(normalizeMessageId(' <abc@example.com> '), '<abc@example.com>');
    assert.equal(normalizeMessageId('no at sign'), null);
    assert.equal(normalizeMessageId('<a@b>\r\nBcc: x@y'), null);
  });

  it('answers the latest message of the thread and references all of a short one', () => {
    const headers = buildThreadHeaders(['<a@x>', 'b@x', '<c@x>']);
    assert.equal(headers.inReplyTo, '<c@x>');
    assert.equal(headers.references, '<a@x> <b@x> <c@x>');
  });

  it('has no threading headers for the first mail of a conversation', () => {
    assert.deepEqual(buildThreadHeaders([]), { inReplyTo: null, references: null });
  });

  it('keeps the root and the latest ids of a long thread, each once', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const headers = buildThreadHeaders([...chain, '<m29@x>'], 5);
    assert.equal(headers.inReplyTo, '<m29@x>');
    assert.equal(headers.references, '<m0@x> <m26@x> <m27@x> <m28@x> <m29@x>');
  });

  it('marks automatic mail for RFC 3834 and leaves an agent reply unmarked', () => {
    assert.equal(autoSubmittedOf('auto_response'), 'auto-replied');
    assert.equal(autoSubmittedOf('reply'), null);
    for (const kind of OUTBOUND_KINDS.filter((k) => k !== 'auto_response' && k !== 'reply')) {
      assert.equal(autoSubmittedOf(kind), 'auto-generated', kind);
    }
  });

  it('suppresses auto-responses, sets Reply-To, and offers unsubscribing on agent notices only', () => {
    const alert = buildExtraHeaders({
      kind: 'new_ticket_alert',
      replyTo: 'help@example.com',
      settingsUrl: 'https://desk.example.com/agent/settings/notifications',
    });
    assert.deepEqual(alert, {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Reply-To': 'help@example.com',
      'List-Unsubscribe': '<https://desk.example.com/agent/settings/notifications>',
    });
    const reply = buildExtraHeaders({ kind: 'reply', replyTo: 'help@example.com', settingsUrl: 'https://x' });
    assert.deepEqual(reply, { 'X-Auto-Response-Suppress': 'All', 'Reply-To': 'help@example.com' });
  });
});
