import { findAgentCredentials } from '../../db/repositories/agent-actor.repository.ts';
import { isParticipant } from '../../db/repositories/collaborators.repository.ts';
import {
  findTicketsByMessageIds,
  type InboundStatus,
  updateInboundMessage,
} from '../../db/repositories/inbound-messages.repository.ts';
import { findTicket, type TicketRecord } from '../../db/repositories/tickets.repository.ts';
import { findUserIdByEmail } from '../../db/repositories/users.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canOnTicket } from '../../domain/permissions/permissions.ts';
import {
  candidateMessageIds,
  decideDelivery,
  decideThread,
  readSubjectToken,
  type ThreadDecision,
} from '../../domain/threading/threading.ts';
import type { TicketState } from '../../domain/ticket/lifecycle.ts';
import { loadAgentActor } from '../../services/auth/load-agent-actor.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { getSettings } from '../../services/settings/settings.ts';
import { readMessageId } from '../message-id.ts';
import { acquireAcceptance, isFinishedDuplicate } from './acceptance.ts';
import { classifyMessage, detectLoop, findBouncedMessageIds, summarizeBounce } from './classify.ts';
import * as deliver from './deliver.ts';
import { composeEntryContent } from './entry-body.ts';
import { type InboundMessage, parseEmail } from './parse.ts';
import { looksLikeMessage, readRawIdentity, syntheticMessageId } from './raw-headers.ts';
import { findCopiedPeople, findOwnAddresses, findReceivingMailbox, routeDefaultsOf } from './routing.ts';

/** The largest message parsed; a larger one is stored and quarantined (a mail server should refuse it first). */
export const MAX_RAW_BYTES = 64 * 1024 * 1024;

export type PipelineOutcome = 'created' | 'appended' | 'duplicate' | 'ignored' | 'quarantined';

/** What became of a message: the row's final state and the ticket change it made. */
export interface PipelineResult {
  status: Exclude<InboundStatus, 'received' | 'discarded'>;
  outcome: PipelineOutcome;
  reason: string | null;
  delivered: deliver.Delivered | null;
}

function result(
  status: PipelineResult['status'],
  reason: string | null,
  outcome?: PipelineOutcome,
): PipelineResult {
  const byStatus = {
    accepted: 'appended',
    duplicate: 'duplicate',
    ignored: 'ignored',
    quarantined: 'quarantined',
  };
  return { status, outcome: outcome ?? (byStatus[status] as PipelineOutcome), reason, delivered: null };
}

/** The live tickets our signed Message-IDs among `ids` name. */
async function findSignedTickets(deps: ServiceDeps, ids: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const id of ids) {
    const signed = readMessageId(deps, id);
    if (signed && (await findTicket(deps.db, { id: signed.ticketId }))) found.set(id, signed.ticketId);
  }
  return found;
}

/** The ticket whose mail bounced: the first of the returned Message-IDs that is ours, signed or stored. */
async function findBouncedTicket(
  deps: ServiceDeps,
  bounced: string[],
): Promise<{ ticketId: number; matched: string } | null> {
  const signed = await findSignedTickets(deps, bounced);
  const stored = await findTicketsByMessageIds(deps.db, bounced);
  for (const matched of bounced) {
    const ticketId = signed.get(matched) ?? stored.get(matched);
    if (ticketId !== undefined) return { ticketId, matched };
  }
  return null;
}

async function decideTicket(deps: ServiceDeps, message: InboundMessage): Promise<ThreadDecision> {
  const ids = candidateMessageIds(message);
  const number = readSubjectToken(message.subject);
  const tokenTicket = number !== null ? await findTicket(deps.db, { number }) : null;
  const senderId = await findUserIdByEmail(deps.db, message.from.address);
  return decideThread({
    inReplyTo: message.inReplyTo,
    references: message.references,
    signedTickets: await findSignedTickets(deps, ids),
    storedTickets: await findTicketsByMessageIds(deps.db, ids),
    subjectToken:
      number === null
        ? null
        : {
            number,
            ticketId: tokenTicket?.id ?? null,
            isSenderParticipant:
              tokenTicket !== null &&
              senderId !== null &&
              (await isParticipant(deps.db, tokenTicket.id, senderId)),
          },
  });
}

