import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillRequest, HttpClient, runLoop } from './http-client.ts';
import { findPidByPort, readRssMb, sampleRss } from './rss.ts';
import { buildScenarios, REQUESTER_POOL, type Scenario } from './scenarios.ts';
import { cleanUpServer, discoverServer, type ServerFacts } from './setup.ts';
import { formatTable, type ScenarioResult, summarize } from './stats.ts';
import { checkTargets, type TargetCheck } from './targets.ts';
import { hasWrk, runWrk } from './wrk.ts';

export interface BenchOptions {
  url: string;
  token: string;
  durationS: number;
  warmupS: number;
  writeConcurrency: number[];
  readConcurrency: number;
  deepPages: number;
  engine: 'auto' | 'wrk' | 'node';
  pid: number | null;
  /** Run only these scenarios (by name). */
  only: string[] | null;
  words: { common: string; rare: string; prefix: string };
  /** The size label of the results file; by default estimated from the ticket numbers. */
  size: string | null;
  /** Where the JSON goes; bench/results/ by default. */
  outDir: string | null;
  /**
   * How long to wait for the worker to catch up after a ticket-creating scenario (and before one, for
   * the warm-up's work); 0 does not wait (a `--role web` server with no worker running).
   */
  drainTimeoutS?: number;
  log: (line: string) => void;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  url: string;
  dialect: string;
  size: string;
  estimatedTickets: number | null;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMb: number;
    node: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  engine: 'wrk' | 'node';
  server: { pid: number | null; rssIdleMb: number | null };
  settings: Pick<
    BenchOptions,
    'durationS' | 'warmupS' | 'writeConcurrency' | 'readConcurrency' | 'deepPages' | 'words'
  >;
  deepPagesReached: number;
  results: ScenarioResult[];
  skipped: { name: string; concurrency: number; reason: string }[];
  targets: TargetCheck[];
  file: string | null;
}

function sizeLabel(count: number | null): string {
  if (count === null) return 'unknown';
  if (count < 1_000) return String(count);
  if (count < 1_000_000) return `${Math.round(count / 1_000)}k`;
  return `${Number((count / 1_000_000).toFixed(1))}m`;
}

/** Longest wait, by default, for the worker to catch up after a write scenario. */
const DRAIN_TIMEOUT_S = 300;

