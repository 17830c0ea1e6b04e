import type { Db, DialectName } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';

/** What every use-case is handed: the database (or a transaction on it), the clock and the signing key. */
export interface ServiceDeps {
  readonly db: Db;
  readonly dialect: DialectName;
  readonly clock: Clock;
  /** Signs confirmation links and other tokens. */
  readonly secretKey: string;
  /** Where attachment contents are kept, content-addressed. */
  readonly attachmentsDir: string;
  /** The address people reach Tessera at, for links in answers and emails. */
  readonly publicUrl: string;
  /** Outgoing mail: the server (null: mail waits in the outbox), the From address, the Message-ID domain. */
  readonly mail: { readonly smtpUrl: string | null; readonly from: string; readonly domain: string };
}

/** Runs `work` in one transaction, handing it deps bound to that transaction. */
export async function inTransaction<T>(deps: ServiceDeps, work: (tx: ServiceDeps) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute((trx) => work({ ...deps, db: trx }));
}
