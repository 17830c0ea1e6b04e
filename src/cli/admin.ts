import { parseArgs } from 'node:util';
import { AppError } from '../domain/errors.ts';
import { openRuntime } from '../runtime.ts';
import { createAdministrator, MIN_PASSWORD_LENGTH } from '../services/auth/create-administrator.ts';

const USAGE = 'usage: tessera admin create --email EMAIL --name NAME [--password PASSWORD]';

/**
 * `tessera admin create --email E --name N [--password P]`: creates an administrator, or makes the agent
 * with that email an active administrator and resets their password. Without --password one is generated
 * and printed alone on the last line of stdout (a password given on the command line can end up in the
 * shell history, so generating one is the safer habit).
 */
export async function admin(args: string[]): Promise<number> {
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
  if (positionals.join(' ') !== 'create' || !values.email || !values.name?.trim()) {
    console.error(USAGE);
    return 64;
  }
  if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH) {
    console.error(`--password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    return 64;
  }

  const runtime = await openRuntime();
  try {
    const result = await createAdministrator(runtime.deps, {
      email: values.email,
      name: values.name,
      password: values.password ?? null,
    });
    console.log(
      result.isNew
        ? `Administrator ${result.email} created (id ${result.agentId}).`
        : `Agent ${result.email} (id ${result.agentId}) is now an active administrator with a new password; their sessions were ended.`,
    );
    if (result.generatedPassword !== null) {
      console.log('Generated password, shown only this once:');
      console.log(result.generatedPassword);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      console.error(error.message);
      return 64;
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
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
