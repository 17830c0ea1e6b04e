import { buildApp } from '../app.ts';
import { trackForegroundLoad } from '../http/foreground-load.ts';
import { startJobWorker } from '../jobs/start-worker.ts';
import type { Worker } from '../jobs/worker.ts';
import { MailboxWatcher } from '../mail/inbound/imap/mailbox-watcher.ts';
import { type SmtpListener, startSmtpListener } from '../mail/inbound/smtp/smtp-listener.ts';
import { closeMailTransports } from '../mail/outbound/send.ts';
import { openRuntime } from '../runtime.ts';
import { ensureDefaults } from '../services/setup/ensure-defaults.ts';
import { waitForShutdownSignal, worker } from './worker.ts';

const ROLES = ['all', 'web', 'worker'] as const;
type Role = (typeof ROLES)[number];
const USAGE = 'usage: tessera serve [--role all | web | worker]';

function parseRole(args: string[]): Role | null {
  let role: string = 'all';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--role') {
      role = args[i + 1] ?? '';
      i += 1;
    } else if (arg.startsWith('--role=')) {
      role = arg.slice('--role='.length);
    } else {
      return null;
    }
  }
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
}

/**
 * `tessera serve`: migrate, seed on first start, then serve HTTP and run background jobs until
 * SIGINT/SIGTERM. `--role web` serves HTTP only (jobs then need a `tessera worker`); `--role worker`
 * is the same as `tessera worker`.
 */
export async function serve(args: string[] = []): Promise<number> {
  const role = parseRole(args);
  if (role === null) {
    console.error(USAGE);
    return 64;
  }
  if (role === 'worker') return worker([]);
  const runtime = await openRuntime({ isLongRunning: true });
  const { config, deps } = runtime;
  let jobWorker: Worker | null = null;
  let mailboxWatcher: MailboxWatcher | null = null;
  let smtpListener: SmtpListener | null = null;
  try {
    const setup = await ensureDefaults(deps, { email: config.adminEmail, password: config.adminPassword });
    const app = await buildApp({
      deps,
      logger: { level: config.logLevel },
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
    });
    if (setup.seeded) app.log.info('seeded the default configuration');
    if (setup.generatedAdmin) {
      // Shown once, on the terminal that started the first run; only its hash is stored.
      console.log(
        `\nAdministrator created.\n  email:    ${setup.generatedAdmin.email}\n  password: ${setup.generatedAdmin.password}\n`,
      );
    }
    // In one process with the web server, the worker steps aside while requests keep it busy.
    const isForegroundBusy = role === 'all' ? trackForegroundLoad(app) : undefined;
    await app.listen({ port: config.port, host: config.host });
    // The SMTP listener is a door like HTTP, so the web role opens it; the worker role watches IMAP.
    if (config.smtpInboundPort !== null) {
      smtpListener = await startSmtpListener({
        deps,
        host: config.smtpInboundHost,
        port: config.smtpInboundPort,
        maxMessageBytes: config.bodyLimitBytes,
        logger: app.log.child({ component: 'smtp' }),
      });
    }
    if (role === 'all') {
      jobWorker = await startJobWorker(deps, {
        pollMs: config.workerPollMs,
        logger: app.log.child({ component: 'worker' }),
        isForegroundBusy,
      });
      mailboxWatcher = new MailboxWatcher({ deps, logger: app.log.child({ component: 'imap' }) });
      mailboxWatcher.start();
    }
    app.log.info({ url: config.publicUrl, database: deps.dialect, role }, 'Tessera is serving');

    await waitForShutdownSignal();
    app.log.info('shutting down');
    // Both drain at once: in-flight requests finish while running jobs do.
    await Promise.all([app.close(), smtpListener?.close(), jobWorker?.stop(), mailboxWatcher?.stop()]);
    jobWorker = null;
    mailboxWatcher = null;
    smtpListener = null;
  } finally {
    // Reached early only on a startup failure; the worker must be stopped before the database closes.
    await Promise.all([smtpListener?.close(), jobWorker?.stop(), mailboxWatcher?.stop()]);
    // Pooled SMTP connections would otherwise hold the process open until they time out.
    closeMailTransports();
    await runtime.close();
  }
  return 0;
}
