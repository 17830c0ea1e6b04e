import type { ConnectionOptions } from 'node:tls';
import { ImapFlow } from 'imapflow';
import type { WatchedMailbox } from './watched-mailbox.ts';

/** Timeouts and IDLE timing of IMAP connections; tests shorten them, production keeps the defaults. */
export interface ImapTuning {
  readonly connectionTimeoutMs: number;
  readonly greetingTimeoutMs: number;
  readonly socketTimeoutMs: number;
  /** Inactivity before IDLE starts; imapflow's default of 15 s would leave new mail unseen that long. */
  readonly autoIdleDelayMs: number;
  /** IDLE is restarted this often: servers may drop a session that has sent nothing for 30 minutes. */
  readonly maxIdleTimeMs: number;
  /** Extra TLS options, such as a private CA to trust; certificates are always verified. */
  readonly tls?: ConnectionOptions;
}

export const DEFAULT_IMAP_TUNING: ImapTuning = {
  connectionTimeoutMs: 30_000,
  greetingTimeoutMs: 16_000,
  socketTimeoutMs: 5 * 60_000,
  autoIdleDelayMs: 1_000,
  maxIdleTimeMs: 10 * 60_000,
};

/**
 * A client for one connection to the mailbox's server. `tls` connects with TLS, `starttls` insists on the
 * upgrade (a server that does not offer it is an error, never a silent fallback to cleartext), `none` stays
 * in cleartext. Server certificates are always verified.
 */
export function createImapClient(
  mailbox: WatchedMailbox,
  tuning: ImapTuning = DEFAULT_IMAP_TUNING,
): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.security === 'tls',
    doSTARTTLS: mailbox.security === 'starttls',
    auth: { user: mailbox.username, pass: mailbox.password },
    tls: { ...tuning.tls, rejectUnauthorized: true },
    clientInfo: { name: 'Tessera' },
    logger: false,
    connectionTimeout: tuning.connectionTimeoutMs,
    greetingTimeout: tuning.greetingTimeoutMs,
    socketTimeout: tuning.socketTimeoutMs,
    autoIdleDelay: tuning.autoIdleDelayMs,
    maxIdleTime: tuning.maxIdleTimeMs,
  });
}

interface ImapErrorFields {
  code?: unknown;
  responseText?: unknown;
  authenticationFailed?: unknown;
  reason?: unknown;
}

/** A one-line account of an IMAP (or ingest) failure for the mailbox's last_error; never holds a password. */
export function describeImapError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & ImapErrorFields;
  const parts = [fields.authenticationFailed === true ? 'Authentication failed' : error.message];
  if (typeof fields.responseText === 'string' && fields.responseText !== '') parts.push(fields.responseText);
  else if (typeof fields.reason === 'string' && fields.reason !== '') parts.push(fields.reason);
  if (typeof fields.code === 'string' && !parts.some((part) => part.includes(fields.code as string))) {
    parts.push(`(${fields.code})`);
  }
  const text = parts.join(': ');
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}
