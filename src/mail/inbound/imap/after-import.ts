import type { ImapFlow } from 'imapflow';
import type { WatchedMailbox } from './watched-mailbox.ts';

/**
 * Marks, moves or deletes one imported message (by UID, in the selected folder). Callers run it only
 * once the message's ticket change has committed; should it fail, the message stays where it is and is
 * read again on the next pass, where the pipeline recognises it as a duplicate and the action is retried.
 */
export async function applyAfterImport(
  client: ImapFlow,
  mailbox: WatchedMailbox,
  uid: number,
): Promise<void> {
  const range = String(uid);
  switch (mailbox.afterImport) {
    case 'seen': {
      await expectDone(client.messageFlagsAdd(range, ['\\Seen'], { uid: true }), 'mark the message as read');
      return;
    }
    case 'move': {
      const archive = mailbox.archiveFolder?.trim();
      if (!archive) throw new Error('The mailbox moves imported messages but names no archive folder');
      // created is false when the folder already exists, so this is safe to repeat.
      await client.mailboxCreate(archive);
      await expectDone(client.messageMove(range, archive, { uid: true }), `move the message to "${archive}"`);
      return;
    }
    case 'delete': {
      // imapflow flags the message \Deleted and expunges it (UID EXPUNGE where UIDPLUS allows).
      await expectDone(client.messageDelete(range, { uid: true }), 'delete the message');
      return;
    }
  }
}

async function expectDone(operation: Promise<unknown>, what: string): Promise<void> {
  const result = await operation;
  if (result === false) throw new Error(`The IMAP server did not ${what}`);
}
