import type { Db } from '../../../db/database.ts';
import { findMailboxByAddress, listMailboxAddresses } from '../../../db/repositories/mailboxes.repository.ts';

export interface RecipientVerdict {
  readonly isAccepted: boolean;
  /** The mailbox the address belongs to; null when accepted without one (no mailbox configured yet). */
  readonly mailboxId: number | null;
}

/**
 * Whether the SMTP listener takes mail for `address`: only for active mailboxes, except that while no
 * mailbox exists at all every address is taken, so a fresh install receives mail before it is set up.
 */
export async function resolveRecipient(db: Db, address: string): Promise<RecipientVerdict> {
  const mailbox = await findMailboxByAddress(db, address);
  if (mailbox) return { isAccepted: mailbox.isActive, mailboxId: mailbox.isActive ? mailbox.id : null };
  const isUnconfigured = (await listMailboxAddresses(db)).length === 0;
  return { isAccepted: isUnconfigured, mailboxId: null };
}
