import http from 'node:http';

/** A request as the scenarios describe it; `{{n}}` in path or body becomes a unique per-request value. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface BenchResponse {
  status: number;
  body: string;
}

// Long enough to outlast a stall of the server (which the scenarios' own latencies then show), short
// enough that a server that stopped answering ends the run.
const REQUEST_TIMEOUT_MS = 60_000;

/** A keep-alive HTTP client for one server, with at most `maxSockets` connections. */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Sends one request and reads the whole answer. */
  send(request: BenchRequest): Promise<BenchResponse> {
    return new Promise((resolve, reject) => {
      const body = request.body === undefined ? undefined : Buffer.from(request.body);
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port || 80,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends a request and parses a JSON answer, failing on an unexpected status. */
  async json<T>(request: BenchRequest, expected = [200, 201]): Promise<T> {
    const response = await this.send(request);
    if (!expected.includes(response.status)) {
      throw new Error(
        `${request.method} ${request.path} answered ${response.status}: ${response.body.slice(0, 300)}`,
      );
    }
    return JSON.parse(response.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoopResult {
  latencies: number[];
  statuses: Record<string, number>;
  failures: number;
  elapsedMs: number;
}

/**
 * Runs `concurrency` workers, each repeating `step` back to back until the time is up, and records each
 * step's latency. A step returns the status that decides whether it counted as a success.
 */
export async function runLoop(
  options: { concurrency: number; durationMs: number; isSuccess: (status: number) => boolean },
  step: (worker: number, iteration: number) => Promise<number>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async (id: number) => {
    for (let i = 0; performance.now() < deadline; i += 1) {
      const t0 = performance.now();
      let status: string;
      try {
        status = String(await step(id, i));
      } catch {
        status = 'error';
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 'error' || !options.isSuccess(Number(status))) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  return { latencies, statuses, failures, elapsedMs: performance.now() - started };
}

/** The request with its `{{n}}` (unique) and `{{u}}` (one of a pool of requesters) placeholders filled. */
export function fillRequest(request: BenchRequest, unique: string, pooled: number): BenchRequest {
  const fill = (text: string) => text.replaceAll('{{n}}', unique).replaceAll('{{u}}', String(pooled));
  return {
    ...request,
    path: fill(request.path),
    ...(request.body !== undefined ? { body: fill(request.body) } : {}),
  };
}
