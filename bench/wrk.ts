import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRequest } from './http-client.ts';
import type { Latency } from './stats.ts';

/** Whether the wrk load generator is installed. */
export function hasWrk(): boolean {
  const result = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return result.error === undefined && /wrk/i.test(`${result.stdout}${result.stderr}`);
}

export interface WrkResult {
  requests: number;
  elapsedMs: number;
  latency: Latency;
  statuses: Record<string, number>;
  /** Connection, read, write and timeout errors: requests that got no answer. */
  socketErrors: number;
}

const luaString = (text: string) => `[==[${text}]==]`;

/** A template as a Lua expression that fills `{{n}}` and `{{u}}` from the locals n and u. */
function luaTemplate(text: string): string {
  const parts = text.split(/(\{\{[nu]\}\})/).filter((part) => part.length > 0);
  if (parts.length === 0) return '""';
  return parts
    .map((part) => (part === '{{n}}' ? 'n' : part === '{{u}}' ? 'tostring(u)' : luaString(part)))
    .join(' .. ');
}

// Each wrk thread has its own Lua state: statuses are counted per thread and summed in done().
export function wrkScript(request: BenchRequest, pool: number): string {
  const headers = Object.entries({
    ...request.headers,
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
  })
    .map(([name, value]) => `[ ${luaString(name)} ] = ${luaString(value)}`)
    .join(', ');
  return `
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  counter = 0
  statuses = {}
end
function request()
  counter = counter + 1
  local n = tid .. "w" .. counter
  local u = counter % ${pool}
  return wrk.format(${luaString(request.method)}, ${luaTemplate(request.path)}, { ${headers} }, ${request.body === undefined ? 'nil' : luaTemplate(request.body)})
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local parts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      parts[#parts + 1] = string.format('[%d,%d]', status, count)
    end
  end
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"durationUs":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%f,"socketErrors":%d,"statuses":[%s]}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
`;
}

/**
 * Drives one request shape with wrk for `durationS` seconds over `concurrency` keep-alive connections
 * (one wrk thread: it keeps far more connections busy than this needs while using little CPU, which
 * matters when the server shares the machine).
 */
export async function runWrk(options: {
  url: string;
  request: BenchRequest;
  concurrency: number;
  durationS: number;
  pool: number;
}): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-wrk-'));
  const file = join(dir, 'scenario.lua');
  writeFileSync(file, wrkScript(options.request, options.pool));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [
          '-t1',
          `-c${options.concurrency}`,
          `-d${options.durationS}s`,
          '--timeout',
          '10s',
          '-s',
          file,
          options.url,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr}`)),
      );
    });
    const line = output.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const raw = JSON.parse(line.slice('BENCH_JSON '.length)) as {
      requests: number;
      durationUs: number;
      p50: number;
      p95: number;
      p99: number;
      max: number;
      mean: number;
      socketErrors: number;
      statuses: [number, number][];
    };
    const statuses: Record<string, number> = {};
    for (const [status, count] of raw.statuses) statuses[status] = (statuses[status] ?? 0) + count;
    if (raw.socketErrors > 0) statuses.error = raw.socketErrors;
    return {
      requests: raw.requests,
      elapsedMs: raw.durationUs / 1000,
      latency: {
        p50: raw.p50 / 1000,
        p95: raw.p95 / 1000,
        p99: raw.p99 / 1000,
        max: raw.max / 1000,
        mean: raw.mean / 1000,
      },
      statuses,
      socketErrors: raw.socketErrors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
