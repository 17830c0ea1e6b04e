import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { JOB_HANDLERS, RECURRING_TASKS } from '../../src/jobs/registry.ts';
import { Worker } from '../../src/jobs/worker.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import type { TestContext } from '../support/test-app.ts';

/** A mail the sink received: who the client said it was for, and the message as parsed. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a loopback port that keeps every message it is handed. It can be stopped and
 * started again on the same port, which is what an SMTP outage looks like to the sender.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Recipients the server refuses for good (550), as a real server refuses an unknown mailbox. */
  readonly refused = new Set<string>();
  private server: SMTPServer | null = null;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: offering STARTTLS with the library's test certificate would (rightly)
      // fail the sender's certificate check.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Pooled client connections must not keep a stopped server alive.
      closeTimeout: 50,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address.toLowerCase())) return callback();
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({
                envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
                raw,
                parsed,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.received.length = 0;
  }

  /** The mail delivered to an address (envelope recipient), in order. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }
}

/** Points the test app and worker at an SMTP server, or at none (SMTP_URL unset). */
export function useSmtp(ctx: TestContext, smtpUrl: string | null): void {
  (ctx.deps as { mail: ServiceDeps['mail'] }).mail = { ...ctx.deps.mail, smtpUrl };
}

/** A worker running the registered mail jobs; random 0 makes every retry wait exactly its backoff. */
export function createMailWorker(ctx: TestContext): Worker {
  return new Worker({
    deps: ctx.deps,
    handlers: JOB_HANDLERS,
    recurring: RECURRING_TASKS.filter((task) => task.type === 'mail.release-waiting'),
    workerId: 'mail-worker',
    random: () => 0,
  });
}

/** Runs the worker until nothing is due. */
export async function drainJobs(worker: Worker): Promise<number> {
  let total = 0;
  for (let round = 0; round < 20; round += 1) {
    const ran = await worker.runOnce();
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error('the job queue did not drain');
}

/** A header of a received mail as it was written (unfolded), or undefined. */
export function headerOf(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((header) => header.key === name.toLowerCase());
  return line?.line
    .slice(line.line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
