import { findTemplateOverride } from '../../db/repositories/email-templates.repository.ts';
import {
  insertOutboundMessage,
  listThreadMessages,
  type OutboundAttachment,
  type ThreadMessage,
  threadMessageIds,
} from '../../db/repositories/outbound-messages.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { createMessageId } from '../../mail/message-id.ts';
import { buildExtraHeaders, buildThreadHeaders } from '../../mail/outbound/headers.ts';
import { AGENT_KINDS, OUTBOUND_KINDS, type OutboundKind } from '../../mail/outbound/kinds.ts';
import { renderEmail } from '../../mail/outbound/render.ts';
import type { TemplateVariables } from '../../mail/outbound/template-engine.ts';
import { DEFAULT_TEMPLATES, type EmailTemplate, type TemplateKey } from '../../mail/outbound/templates.ts';
import type { ServiceDeps } from '../deps.ts';
import { filterRecipients, listOwnAddresses } from './recipients.ts';
import { findReplyTo } from './ticket-mail.ts';

/** The job that sends one outbox row. */
export const SEND_JOB_TYPE = 'mail.send';

/** The mail a requester sees of a ticket; their replies thread on these. */
const REQUESTER_KINDS: readonly OutboundKind[] = ['auto_response', 'reply', 'confirmation_request'];

export interface MailToQueue {
  kind: OutboundKind;
  template: TemplateKey;
  variables: TemplateVariables;
  to: readonly (string | null | undefined)[];
  cc?: readonly (string | null | undefined)[];
  /** Addresses this mail must not reach (the agent whose action it reports). */
  exclude?: ReadonlySet<string>;
  ticket?: { id: number; number: string } | null;
  entryId?: number | null;
  attachments?: OutboundAttachment[];
}

/** The template in force for a key: the administrator's override, else the default. */
export async function loadTemplate(tx: ServiceDeps, key: TemplateKey): Promise<EmailTemplate> {
  const override = await findTemplateOverride(tx.db, key);
  return override ?? DEFAULT_TEMPLATES[key];
}

/** Queues the send job of an outbox row, in the caller's transaction. */
export async function enqueueSend(tx: ServiceDeps, outboundMessageId: number, suffix = ''): Promise<void> {
  await enqueueJob(tx, {
    type: SEND_JOB_TYPE,
    payload: { outboundMessageId },
    dedupeKey: `${SEND_JOB_TYPE}:${outboundMessageId}${suffix}`,
  });
}

/**
 * What the mails queued in one transaction share, read once: the templates, Tessera's own addresses,
 * and per ticket its Reply-To and its conversation (kept up to date with the mail queued here). A new
 * ticket's auto-response and alerts, or the alerts of a new message, make several mails about one ticket.
 * It must not outlive the transaction it reads in.
 */
export class MailBatch {
  private ownAddresses: Promise<Set<string>> | null = null;
  private readonly templates = new Map<TemplateKey, Promise<EmailTemplate>>();
  private readonly replyTo = new Map<number, Promise<string>>();
  private readonly conversations = new Map<number, Promise<ThreadMessage[]>>();

  constructor(readonly tx: ServiceDeps) {}

  own(): Promise<Set<string>> {
    this.ownAddresses ??= listOwnAddresses(this.tx);
    return this.ownAddresses;
  }

  template(key: TemplateKey): Promise<EmailTemplate> {
    return remember(this.templates, key, () => loadTemplate(this.tx, key));
  }

  replyToOf(ticketId: number): Promise<string> {
    return remember(this.replyTo, ticketId, () => findReplyTo(this.tx, ticketId));
  }

  conversationOf(ticketId: number): Promise<ThreadMessage[]> {
    return remember(this.conversations, ticketId, () => listThreadMessages(this.tx.db, ticketId));
  }

  /** Counts a mail just stored into its ticket's conversation, if that was read. */
  async added(ticketId: number, message: ThreadMessage): Promise<void> {
    const conversation = this.conversations.get(ticketId);
    if (conversation) (await conversation).push(message);
  }
}

function remember<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

/**
 * Renders a mail and stores it in the outbox with its send job, in the caller's transaction, so the mail
 * exists exactly when the change it reports commits. Returns the outbox id, or null when no recipient is
 * left once loops and excluded addresses are removed. Several mails of one transaction pass one `batch`.
 */
export async function queueMail(
  tx: ServiceDeps,
  mail: MailToQueue,
  batch: MailBatch = new MailBatch(tx),
): Promise<number | null> {
  const exclude = mail.exclude ?? new Set<string>();
  const own = await batch.own();
  const to = filterRecipients(mail.to, exclude, own);
  const cc = filterRecipients(mail.cc ?? [], exclude, own).filter((address) => !to.includes(address));
  // With the requester filtered out, the copies still go to the people copied.
  if (to.length === 0 && cc.length > 0) to.push(cc.shift() as string);
  if (to.length === 0) return null;

  const ticket = mail.ticket ?? null;
  const rendered = renderEmail(await batch.template(mail.template), mail.variables, {
    ticketNumber: ticket?.number ?? null,
  });
  const chainKinds = AGENT_KINDS.has(mail.kind) ? OUTBOUND_KINDS : REQUESTER_KINDS;
  const thread = ticket
    ? buildThreadHeaders(threadMessageIds(await batch.conversationOf(ticket.id), chainKinds))
    : { inReplyTo: null, references: null };
  const headers = buildExtraHeaders({
    kind: mail.kind,
    replyTo: ticket ? await batch.replyToOf(ticket.id) : tx.mail.from,
    settingsUrl: `${tx.publicUrl}/agent/settings/notifications`,
  });
  const createdAt = tx.clock.now();
  // Mail about no ticket names ticket 0, which inbound threading finds nowhere: a reply opens a ticket.
  const messageId = createMessageId(tx, { ticketId: ticket?.id ?? 0, entryId: mail.entryId ?? null });
  const id = await insertOutboundMessage(tx.db, {
    ticketId: ticket?.id ?? null,
    entryId: mail.entryId ?? null,
    kind: mail.kind,
    to,
    cc,
    from: tx.mail.from,
    subject: rendered.subject,
    bodyText: rendered.bodyText,
    bodyHtml: rendered.bodyHtml,
    messageId,
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    headers,
    attachments: mail.attachments ?? [],
    status: tx.mail.smtpUrl ? 'queued' : 'waiting',
    createdAt,
  });
  if (ticket) await batch.added(ticket.id, { messageId, createdAt, id, kind: mail.kind });
  await enqueueSend(tx, id);
  return id;
}

/**
 * Queues a one-off mail (a portal sign-in link...) rendered from a template, in the caller's
 * transaction; with `ticketId` it threads and is tokenised like the ticket's other mail.
 */
export async function queueEmail(
  tx: ServiceDeps,
  input: {
    to: string | readonly string[];
    kind: OutboundKind;
    template: TemplateKey;
    variables: TemplateVariables;
    ticketId?: number | null;
  },
): Promise<number | null> {
  const ticket = input.ticketId ? await findTicket(tx.db, { id: input.ticketId }) : null;
  return queueMail(tx, {
    kind: input.kind,
    template: input.template,
    variables: input.variables,
    to: typeof input.to === 'string' ? [input.to] : input.to,
    ticket: ticket ? { id: ticket.id, number: ticket.number } : null,
  });
}
