import type { ScenarioResult } from './stats.ts';

/** One target of issue 5 against this run. The targets are set for a million tickets on two cores. */
export interface TargetCheck {
  target: string;
  measured: string;
  isMet: boolean | null;
}

const find = (results: readonly ScenarioResult[], name: string, concurrency?: number) =>
  results.find((r) => r.name === name && (concurrency === undefined || r.concurrency === concurrency));

function p95Under(
  results: readonly ScenarioResult[],
  names: string[],
  limitMs: number,
  label: string,
): TargetCheck {
  const found = names.map((name) => find(results, name)).filter((r): r is ScenarioResult => r !== undefined);
  if (found.length === 0) return { target: label, measured: 'not measured', isMet: null };
  const worst = Math.max(...found.map((r) => r.latency.p95));
  return {
    target: label,
    measured: found.map((r) => `${r.name} p95 ${r.latency.p95.toFixed(1)} ms`).join(', '),
    isMet: worst < limitMs && found.every((r) => r.failures === 0),
  };
}

/** The targets this run can speak to, each measured or marked as not measured. */
export function checkTargets(dialect: string, results: readonly ScenarioResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const create = find(results, 'create-rest', 16);
  const noop = find(results, 'noop-post', 16);
  if (dialect === 'sqlite') {
    checks.push(
      create && noop
        ? {
            target: 'create via REST, c=16: >= 2,000 tickets/s and >= 40% of the no-op POST',
            measured: `${create.throughput.toFixed(0)}/s, ${((create.throughput / noop.throughput) * 100).toFixed(0)}% of ${noop.throughput.toFixed(0)}/s`,
            isMet:
              create.throughput >= 2000 &&
              create.throughput >= 0.4 * noop.throughput &&
              create.failures === 0,
          }
        : { target: 'create via REST, c=16 (SQLite)', measured: 'not measured', isMet: null },
    );
  }
  checks.push(p95Under(results, ['queue-first-page'], 25, 'queue first page p95 < 25 ms'));
  checks.push(p95Under(results, ['ticket-view'], 15, 'ticket view (ticket + thread) p95 < 15 ms'));
  checks.push(
    p95Under(results, ['search-common', 'search-rare', 'search-prefix'], 100, 'search p95 < 100 ms'),
  );
  if (dialect === 'sqlite') {
    const rss = results.map((r) => r.rssMaxMb).filter((v): v is number => v !== null);
    checks.push(
      rss.length > 0
        ? {
            target: 'server RSS under load < 250 MB',
            measured: `${Math.max(...rss).toFixed(0)} MB`,
            isMet: Math.max(...rss) < 250,
          }
        : { target: 'server RSS under load < 250 MB', measured: 'not measured', isMet: null },
    );
  }
  return checks;
}
