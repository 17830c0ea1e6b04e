import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dialectOf } from '../../src/db/dialects.ts';
import { whileSchemasStay } from './dialects.ts';

const TESSERA_BIN = fileURLToPath(new URL('../../bin/tessera.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `tessera` command in a child process on the database `url` names. Commands migrate at start,
 * and on PostgreSQL a migration must not meet another test dropping its schema (see whileSchemasStay), so
 * the run holds the schema lock until the child exits.
 */
export function runTessera(run: {
  url: string;
  dataDir: string;
  args: readonly string[];
  stdin?: Buffer;
  env?: Record<string, string>;
}): Promise<CliRun> {
  return whileSchemasStay(
    dialectOf(run.url),
    () =>
      new Promise<CliRun>((resolve, reject) => {
        const child = spawn(process.execPath, [TESSERA_BIN, ...run.args], {
          env: {
            ...process.env,
            DATABASE_URL: run.url,
            DATA_DIR: run.dataDir,
            LOG_LEVEL: 'silent',
            ...run.env,
          },
          stdio: [run.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (chunk) => {
          stdout += chunk;
        });
        child.stderr?.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        if (run.stdin) child.stdin?.end(run.stdin);
      }),
  );
}
