import { BlockList, isIP } from 'node:net';

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`), else the address as given. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match?.[1] ?? address;
}

/**
 * An allowed-source entry in canonical form: a single address or a CIDR block (`10.0.0.0/8`,
 * `2001:db8::/32`), lower-cased. Null when it is neither.
 */
export function normalizeAllowedAddress(entry: string): string | null {
  const trimmed = entry.trim().toLowerCase();
  const slash = trimmed.indexOf('/');
  if (slash === -1) {
    const address = unmapped(trimmed);
    return isIP(address) === 0 ? null : address;
  }
  const address = unmapped(trimmed.slice(0, slash));
  const prefix = trimmed.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(prefix)) return null;
  const bits = Number(prefix);
  return bits <= (family === 4 ? 32 : 128) ? `${address}/${bits}` : null;
}

/** Whether a request from `address` may use a key limited to `allowed`; an empty list allows any source. */
export function isAddressAllowed(allowed: readonly string[], address: string): boolean {
  if (allowed.length === 0) return true;
  const source = unmapped(address);
  const family = isIP(source);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowed) {
    const slash = entry.indexOf('/');
    const base = slash === -1 ? entry : entry.slice(0, slash);
    const type = isIP(base) === 4 ? 'ipv4' : 'ipv6';
    if (slash === -1) list.addAddress(base, type);
    else list.addSubnet(base, Number(entry.slice(slash + 1)), type);
  }
  return list.check(source, family === 4 ? 'ipv4' : 'ipv6');
}
