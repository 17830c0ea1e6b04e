import { parseArgs } from 'node:util';
import { openRuntime } from '../runtime.ts';
import { createApiKey, MAX_IP_ADDRESSES, MAX_NAME_LENGTH } from '../services/api-keys/api-keys.ts';
import { normalizeAllowedAddress } from '../services/api-keys/ip-allowlist.ts';

const USAGE =
  'usage: tessera apikey create --name NAME [--ip ADDRESS_OR_CIDR]... [--no-create-tickets]\n' +
  '  Creates an osTicket-compatible API key (X-API-Key for /api/tickets.json|.xml|.email).\n' +
  '  Each --ip limits the key to a source address or CIDR block; without any, every source may use it.';

/**
 * `tessera apikey create --name N [--ip ADDR]...`: creates an osTicket-compatible API key and prints it
 * alone on the last line of stdout. Exits 64 on bad usage.
 */
export async function apikey(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const name = values.name?.trim() ?? '';
  if (positionals.join(' ') !== 'create' || name === '') {
    console.error(USAGE);
    return 64;
  }
  if (name.length > MAX_NAME_LENGTH) {
    console.error(`--name must have at most ${MAX_NAME_LENGTH} characters`);
    return 64;
  }
  const addresses = values.ip ?? [];
  const invalid = addresses.find((address) => normalizeAllowedAddress(address) === null);
  if (invalid !== undefined) {
    console.error(`--ip "${invalid}" is neither an IP address nor a CIDR block (like 192.0.2.0/24)`);
    return 64;
  }
  if (addresses.length > MAX_IP_ADDRESSES) {
    console.error(`at most ${MAX_IP_ADDRESSES} --ip options`);
    return 64;
  }

  const runtime = await openRuntime();
  try {
    const { key, record } = await createApiKey(
      runtime.deps,
      { name, ipAddresses: addresses, canCreateTickets: !values['no-create-tickets'] },
      null,
    );
    const sources = record.ipAddresses.length === 0 ? 'any address' : record.ipAddresses.join(', ');
    const permission = record.canCreateTickets ? 'may create tickets' : 'may not create tickets';
    console.log(`API key "${record.name}" (id ${record.id}) ${permission}; usable from ${sources}.`);
    console.log('Send it as the X-API-Key header. It is shown only this once:');
    console.log(key);
    return 0;
  } finally {
    await runtime.close();
  }
}

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      ip: { type: 'string', multiple: true },
      'no-create-tickets': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
