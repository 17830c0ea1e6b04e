import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimLease, releaseLease } from '../../../db/repositories/leases.repository.ts';
import { type JobLogger, silentJobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ingestEmail } from '../ingest.ts';
import { DEFAULT_IMAP_TUNING, type ImapTuning } from './imap-client.ts';
import type { IngestFunction } from './import-pass.ts';
import { MailboxSession, type SessionOptions } from './mailbox-session.ts';
import { WakeSignal } from './wake-signal.ts';
import { listWatchedMailboxes, type WatchedMailbox } from './watched-mailbox.ts';

export interface MailboxWatcherOptions {
  readonly deps: ServiceDeps;
  readonly logger?: JobLogger;
  readonly ingest?: IngestFunction;
  /** How often the mailboxes table is read again (and the leases renewed); `wake()` cuts it short. */
  readonly refreshMs?: number;
  /** How long a lease outlives its last renewal: another process takes a mailbox over that much after a crash. */
  readonly leaseTtlMs?: number;
  readonly holderId?: string;
  readonly tuning?: ImapTuning;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly fallbackPollMs?: number;
}

const DEFAULT_REFRESH_MS = 20_000;

/** The lease that makes one process at a time import a mailbox. */
export function mailboxLeaseName(mailboxId: number): string {
  return `imap-mailbox:${mailboxId}`;
}

/**
 * Runs an IMAP session for every active mailbox with IMAP settings, in the worker role. Several workers
 * may share a database: each mailbox is imported by the one process holding its lease (a row of the
 * `leases` table, renewed on every refresh; a crashed holder's lease runs out after `leaseTtlMs`). The
 * table is read again every `refreshMs` or on `wake()`, so added, changed, deactivated and deleted
 * mailboxes are picked up: a changed mailbox reconnects with its new settings.
 */
export class MailboxWatcher {
  readonly holderId: string;
  private readonly deps: ServiceDeps;
  private readonly logger: JobLogger;
  private readonly refreshMs: number;
  private readonly leaseTtlMs: number;
  private readonly sessionOptions: SessionOptions;
  private readonly sessions = new Map<number, MailboxSession>();
  private readonly signal = new WakeSignal();
  private isStopping = false;
  private loopDone: Promise<void> | null = null;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(options: MailboxWatcherOptions) {
    this.deps = options.deps;
    this.logger = options.logger ?? silentJobLogger;
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    this.leaseTtlMs = Math.max(options.leaseTtlMs ?? this.refreshMs * 3, this.refreshMs * 2);
    this.holderId = options.holderId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.sessionOptions = {
      deps: options.deps,
      ingest: options.ingest ?? ingestEmail,
      logger: this.logger,
      tuning: options.tuning ?? DEFAULT_IMAP_TUNING,
      retryBaseMs: options.retryBaseMs ?? 5_000,
      retryMaxMs: options.retryMaxMs ?? 5 * 60_000,
      fallbackPollMs: options.fallbackPollMs ?? 5 * 60_000,
    };
  }

  /** Starts watching in the background; does nothing when already started. */
  start(): void {
    if (this.loopDone) return;
    this.isStopping = false;
    this.loopDone = this.loop();
  }

  /** Reads the mailboxes table now: a mailbox was added, changed or removed. */
  wake(): void {
    this.signal.wake();
  }

  /** The mailboxes this process imports at the moment. */
  watchedMailboxIds(): number[] {
    return [...this.sessions.keys()].sort((a, b) => a - b);
  }

  /** Stops every session (each finishes the message in hand) and gives the leases back. */
  async stop(): Promise<void> {
    this.isStopping = true;
    this.signal.wake();
    await this.loopDone;
    this.loopDone = null;
    await this.refreshing;
    await Promise.all([...this.sessions.keys()].map((id) => this.stopSession(id)));
  }

  /** Reads the mailboxes once: stops, renews and starts sessions to match. */
  refresh(): Promise<void> {
    // One refresh at a time, whether the loop or a caller asked for it.
    const run = this.refreshing.then(() => this.reconcile());
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  private async reconcile(): Promise<void> {
    let mailboxes: WatchedMailbox[];
    try {
      mailboxes = await listWatchedMailboxes(this.deps, this.logger);
    } catch (error) {
      this.logger.error({ err: error }, 'could not read the IMAP mailboxes');
      await this.renewLeases();
      return;
    }
    const wanted = new Map(mailboxes.map((mailbox) => [mailbox.id, mailbox]));
    for (const [id, session] of this.sessions) {
      const next = wanted.get(id);
      if (!next || next.fingerprint !== session.mailbox.fingerprint) await this.stopSession(id);
    }
    await this.renewLeases();
    for (const mailbox of wanted.values()) {
      if (this.isStopping) return;
      if (this.sessions.has(mailbox.id)) continue;
      if (!(await this.claim(mailbox.id))) continue;
      const session = new MailboxSession(mailbox, this.sessionOptions);
      this.sessions.set(mailbox.id, session);
      session.start();
    }
  }

  private async loop(): Promise<void> {
    while (!this.isStopping) {
      try {
        await this.refresh();
      } catch (error) {
        // The database went away mid-refresh: running sessions carry on, the next refresh tries again.
        this.logger.error({ err: error }, 'could not refresh the IMAP mailboxes');
      }
      if (this.isStopping) break;
      await this.signal.wait(this.refreshMs);
    }
  }

  private async renewLeases(): Promise<void> {
    for (const id of [...this.sessions.keys()]) {
      let isHeld: boolean;
      try {
        isHeld = await this.claim(id);
      } catch (error) {
        // The database is unreachable: keep importing; nothing commits without it anyway.
        this.logger.error({ err: error, mailboxId: id }, 'could not renew the lease of an IMAP mailbox');
        continue;
      }
      if (!isHeld) {
        this.logger.warn({ mailboxId: id }, 'another process took over an IMAP mailbox; stopping here');
        await this.stopSession(id, false);
      }
    }
  }

  private async claim(mailboxId: number): Promise<boolean> {
    return claimLease(this.deps.db, {
      name: mailboxLeaseName(mailboxId),
      holder: this.holderId,
      now: this.deps.clock.now(),
      ttlMs: this.leaseTtlMs,
    });
  }

  private async stopSession(mailboxId: number, isLeaseOurs = true): Promise<void> {
    const session = this.sessions.get(mailboxId);
    if (!session) return;
    await session.stop();
    this.sessions.delete(mailboxId);
    if (!isLeaseOurs) return;
    try {
      await releaseLease(this.deps.db, { name: mailboxLeaseName(mailboxId), holder: this.holderId });
    } catch (error) {
      // It runs out on its own after leaseTtlMs.
      this.logger.warn({ err: error, mailboxId }, 'could not release the lease of an IMAP mailbox');
    }
  }
}
