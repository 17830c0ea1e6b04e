import { parseArgs } from 'node:util';
import { type BenchOptions, formatTable, runBench } from '../../bench/run-bench.ts';
import { revokeToken } from '../../bench/setup.ts';
import { BENCH_WORDS } from '../db/seed/vocabulary.ts';
import { DAY_MS } from '../lib/clock.ts';
import { openRuntime } from '../runtime.ts';
import { listAgents } from '../services/agents/agents.ts';
import { createApiToken } from '../services/auth/api-tokens.ts';

const USAGE = `usage: tessera bench [--url URL] [--token tsr_...] [--duration S] [--warmup S]
                     [--concurrency 1,16] [--read-concurrency C] [--deep-pages N] [--engine auto|wrk|node]
                     [--pid PID] [--only NAME,...] [--common W] [--rare W] [--prefix P] [--size LABEL] [--out DIR]
                     [--drain-timeout S]
Drives a running server; without --token it creates a one-day token for an administrator in the
database DATABASE_URL names (and revokes it at the end).`;

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8080' },
      token: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '1,16' },
      'read-concurrency': { type: 'string', default: '1' },
      'deep-pages': { type: 'string', default: '40' },
      engine: { type: 'string', default: 'auto' },
      pid: { type: 'string' },
      only: { type: 'string' },
      common: { type: 'string', default: BENCH_WORDS.common },
      rare: { type: 'string', default: BENCH_WORDS.rare },
      prefix: { type: 'string', default: BENCH_WORDS.prefix },
      size: { type: 'string' },
      out: { type: 'string' },
      'drain-timeout': { type: 'string', default: '300' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function whole(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function optionsOf(values: ReturnType<typeof parseFlags>['values']): Omit<BenchOptions, 'token'> {
  if (!URL.canParse(values.url) || !/^http:\/\//.test(values.url))
    throw new Error('--url must be an http:// URL');
  const engine = values.engine;
  if (engine !== 'auto' && engine !== 'wrk' && engine !== 'node')
    throw new Error('--engine must be auto, wrk or node');
  const words = { common: values.common, rare: values.rare, prefix: values.prefix };
  for (const [name, word] of Object.entries(words)) {
    if (!/^[\p{L}\p{N}]{1,50}$/u.test(word)) throw new Error(`--${name} must be one word`);
  }
  return {
    url: values.url.replace(/\/+$/, ''),
    durationS: whole(values.duration, 'duration', 1, 600),
    warmupS: whole(values.warmup, 'warmup', 0, 60),
    writeConcurrency: values.concurrency.split(',').map((c) => whole(c.trim(), 'concurrency', 1, 256)),
    readConcurrency: whole(values['read-concurrency'], 'read-concurrency', 1, 256),
    deepPages: whole(values['deep-pages'], 'deep-pages', 1, 10_000),
    engine,
    pid: values.pid === undefined ? null : whole(values.pid, 'pid', 1, 2 ** 31),
    only: values.only === undefined ? null : values.only.split(',').map((name) => name.trim()),
    words,
    size: values.size ?? null,
    outDir: values.out ?? null,
    drainTimeoutS: whole(values['drain-timeout'], 'drain-timeout', 0, 3600),
    log: (line) => console.error(line),
  };
}

/** A token of an active administrator, valid for a day, made in the database DATABASE_URL names. */
async function createBenchToken(): Promise<{ token: string; id: number }> {
  const runtime = await openRuntime();
  try {
    const admin = (await listAgents(runtime.deps)).find((agent) => agent.isAdmin && agent.isActive);
    if (!admin) throw new Error('No active administrator in this database; pass --token');
    const { token, record } = await createApiToken(runtime.deps, {
      agentId: admin.id,
      name: 'tessera bench',
      expiresAt: runtime.deps.clock.now() + DAY_MS,
    });
    return { token, id: record.id };
  } finally {
    await runtime.close();
  }
}

/**
 * `tessera bench`: drives a running server over HTTP (writes at each --concurrency, reads at
 * --read-concurrency), prints a table and writes the JSON results under bench/results/.
 */
export async function bench(args: string[]): Promise<number> {
  let options: Omit<BenchOptions, 'token'>;
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    values = parseFlags(args).values;
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    options = optionsOf(values);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const created = values.token === undefined ? await createBenchToken() : null;
  const token = values.token ?? created!.token;
  try {
    const report = await runBench({ ...options, token });
    console.log(
      `\n${report.dialect}, about ${report.estimatedTickets ?? '?'} tickets, engine ${report.engine}`,
    );
    console.log(formatTable(report.results));
    for (const skip of report.skipped)
      console.log(`skipped ${skip.name} (c=${skip.concurrency}): ${skip.reason}`);
    console.log('\nTargets of issue 5 (set for a million tickets on two cores):');
    for (const check of report.targets) {
      const verdict = check.isMet === null ? '-' : check.isMet ? 'met' : 'MISSED';
      console.log(`  ${verdict.padEnd(6)} ${check.target}: ${check.measured}`);
    }
    console.log(`\nResults written to ${report.file}`);
    return 0;
  } finally {
    if (created) await revokeToken(options.url, token, created.id).catch(() => {});
  }
}
