import type { ServerResponse } from 'node:http';
import type { LiveTicketChange } from '../db/repositories/live.repository.ts';
import { type AgentActor, canAccessTicket } from '../domain/permissions/permissions.ts';
import { iso } from '../lib/json.ts';
import { formatCursor, type LiveCursor, laterCursor } from './cursor.ts';
import type { PresenceChange } from './presence-tracker.ts';
import { canHearOf } from './ticket-visibility.ts';

export interface SseOptions {
  /** A heartbeat event is written this often, so proxies keep the connection and clients can watch it. */
  heartbeatMs: number;
  /** A client whose unsent output passes this is too slow: it is dropped and reconnects with its cursor. */
  maxBufferedBytes: number;
  /** Messages held while a resuming client catches up; more and it is dropped. */
  maxHeldMessages: number;
  /** At most one counts hint per this long. */
  countsIntervalMs: number;
  /** How often the caller's session or token and permissions are checked again. */
  reauthenticateMs: number;
}

/** Checks the caller again: their current permissions, or null once the session or token is gone. */
export type Reauthenticate = () => Promise<AgentActor | null>;

/** Reconnecting clients wait this long first (the SSE `retry` field). */
const RETRY_MS = 3000;

/** One agent's event stream, written straight to the HTTP response. */
export class SseConnection {
  private cursor: LiveCursor = { event: 0, entry: 0 };
  // Deliveries while holding are kept as calls, not text: the cursor each message carries is only known
  // once what the client missed has been sent.
  private held: (() => void)[] | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private countsTimer: NodeJS.Timeout | null = null;
  private lastCountsAt = 0;
  private lastAuthAt = Date.now();
  private readonly closeListeners: (() => void)[] = [];
  isClosed = false;

  constructor(
    private readonly response: ServerResponse,
    public actor: AgentActor,
    private readonly options: SseOptions,
    private readonly reauthenticate: Reauthenticate,
  ) {}

  /** Sends the headers and a first comment at once, so clients and proxies see the stream start. */
  open(): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
      // The connection carries nothing else; closing it with the stream lets the server shut down at once.
      connection: 'close',
    });
    this.response.socket?.setNoDelay(true);
    this.response.on('close', () => this.close());
    this.response.on('error', () => this.close());
    this.response.write(`retry: ${RETRY_MS}\n: stream open\n\n`);
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
  }

  /** Registers a listener for the end of the stream, whatever ends it. */
  onClose(listener: () => void): void {
    if (this.isClosed) listener();
    else this.closeListeners.push(listener);
  }

  /** Holds live messages back (while a resuming client is sent what it missed). */
  hold(): void {
    this.held ??= [];
  }

  /** Writes the held messages and stops holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const deliver of held) deliver();
  }

  /** The stream is ready; `cursor` is where it starts (sent as the id when the client has none yet). */
  sendReady(cursor: LiveCursor, isResumed: boolean): void {
    this.cursor = laterCursor(this.cursor, cursor);
    const id = isResumed ? '' : `id: ${formatCursor(this.cursor)}\n`;
    this.write(`${id}event: ready\ndata: ${JSON.stringify({ cursor: formatCursor(this.cursor) })}\n\n`);
  }

  /** The client's position is lost (too far behind, or unreadable): it must reload what it shows. */
  sendReset(cursor: LiveCursor): void {
    this.cursor = cursor;
    this.write(`id: ${formatCursor(cursor)}\nevent: reset\ndata: {}\n\n`);
  }

  /** Writes the changes the agent may hear of; event changes (which can move counts) add a counts hint. */
  sendTicketChanges(changes: readonly LiveTicketChange[], isBacklog = false): void {
    if (!isBacklog && this.defer(() => this.sendTicketChanges(changes))) return;
    let movesCounts = false;
    for (const change of changes) {
      this.cursor =
        change.source === 'event'
          ? { ...this.cursor, event: Math.max(this.cursor.event, change.id) }
          : { ...this.cursor, entry: Math.max(this.cursor.entry, change.id) };
      if (!canHearOf(this.actor, change)) continue;
      if (change.source === 'event') movesCounts = true;
      const data = {
        number: change.number,
        id: change.ticketId,
        type: change.type,
        departmentId: change.departmentId,
        assigneeId: change.assigneeAgentId,
        teamId: change.assigneeTeamId,
        state: change.state,
        updatedAt: iso(change.updatedAt),
        actorId: change.actorAgentId,
      };
      this.write(`id: ${formatCursor(this.cursor)}\nevent: ticket\ndata: ${JSON.stringify(data)}\n\n`);
    }
    if (movesCounts) this.hintCounts();
  }

  /** Writes who else is on a ticket now, if the agent may see the ticket. */
  sendPresence(change: PresenceChange): void {
    if (this.defer(() => this.sendPresence(change))) return;
    if (!canAccessTicket(this.actor, change.facts)) return;
    const agents = change.agents
      .filter((agent) => agent.agentId !== this.actor.agentId)
      .map((agent) => ({
        id: agent.agentId,
        name: agent.name,
        state: agent.state,
        since: iso(agent.startedAt),
      }));
    this.write(
      `event: presence\ndata: ${JSON.stringify({ number: change.number, id: change.ticketId, agents })}\n\n`,
    );
  }

  /** Ends the stream (the client reconnects unless the server is going away). */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.held = null;
    if (!this.response.writableEnded) this.response.end();
    for (const listener of this.closeListeners.splice(0)) listener();
  }

  private hintCounts(): void {
    if (this.countsTimer) return;
    const wait = this.lastCountsAt + this.options.countsIntervalMs - Date.now();
    const send = () => {
      this.countsTimer = null;
      if (this.defer(send)) return;
      this.lastCountsAt = Date.now();
      this.write('event: counts\ndata: {}\n\n');
    };
    if (wait <= 0) send();
    else this.countsTimer = setTimeout(send, wait);
  }

  private beat(): void {
    if (!this.held) this.write('event: heartbeat\ndata: {}\n\n');
    if (Date.now() - this.lastAuthAt < this.options.reauthenticateMs) return;
    this.lastAuthAt = Date.now();
    this.reauthenticate().then(
      (actor) => {
        if (actor) this.actor = actor;
        else this.close();
      },
      () => undefined,
    );
  }

  /** Keeps a delivery for later while holding; false when it should happen now. */
  private defer(deliver: () => void): boolean {
    if (!this.held) return false;
    this.held.push(deliver);
    if (this.held.length > this.options.maxHeldMessages) this.drop();
    return true;
  }

  private write(message: string): void {
    if (this.isClosed) return;
    this.response.write(message);
    if (this.response.writableLength > this.options.maxBufferedBytes) this.drop();
  }

  // A client that does not read would make the server buffer without limit; cut it off instead. It
  // reconnects with its cursor and catches up from the database.
  private drop(): void {
    this.response.destroy();
    this.close();
  }
}
