import { findMailbox } from '../../db/repositories/mailboxes.repository.ts';
import {
  findFirstEmailMeta,
  findTicketMailFacts,
} from '../../db/repositories/outbound-messages.repository.ts';
import { findEntry } from '../../db/repositories/thread.repository.ts';
import { displayNameOf } from '../../mail/outbound/headers.ts';
import { RichText, type TemplateVariables } from '../../mail/outbound/template-engine.ts';
import type { ServiceDeps } from '../deps.ts';

export type TicketMailFacts = NonNullable<Awaited<ReturnType<typeof findTicketMailFacts>>>;

/** A ticket as its notifications see it: the facts and the variables every ticket template gets. */
export interface TicketMail {
  facts: TicketMailFacts;
  variables: {
    helpdesk: TemplateVariables;
    ticket: TemplateVariables;
    requester: TemplateVariables;
    links: Record<string, string>;
  };
}

/** The name the help desk signs with: the display name of MAIL_FROM, else "Tessera". */
export function helpdeskNameOf(deps: Pick<ServiceDeps, 'mail'>): string {
  return displayNameOf(deps.mail.from) ?? 'Tessera';
}

/** The portal page of a ticket, for requesters. */
export function portalTicketUrl(deps: Pick<ServiceDeps, 'publicUrl'>, number: string): string {
  return `${deps.publicUrl}/tickets/${encodeURIComponent(number)}`;
}

/** Loads what the mail about a ticket needs; null when the ticket is gone. */
export async function loadTicketMail(tx: ServiceDeps, ticketId: number): Promise<TicketMail | null> {
  const facts = await findTicketMailFacts(tx.db, ticketId);
  if (!facts) return null;
  const number = encodeURIComponent(facts.number);
  return {
    facts,
    variables: {
      helpdesk: { name: helpdeskNameOf(tx), url: tx.publicUrl },
      ticket: {
        number: facts.number,
        subject: facts.subject,
        department: facts.departmentName,
        status: facts.statusName,
        priority: facts.priorityName,
      },
      requester: { name: facts.requester.name, email: facts.requester.email },
      links: {
        ticket: portalTicketUrl(tx, facts.number),
        console: `${tx.publicUrl}/agent/tickets/${number}`,
        settings: `${tx.publicUrl}/agent/settings/notifications`,
      },
    },
  };
}

/** An entry's author and body (text and HTML) as template variables. */
export async function loadEntryVariables(
  tx: ServiceDeps,
  entryId: number,
): Promise<{ author: string; body: RichText }> {
  const entry = await findEntry(tx.db, entryId);
  return {
    author: entry?.authorName ?? '',
    body: new RichText(entry?.bodyText ?? '', entry?.bodyHtml ?? ''),
  };
}

/**
 * Where replies to a ticket's mail go: the address of the mailbox its first mail came in on (the email
 * metadata's `mailboxId`), when that mailbox is still active; else MAIL_FROM.
 */
export async function findReplyTo(tx: ServiceDeps, ticketId: number): Promise<string> {
  const mailboxId = (await findFirstEmailMeta(tx.db, ticketId))?.mailboxId;
  if (typeof mailboxId !== 'number') return tx.mail.from;
  const mailbox = await findMailbox(tx.db, mailboxId);
  if (!mailbox?.isActive) return tx.mail.from;
  const name = helpdeskNameOf(tx).replace(/["\\]/g, '');
  return `"${name}" <${mailbox.address}>`;
}
