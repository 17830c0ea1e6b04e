import type { ServerResponse } from 'node:http';
import { listenForNotifications, type NotificationListener } from '../db/notifications.ts';
import {
  findLatestLiveIds,
  LIVE_CHANNEL,
  type LiveSource,
  type LiveTicketChange,
  readLiveChanges,
} from '../db/repositories/live.repository.ts';
import { listLivePresence } from '../db/repositories/presence.repository.ts';
import type { AgentActor } from '../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { LiveCursor } from './cursor.ts';
import { IdTail } from './id-tail.ts';
import { PresenceTracker } from './presence-tracker.ts';
import { type Reauthenticate, SseConnection, type SseOptions } from './sse-connection.ts';

export interface LiveOptions extends SseOptions {
  /** How often the tables are read while anyone is connected. */
  pollMs: number;
  /** Rows read per table per poll, and the most a resuming client is sent before being told to reload. */
  batchSize: number;
  /** How long an id skipped by a concurrent transaction is waited for. */
  gapWaitMs: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  pollMs: 300,
  batchSize: 500,
  gapWaitMs: 10_000,
  heartbeatMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  maxHeldMessages: 2000,
  countsIntervalMs: 1000,
  reauthenticateMs: 60_000,
};

/** The slice of a pino logger the feed writes to. */
export interface LiveLogger {
  warn(fields: object, message: string): void;
}

/** Skipped ids asked for again per table and poll. */
const MAX_GAP_QUERY = 200;
const PRESENCE_LIMIT = 10_000;
const RELISTEN_MS = 5000;

/**
 * One per process: reads new events, thread entries and presence changes from the database and fans them
 * out to every connected stream. The database is the only source of truth, so streams on any process see
 * writes made by any other; on PostgreSQL a LISTEN wakes the feed as soon as such a write commits, and the
 * polling covers the rest. Nothing is read while nobody is connected.
 */
export class LiveFeed {
  private readonly options: LiveOptions;
  private readonly connections = new Set<SseConnection>();
  private readonly presence = new PresenceTracker();
  private tails: Record<LiveSource, IdTail> | null = null;
  private starting: Promise<void> | null = null;
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private isPolling = false;
  private isPollDue = false;
  private listener: NotificationListener | null = null;
  private listenTimer: NodeJS.Timeout | null = null;
  private isStopped = false;

