import { AGENT_KINDS, type OutboundKind } from './kinds.ts';

/** References keeps the thread's first message and the latest ones, up to this many ids (RFC 5322 3.6.4). */
export const MAX_REFERENCES = 20;

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

/** The bare address of a mailbox written as `Name <address>` or `address`, lower-cased. */
export function addressOf(mailbox: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(mailbox);
  return (bracketed?.[1] ?? mailbox).trim().toLowerCase();
}

/** The display name of a mailbox written as `Name <address>`, or null. */
export function displayNameOf(mailbox: string): string | null {
  const match = /^\s*"?([^"<]*?)"?\s*<[^<>]+>\s*$/.exec(mailbox);
  const name = match?.[1]?.trim();
  return name ? name : null;
}

/** A Message-ID in angle brackets, or null when the text is not one. */
export function normalizeMessageId(id: string): string | null {
  const trimmed = id.trim();
  const bracketed = trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
  return MESSAGE_ID.test(bracketed) ? bracketed : null;
}

/**
 * In-Reply-To and References for a mail continuing a thread whose messages so far, oldest first, are
 * `chain`: it answers the latest one, and References keeps the first (the conversation's root) and the
 * latest `max - 1`, so the header stays bounded on long tickets.
 */
export function buildThreadHeaders(
  chain: readonly string[],
  max: number = MAX_REFERENCES,
): { inReplyTo: string | null; references: string | null } {
  const ids: string[] = [];
  for (const raw of chain) {
    const id = normalizeMessageId(raw);
    if (id && !ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) return { inReplyTo: null, references: null };
  const kept = ids.length <= max ? ids : [ids[0] as string, ...ids.slice(ids.length - (max - 1))];
  return { inReplyTo: ids.at(-1) ?? null, references: kept.join(' ') };
}

/**
 * The Auto-Submitted value of a kind of mail (RFC 3834): auto-replied for the answer to a new message,
 * auto-generated for notices nobody wrote, none for an agent's own reply.
 */
export function autoSubmittedOf(kind: OutboundKind): 'auto-replied' | 'auto-generated' | null {
  if (kind === 'reply') return null;
  return kind === 'auto_response' ? 'auto-replied' : 'auto-generated';
}

/**
 * The headers beyond From/To/Subject/Message-ID/threading that a mail carries: Auto-Submitted,
 * X-Auto-Response-Suppress (so Exchange sends no out-of-office replies into the ticket), Reply-To, and on
 * agent notices List-Unsubscribe pointing at the notification settings. There is deliberately no mailto:
 * form: a mail to our own address would open a ticket.
 */
export function buildExtraHeaders(input: {
  kind: OutboundKind;
  replyTo: string;
  settingsUrl: string;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  const autoSubmitted = autoSubmittedOf(input.kind);
  if (autoSubmitted) headers['Auto-Submitted'] = autoSubmitted;
  headers['X-Auto-Response-Suppress'] = 'All';
  headers['Reply-To'] = input.replyTo;
  if (AGENT_KINDS.has(input.kind)) headers['List-Unsubscribe'] = `<${input.settingsUrl}>`;
  return headers;
}
