import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  const password = 'correct horse battery staple';
  let stored = '';

  // One hash serves every test: each costs about 20 ms by design.
  before(async () => {
    stored = await hashPassword(password);
  });

  it('produces an Argon2id hash in PHC form that does not contain the password', () => {
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    assert.ok(!stored.includes(password));
  });

  it('salts each hash, so the same password hashes differently twice', async () => {
    assert.notEqual(await hashPassword(password), stored);
  });

  it('verifies the password it hashed', async () => {
    assert.equal(await verifyPassword(stored, password), true);
  });

  it('rejects a wrong password', async () => {
    assert.equal(await verifyPassword(stored, 'correct horse battery stapl'), false);
    assert.equal(await verifyPassword(stored, ''), false);
  });

  it('answers false when there is no hash', async () => {
    assert.equal(await verifyPassword(null, password), false);
    assert.equal(await verifyPassword(null, 'decoy password that matches nothing'), false);
  });

  it('answers false for a malformed hash instead of throwing', async () => {
    for (const malformed of [
      '',
      'not a hash',
      '$argon2id$',
      stored.slice(0, -10),
      `${stored.slice(0, 30)}!!`,
    ]) {
      assert.equal(await verifyPassword(malformed, password), false, malformed);
    }
  });
});
