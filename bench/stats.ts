/** Latency summaries and the printed table of a benchmark run. */

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  engine: 'node' | 'wrk';
  concurrency: number;
  durationS: number;
  requests: number;
  /** Completed requests (or steps, for multi-request scenarios) per second. */
  throughput: number;
  /** Milliseconds. */
  latency: Latency;
  /** Answers by HTTP status; "error" counts requests that got no answer. */
  statuses: Record<string, number>;
  /** Requests that did not get the expected status. */
  failures: number;
  /** Server resident memory while the scenario ran, in MB; null when the process is not known. */
  rssMaxMb: number | null;
  /**
   * For writes that leave work to the background worker (a new ticket's mail): how long after the last
   * request the queue took to empty, and the rate counting that time too. Null: it did not empty in time.
   */
  backlog?: { jobTypes: string[]; drainS: number | null; endToEndThroughput: number | null };
  note?: string;
}

/** p50/p95/p99/max/mean of latencies in milliseconds (nearest-rank percentiles). */
export function summarize(latencies: readonly number[]): Latency {
  if (latencies.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(latencies).sort();
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  let total = 0;
  for (const value of sorted) total += value;
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted[sorted.length - 1] ?? 0,
    mean: total / sorted.length,
  };
}

const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** The results as an aligned text table. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const header = [
    'scenario',
    'conc',
    'engine',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'fail',
    'RSS MB',
    'drain s',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.concurrency),
    r.engine,
    String(r.requests),
    r.throughput.toFixed(r.throughput >= 100 ? 0 : 1),
    ms(r.latency.p50),
    ms(r.latency.p95),
    ms(r.latency.p99),
    ms(r.latency.max),
    String(r.failures),
    r.rssMaxMb === null ? '-' : r.rssMaxMb.toFixed(0),
    r.backlog ? (r.backlog.drainS === null ? 'no' : r.backlog.drainS.toFixed(1)) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
