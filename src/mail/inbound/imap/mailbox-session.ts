import type { ImapFlow } from 'imapflow';
import type { JobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createImapClient, describeImapError, type ImapTuning } from './imap-client.ts';
import { type IngestFunction, recordPollError, runImportPass, type UidState } from './import-pass.ts';
import { WakeSignal } from './wake-signal.ts';
import type { WatchedMailbox } from './watched-mailbox.ts';

export interface SessionOptions {
  readonly deps: ServiceDeps;
  readonly ingest: IngestFunction;
  readonly logger: JobLogger;
  readonly tuning: ImapTuning;
  /** The first reconnect waits this long; each further failure in a row doubles it. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** A pass runs at least this often even when the server announces nothing new. */
  readonly fallbackPollMs: number;
  readonly random?: () => number;
}

const LOGOUT_TIMEOUT_MS = 5_000;

/** The wait before reconnecting after `failures` failures in a row: doubling, capped, less up to 20 %. */
export function computeReconnectDelayMs(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const capped = Math.min(baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 20), maxMs);
  return Math.round(capped * (1 - 0.2 * Math.min(Math.max(random(), 0), 1)));
}

/**
 * Watches one mailbox: connects, imports what is new, then waits in IDLE for the server to announce
 * more (or for the fallback poll), and reconnects with backoff after any failure, which it records as
 * the mailbox's last error. The caller holds the mailbox's lease for as long as the session runs.
 */
export class MailboxSession {
  private readonly signal = new WakeSignal();
  private isStopping = false;
  private loopDone: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private readonly state: UidState;

  constructor(
    readonly mailbox: WatchedMailbox,
    private readonly options: SessionOptions,
  ) {
    this.state = { uidValidity: mailbox.uidValidity, lastUid: mailbox.lastUid };
  }

  /** Starts watching in the background. */
  start(): void {
    if (!this.loopDone) this.loopDone = this.loop();
  }

  /**
   * Stops after the message in hand (its import and after-import action finish) and logs out. After
   * `timeoutMs` the connection is cut instead; a message imported but not yet marked is then read again
   * on the next pass and recognised as a duplicate.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.isStopping = true;
    this.signal.wake();
    const loopDone = this.loopDone;
    if (!loopDone) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
      timer.unref();
    });
    const hasTimedOut = await Promise.race([loopDone.then(() => false), timedOut]);
    clearTimeout(timer);
    if (hasTimedOut) {
      this.client?.close();
      await loopDone;
    }
    this.loopDone = null;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.isStopping) {
      let failure: unknown;
      try {
        await this.watch(() => {
          failures = 0;
        });
        if (this.isStopping) break;
        failure = new Error('The IMAP server closed the connection');
      } catch (error) {
        if (this.isStopping) break;
        failure = error;
      }
      failures += 1;
      await this.recordFailure(failure);
      // The failed connection's own events ('error', 'close') woke the signal; that is no reason to
      // skip the pause. stop() sets isStopping before it wakes, so checking it here loses no stop.
      this.signal.clear();
      if (this.isStopping) break;
      const { retryBaseMs, retryMaxMs, random } = this.options;
      await this.signal.wait(computeReconnectDelayMs(failures, retryBaseMs, retryMaxMs, random));
    }
  }

  /** One connection: passes and waits until the connection ends (returns) or fails (throws). */
  private async watch(onHealthy: () => void): Promise<void> {
    const { deps, ingest, logger, tuning, fallbackPollMs } = this.options;
    const client = createImapClient(this.mailbox, tuning);
    this.client = client;
    // Without a listener an 'error' event would crash the process; the failed command rejects anyway.
    client.on('error', (error: Error) => {
      logger.debug({ mailboxId: this.mailbox.id, err: error }, 'IMAP connection error');
      this.signal.wake();
    });
    client.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) this.signal.wake();
    });
    client.on('close', () => this.signal.wake());
    try {
      await client.connect();
      logger.info({ mailboxId: this.mailbox.id, host: this.mailbox.host }, 'watching an IMAP mailbox');
      const context = { deps, ingest, logger, isStopping: () => this.isStopping };
      while (!this.isStopping) {
        const result = await runImportPass(client, this.mailbox, this.state, context);
        if (result.failure) throw result.failure;
        onHealthy();
        if (this.isStopping || !client.usable) return;
        await this.signal.wait(fallbackPollMs);
        if (!client.usable) return;
      }
    } finally {
      this.client = null;
      await closeQuietly(client);
    }
  }

  private async recordFailure(failure: unknown): Promise<void> {
    const message = describeImapError(failure);
    this.options.logger.warn(
      { mailboxId: this.mailbox.id, error: message },
      'IMAP mailbox failed; reconnecting after a pause',
    );
    try {
      await recordPollError(this.options.deps, this.mailbox.id, message);
    } catch (error) {
      this.options.logger.error(
        { mailboxId: this.mailbox.id, err: error },
        'could not record the error of an IMAP mailbox',
      );
    }
  }
}

/** Logs out politely when the connection still works, and closes it in any case. */
export async function closeQuietly(client: ImapFlow): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LOGOUT_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([client.logout().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }
  client.close();
}