/** The email metadata an entry keeps: who, to whom, which message, and why it was filed where it was. */
function metaOf(
  message: InboundMessage,
  messageId: string,
  context: {
    rowId: number;
    channel: string;
    mailboxId: number | null;
    strippedBy: string | null;
    isAutoReply: boolean;
  },
  decision: Pick<ThreadDecision, 'threadedBy' | 'matched'> & { ignoredToken?: unknown },
): Record<string, unknown> {
  const format = (person: { address: string; name: string }) =>
    person.name ? `${person.name} <${person.address}>` : person.address;
  return {
    threadedBy: decision.threadedBy,
    matched: decision.matched,
    ...(decision.ignoredToken ? { ignoredSubjectToken: decision.ignoredToken } : {}),
    headers: {
      From: format(message.from),
      To: message.to.map(format).join(', '),
      Cc: message.cc.map(format).join(', '),
      'Message-ID': messageId,
      Subject: message.subject,
      Date: message.date?.toISOString() ?? null,
      'In-Reply-To': message.inReplyTo,
      References: message.references.join(' '),
    },
    inboundMessageId: context.rowId,
    channel: context.channel,
    mailboxId: context.mailboxId,
    strippedBy: context.strippedBy,
    ...(context.isAutoReply ? { autoReply: true } : {}),
  };
}

/**
 * Runs one stored message through the pipeline: parse, loop check, de-duplication, bounce handling,
 * threading, routing and the ticket change. Throws only what the caller must treat as a failure:
 * an AppError (the message breaks a rule; it is quarantined) or a passing fault (try again later).
 */
export async function runPipeline(
  deps: ServiceDeps,
  rowId: number,
  raw: Buffer,
  source: { channel: string; mailboxId?: number | null; recipients?: string[] },
): Promise<PipelineResult> {
  if (raw.length > MAX_RAW_BYTES) return result('quarantined', `too_large: ${raw.length} bytes`);
  if (!looksLikeMessage(raw))
    return result('quarantined', 'not_a_message: it does not begin with a header field');
  const parsed = await parseEmail(raw);
  if (!parsed.ok) {
    const identity = readRawIdentity(raw);
    await updateInboundMessage(deps.db, rowId, {
      ...(identity.messageId ? { messageId: identity.messageId } : {}),
      fromAddress: identity.from,
      subject: identity.subject,
    });
    return result('quarantined', `${parsed.reason}: ${parsed.detail}`);
  }
  const { message } = parsed;
  const messageId = message.messageId ?? syntheticMessageId(raw);
  const mailbox = await findReceivingMailbox(deps, message, source);
  await updateInboundMessage(deps.db, rowId, {
    messageId,
    fromAddress: message.from.address,
    subject: message.subject.slice(0, 1000),
    mailboxId: mailbox?.id ?? null,
  });

  const ownAddresses = await findOwnAddresses(deps);
  const loop = detectLoop(message, {
    addresses: ownAddresses,
    isOwnMessageId: (id) => readMessageId(deps, id) !== null,
  });
  if (loop) return result('ignored', `loop_${loop}`);
  if (await isFinishedDuplicate(deps, messageId, rowId)) return result('duplicate', 'message_id_seen');

  const mailClass = classifyMessage(message);
  const isAutoReply = mailClass.kind !== 'normal';
  const content = composeEntryContent(message);
  const context = {
    rowId,
    channel: source.channel,
    mailboxId: mailbox?.id ?? null,
    strippedBy: content.strippedBy,
    isAutoReply,
  };
  const claim = () => acquireAcceptance(deps, rowId, messageId);

  if (mailClass.kind === 'bounce') {
    const bounced = await findBouncedTicket(deps, findBouncedMessageIds(message, raw));
    if (!bounced) return result('ignored', 'bounce_unmatched');
    const meta = metaOf(message, messageId, context, { threadedBy: 'references', matched: bounced.matched });
    if ((await claim()) === 'duplicate') return result('duplicate', 'message_id_seen');
    const delivery = {
      message,
      messageId,
      content,
      meta: { ...meta, bounce: true },
      copied: [],
      addsCollaborators: false,
      isAutoReply,
    };
    const recorded = await deliver.recordBounce(deps, delivery, bounced.ticketId, summarizeBounce(message));
    return recorded
      ? { ...result('accepted', 'bounce'), delivered: recorded }
      : result('ignored', 'bounce_unmatched');
  }

  const decision = await decideTicket(deps, message);
  const addsCollaborators = (await getSettings(deps.db)).addCcAsCollaborators;
  const delivery: deliver.MailDelivery = {
    message,
    messageId,
    content,
    meta: metaOf(message, messageId, context, decision),
    copied: addsCollaborators ? await findCopiedPeople(deps, message, ownAddresses) : [],
    addsCollaborators,
    isAutoReply,
  };
  const ticket = decision.kind === 'existing' ? await findTicket(deps.db, { id: decision.ticketId }) : null;
  if ((await claim()) === 'duplicate') return result('duplicate', 'message_id_seen');
  if (!ticket) return createNew(deps, delivery, mailbox, null, isAutoReply ? 'auto_reply' : null);
  return deliverToTicket(deps, delivery, ticket, mailbox);
}

