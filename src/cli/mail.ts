import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { findMailbox } from '../db/repositories/mailboxes.repository.ts';
import { AppError } from '../domain/errors.ts';
import { ingestEmail, MAX_RAW_BYTES } from '../mail/inbound/ingest.ts';
import { looksLikeMessage } from '../mail/inbound/raw-headers.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

const USAGE = 'usage: tessera mail pipe [--mailbox ID]   (one RFC 822 message on stdin)';

/** sysexits(3) codes, which mail servers act on: retry later, bounce, or report a setup problem. */
const EX_OK = 0;
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_TEMPFAIL = 75;
const EX_CONFIG = 78;

function log(level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  console.error(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }));
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseFlags(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { mailbox: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

/**
 * `tessera mail pipe [--mailbox ID]`: takes one message from a mail server's alias or pipe transport.
 * Exits 0 once the message is safely stored (whatever became of it), 75 on a temporary failure so the
 * server retries, 65 when stdin holds no message at all, 78 when the configuration is wrong. Logs go to
 * stderr, one JSON object a line.
 */
export async function mail(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EX_USAGE;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return EX_OK;
  }
  if (parsed.positionals.join(' ') !== 'pipe') {
    console.error(USAGE);
    return EX_USAGE;
  }
  const mailboxFlag = parsed.values.mailbox;
  if (mailboxFlag !== undefined && !/^[1-9]\d{0,15}$/.test(mailboxFlag)) {
    log('error', '--mailbox must be a mailbox id', { mailbox: mailboxFlag });
    return EX_CONFIG;
  }

  const raw = await readStdin();
  // Refused here rather than quarantined: the mail server bounces it, so its sender learns of it.
  if (raw.toString('latin1').trim() === '' || !looksLikeMessage(raw)) {
    log('error', 'no message on stdin: it is empty or does not begin with a header field');
    return EX_DATAERR;
  }
  if (raw.length > MAX_RAW_BYTES) {
    log('error', `the message is larger than ${MAX_RAW_BYTES} bytes`, { size: raw.length });
    return EX_DATAERR;
  }

  let runtime: Runtime;
  try {
    runtime = await openRuntime();
  } catch (error) {
    if (error instanceof ConfigError) {
      log('error', error.message);
      return EX_CONFIG;
    }
    log('error', 'the database is not reachable; the mail server will retry', { error: String(error) });
    return EX_TEMPFAIL;
  }
  try {
    const mailboxId = mailboxFlag === undefined ? null : Number(mailboxFlag);
    if (mailboxId !== null) {
      const mailbox = await findMailbox(runtime.deps.db, mailboxId);
      if (!mailbox?.isActive) {
        log('error', `mailbox ${mailboxId} does not exist or is not active`, { mailbox: mailboxId });
        return EX_CONFIG;
      }
    }
    const result = await ingestEmail(runtime.deps, raw, { channel: 'pipe', mailboxId });
    log('info', `message ${result.outcome}`, {
      inboundMessageId: result.inboundMessageId,
      ticket: result.ticketNumber,
      entryId: result.entryId,
      reason: result.reason,
    });
    return EX_OK;
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'validation_failed' || error.code === 'payload_too_large')
    ) {
      log('error', error.message);
      return EX_DATAERR;
    }
    log('error', 'the message could not be stored now; the mail server will retry', { error: String(error) });
    return EX_TEMPFAIL;
  } finally {
    await runtime.close();
  }
}
