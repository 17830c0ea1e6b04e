import type { InboundMessage } from './parse.ts';

/**
 * What kind of mail a message is, from its headers alone. Auto-replies (RFC 3834 Auto-Submitted,
 * Precedence, the vendor X- headers) are kept but never answered; bounces (RFC 3464 delivery status
 * reports, mailer daemons) are recorded on the ticket whose mail bounced and never answered; mail from
 * Tessera itself is a loop and is ignored.
 */
export type MailClass =
  | { kind: 'normal' }
  | { kind: 'auto-reply'; reason: string }
  | { kind: 'bounce'; reason: string };

function first(message: InboundMessage, name: string): string | null {
  return message.headers.get(name)?.[0]?.trim() ?? null;
}

const BOUNCE_SUBJECT =
  /undeliver|delivery (status|failure|has failed)|failure notice|returned mail|mail delivery failed/i;
const DAEMON = /^(mailer-daemon|postmaster)@/i;

/** Classifies a message as normal, an auto-reply or a bounce, naming the header that decided it. */
export function classifyMessage(message: InboundMessage): MailClass {
  const type = message.contentType;
  if (type.value === 'multipart/report' && type.params['report-type']?.toLowerCase() === 'delivery-status') {
    return { kind: 'bounce', reason: 'delivery_status_report' };
  }
  if (DAEMON.test(message.from.address) && BOUNCE_SUBJECT.test(message.subject)) {
    return { kind: 'bounce', reason: 'mailer_daemon' };
  }
  const autoSubmitted = first(message, 'auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.split(';')[0]?.trim().toLowerCase() !== 'no') {
    return { kind: 'auto-reply', reason: 'auto_submitted' };
  }
  const precedence = first(message, 'precedence')?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return { kind: 'auto-reply', reason: 'precedence' };
  }
  for (const header of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (message.headers.has(header))
      return { kind: 'auto-reply', reason: header.replace(/-/g, '_').slice(2) };
  }
  if (type.value === 'multipart/report') return { kind: 'auto-reply', reason: 'report' };
  // A null reverse-path is what RFC 5321 gives notifications that must not be answered.
  if (first(message, 'return-path') === '<>') return { kind: 'auto-reply', reason: 'null_sender' };
  return { kind: 'normal' };
}

/** Why a message is Tessera's own mail come back (a loop), or null when it is not. */
export function detectLoop(
  message: InboundMessage,
  own: { addresses: ReadonlySet<string>; isOwnMessageId: (messageId: string) => boolean },
): 'own_address' | 'own_message_id' | null {
  if (own.addresses.has(message.from.address)) return 'own_address';
  if (message.messageId !== null && own.isOwnMessageId(message.messageId)) return 'own_message_id';
  return null;
}

/**
 * The Message-IDs a bounce mentions: its own In-Reply-To and References and those in the returned
 * headers of the original message, wherever in the report they are.
 */
export function findBouncedMessageIds(message: InboundMessage, raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const found = [
    ...text.matchAll(/^(?:message-id|in-reply-to|references)[ \t]*:((?:[^\r\n]*)(?:\r?\n[ \t][^\r\n]*)*)/gim),
  ].flatMap((match) => [...(match[1] ?? '').matchAll(/<[^<>\s]{1,900}>/g)].map((id) => id[0]));
  const ids = [...(message.inReplyTo ? [message.inReplyTo] : []), ...message.references, ...found];
  return [...new Set(ids)].filter((id) => id !== message.messageId);
}

/** The lines of a delivery status report that say what failed, for the note on the ticket. */
export function summarizeBounce(message: InboundMessage): string {
  const text = message.text ?? '';
  const fields = [
    'Final-Recipient',
    'Original-Recipient',
    'Action',
    'Status',
    'Diagnostic-Code',
    'Remote-MTA',
  ];
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => fields.some((field) => line.toLowerCase().startsWith(`${field.toLowerCase()}:`)));
  const summary = [...new Set(lines)].slice(0, 20);
  if (summary.length > 0) return summary.join('\n');
  return text.split(/\r?\n/).slice(0, 15).join('\n').trim() || message.subject;
}
