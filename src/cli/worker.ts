import { pino } from 'pino';
import { startJobWorker } from '../jobs/start-worker.ts';
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
  const runtime = await openRuntime();
  const { config, deps } = runtime;
  const logger = pino({ level: config.logLevel }).child({ component: 'worker' });
  // The worker's timers do not hold the process open (so tests and `serve` can exit); this one does.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    const jobWorker = await startJobWorker(deps, { pollMs: config.workerPollMs, logger });
    logger.info({ database: deps.dialect, workerId: jobWorker.workerId }, 'Tessera worker is running');
    await waitForShutdownSignal();
    logger.info('shutting down');
    // Stop the worker before the database closes under its running jobs.
    await jobWorker.stop();
  } finally {
    clearInterval(keepAlive);
    await runtime.close();
  }
  return 0;
}
