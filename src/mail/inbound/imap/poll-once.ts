import { findMailbox } from '../../../db/repositories/mailboxes.repository.ts';
import { type JobLogger, silentJobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ingestEmail } from '../ingest.ts';
import { createImapClient, DEFAULT_IMAP_TUNING, describeImapError, type ImapTuning } from './imap-client.ts';
import { type IngestFunction, recordPollError, runImportPass, type UidState } from './import-pass.ts';
import { closeQuietly } from './mailbox-session.ts';
import { toWatchedMailbox } from './watched-mailbox.ts';

export interface PollOnceResult {
  /** Messages imported (and their after-import action applied). */
  readonly imported: number;
  /** Why the poll stopped short, as recorded in the mailbox's last_error; null after a clean pass. */
  readonly error: string | null;
}

/**
 * Connects to a mailbox, imports what is new (exactly as a watcher's pass does) and logs out. For a
 * "poll now" and for tests; a process running it beside a watcher of the same mailbox at worst reads a
 * message twice, which the pipeline's de-duplication turns into one entry.
 */
export async function pollMailboxOnce(
  deps: ServiceDeps,
  mailboxId: number,
  options: { ingest?: IngestFunction; logger?: JobLogger; tuning?: ImapTuning } = {},
): Promise<PollOnceResult | null> {
  const record = await findMailbox(deps.db, mailboxId);
  if (!record) return null;
  const mailbox = toWatchedMailbox(deps, record);
  const state: UidState = { uidValidity: record.imapUidValidity, lastUid: record.imapLastUid };
  if (typeof mailbox === 'string') {
    await recordPollError(deps, mailboxId, mailbox);
    return { imported: 0, error: mailbox };
  }
  const logger = options.logger ?? silentJobLogger;
  const client = createImapClient(mailbox, options.tuning ?? DEFAULT_IMAP_TUNING);
  client.on('error', (error: Error) => logger.debug({ mailboxId, err: error }, 'IMAP connection error'));
  let imported = 0;
  let failure: unknown = null;
  try {
    await client.connect();
    const result = await runImportPass(client, mailbox, state, {
      deps,
      ingest: options.ingest ?? ingestEmail,
      logger,
      isStopping: () => false,
    });
    imported = result.imported;
    failure = result.failure;
  } catch (error) {
    failure = error;
  } finally {
    await closeQuietly(client);
  }
  if (failure === null) return { imported, error: null };
  const error = describeImapError(failure);
  await recordPollError(deps, mailboxId, error);
  return { imported, error };
}
