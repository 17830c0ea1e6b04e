import type { AddressInfo } from 'node:net';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from 'smtp-server';
import { AppError } from '../../../domain/errors.ts';
import { type JobLogger, silentJobLogger } from '../../../jobs/types.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { ingestEmail } from '../ingest.ts';
import { resolveRecipient } from './recipient-policy.ts';
import { buildTraceHeaders } from './trace-headers.ts';

/** The pipeline entry point; injected so tests can make it fail. */
export type IngestFunction = typeof ingestEmail;

export interface SmtpListenerOptions {
  readonly deps: ServiceDeps;
  readonly host: string;
  /** 0 picks a free port (tests); `port` on the result says which. */
  readonly port: number;
  /** Larger messages are refused with 552 (and announced with the SIZE extension). */
  readonly maxMessageBytes: number;
  readonly logger?: JobLogger;
  /** The pipeline entry point; tests inject one that fails. */
  readonly ingest?: IngestFunction;
  /** The name in the greeting and in Received lines; the mail domain by default. */
  readonly serverName?: string;
}

export interface SmtpListener {
  readonly port: number;
  /** Stops accepting connections and waits for those open to finish (at most `closeTimeout`). */
  close(): Promise<void>;
}

const TEMPORARY_FAILURE = '4.3.0 Temporary failure, please try again later';

function smtpError(responseCode: number, message: string): SMTPServerError {
  const error: SMTPServerError = new Error(message);
  error.responseCode = responseCode;
  return error;
}

/**
 * Starts the built-in SMTP listener for incoming mail. It takes mail for the addresses of active
 * mailboxes (any address while no mailbox exists at all, so a fresh install works), hands each message
 * to the pipeline and answers 250 only once it is stored; a temporary failure answers 451 so the
 * sending server tries again. No AUTH and no STARTTLS: it is meant to sit behind the organisation's MTA
 * or on a trusted network, receiving mail like any MX.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { deps, maxMessageBytes } = options;
  const logger = options.logger ?? silentJobLogger;
  const ingest = options.ingest ?? ingestEmail;
  const serverName = options.serverName ?? deps.mail.domain;

  const onRcptTo = (
    address: SMTPServerAddress,
    _session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void => {
    resolveRecipient(deps.db, address.address).then(
      (verdict) =>
        callback(
          verdict.isAccepted
            ? null
            : smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: no such mailbox here`),
        ),
      (error: unknown) => {
        logger.error({ err: error }, 'could not check a recipient of incoming SMTP mail');
        callback(smtpError(451, TEMPORARY_FAILURE));
      },
    );
  };

  const deliver = async (raw: Buffer, session: SMTPServerSession): Promise<void> => {
    const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
    let mailboxId: number | null = null;
    for (const recipient of recipients) {
      mailboxId = (await resolveRecipient(deps.db, recipient)).mailboxId;
      if (mailboxId !== null) break;
    }
    const mailFrom = session.envelope.mailFrom;
    const trace = buildTraceHeaders({
      mailFrom: mailFrom ? mailFrom.address : '',
      recipient: recipients.length === 1 ? (recipients[0] as string) : null,
      clientHelo: session.hostNameAppearsAs || null,
      clientAddress: session.remoteAddress,
      serverName,
      transmission: session.transmissionType || 'ESMTP',
      sessionId: session.id,
      at: new Date(deps.clock.now()),
    });
    const result = await ingest(deps, Buffer.concat([Buffer.from(trace, 'latin1'), raw]), {
      channel: 'smtp',
      mailboxId,
      recipients,
    });
    logger.info(
      { outcome: result.outcome, ticket: result.ticketNumber, mailboxId, session: session.id },
      'received a message by SMTP',
    );
  };

  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null, message?: string) => void,
  ): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: the client still has to finish its DATA.
      if (size <= maxMessageBytes) chunks.push(chunk);
    });
    stream.on('error', (error: Error) => {
      logger.warn({ err: error, session: session.id }, 'incoming SMTP message stream failed');
    });
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxMessageBytes) {
        callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxMessageBytes} bytes`));
        return;
      }
      deliver(Buffer.concat(chunks), session).then(
        () => callback(null, '2.0.0 Message accepted'),
        (error: unknown) => {
          if (error instanceof AppError) {
            // The pipeline refused it outright and stored nothing: a permanent failure, the sender bounces it.
            logger.warn({ err: error, session: session.id }, 'refused a message received by SMTP');
            const isTooLarge = error.code === 'payload_too_large';
            callback(smtpError(isTooLarge ? 552 : 550, `${isTooLarge ? '5.3.4' : '5.6.0'} ${error.message}`));
            return;
          }
          logger.error({ err: error, session: session.id }, 'could not store a message received by SMTP');
          callback(smtpError(451, TEMPORARY_FAILURE));
        },
      );
    });
  };

  const server = new SMTPServer({
    name: serverName,
    banner: 'Tessera',
    size: maxMessageBytes,
    authOptional: true,
    // No certificate is configured, so there is no STARTTLS (smtp-server would otherwise offer its
    // built-in certificate, whose private key is public) and, without TLS, no AUTH.
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo,
    onData,
  });
  server.on('error', (error: Error) => {
    logger.warn({ err: error }, 'SMTP listener connection error');
  });

  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: Error) => reject(error);
    server.server.once('error', onListenError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onListenError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, 'SMTP listener is accepting mail');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
