import { ConfigError } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { admin } from './admin.ts';
import { migrate } from './migrate.ts';
import { serve } from './serve.ts';
import { token } from './token.ts';
import { worker } from './worker.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: serve, help: 'serve HTTP and run jobs; --role web for HTTP only (migrates, seeds)' },
  worker: { run: worker, help: 'run background jobs only (for scaling out beside serve --role web)' },
  migrate: { run: migrate, help: 'migrate up | down [--all] | status' },
  admin: { run: admin, help: 'admin create --email E --name N [--password P]' },
  token: { run: token, help: 'token create --email E --name N [--expires-days D]' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(16)} ${command.help}`);
  return `usage: tessera <command> [options]\n\n${lines.join('\n')}`;
}

/** Runs one CLI command; returns the process exit code (sysexits where it matters). */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 64;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 64;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
}
