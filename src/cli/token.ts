import { parseArgs } from 'node:util';
import { AppError } from '../domain/errors.ts';
import { DAY_MS } from '../lib/clock.ts';
import { openRuntime } from '../runtime.ts';
import { issueApiTokenForEmail } from '../services/auth/api-tokens.ts';

const USAGE = 'usage: tessera token create --email EMAIL --name NAME [--expires-days DAYS]';
const MAX_EXPIRES_DAYS = 3650;

/**
 * `tessera token create --email E --name N [--expires-days D]`: creates an API token for the agent with
 * that email and prints it alone on the last line of stdout. Exits 64 on bad usage, 67 (EX_NOUSER) when
 * no active agent has the email.
 */
export async function token(args: string[]): Promise<number> {
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
  if (positionals.join(' ') !== 'create' || !values.email || name === '') {
    console.error(USAGE);
    return 64;
  }
  if (name.length > 100) {
    console.error('--name must have at most 100 characters');
    return 64;
  }
  const days = values['expires-days'];
  if (days !== undefined && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_EXPIRES_DAYS)) {
    console.error(`--expires-days must be a whole number of days from 1 to ${MAX_EXPIRES_DAYS}\n${USAGE}`);
    return 64;
  }

  const runtime = await openRuntime();
  try {
    const now = runtime.deps.clock.now();
    const expiresAt = days === undefined ? null : now + Number(days) * DAY_MS;
    const { token: secret, record } = await issueApiTokenForEmail(runtime.deps, {
      email: values.email,
      name,
      expiresAt,
    });
    const expiry = expiresAt === null ? 'never expires' : `expires ${new Date(expiresAt).toISOString()}`;
    console.log(`API token "${record.name}" (id ${record.id}) for ${values.email}; it ${expiry}.`);
    console.log('It is shown only this once:');
    console.log(secret);
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      console.error(error.message);
      return 67;
    }
    throw error;
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
      email: { type: 'string' },
      name: { type: 'string' },
      'expires-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
