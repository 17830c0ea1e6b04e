import type { ImapFlow } from 'imapflow';
import { recordMailboxPoll } from '../../../db/repositories/mailboxes.repository.ts';
import { AppError } from '../../../domain/errors.ts';
import type { JobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { IngestResult, IngestSource } from '../ingest.ts';
import { applyAfterImport } from './after-import.ts';
import { describeImapError } from './imap-client.ts';
import type { WatchedMailbox } from './watched-mailbox.ts';

/** The pipeline entry point; injected so tests can make it fail. */
export type IngestFunction = (deps: ServiceDeps, raw: Buffer, source: IngestSource) => Promise<IngestResult>;

/** Where a mailbox's import stands: the folder's UIDVALIDITY and the highest UID imported under it. */
export interface UidState {
  uidValidity: number | null;
  lastUid: number | null;
}

export interface ImportContext {
  readonly deps: ServiceDeps;
  readonly ingest: IngestFunction;
  readonly logger: JobLogger;
  /** Asked between messages: a stopping watcher finishes the message in hand, then leaves. */
  readonly isStopping: () => boolean;
}

export interface ImportPassResult {
  readonly imported: number;
  /** The temporary failure that cut the pass short; that message and those after it are left untouched. */
  readonly failure: IngestFailure | null;
}

/**
 * Imports what is new in the mailbox's folder, oldest first: every unseen message, and every message
 * above the last UID imported (which catches mail someone read in another client before we got to it).
 * On the first pass, or when the folder's UIDVALIDITY changed, "above" starts at the folder's current
 * end, so old read mail is not imported. Each message goes through the pipeline, and only after that
 * returned (the ticket change is committed) is the after-import action applied and the progress saved.
 * A message whose ingest throws is left untouched and the pass stops there: the next pass retries it.
 * An IMAP error (the connection, the after-import action) is thrown. `state` is updated in place as
 * messages are imported, so the progress made before an error is not forgotten.
 */
export async function runImportPass(
  client: ImapFlow,
  mailbox: WatchedMailbox,
  state: UidState,
  context: ImportContext,
): Promise<ImportPassResult> {
  const lock = await client.getMailboxLock(mailbox.folder);
  try {
    const selected = client.mailbox;
    if (!selected) throw new Error(`The folder "${mailbox.folder}" could not be opened`);
    const uidValidity = Number(selected.uidValidity);
    let lastUid = state.lastUid ?? 0;
    const isFreshStart = state.uidValidity !== uidValidity || state.lastUid === null;
    if (isFreshStart) {
      if (state.uidValidity !== null && state.uidValidity !== uidValidity) {
        context.logger.warn(
          { mailboxId: mailbox.id, folder: mailbox.folder, was: state.uidValidity, now: uidValidity },
          'the IMAP folder was recreated (UIDVALIDITY changed): importing its unseen messages again',
        );
      }
      lastUid = await findHighestUid(client, selected.uidNext);
    }
    state.uidValidity = uidValidity;
    state.lastUid = lastUid;
    // Kept at once: mail read elsewhere before a later pass must be measured against this starting point.
    if (isFreshStart) await saveProgress(context.deps, mailbox.id, state);
    const uids = await findCandidateUids(client, lastUid);
    let imported = 0;
    let refusal: string | null = null;
    for (const uid of uids) {
      if (context.isStopping()) break;
      const step = await importMessage(client, mailbox, uid, context);
      if (step instanceof IngestFailure) return { imported, failure: step };
      if (step === 'imported') imported += 1;
      if (typeof step === 'object') refusal = step.refusal;
      state.lastUid = Math.max(state.lastUid ?? 0, uid);
      await saveProgress(context.deps, mailbox.id, state, refusal);
    }
    await saveProgress(context.deps, mailbox.id, state, refusal);
    return { imported, failure: null };
  } finally {
    lock.release();
  }
}

/**
 * One message: through the pipeline, then the after-import action. A message the pipeline refuses
 * outright (not a message at all, far too large: nothing was stored) is left in the folder untouched and
 * reported, rather than blocking every message after it.
 */
async function importMessage(
  client: ImapFlow,
  mailbox: WatchedMailbox,
  uid: number,
  context: ImportContext,
): Promise<'imported' | 'gone' | { refusal: string } | IngestFailure> {
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  // Gone since the search (another client moved or deleted it): nothing to import.
  if (message === false || !message.source) return 'gone';
  let result: IngestResult;
  try {
    result = await context.ingest(context.deps, message.source, { channel: 'imap', mailboxId: mailbox.id });
  } catch (error) {
    if (error instanceof AppError) {
      context.logger.warn({ mailboxId: mailbox.id, uid, err: error }, 'refused a message from IMAP');
      return { refusal: `Message UID ${uid} was refused and left in the folder: ${error.message}` };
    }
    context.logger.warn(
      { mailboxId: mailbox.id, uid, err: error },
      'could not store a message from IMAP; it stays in the folder and is retried',
    );
    return new IngestFailure(error);
  }
  await applyAfterImport(client, mailbox, uid);
  context.logger.info(
    { mailboxId: mailbox.id, uid, outcome: result.outcome, ticket: result.ticketNumber },
    'imported a message from IMAP',
  );
  return 'imported';
}

/** The pipeline could not store a message (a temporary failure): the message was left untouched. */
export class IngestFailure extends Error {
  constructor(cause: unknown) {
    super(`A message could not be stored and will be retried: ${describeImapError(cause)}`, { cause });
    this.name = 'IngestFailure';
  }
}

/**
 * Saves the mailbox's UID state and its last error (null: none). Should this fail after a message was
 * imported, the next pass reads that message again and the pipeline's de-duplication makes it a no-op.
 */
export async function saveProgress(
  deps: ServiceDeps,
  mailboxId: number,
  state: UidState,
  error: string | null = null,
): Promise<void> {
  await recordMailboxPoll(deps.db, mailboxId, {
    uidValidity: state.uidValidity,
    lastUid: state.lastUid,
    error,
    at: deps.clock.now(),
  });
}

/** Records why a poll of the mailbox failed, leaving its UID state as the last successful import left it. */
export async function recordPollError(deps: ServiceDeps, mailboxId: number, error: string): Promise<void> {
  await recordMailboxPoll(deps.db, mailboxId, { error, at: deps.clock.now() });
}

async function findHighestUid(client: ImapFlow, uidNext: number | undefined): Promise<number> {
  if (typeof uidNext === 'number' && uidNext > 0) return uidNext - 1;
  // A server that reports no UIDNEXT on SELECT: ask for every UID instead.
  const all = expectUids(await client.search({ all: true }, { uid: true }));
  return all.reduce((highest, uid) => Math.max(highest, uid), 0);
}

async function findCandidateUids(client: ImapFlow, lastUid: number): Promise<number[]> {
  const unseen = expectUids(await client.search({ seen: false, deleted: false }, { uid: true }));
  // `N:*` always matches the highest UID even when it is below N (RFC 3501 6.4.8), hence the filter.
  const newer = expectUids(await client.search({ uid: `${lastUid + 1}:*`, deleted: false }, { uid: true }));
  const uids = new Set([...unseen, ...newer.filter((uid) => uid > lastUid)]);
  return [...uids].sort((a, b) => a - b);
}

function expectUids(result: number[] | false | undefined): number[] {
  if (!Array.isArray(result)) throw new Error('The IMAP server refused to search the folder');
  return result;
}
