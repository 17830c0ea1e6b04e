import { type EntryType, insertEntry } from '../../db/repositories/thread.repository.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';

/** Inserts a thread entry written by an agent (a reply, an internal note or a resolution) now. */
export async function insertAgentEntry(
  tx: ServiceDeps,
  actor: AgentActor,
  ticketId: number,
  type: Exclude<EntryType, 'message'>,
  body: { html: string; text: string },
  email: { messageId: string | null; meta: Record<string, unknown> | null } = { messageId: null, meta: null },
): Promise<number> {
  return insertEntry(tx.db, {
    ticketId,
    type,
    authorType: 'agent',
    authorAgentId: actor.agentId,
    authorUserId: null,
    authorName: actor.name,
    bodyHtml: body.html,
    bodyText: body.text,
    emailMessageId: email.messageId,
    emailMeta: email.meta,
    createdAt: tx.clock.now(),
  });
}
