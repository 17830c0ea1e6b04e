import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import { type IngestResult, ingestEmail } from '../../mail/inbound/ingest.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { OsticketError, sendPlain } from './osticket-error.ts';

const UNPARSEABLE = 'Unable to parse email';

/**
 * `POST /api/tickets.email`: hands the raw message to the email pipeline. osTicket's automail scripts
 * turn the status into the mail server's exit code (201 accepted, 400 bounce, 503 retry later), so every
 * message the pipeline took, even one it ignored as an auto-reply, is a 201: anything else would make
 * the mail server bounce it or try again forever.
 */
export async function handleEmailRequest(
  deps: ServiceDeps,
  raw: Buffer,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  let result: IngestResult;
  try {
    result = await ingestEmail(deps, raw, { channel: 'api' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'payload_too_large') {
      throw new OsticketError(413, 'Request body too large');
    }
    // Not a message at all: nothing was stored, and sending it again would not help.
    if (error instanceof AppError && error.code === 'validation_failed')
      throw new OsticketError(400, UNPARSEABLE);
    request.log.warn({ err: error }, 'email intake failed for now; the client is told to retry');
    throw new OsticketError(503, 'Temporary failure: unable to take the email in now, try again later');
  }
  // A quarantined message is kept for an administrator; the 400 tells the sender's mail server it failed.
  if (result.outcome === 'quarantined') throw new OsticketError(400, UNPARSEABLE);
  return sendPlain(reply, 201, result.ticketNumber ?? '');
}
