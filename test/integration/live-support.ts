import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/app.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';

/** One server-sent event as a client sees it. */
export interface SseMessage {
  event: string;
  id: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON payloads and assert on them.
  data: any;
}

/** An app on a real port: inject() cannot stream, so live tests talk HTTP to it. */
export interface LiveServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Builds an app on `deps` with fast live settings and listens on a free loopback port. */
export async function startLiveServer(deps: ServiceDeps, live: AppOptions['live'] = {}): Promise<LiveServer> {
  const app = await buildApp({
    deps,
    logger: false,
    bodyLimitBytes: 1024 * 1024,
    publicUrl: 'http://tessera.test',
    webRoot: null,
    live: { pollMs: 50, ...live },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A client reading an event stream, remembering every message. */
export class StreamClient {
  readonly messages: SseMessage[] = [];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  status = 0;
  headers: IncomingMessage['headers'] = {};
  /** The raw bytes received, comments included. */
  raw = '';
  private buffer = '';
  private waiters: { test: (message: SseMessage) => boolean; resolve: (message: SseMessage) => void }[] = [];
  private response: IncomingMessage | null = null;
  private endStream: () => void = () => undefined;

  private constructor(private readonly destroy: () => void) {
    this.ended = new Promise((resolve) => {
      this.endStream = resolve;
    });
  }

  /** Opens `path` on the server with these headers; resolves once the status line has arrived. */
  static open(
    server: Pick<LiveServer, 'url'>,
    path: string,
    headers: Record<string, string>,
  ): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${server.url}${path}`, {
        headers: { accept: 'text/event-stream', ...headers },
      });
      const client = new StreamClient(() => request.destroy());
      request.on('response', (response) => {
        client.response = response;
        client.status = response.statusCode ?? 0;
        client.headers = response.headers;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.receive(chunk));
        response.on('end', () => client.endStream());
        response.on('close', () => client.endStream());
        resolve(client);
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** The first message (received from index `from` on, or still to come) that passes `test`. */
  next(test: (message: SseMessage) => boolean, timeoutMs = 5000, from = 0): Promise<SseMessage> {
    const found = this.messages.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      this.waiters.push({
        test,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** Waits for an event by name. */
  nextEvent(event: string, timeoutMs?: number): Promise<SseMessage> {
    return this.next((message) => message.event === event, timeoutMs);
  }

  /** Ticket events about this ticket number. */
  ticketEvents(number: string): SseMessage[] {
    return this.messages.filter((message) => message.event === 'ticket' && message.data.number === number);
  }

  /** Hangs up. */
  close(): void {
    this.response?.destroy();
    this.destroy();
  }

  private receive(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.parse(block);
      end = this.buffer.indexOf('\n\n');
    }
  }

  private parse(block: string): void {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const message = { event, id, data: JSON.parse(data.join('\n')) };
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }
}

/** Opens the event stream with a bearer token (and optional extra headers or query). */
export function openEvents(
  server: LiveServer,
  token: string,
  options: { headers?: Record<string, string>; query?: string } = {},
): Promise<StreamClient> {
  return StreamClient.open(server, `/api/v1/events${options.query ?? ''}`, {
    authorization: `Bearer ${token}`,
    ...options.headers,
  });
}
