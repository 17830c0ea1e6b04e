import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessageId, isOwnMessageId, readMessageId } from './message-id.ts';

const deps = { secretKey: 'a-secret-key-that-is-long-enough-for-tests', mail: { domain: 'desk.example' } };

describe('signed Message-IDs', () => {
  it('round-trips the ticket and entry', () => {
    const id = createMessageId(deps, { ticketId: 42, entryId: 7 });
    assert.match(id, /^<t42\.e7\.[0-9a-f]{8}\.[0-9a-f]{16}@desk\.example>$/);
    assert.deepEqual(readMessageId(deps, id), { ticketId: 42, entryId: 7 });
  });

  it('reads an id without an entry as entry null, and without angle brackets', () => {
    const id = createMessageId(deps, { ticketId: 5 });
    assert.deepEqual(readMessageId(deps, id.slice(1, -1)), { ticketId: 5, entryId: null });
  });

  it('makes every id unique', () => {
    assert.notEqual(
      createMessageId(deps, { ticketId: 1, entryId: 1 }),
      createMessageId(deps, { ticketId: 1, entryId: 1 }),
    );
  });

  it('refuses an id whose ticket was changed, or signed with another key', () => {
    const id = createMessageId(deps, { ticketId: 42, entryId: 7 });
    assert.equal(readMessageId(deps, id.replace('<t42.', '<t43.')), null);
    assert.equal(readMessageId({ secretKey: 'another-secret-key-that-is-long-enough' }, id), null);
    assert.equal(isOwnMessageId(deps, '<CAF=abc@mail.gmail.com>'), false);
  });
});
