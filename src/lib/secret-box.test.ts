import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSecret, sealSecret } from './secret-box.ts';

const KEY = 'a-server-secret-key-that-is-long-enough-000';

describe('secret box', () => {
  it('opens what it sealed', () => {
    const sealed = sealSecret(KEY, 'imap-password', 'pässwörd with spaces');
    assert.equal(openSecret(KEY, 'imap-password', sealed), 'pässwörd with spaces');
  });

  it('never shows the plaintext in the sealed form', () => {
    const sealed = sealSecret(KEY, 'imap-password', 'hunter2-hunter2');
    assert.ok(!sealed.includes('hunter2'));
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('seals the same secret differently each time', () => {
    assert.notEqual(sealSecret(KEY, 'p', 'same'), sealSecret(KEY, 'p', 'same'));
  });

  it('does not open under another key', () => {
    const sealed = sealSecret(KEY, 'imap-password', 'secret');
    assert.equal(openSecret(`${KEY}x`, 'imap-password', sealed), null);
  });

  it('does not open for another purpose', () => {
    const sealed = sealSecret(KEY, 'imap-password', 'secret');
    assert.equal(openSecret(KEY, 'smtp-password', sealed), null);
  });

  it('does not open once altered', () => {
    const sealed = sealSecret(KEY, 'imap-password', 'secret');
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3] ?? '', 'base64url');
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[3] = ciphertext.toString('base64url');
    assert.equal(openSecret(KEY, 'imap-password', parts.join('.')), null);
    assert.equal(openSecret(KEY, 'imap-password', 'v1.garbage'), null);
    assert.equal(openSecret(KEY, 'imap-password', ''), null);
  });
});