  constructor(
    private readonly deps: ServiceDeps,
    options: Partial<LiveOptions> = {},
    private readonly logger: LiveLogger = { warn: () => undefined },
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options };
  }

  /**
   * Streams to `response` for `actor`. With `since`, the client is first sent what it missed, or a reset
   * when that is too much (or `since` is 'lost'). The stream's first bytes are written before any query.
   */
  async connect(
    response: ServerResponse,
    actor: AgentActor,
    since: LiveCursor | 'lost' | null,
    reauthenticate: Reauthenticate,
  ): Promise<void> {
    const connection = new SseConnection(response, actor, this.options, reauthenticate);
    connection.open();
    if (this.isStopped) return connection.close();
    this.connections.add(connection);
    connection.onClose(() => this.disconnect(connection));
    connection.hold();
    try {
      await this.ensureStarted();
      const marks = this.marks();
      if (since === null) connection.sendReady(marks, false);
      else if (since === 'lost') connection.sendReset(marks);
      else await this.sendMissed(connection, since, marks);
      connection.release();
    } catch (error) {
      this.logger.warn({ err: error }, 'live stream could not start');
      connection.close();
    }
  }

  /** Ends every stream and stops reading; the app calls it when closing. */
  async stop(): Promise<void> {
    this.isStopped = true;
    for (const connection of [...this.connections]) connection.close();
    await this.deactivate();
  }

  /** How many streams this process serves. */
  get connectionCount(): number {
    return this.connections.size;
  }

  private marks(): LiveCursor {
    return { event: this.tails?.event.mark ?? 0, entry: this.tails?.entry.mark ?? 0 };
  }

  private async sendMissed(connection: SseConnection, since: LiveCursor, marks: LiveCursor): Promise<void> {
    const limit = this.options.batchSize;
    const [events, entries] = await Promise.all([
      readLiveChanges(this.deps.db, 'event', { afterId: since.event, upToId: marks.event, limit: limit + 1 }),
      readLiveChanges(this.deps.db, 'entry', { afterId: since.entry, upToId: marks.entry, limit: limit + 1 }),
    ]);
    if (events.length > limit || entries.length > limit) return connection.sendReset(marks);
    connection.sendReady(since, true);
    connection.sendTicketChanges([...events, ...entries], true);
  }

  private ensureStarted(): Promise<void> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    const [latest, present] = await Promise.all([
      findLatestLiveIds(this.deps.db),
      listLivePresence(this.deps.db, this.deps.clock.now(), PRESENCE_LIMIT),
    ]);
    if (generation !== this.generation) return;
    const tailOptions = { gapWaitMs: this.options.gapWaitMs, maxGaps: 1000 };
    this.tails = {
      event: new IdTail(latest.event, tailOptions),
      entry: new IdTail(latest.entry, tailOptions),
    };
    this.presence.reset();
    this.presence.update(present);
    // Listening before the first client is told it is ready, so no write after that goes unnoticed.
    await this.listen();
    this.schedule(this.options.pollMs);
  }

  private disconnect(connection: SseConnection): void {
    this.connections.delete(connection);
    if (this.connections.size === 0) void this.deactivate();
  }

  private async deactivate(): Promise<void> {
    this.generation += 1;
    this.starting = null;
    this.tails = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.listenTimer) clearTimeout(this.listenTimer);
    this.timer = null;
    this.listenTimer = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
  }

  private schedule(delayMs: number): void {
    if (this.timer || !this.tails) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, delayMs);
  }

  // A notification polls at once; one that arrives mid-poll polls again right after.
  private wake(): void {
    if (!this.tails) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.poll();
  }

  private async poll(): Promise<void> {
    if (this.isPolling) {
      this.isPollDue = true;
      return;
    }
    this.isPolling = true;
    let hasMore = false;
    try {
      hasMore = await this.pollOnce();
    } catch (error) {
      this.logger.warn({ err: error }, 'live feed poll failed');
    } finally {
      this.isPolling = false;
    }
    const isDue = this.isPollDue || hasMore;
    this.isPollDue = false;
    this.schedule(isDue ? 0 : this.options.pollMs);
  }

  /** Reads and fans out one round of changes; true when a table had more rows than one batch. */
  private async pollOnce(): Promise<boolean> {
    const generation = this.generation;
    const tails = this.tails;
    if (!tails) return false;
    const now = Date.now();
    const [events, entries, present] = await Promise.all([
      this.readTail('event', tails.event, now),
      this.readTail('entry', tails.entry, now),
      listLivePresence(this.deps.db, this.deps.clock.now(), PRESENCE_LIMIT),
    ]);
    // The feed stopped or restarted while reading: these rows belong to marks that no longer exist.
    if (generation !== this.generation) return false;
    const changes = [...tails.event.take(events.rows, now), ...tails.entry.take(entries.rows, now)];
    const presenceChanges = this.presence.update(present);
    for (const connection of this.connections) {
      if (changes.length > 0) connection.sendTicketChanges(changes);
      for (const change of presenceChanges) connection.sendPresence(change);
    }
    return events.isFull || entries.isFull;
  }

  private async readTail(
    source: LiveSource,
    tail: IdTail,
    now: number,
  ): Promise<{ rows: LiveTicketChange[]; isFull: boolean }> {
    const limit = this.options.batchSize;
    const pending = tail.pendingIds(now, MAX_GAP_QUERY);
    const [late, next] = await Promise.all([
      readLiveChanges(this.deps.db, source, { ids: pending }),
      readLiveChanges(this.deps.db, source, { afterId: tail.mark, limit }),
    ]);
    return { rows: [...late, ...next], isFull: next.length >= limit };
  }

  private async listen(): Promise<void> {
    if (this.deps.dialect !== 'postgres' || this.listener || !this.tails) return;
    const generation = this.generation;
    try {
      const listener = await listenForNotifications(this.deps.db, LIVE_CHANNEL, {
        onNotify: () => this.wake(),
        onLost: (error) => {
          this.logger.warn({ err: error }, 'live feed lost its notification connection');
          this.listener = null;
          this.relistenLater();
        },
      });
      if (generation !== this.generation) {
        await listener?.close();
        return;
      }
      this.listener = listener;
    } catch (error) {
      this.logger.warn({ err: error }, 'live feed could not listen for notifications; polling only');
      this.relistenLater();
    }
  }

  private relistenLater(): void {
    if (this.listenTimer || !this.tails) return;
    this.listenTimer = setTimeout(() => {
      this.listenTimer = null;
      void this.listen();
    }, RELISTEN_MS);
  }
}
