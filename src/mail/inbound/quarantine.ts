import {
  discardInboundMessage,
  findInboundMessage,
  type InboundMessageRecord,
  type InboundStatus,
  listInboundMessages,
} from '../../db/repositories/inbound-messages.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { type IngestChannel, type IngestResult, processStoredMessage, rawMailStore } from './ingest.ts';
import { type RawHeader, readRawHeaders } from './raw-headers.ts';

/**
 * What administrators do with received mail: list it by status, read one with its headers and source,
 * run one again through the pipeline (after a fix, or a change of configuration) or discard it.
 * Discarding keeps the row and the raw message; it only stops the message asking for attention.
 */

const ACTIONABLE: readonly InboundStatus[] = ['quarantined', 'received'];

/** Received messages newest first, optionally of one status. */
export async function listReceivedMail(
  deps: ServiceDeps,
  filter: { status?: InboundStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: InboundMessageRecord[]; nextCursor: string | null }> {
  const limit = filter.limit ?? 50;
  const beforeId = filter.cursor !== undefined ? Number(filter.cursor) : null;
  if (beforeId !== null && (!Number.isSafeInteger(beforeId) || beforeId < 1)) {
    throw new AppError('validation_failed', 'cursor must be one returned as nextCursor', {
      in: 'querystring',
      field: 'cursor',
    });
  }
  const items = await listInboundMessages(deps.db, {
    status: filter.status ?? null,
    beforeId,
    limit: limit + 1,
  });
  const page = items.slice(0, limit);
  return { items: page, nextCursor: items.length > limit ? String(page[page.length - 1]?.id) : null };
}

/** One received message; not_found when there is none. */
export async function getReceivedMail(deps: ServiceDeps, id: number): Promise<InboundMessageRecord> {
  const message = await findInboundMessage(deps.db, id);
  if (!message) throw notFound('Inbound message', id);
  return message;
}

/** The raw bytes of a received message, exactly as they arrived. */
export async function readReceivedSource(
  deps: ServiceDeps,
  id: number,
): Promise<{ record: InboundMessageRecord; raw: Buffer }> {
  const record = await getReceivedMail(deps, id);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of rawMailStore(deps).open(record.rawSha256)) chunks.push(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('Source of inbound message', id);
    throw error;
  }
  return { record, raw: Buffer.concat(chunks) };
}

/** A received message with the header fields of its source. */
export async function getReceivedMailWithHeaders(
  deps: ServiceDeps,
  id: number,
): Promise<InboundMessageRecord & { headers: RawHeader[] }> {
  const { record, raw } = await readReceivedSource(deps, id);
  return { ...record, headers: readRawHeaders(raw) };
}

function requireActionable(record: InboundMessageRecord, action: 'retry' | 'discard'): void {
  if (!ACTIONABLE.includes(record.status)) {
    throw new AppError(
      'invalid_transition',
      `Only quarantined or unfinished messages can be ${action === 'retry' ? 'retried' : 'discarded'}; this one is ${record.status}`,
      { from: record.status, to: action, allowed: ACTIONABLE },
    );
  }
}

/** Runs a quarantined (or unfinished) message through the pipeline again, on its stored source. */
export async function retryReceivedMail(
  deps: ServiceDeps,
  id: number,
): Promise<{ record: InboundMessageRecord; result: IngestResult }> {
  const { record, raw } = await readReceivedSource(deps, id);
  requireActionable(record, 'retry');
  let result: IngestResult;
  try {
    result = await processStoredMessage(deps, id, raw, {
      channel: record.channel as IngestChannel,
      mailboxId: record.mailboxId,
      recipients: record.recipients,
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'not_ready',
      `The message could not be processed now; try again later (${String(error)})`,
    );
  }
  return { record: await getReceivedMail(deps, id), result };
}

/** Sets a quarantined (or unfinished) message aside for good; its row and source are kept. */
export async function discardReceivedMail(deps: ServiceDeps, id: number): Promise<InboundMessageRecord> {
  const record = await getReceivedMail(deps, id);
  requireActionable(record, 'discard');
  if (!(await discardInboundMessage(deps.db, id, deps.clock.now()))) {
    requireActionable(await getReceivedMail(deps, id), 'discard');
  }
  return getReceivedMail(deps, id);
}
