import { parseArgs } from 'node:util';
import { type SeedOptions, type SeedReport, seedDatabase } from '../db/seed/seed-database.ts';
import { openRuntime } from '../runtime.ts';
import { ensureDefaults } from '../services/setup/ensure-defaults.ts';

const USAGE = `usage: tessera seed --tickets N [--users U] [--agents A] [--seed S] [--batch B]
                    [--years Y] [--now ISO-TIME] [--fts bulk|triggers] [--rebuild-indexes auto|yes|no]`;
const MAX_TICKETS = 20_000_000;

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    options: {
      tickets: { type: 'string' },
      users: { type: 'string' },
      agents: { type: 'string' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '2000' },
      years: { type: 'string', default: '3' },
      now: { type: 'string' },
      fts: { type: 'string', default: 'bulk' },
      'rebuild-indexes': { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function optionsOf(values: ReturnType<typeof parseFlags>['values']): SeedOptions {
  const tickets = wholeNumber(values.tickets, 'tickets', 1, MAX_TICKETS);
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (!Number.isFinite(now)) throw new Error('--now must be an ISO date-time');
  if (values.fts !== 'bulk' && values.fts !== 'triggers') throw new Error('--fts must be bulk or triggers');
  const rebuild = values['rebuild-indexes'];
  if (rebuild !== 'auto' && rebuild !== 'yes' && rebuild !== 'no') {
    throw new Error('--rebuild-indexes must be auto, yes or no');
  }
  return {
    tickets,
    // Thousands of requesters at any size, about ten tickets each at a million.
    users:
      values.users === undefined
        ? Math.min(50_000, Math.max(1_000, Math.round(tickets / 10)))
        : wholeNumber(values.users, 'users', 1, 1_000_000),
    agents: values.agents === undefined ? 48 : wholeNumber(values.agents, 'agents', 1, 5_000),
    seed: wholeNumber(values.seed, 'seed', 0, 2 ** 32 - 1),
    batch: wholeNumber(values.batch, 'batch', 1, 50_000),
    years: wholeNumber(values.years, 'years', 1, 30),
    now,
    ftsMode: values.fts,
    rebuildIndexes: rebuild === 'auto' ? 'auto' : rebuild === 'yes',
  };
}

const formatNumber = (n: number) => Math.round(n).toLocaleString('en-US');
const formatDuration = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** A progress bar with rate and ETA on a terminal; a line every few seconds otherwise. */
function progressReporter(): (done: number, total: number) => void {
  const started = performance.now();
  const isTty = process.stderr.isTTY === true;
  let lastPrinted = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - lastPrinted < (isTty ? 250 : 5000)) return;
    lastPrinted = now;
    const elapsed = now - started;
    const rate = done / (elapsed / 1000);
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : 0;
    const fraction = done / total;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${bar} ${(fraction * 100).toFixed(1).padStart(5)}%  ${formatNumber(done)}/${formatNumber(total)} tickets  ${formatNumber(rate)}/s  elapsed ${formatDuration(elapsed)}  ETA ${formatDuration(eta)}`;
    if (isTty) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

function printReport(report: SeedReport, elapsedMs: number): void {
  const perTicket = (n: number) => (report.tickets > 0 ? (n / report.tickets).toFixed(2) : '0');
  const states = Object.entries(report.states)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([state, count]) => `${state} ${formatNumber(count)} (${((count / report.tickets) * 100).toFixed(1)}%)`,
    )
    .join(', ');
  const words = (list: { word: string; tickets: number }[]) =>
    list.map((w) => `${w.word} (${formatNumber(w.tickets)} tickets)`).join(', ');
  console.log(`Seeded ${formatNumber(report.tickets)} tickets on ${report.dialect} in ${formatDuration(elapsedMs)}
  numbers:      ${report.firstNumber ?? '-'} to ${report.lastNumber ?? '-'}
  entries:      ${formatNumber(report.entries)} (${perTicket(report.entries)} per ticket)
  events:       ${formatNumber(report.events)} (${perTicket(report.events)} per ticket)
  resolutions:  ${formatNumber(report.resolutions)}, tags: ${formatNumber(report.tags)}
  requesters:   ${formatNumber(report.requesters)}, agents: ${formatNumber(report.agents)}
  states:       ${states}
  timings:      directory ${formatDuration(report.timings.directory)}, tickets ${formatDuration(report.timings.tickets)}, indexing ${formatDuration(report.timings.finish)}
Words to search for:
  common:       ${words(report.words.common)}
  rare:         ${words(report.words.rare)}
  prefix "${report.words.bench.prefix}": ${words(report.words.prefixed)}
  the bench uses: common "${report.words.bench.common}", rare "${report.words.bench.rare}", prefix "${report.words.bench.prefix}"`);
}

/**
 * `tessera seed --tickets N ...`: fills the configured database (migrated, with the default catalog; set
 * up first if empty) with realistic tickets for demos and benchmarks, deterministic for a given --seed.
 */
export async function seed(args: string[]): Promise<number> {
  let options: SeedOptions;
  try {
    const { values } = parseFlags(args);
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    options = optionsOf(values);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const runtime = await openRuntime();
  try {
    const { config, deps } = runtime;
    const setup = await ensureDefaults(deps, { email: config.adminEmail, password: config.adminPassword });
    if (setup.generatedAdmin) {
      console.log(
        `Administrator created: ${setup.generatedAdmin.email}, password (shown once): ${setup.generatedAdmin.password}`,
      );
    }
  } finally {
    await runtime.close();
  }
  const started = performance.now();
  const report = await seedDatabase(runtime.config.databaseUrl, options, progressReporter());
  printReport(report, performance.now() - started);
  return 0;
}
