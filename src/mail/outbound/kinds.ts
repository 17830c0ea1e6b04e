/** What an outgoing mail is, and where it stands in the outbox. */

export const OUTBOUND_KINDS = [
  'auto_response',
  'reply',
  'confirmation_request',
  'new_ticket_alert',
  'new_message_alert',
  'assignment_notice',
  'portal_link',
  'agent_invite',
] as const;

export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

/**
 * waiting: no SMTP server is configured yet; queued: due to be sent (or being retried); sent: the server
 * accepted it; failed: every attempt failed, an administrator may retry it.
 */
export type OutboundStatus = 'waiting' | 'queued' | 'sent' | 'failed';

/** Mail that goes to agents about their work, as opposed to mail to requesters. */
export const AGENT_KINDS: ReadonlySet<OutboundKind> = new Set([
  'new_ticket_alert',
  'new_message_alert',
  'assignment_notice',
]);
