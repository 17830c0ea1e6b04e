import { ConfigError } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { migrate } from './migrate.ts';
import { serve } from './serve.ts';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: () => serve(), help: 'serve HTTP (migrates and seeds on first start)' },
  migrate: { run: migrate, help: 'migrate up | down [--all] | status' },
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

/** Registers another command; used by command modules that are added later. */
export function registerCommand(name: string, help: string, run: Command): void {
  COMMANDS[name] = { run, help };
}
