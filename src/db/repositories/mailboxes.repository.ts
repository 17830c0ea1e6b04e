import type { Selectable } from 'kysely';
import type { Db, MailboxesTable } from '../database.ts';

export const IMAP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type ImapSecurity = (typeof IMAP_SECURITY)[number];
export const AFTER_IMPORT = ['seen', 'move', 'delete'] as const;
export type AfterImport = (typeof AFTER_IMPORT)[number];

/**
 * A mailbox: the address mail reaches Tessera at, the defaults it gives new tickets and, optionally, the
 * IMAP account it is fetched from. The password stays sealed (see src/lib/secret-box.ts) until the
 * poller opens it.
 */
export interface MailboxRecord {
  id: number;
  name: string;
  address: string;
  departmentId: number | null;
  topicId: number | null;
  priorityId: number | null;
  imapHost: string | null;
  imapPort: number | null;
  imapSecurity: ImapSecurity;
  imapUsername: string | null;
  imapPasswordEnc: string | null;
  imapFolder: string;
  afterImport: AfterImport;
  archiveFolder: string | null;
  isActive: boolean;
  imapUidValidity: number | null;
  imapLastUid: number | null;
  lastPolledAt: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The columns an administrator sets. */
export type MailboxFields = Pick<
  MailboxRecord,
  | 'name'
  | 'address'
  | 'departmentId'
  | 'topicId'
  | 'priorityId'
  | 'imapHost'
  | 'imapPort'
  | 'imapSecurity'
  | 'imapUsername'
  | 'imapPasswordEnc'
  | 'imapFolder'
  | 'afterImport'
  | 'archiveFolder'
  | 'isActive'
>;

function toMailbox(row: Selectable<MailboxesTable>): MailboxRecord {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    departmentId: row.department_id,
    topicId: row.topic_id,
    priorityId: row.priority_id,
    imapHost: row.imap_host,
    imapPort: row.imap_port,
    imapSecurity: row.imap_security as ImapSecurity,
    imapUsername: row.imap_username,
    imapPasswordEnc: row.imap_password_enc,
    imapFolder: row.imap_folder,
    afterImport: row.after_import as AfterImport,
    archiveFolder: row.archive_folder,
    isActive: row.is_active === 1,
    imapUidValidity: row.imap_uid_validity,
    imapLastUid: row.imap_last_uid,
    lastPolledAt: row.last_polled_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(fields: Partial<MailboxFields>) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.address !== undefined ? { address: fields.address.toLowerCase() } : {}),
    ...(fields.departmentId !== undefined ? { department_id: fields.departmentId } : {}),
    ...(fields.topicId !== undefined ? { topic_id: fields.topicId } : {}),
    ...(fields.priorityId !== undefined ? { priority_id: fields.priorityId } : {}),
    ...(fields.imapHost !== undefined ? { imap_host: fields.imapHost } : {}),
    ...(fields.imapPort !== undefined ? { imap_port: fields.imapPort } : {}),
    ...(fields.imapSecurity !== undefined ? { imap_security: fields.imapSecurity } : {}),
    ...(fields.imapUsername !== undefined ? { imap_username: fields.imapUsername } : {}),
    ...(fields.imapPasswordEnc !== undefined ? { imap_password_enc: fields.imapPasswordEnc } : {}),
    ...(fields.imapFolder !== undefined ? { imap_folder: fields.imapFolder } : {}),
    ...(fields.afterImport !== undefined ? { after_import: fields.afterImport } : {}),
    ...(fields.archiveFolder !== undefined ? { archive_folder: fields.archiveFolder } : {}),
    ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
  };
}

/** Every mailbox, in id order. */
export async function listMailboxes(db: Db): Promise<MailboxRecord[]> {
  const rows = await db.selectFrom('mailboxes').selectAll().orderBy('id').execute();
  return rows.map(toMailbox);
}

/** Active mailboxes that name an IMAP account to fetch from. */
export async function listActiveImapMailboxes(db: Db): Promise<MailboxRecord[]> {
  const rows = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('is_active', '=', 1)
    .where('imap_host', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map(toMailbox);
}

/** One mailbox by id, or null. */
export async function findMailbox(db: Db, id: number): Promise<MailboxRecord | null> {
  const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMailbox(row) : null;
}

/** The mailbox mail to `address` is for (compared lower-cased), or null. */
export async function findMailboxByAddress(db: Db, address: string): Promise<MailboxRecord | null> {
  const row = await db
    .selectFrom('mailboxes')
    .selectAll()
    .where('address', '=', address.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toMailbox(row) : null;
}

/** The addresses of every mailbox, lower-cased: mail between them is Tessera talking to itself. */
export async function listMailboxAddresses(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('mailboxes').select('address').execute();
  return rows.map((row) => row.address);
}

/** Whether another mailbox already receives mail for `address`. */
export async function isMailboxAddressTaken(
  db: Db,
  address: string,
  exceptId: number | null,
): Promise<boolean> {
  const row = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('address', '=', address.toLowerCase())
    .where('id', '<>', exceptId ?? 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a mailbox and returns its id. */
export async function insertMailbox(db: Db, fields: MailboxFields, now: number): Promise<number> {
  const row = await db
    .insertInto('mailboxes')
    .values({
      ...toColumns(fields),
      name: fields.name,
      address: fields.address.toLowerCase(),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Writes the given fields. A change to the account or folder forgets the UID state, since UIDs only
 * mean something within one folder of one account.
 */
export async function updateMailbox(
  db: Db,
  id: number,
  fields: Partial<MailboxFields>,
  now: number,
  options: { resetUidState: boolean },
): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({
      ...toColumns(fields),
      ...(options.resetUidState ? { imap_uid_validity: null, imap_last_uid: null } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a mailbox; mail it received keeps its row, unlinked. */
export async function deleteMailbox(db: Db, id: number): Promise<void> {
  await db.deleteFrom('mailboxes').where('id', '=', id).execute();
}

/**
 * Records a poll of the mailbox's IMAP folder: where it got to (left unchanged when undefined), the
 * error it ended with (null after a clean pass) and when.
 */
export async function recordMailboxPoll(
  db: Db,
  id: number,
  poll: { uidValidity?: number | null; lastUid?: number | null; error: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({
      ...(poll.uidValidity !== undefined ? { imap_uid_validity: poll.uidValidity } : {}),
      ...(poll.lastUid !== undefined ? { imap_last_uid: poll.lastUid } : {}),
      last_error: poll.error,
      last_polled_at: poll.at,
    })
    .where('id', '=', id)
    .execute();
}