/** Whether jobs of these types are still waiting to run (scheduled retries count as waiting). */
async function hasPendingJobs(client: HttpClient, token: string, types: readonly string[]): Promise<boolean> {
  for (const type of types) {
    const page = await client.json<{ items: unknown[] }>({
      method: 'GET',
      path: `/api/v1/jobs?status=pending&type=${encodeURIComponent(type)}&limit=1`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (page.items.length > 0) return true;
  }
  return false;
}

/** Seconds until no job of these types is pending, or null after the timeout. */
async function waitForJobs(
  client: HttpClient,
  token: string,
  types: readonly string[],
  timeoutS: number,
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutS * 1000) {
    if (!(await hasPendingJobs(client, token, types))) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/**
 * Measures a scenario. One that queues background work starts with an empty queue (the warm-up's work
 * done) and ends when the worker has caught up, so its figures include what the requests left behind.
 */
async function measure(
  scenario: Scenario,
  options: BenchOptions,
  engine: 'wrk' | 'node',
  pid: number | null,
  runId: string,
  control: HttpClient,
): Promise<ScenarioResult> {
  const types = scenario.queuesJobs;
  const timeoutS = options.drainTimeoutS ?? DRAIN_TIMEOUT_S;
  if (!types || timeoutS === 0) return measureRequests(scenario, options, engine, pid, runId, null);
  const result = await measureRequests(scenario, options, engine, pid, runId, () =>
    waitForJobs(control, options.token, types, timeoutS),
  );
  const drainS = await waitForJobs(control, options.token, types, timeoutS);
  return {
    ...result,
    backlog: {
      jobTypes: [...types],
      drainS,
      endToEndThroughput: drainS === null ? null : result.requests / (result.durationS + drainS),
    },
  };
}

async function measureRequests(
  scenario: Scenario,
  options: BenchOptions,
  engine: 'wrk' | 'node',
  pid: number | null,
  runId: string,
  afterWarmup: (() => Promise<unknown>) | null,
): Promise<ScenarioResult> {
  const base = { name: scenario.name, description: scenario.description, concurrency: scenario.concurrency };
  const request = scenario.request;
  if (request && engine === 'wrk') {
    const run = (durationS: number) =>
      runWrk({
        url: options.url,
        request,
        concurrency: scenario.concurrency,
        durationS,
        pool: REQUESTER_POOL,
      });
    if (options.warmupS > 0) await run(options.warmupS);
    await afterWarmup?.();
    const sampler = sampleRss(pid);
    const result = await run(options.durationS);
    const failures = Object.entries(result.statuses)
      .filter(([status]) => !scenario.expect.includes(Number(status)))
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      ...base,
      engine,
      durationS: result.elapsedMs / 1000,
      requests: result.requests,
      throughput: result.requests / (result.elapsedMs / 1000),
      latency: result.latency,
      statuses: result.statuses,
      failures,
      rssMaxMb: sampler.stop(),
    };
  }
  const client = new HttpClient(options.url, scenario.concurrency);
  let sent = 0;
  const step =
    scenario.step ??
    (async (c: HttpClient, worker: number, iteration: number) => {
      sent += 1;
      return (await c.send(fillRequest(request!, `${runId}-${worker}-${iteration}`, sent % REQUESTER_POOL)))
        .status;
    });
  const loop = (durationS: number) =>
    runLoop(
      {
        concurrency: scenario.concurrency,
        durationMs: durationS * 1000,
        isSuccess: (s) => scenario.expect.includes(s),
      },
      (worker, iteration) => step(client, worker, iteration),
    );
  try {
    if (options.warmupS > 0) await loop(options.warmupS);
    await afterWarmup?.();
    const sampler = sampleRss(pid);
    const result = await loop(options.durationS);
    return {
      ...base,
      engine: 'node',
      durationS: result.elapsedMs / 1000,
      requests: result.latencies.length,
      throughput: result.latencies.length / (result.elapsedMs / 1000),
      latency: summarize(result.latencies),
      statuses: result.statuses,
      failures: result.failures,
      rssMaxMb: sampler.stop(),
    };
  } finally {
    client.close();
  }
}

function backlogNote(result: ScenarioResult): string {
  const backlog = result.backlog;
  if (!backlog) return '';
  if (backlog.drainS === null) return '  (the worker did not catch up in time)';
  return `  (worker caught up ${backlog.drainS.toFixed(1)} s later: ${backlog.endToEndThroughput?.toFixed(0)}/s end to end)`;
}

function resultsPath(options: BenchOptions, dialect: string, size: string): string {
  const dir = options.outDir ?? fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .slice(0, 16)
    .replace(/[T:]/g, (c) => (c === 'T' ? '-' : ''));
  return join(dir, `${stamp}-${dialect}-${size}.json`);
}

/** Runs every scenario against a running server and writes the results as JSON. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageBefore = loadavg();
  const engine = options.engine === 'auto' ? (hasWrk() ? 'wrk' : 'node') : options.engine;
  if (engine === 'wrk' && !hasWrk())
    throw new Error('wrk is not installed (apt-get install wrk), or use --engine node');
  const setupClient = new HttpClient(options.url, 4);
  let facts: ServerFacts | null = null;
  try {
    facts = await discoverServer(setupClient, options.token, { deepPages: options.deepPages });
    const url = new URL(options.url);
    const isLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
    const pid = options.pid ?? (isLocal ? findPidByPort(Number(url.port || 80)) : null);
    const estimatedTickets = facts.numbers ? facts.numbers.max - facts.numbers.min + 1 : null;
    const size = options.size ?? sizeLabel(estimatedTickets);
    options.log(
      `Benchmarking ${options.url} (${facts.dialect}, about ${estimatedTickets ?? '?'} tickets, engine ${engine}, server pid ${pid ?? 'unknown'})`,
    );
    const rssIdleMb = pid === null ? null : readRssMb(pid);
    const runId = Date.now().toString(36);
    const scenarios = buildScenarios(facts, {
      token: options.token,
      writeConcurrency: options.writeConcurrency,
      readConcurrency: options.readConcurrency,
      words: options.words,
    }).filter((s) => options.only === null || options.only.includes(s.name));
    const results: ScenarioResult[] = [];
    const skipped: BenchReport['skipped'] = [];
    for (const scenario of scenarios) {
      if (scenario.skipped) {
        skipped.push({ name: scenario.name, concurrency: scenario.concurrency, reason: scenario.skipped });
        options.log(`  skipped ${scenario.name} (c=${scenario.concurrency}): ${scenario.skipped}`);
        continue;
      }
      const result = await measure(scenario, options, engine, pid, runId, setupClient);
      results.push(result);
      options.log(
        `  ${result.name.padEnd(18)} c=${String(result.concurrency).padEnd(3)} ${result.throughput.toFixed(0).padStart(6)} req/s  p95 ${result.latency.p95.toFixed(2)} ms${result.failures > 0 ? `  ${result.failures} failed ${JSON.stringify(result.statuses)}` : ''}${backlogNote(result)}`,
      );
    }
    const report: BenchReport = {
      startedAt,
      finishedAt: new Date().toISOString(),
      url: options.url,
      dialect: facts.dialect,
      size,
      estimatedTickets,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryMb: Math.round(totalmem() / 1024 / 1024),
        node: process.version,
        loadAverageBefore,
        loadAverageAfter: loadavg(),
      },
      engine,
      server: { pid, rssIdleMb },
      settings: {
        durationS: options.durationS,
        warmupS: options.warmupS,
        writeConcurrency: options.writeConcurrency,
        readConcurrency: options.readConcurrency,
        deepPages: options.deepPages,
        words: options.words,
      },
      deepPagesReached: facts.deepPage.pages,
      results,
      skipped,
      targets: checkTargets(facts.dialect, results),
      file: null,
    };
    report.file = resultsPath(options, facts.dialect, size);
    writeFileSync(report.file, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  } finally {
    if (facts) await cleanUpServer(setupClient, options.token, facts).catch(() => {});
    setupClient.close();
  }
}

export { formatTable };
