import { join } from 'node:path';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  countAttempt,
  insertInboundMessage,
  takeOverFailedDelivery,
  updateInboundMessage,
} from '../../db/repositories/inbound-messages.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { BlobStore } from '../../lib/blob-store.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { type PipelineResult, runPipeline } from './pipeline.ts';
import { syntheticMessageId } from './raw-headers.ts';

export { MAX_RAW_BYTES } from './pipeline.ts';

/** The door a message came in by. */
export type IngestChannel = 'pipe' | 'imap' | 'smtp' | 'api';

export interface IngestSource {
  channel: IngestChannel;
  /** The mailbox the door belongs to (an IMAP account, `mail pipe --mailbox`), which routes the message. */
  mailboxId?: number | null;
  /** Envelope recipients (SMTP RCPT TO), which route the message when no mailbox is named. */
  recipients?: string[];
}

export type IngestOutcome = 'created' | 'appended' | 'duplicate' | 'ignored' | 'quarantined';

export interface IngestResult {
  outcome: IngestOutcome;
  /** The inbound_messages row that records the message. */
  inboundMessageId: number;
  ticketNumber: string | null;
  entryId: number | null;
  reason: string | null;
}

/** After this many runs that failed for passing reasons, a message is quarantined rather than retried again. */
export const MAX_ATTEMPTS = 5;

/** Where raw messages are kept, content-addressed, beside the attachments. */
export function rawMailStore(deps: Pick<ServiceDeps, 'attachmentsDir'>): BlobStore {
  return new BlobStore(join(deps.attachmentsDir, 'mail'));
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500);
}

/**
 * Takes one raw RFC 822 message from any door (pipe, IMAP, SMTP, the osTicket .email API) through the
 * pipeline. Never loses a message: the raw bytes are stored and recorded before anything else, and a
 * permanent problem (not a message at all, too large, unparseable) quarantines it. Throws an AppError
 * (validation_failed) only for empty input, where there is nothing to store; any other throw is a
 * temporary failure (database unreachable...) that the caller must answer with "try again later".
 */
export async function ingestEmail(
  deps: ServiceDeps,
  raw: Buffer,
  source: IngestSource,
): Promise<IngestResult> {
  if (raw.length === 0) {
    throw new AppError('validation_failed', 'The message is empty', { field: 'message' });
  }
  const rawSha256 = await rawMailStore(deps).put(raw);
  const now = deps.clock.now();
  const id =
    (await takeOverFailedDelivery(deps.db, rawSha256, now)) ??
    (await insertInboundMessage(deps.db, {
      messageId: syntheticMessageId(raw),
      channel: source.channel,
      mailboxId: source.mailboxId ?? null,
      recipients: (source.recipients ?? []).map((address) => address.toLowerCase()),
      rawSha256,
      rawSize: raw.length,
      receivedAt: now,
    }));
  return processStoredMessage(deps, id, raw, source);
}

async function runWithRaceRetry(
  deps: ServiceDeps,
  id: number,
  raw: Buffer,
  source: IngestSource,
): Promise<PipelineResult> {
  try {
    return await runPipeline(deps, id, raw, source);
  } catch (error) {
    // Two messages from one new sender can race to create the same user; the second run finds it.
    if (!isUniqueViolation(error)) throw error;
    return runPipeline(deps, id, raw, source);
  }
}

/**
 * Runs the pipeline on a message already stored and recorded (a new delivery, or an administrator's
 * retry) and writes the outcome on its row.
 */
export async function processStoredMessage(
  deps: ServiceDeps,
  id: number,
  raw: Buffer,
  source: IngestSource,
): Promise<IngestResult> {
  const attempts = await countAttempt(deps.db, id, deps.clock.now());
  let result: PipelineResult;
  try {
    result = await runWithRaceRetry(deps, id, raw, source);
  } catch (error) {
    if (!(error instanceof AppError) && attempts < MAX_ATTEMPTS) {
      // Written on a best-effort basis: when the database is what failed, this fails too.
      await updateInboundMessage(deps.db, id, {
        status: 'received',
        reason: `temporary_failure: ${describe(error)}`,
        updatedAt: deps.clock.now(),
      }).catch(() => undefined);
      throw error;
    }
    const reason =
      error instanceof AppError ? `rejected: ${describe(error)}` : `failed_repeatedly: ${describe(error)}`;
    result = { status: 'quarantined', outcome: 'quarantined', reason, delivered: null };
  }
  await updateInboundMessage(deps.db, id, {
    status: result.status,
    reason: result.reason,
    ticketId: result.delivered?.ticketId ?? null,
    entryId: result.delivered?.entryId ?? null,
    updatedAt: deps.clock.now(),
  });
  return {
    outcome: result.outcome,
    inboundMessageId: id,
    ticketNumber: result.delivered?.number ?? null,
    entryId: result.delivered?.entryId ?? null,
    reason: result.reason,
  };
}
