import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import {
  changeOutboundStatus,
  findOutboundMessage,
  markOutboundSent,
  type OutboundMessageRecord,
  recordOutboundFailure,
} from '../../db/repositories/outbound-messages.repository.ts';
import type { JobHandler } from '../../jobs/types.ts';
import { BlobStore } from '../../lib/blob-store.ts';
import type { ServiceDeps } from '../../services/deps.ts';

/**
 * Sends outbox rows by SMTP. Delivery is at least once: should the process die after the server took a
 * mail and before the row is marked sent, the job runs again and the mail goes out a second time, with
 * the same Message-ID (so most clients show it once).
 */

const MAX_ERROR_LENGTH = 1000;

// One pooled transport per SMTP server per process: connections are reused across jobs.
const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Certificates are verified (nodemailer's default, kept on purpose): a relay that cannot prove who
    // it is does not get the requesters' mail.
    transport = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Closes every pooled SMTP connection of this process (at shutdown, and between tests). */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

async function readBlob(store: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The stored mail as nodemailer takes it: every header as stored, attachments read from the store. */
async function composeMessage(deps: ServiceDeps, message: OutboundMessageRecord): Promise<Mail.Options> {
  const store = new BlobStore(deps.attachmentsDir);
  const { 'Reply-To': replyTo, ...headers } = message.headers;
  const attachments: Mail.Attachment[] = [];
  for (const file of message.attachments) {
    attachments.push({
      filename: file.filename,
      contentType: file.contentType,
      content: await readBlob(store, file.sha256),
    });
  }
  return {
    from: message.from,
    to: message.to,
    cc: message.cc,
    ...(replyTo ? { replyTo } : {}),
    subject: message.subject,
    text: message.bodyText,
    html: message.bodyHtml,
    messageId: message.messageId,
    date: new Date(message.createdAt),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references ? { references: message.references } : {}),
    headers,
    attachments,
  };
}

function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * Whether the server refused the message itself for good (a 5xx reply to RCPT TO or DATA, RFC 5321
 * 4.2.1). A 5xx elsewhere (AUTH, MAIL FROM) is more likely our configuration, which gets fixed: retried.
 */
function isRefusedForGood(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  return (
    typeof responseCode === 'number' && responseCode >= 500 && (command === 'RCPT TO' || command === 'DATA')
  );
}

function outboundIdOf(payload: unknown): number {
  const id = (payload as { outboundMessageId?: unknown } | null)?.outboundMessageId;
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw new TypeError('mail.send needs an outboundMessageId');
  return id;
}

/**
 * The 'mail.send' job: sends one outbox row. Without SMTP_URL the row stays (or goes back to) waiting and
 * the job ends; 'mail.release-waiting' queues it again once a server is configured. A failure is
 * recorded on the row and rethrown, so the queue retries with backoff; after the last attempt (or at once
 * when the server refuses the message for good) the row is failed, for an administrator to see and retry.
 */
export const sendOutboundMessageJob: JobHandler = async (deps, payload, job) => {
  const id = outboundIdOf(payload);
  const message = await findOutboundMessage(deps.db, id);
  if (!message || message.status === 'sent') return;
  if (!deps.mail.smtpUrl) {
    if (message.status === 'queued') {
      await changeOutboundStatus(deps.db, id, { from: ['queued'], to: 'waiting', now: deps.clock.now() });
    }
    return;
  }
  let rejected: string[];
  try {
    const info = await transportFor(deps.mail.smtpUrl).sendMail(await composeMessage(deps, message));
    rejected = (info.rejected ?? []).map(String);
  } catch (error) {
    const isRefused = isRefusedForGood(error);
    await recordOutboundFailure(deps.db, id, {
      error: describeFailure(error),
      isFinal: isRefused || job.attempts >= job.maxAttempts,
      now: deps.clock.now(),
    });
    // Sending the same message again would be refused again: the mail stays failed, for people to act on.
    if (isRefused) return;
    throw error;
  }
  const note = rejected.length > 0 ? `The server refused some recipients: ${rejected.join(', ')}` : null;
  await markOutboundSent(deps.db, id, deps.clock.now(), note);
};
