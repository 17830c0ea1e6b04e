import type { TicketState } from '../ticket/lifecycle.ts';

/**
 * Where an incoming email belongs, as a pure decision over facts the caller looked up. The order is
 * the trust order: a Message-ID we signed cannot be forged, a Message-ID we stored was seen only by
 * the people on the thread, while a `[#number]` subject token can be typed by anyone and so counts only
 * from the ticket's requester or a collaborator.
 */

export type ThreadedBy = 'message-id' | 'references' | 'subject-token' | 'new-ticket';

export interface ThreadingFacts {
  readonly inReplyTo: string | null;
  /** The References header, oldest first, as sent. */
  readonly references: readonly string[];
  /** Live tickets named by our signed Message-IDs among the above, by Message-ID. */
  readonly signedTickets: ReadonlyMap<string, number>;
  /** Live tickets whose stored mail (received or sent) has one of the above Message-IDs. */
  readonly storedTickets: ReadonlyMap<string, number>;
  /** The subject's `[#number]` token, the live ticket it names (null: none) and who wrote. */
  readonly subjectToken: {
    readonly number: string;
    readonly ticketId: number | null;
    readonly isSenderParticipant: boolean;
  } | null;
}

export type ThreadDecision =
  | {
      readonly kind: 'existing';
      readonly ticketId: number;
      readonly threadedBy: Exclude<ThreadedBy, 'new-ticket'>;
      /** The Message-ID or subject token that matched. */
      readonly matched: string;
      readonly via: 'signed' | 'stored' | 'subject';
    }
  | {
      readonly kind: 'new';
      readonly threadedBy: 'new-ticket';
      readonly matched: null;
      /** A subject token that was present but did not count, and why. */
      readonly ignoredToken: {
        readonly number: string;
        readonly why: 'not_participant' | 'no_such_ticket';
      } | null;
    };

/** The Message-IDs worth looking up, in the order they are tried: In-Reply-To, then References newest first. */
export function candidateMessageIds(facts: Pick<ThreadingFacts, 'inReplyTo' | 'references'>): string[] {
  const ordered = [...(facts.inReplyTo ? [facts.inReplyTo] : []), ...[...facts.references].reverse()];
  return [...new Set(ordered)];
}

function findIn(
  facts: ThreadingFacts,
  tickets: ReadonlyMap<string, number>,
  via: 'signed' | 'stored',
): ThreadDecision | null {
  if (facts.inReplyTo) {
    const ticketId = tickets.get(facts.inReplyTo);
    if (ticketId !== undefined) {
      return { kind: 'existing', ticketId, threadedBy: 'message-id', matched: facts.inReplyTo, via };
    }
  }
  for (const messageId of [...facts.references].reverse()) {
    const ticketId = tickets.get(messageId);
    if (ticketId !== undefined) {
      return { kind: 'existing', ticketId, threadedBy: 'references', matched: messageId, via };
    }
  }
  return null;
}

/** Decides which ticket an incoming message belongs to, or that it opens a new one. */
export function decideThread(facts: ThreadingFacts): ThreadDecision {
  const byMessageId =
    findIn(facts, facts.signedTickets, 'signed') ?? findIn(facts, facts.storedTickets, 'stored');
  if (byMessageId) return byMessageId;
  const token = facts.subjectToken;
  if (token && token.ticketId !== null && token.isSenderParticipant) {
    return {
      kind: 'existing',
      ticketId: token.ticketId,
      threadedBy: 'subject-token',
      matched: token.number,
      via: 'subject',
    };
  }
  return {
    kind: 'new',
    threadedBy: 'new-ticket',
    matched: null,
    ignoredToken: token
      ? { number: token.number, why: token.ticketId === null ? 'no_such_ticket' : 'not_participant' }
      : null,
  };
}

const SUBJECT_TOKEN = /\[#([A-Za-z0-9-]{1,32})\]/;

/** The ticket number in a subject's `[#number]` token, or null. */
export function readSubjectToken(subject: string): string | null {
  return SUBJECT_TOKEN.exec(subject)?.[1] ?? null;
}

export type DeliveryAction =
  /** A message from the requester or a collaborator, through the usual rules (reopening included). */
  | 'append-message'
  /** Kept on the thread without touching the ticket's state or notifying anyone: an auto-reply. */
  | 'append-quietly'
  /** The ticket is archived: the message opens a new ticket that points back to it. */
  | 'follow-up-ticket'
  /** An agent answered a notification from their mail client: a reply to the requester. */
  | 'agent-reply'
  /** An agent wrote but may not reply here (or it was their auto-reply): an internal note by them. */
  | 'agent-note';

export interface DeliveryFacts {
  readonly state: TicketState;
  /** The sender is an active agent (and not the ticket's requester writing as a customer). */
  readonly isAgent: boolean;
  /** The agent holds the reply permission on this ticket. */
  readonly canAgentReply: boolean;
  /** The message is an auto-reply (out of office, autoresponder). */
  readonly isAutoReply: boolean;
}

/** What a message threaded to an existing ticket does there, with the reason recorded for it. */
export function decideDelivery(facts: DeliveryFacts): { action: DeliveryAction; reason: string | null } {
  if (facts.isAgent) {
    // An agent's out-of-office answering an alert must never reach the requester as a reply.
    if (facts.isAutoReply) return { action: 'agent-note', reason: 'agent_auto_reply' };
    if (facts.state === 'closed' || facts.state === 'archived') {
      return { action: 'agent-note', reason: 'agent_ticket_closed' };
    }
    if (!facts.canAgentReply) return { action: 'agent-note', reason: 'agent_not_permitted' };
    return { action: 'agent-reply', reason: 'agent_reply' };
  }
  if (facts.isAutoReply) return { action: 'append-quietly', reason: 'auto_reply' };
  if (facts.state === 'archived') return { action: 'follow-up-ticket', reason: 'archived_ticket' };
  return { action: 'append-message', reason: null };
}