async function createNew(
  deps: ServiceDeps,
  delivery: deliver.MailDelivery,
  mailbox: Awaited<ReturnType<typeof findReceivingMailbox>>,
  followUpOf: TicketRecord | null,
  reason: string | null,
): Promise<PipelineResult> {
  const route = await routeDefaultsOf(deps, mailbox);
  const meta = route.skipped.length > 0 ? { ...delivery.meta, routingSkipped: route.skipped } : delivery.meta;
  const created = await deliver.createTicketFromMail(deps, { ...delivery, meta }, route, followUpOf);
  if (!created) return result('duplicate', 'message_id_seen');
  return { ...result('accepted', reason, 'created'), delivered: created };
}

async function deliverToTicket(
  deps: ServiceDeps,
  delivery: deliver.MailDelivery,
  ticket: TicketRecord,
  mailbox: Awaited<ReturnType<typeof findReceivingMailbox>>,
): Promise<PipelineResult> {
  const from = delivery.message.from.address;
  const agent = await findAgentCredentials(deps.db, from);
  const actor = agent?.isActive ? await loadAgentActor(deps, agent.id) : null;
  const senderId = await findUserIdByEmail(deps.db, from);
  const isAgent = actor !== null && senderId !== ticket.userId;
  const { action, reason } = decideDelivery({
    state: ticket.state as TicketState,
    isAgent,
    canAgentReply: actor !== null && canOnTicket(actor, 'ticket.reply', ticket),
    isAutoReply: delivery.isAutoReply,
  });
  let delivered: deliver.Delivered | null = null;
  if (action === 'follow-up-ticket') {
    const followUp = {
      ...delivery,
      meta: { ...delivery.meta, threadedBy: 'new-ticket', followUpOf: ticket.number },
    };
    return createNew(deps, followUp, mailbox, ticket, reason);
  }
  if (actor && (action === 'agent-reply' || action === 'agent-note')) {
    const agent = { id: actor.agentId, name: actor.name };
    if (action === 'agent-reply') {
      try {
        delivered = await deliver.postAgentReply(deps, delivery, actor, ticket);
      } catch (error) {
        // The ticket or the agent's rights changed since the decision: the words are kept all the same.
        if (!(error instanceof AppError)) throw error;
        delivered = await deliver.postAgentNote(deps, delivery, agent, ticket.id);
        return delivered
          ? { ...result('accepted', 'agent_not_permitted'), delivered }
          : result('ignored', 'ticket_gone');
      }
    } else delivered = await deliver.postAgentNote(deps, delivery, agent, ticket.id);
  } else {
    delivered = await deliver.appendMessage(deps, delivery, ticket.id, {
      isQuiet: action === 'append-quietly',
    });
  }
  if (!delivered) return createNew(deps, delivery, mailbox, null, 'ticket_gone');
  return { ...result('accepted', reason), delivered };
}
