import { pino } from 'pino';
import { startJobWorker } from '../jobs/start-worker.ts';
import { MailboxWatcher } from '../mail/inbound/imap/mailbox-watcher.ts';
import { closeMailTransports } from '../mail/outbound/send.ts';
import { openRuntime } from '../runtime.ts';

/**
 * Resolves on the first SIGINT or SIGTERM. A second signal while shutting down exits at once: running
 * jobs keep their lease and are taken back by another worker when it expires.
 */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const forceExit = () => process.exit(130);
      process.once('SIGINT', forceExit);
      process.once('SIGTERM', forceExit);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `tessera worker`: run background jobs only (no HTTP) until SIGINT/SIGTERM. */
export async function worker(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error('usage: tessera worker');
    return 64;
  }
  const runtime = await openRuntime({ isLongRunning: true });
  const { config, deps } = runtime;
  const logger = pino({ level: config.logLevel }).child({ component: 'worker' });
  // The worker's timers do not hold the process open (so tests and `serve` can exit); this one does.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    const jobWorker = await startJobWorker(deps, { pollMs: config.workerPollMs, logger });
    const mailboxWatcher = new MailboxWatcher({ deps, logger: logger.child({ component: 'imap' }) });
    mailboxWatcher.start();
    logger.info({ database: deps.dialect, workerId: jobWorker.workerId }, 'Tessera worker is running');
    await waitForShutdownSignal();
    logger.info('shutting down');
    // Stop both before the database closes under their running jobs and imports.
    await Promise.all([jobWorker.stop(), mailboxWatcher.stop()]);
  } finally {
    clearInterval(keepAlive);
    // Pooled SMTP connections would otherwise hold the process open until they time out.
    closeMailTransports();
    await runtime.close();
  }
  return 0;
}
