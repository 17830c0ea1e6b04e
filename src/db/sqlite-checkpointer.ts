import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints of a long-running SQLite server, on a thread of their own.
 *
 * SQLite copies the write-ahead log back into the database file (a checkpoint) from within the COMMIT that
 * crosses wal_autocheckpoint pages, on the thread that committed: on a server, the one thread that also
 * serves every request, which then stands still for the copy and its fsync (a commit that usually takes
 * 1.4 ms took 2.4 ms on average and up to tens of ms, measured at a million tickets). Here a worker thread
 * with its own connection runs a PASSIVE checkpoint every `intervalMs`: it copies what no reader still
 * needs and never waits for the writer, so the server's commits only append to the log. The server's own
 * connection keeps automatic checkpoints at a higher bound, a safety net should this thread fall behind.
 */

/** The server connection checkpoints by itself only past this many pages of log (40 MB at 4 KiB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain JavaScript, run with eval so that it needs no build step of its own.
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.path);
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
let failures = 0;
const timer = setInterval(() => {
  try {
    checkpoint.get();
    failures = 0;
  } catch (error) {
    // Reported once per run of failures, not once per tick.
    if (failures++ === 0) parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoints {
  /** Stops the thread after its current checkpoint. */
  stop(): Promise<void>;
}

export function startBackgroundCheckpoints(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): BackgroundCheckpoints {
  const worker = new Worker(CHECKPOINT_THREAD, {
    eval: true,
    workerData: { path, intervalMs: options.intervalMs ?? 200 },
    // The thread inherits nothing it does not need (the TypeScript loader would be started twice).
    execArgv: [],
  });
  worker.unref();
  let stopped: Promise<void> | null = null;
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on('error', (error) => options.onError?.(error.message));
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        // Unreferenced, the thread would not keep the process alive long enough to be waited for.
        worker.ref();
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
