import { ConfigError } from '../config.ts';
import { AppError } from '../domain/errors.ts';

type Command = (args: string[]) => Promise<number>;

// Each command is loaded only when it runs: `mail pipe`, started by the MTA for every message, must not
// pay for loading the web server, the IMAP client and the benchmark harness.
const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: {
    run: async (args) => (await import('./serve.ts')).serve(args),
    help: 'serve HTTP and run jobs; --role web for HTTP only (migrates, seeds)',
  },
  worker: {
    run: async (args) => (await import('./worker.ts')).worker(args),
    help: 'run background jobs only (for scaling out beside serve --role web)',
  },
  migrate: {
    run: async (args) => (await import('./migrate.ts')).migrate(args),
    help: 'migrate up | down [--all] | status',
  },
  admin: {
    run: async (args) => (await import('./admin.ts')).admin(args),
    help: 'admin create --email E --name N [--password P]',
  },
  token: {
    run: async (args) => (await import('./token.ts')).token(args),
    help: 'token create --email E --name N [--expires-days D]',
  },
  seed: {
    run: async (args) => (await import('./seed.ts')).seed(args),
    help: 'seed --tickets N [--users U] [--agents A] [--seed S]: demo and benchmark data',
  },
  bench: {
    run: async (args) => (await import('./bench.ts')).bench(args),
    help: 'bench [--url U] [--token T] [--duration S]: benchmark a running server',
  },
  apikey: {
    run: async (args) => (await import('./apikey.ts')).apikey(args),
    help: 'apikey create --name N [--ip ADDR]... (osTicket-compatible X-API-Key)',
  },
  mail: {
    run: async (args) => (await import('./mail.ts')).mail(args),
    help: 'mail pipe [--mailbox ID]: one RFC 822 message on stdin (sysexits codes)',
  },
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
