import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAddressAllowed, normalizeAllowedAddress } from './ip-allowlist.ts';

describe('API key source addresses', () => {
  it('accepts addresses and CIDR blocks of both families, canonically', () => {
    assert.equal(normalizeAllowedAddress(' 192.0.2.10 '), '192.0.2.10');
    assert.equal(normalizeAllowedAddress('10.0.0.0/8'), '10.0.0.0/8');
    assert.equal(normalizeAllowedAddress('2001:DB8::/32'), '2001:db8::/32');
    assert.equal(normalizeAllowedAddress('::ffff:192.0.2.1'), '192.0.2.1');
  });

  it('rejects what is neither an address nor a block', () => {
    for (const entry of [
      '',
      'example.com',
      '10.0.0.300',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/',
      '10.*.*.*',
    ]) {
      assert.equal(normalizeAllowedAddress(entry), null, entry);
    }
  });

  it('allows any source when the list is empty', () => {
    assert.equal(isAddressAllowed([], '203.0.113.5'), true);
  });

  it('allows only listed addresses and blocks', () => {
    const allowed = ['192.0.2.10', '10.1.0.0/16', '2001:db8::/32'];
    assert.equal(isAddressAllowed(allowed, '192.0.2.10'), true);
    assert.equal(isAddressAllowed(allowed, '10.1.200.3'), true);
    assert.equal(isAddressAllowed(allowed, '2001:db8:1::7'), true);
    assert.equal(isAddressAllowed(allowed, '192.0.2.11'), false);
    assert.equal(isAddressAllowed(allowed, '10.2.0.1'), false);
    assert.equal(isAddressAllowed(allowed, '2001:db9::1'), false);
  });

  it('matches an IPv4-mapped IPv6 source against IPv4 entries', () => {
    assert.equal(isAddressAllowed(['127.0.0.1'], '::ffff:127.0.0.1'), true);
  });
});
