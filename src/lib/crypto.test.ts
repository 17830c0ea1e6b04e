import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createSignedToken, randomToken, readSignedToken, safeEqual, sha256Hex, sign } from './crypto.ts';

const SECRET = 'a-secret-key-that-is-long-enough-0123456789';
const PAYLOAD = { ticket: 'T-1042', entry: 17, action: 'confirm' };

function encode(value: string): string {
  return Buffer.from(value).toString('base64url');
}

/** The token with the character at `index` replaced by a different base64url character. */
function withCharChanged(token: string, index: number): string {
  const replacement = token[index] === 'A' ? 'B' : 'A';
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

describe('signed tokens', () => {
  it('round-trips a payload', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    assert.deepEqual(readSignedToken(SECRET, 'confirmation', token), PAYLOAD);
  });

  it('round-trips any JSON object', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), (purpose, payload) => {
        const token = createSignedToken(SECRET, purpose, payload);
        assert.deepEqual(readSignedToken(SECRET, purpose, token), JSON.parse(JSON.stringify(payload)));
      }),
      { numRuns: 200 },
    );
  });

  it('makes tokens that are safe in a URL', () => {
    assert.match(createSignedToken(SECRET, 'confirmation', PAYLOAD), /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('rejects a token signed for another purpose', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    assert.equal(readSignedToken(SECRET, 'password-reset', token), null);
  });

  it('rejects a token signed with another secret', () => {
    const token = createSignedToken(`${SECRET}-other`, 'confirmation', PAYLOAD);
    assert.equal(readSignedToken(SECRET, 'confirmation', token), null);
  });

  it('rejects a token whose payload was replaced', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    const signature = token.slice(token.indexOf('.') + 1);
    const forged = `${encode(JSON.stringify({ ...PAYLOAD, ticket: 'T-1' }))}.${signature}`;
    assert.equal(readSignedToken(SECRET, 'confirmation', forged), null);
  });

  it('rejects a token with any single character of its payload changed', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    for (let index = 0; index < token.indexOf('.'); index++) {
      assert.equal(
        readSignedToken(SECRET, 'confirmation', withCharChanged(token, index)),
        null,
        `at ${index}`,
      );
    }
  });

  it('rejects a token with any single character of its signature changed', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    for (let index = token.indexOf('.') + 1; index < token.length; index++) {
      assert.equal(
        readSignedToken(SECRET, 'confirmation', withCharChanged(token, index)),
        null,
        `at ${index}`,
      );
    }
  });

  it('rejects a truncated, extended or missing signature', () => {
    const token = createSignedToken(SECRET, 'confirmation', PAYLOAD);
    const body = token.slice(0, token.indexOf('.'));
    for (const candidate of [token.slice(0, -1), `${token}A`, `${token}.`, `${body}.`, body]) {
      assert.equal(readSignedToken(SECRET, 'confirmation', candidate), null, candidate);
    }
  });

  it('returns null for a correctly signed body that is not JSON', () => {
    const body = encode('{not json');
    assert.equal(
      readSignedToken(SECRET, 'confirmation', `${body}.${sign(SECRET, 'confirmation', body)}`),
      null,
    );
  });

  it('returns null for the empty string and a bare dot', () => {
    for (const garbage of ['', '.', '..', '.abc', 'abc.']) {
      assert.equal(readSignedToken(SECRET, 'confirmation', garbage), null, JSON.stringify(garbage));
    }
  });

  it('never throws on arbitrary strings and answers null', () => {
    const base64urlish = fc
      .array(fc.constantFrom(...'ABCxyz019-_.=+/ é\u0000'), { maxLength: 80 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), base64urlish), (garbage) => {
        assert.equal(readSignedToken(SECRET, 'confirmation', garbage), null);
      }),
      { numRuns: 500 },
    );
  });
});

describe('safeEqual', () => {
  it('is true for equal strings', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('', ''), true);
    assert.equal(safeEqual('héllo', 'héllo'), true);
  });

  it('is false for strings of the same length that differ', () => {
    assert.equal(safeEqual('abc', 'abd'), false);
  });

  it('is false for strings of different lengths without throwing', () => {
    assert.equal(safeEqual('abc', 'abcd'), false);
    assert.equal(safeEqual('', 'a'), false);
  });

  it('is false when the characters differ but the lengths in characters match', () => {
    assert.equal(safeEqual('é', 'e'), false);
  });

  it('agrees with === on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        assert.equal(safeEqual(a, b), a === b);
        assert.equal(safeEqual(a, a), true);
      }),
    );
  });
});

describe('randomToken', () => {
  it('encodes the requested entropy as URL-safe text', () => {
    assert.match(randomToken(), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(randomToken(16), 'base64url').length, 16);
  });

  it('differs from call to call', () => {
    assert.notEqual(randomToken(), randomToken());
  });
});

describe('sha256Hex', () => {
  it('matches the published test vector', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
