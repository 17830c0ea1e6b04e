import { createHash } from 'node:crypto';
import {
  type AfterImport,
  type ImapSecurity,
  listActiveImapMailboxes,
  type MailboxRecord,
  recordMailboxPoll,
} from '../../../db/repositories/mailboxes.repository.ts';
import type { JobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { readImapPassword } from '../../../services/mailboxes/mailbox-secret.ts';

/** What the IMAP side needs of a mailbox: its connection, what to do after import, where it left off. */
export interface WatchedMailbox {
  readonly id: number;
  readonly address: string;
  readonly host: string;
  readonly port: number;
  readonly security: ImapSecurity;
  readonly username: string;
  readonly password: string;
  readonly folder: string;
  readonly afterImport: AfterImport;
  readonly archiveFolder: string | null;
  /** UIDVALIDITY of the folder when it was last read; null before the first pass. */
  readonly uidValidity: number | null;
  /** Highest UID imported under that UIDVALIDITY. */
  readonly lastUid: number | null;
  /** Changes whenever a setting the connection depends on changes, so a watcher knows to reconnect. */
  readonly fingerprint: string;
}

/** Whether two folder names are one folder: INBOX is case-insensitive (RFC 3501 5.1), the rest are not. */
function isSameFolder(a: string | null, b: string): boolean {
  if (a === null) return false;
  const normalize = (name: string) => (name.trim().toUpperCase() === 'INBOX' ? 'INBOX' : name.trim());
  return normalize(a) === normalize(b);
}

/** The IMAP port a security mode uses when the mailbox names none. */
export function defaultImapPort(security: ImapSecurity): number {
  return security === 'tls' ? 993 : 143;
}

function fingerprintOf(record: MailboxRecord): string {
  const fields = [
    record.imapHost,
    record.imapPort,
    record.imapSecurity,
    record.imapUsername,
    record.imapPasswordEnc,
    record.imapFolder,
    record.afterImport,
    record.archiveFolder,
    record.updatedAt,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The active mailboxes to fetch mail from, with their passwords opened. A mailbox that cannot be used as
 * configured (no user name, a password sealed under another SECRET_KEY) is left out, with the reason
 * recorded as its last error so the administrator sees it.
 */
export async function listWatchedMailboxes(deps: ServiceDeps, logger: JobLogger): Promise<WatchedMailbox[]> {
  const records = await listActiveImapMailboxes(deps.db);
  const watched: WatchedMailbox[] = [];
  for (const record of records) {
    const problem = toWatchedMailbox(deps, record);
    if (typeof problem !== 'string') {
      watched.push(problem);
      continue;
    }
    logger.warn({ mailboxId: record.id, error: problem }, 'IMAP mailbox cannot be used as configured');
    if (record.lastError !== problem) {
      await recordMailboxPoll(deps.db, record.id, { error: problem, at: deps.clock.now() });
    }
  }
  return watched;
}

/** The mailbox ready to connect, or why it cannot be. */
export function toWatchedMailbox(deps: ServiceDeps, record: MailboxRecord): WatchedMailbox | string {
  if (!record.imapHost) return 'The mailbox names no IMAP server';
  if (!record.imapUsername) return 'The mailbox names no IMAP user name';
  if (record.imapPasswordEnc === null) return 'The mailbox has no IMAP password';
  if (record.afterImport === 'move' && isSameFolder(record.archiveFolder, record.imapFolder)) {
    // Moving a message into the folder it is read from gives it a new UID: it would be imported forever.
    return 'The archive folder is the folder mail is imported from: choose another one';
  }
  const password = readImapPassword(deps, record);
  if (password === null) {
    return 'The IMAP password cannot be read (it was saved under another SECRET_KEY): enter it again';
  }
  return {
    id: record.id,
    address: record.address,
    host: record.imapHost,
    port: record.imapPort ?? defaultImapPort(record.imapSecurity),
    security: record.imapSecurity,
    username: record.imapUsername,
    password,
    folder: record.imapFolder || 'INBOX',
    afterImport: record.afterImport,
    archiveFolder: record.archiveFolder,
    uidValidity: record.imapUidValidity,
    lastUid: record.imapLastUid,
    fingerprint: fingerprintOf(record),
  };
}
