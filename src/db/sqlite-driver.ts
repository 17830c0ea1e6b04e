import type SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

/**
 * SQLite for a server: group commit on one connection.
 *
 * Kysely's own SQLite driver runs every transaction alone, and each pays its own commit: the WAL write,
 * and FTS5's flush of its pending index, which costs more than the rest of a new ticket's statements.
 * Here transactions and writes take the connection one at a time, in arrival order, and each runs as a
 * savepoint inside a shared transaction (a batch) that is committed once the work that arrived in the
 * same turn of the event loop is done, up to a bound. A transaction's `commit` resolves only after the
 * batch is committed: nobody is told their write succeeded before it is durable. A transaction that
 * fails is rolled back to its savepoint and fails alone; a batch whose COMMIT fails fails every
 * transaction in it.
 *
 * Reads outside a transaction run between units, and so see the units of the open batch that finished:
 * state that is committed before the event loop turns again, lost only if that COMMIT fails (a full
 * disk, an I/O error), the same exposure `synchronous = NORMAL` already accepts for a power cut. A
 * second, reading connection would not see them, but every commit of the writer empties another
 * connection's page cache, and reads then cost three times as much under a write load (measured on the
 * ticket view).
 */

/** Transactions committed together at most. */
export const MAX_BATCH_UNITS = 64;
/** A batch is committed at the latest this long after it was opened. */
export const MAX_BATCH_MS = 20;
const STATEMENT_CACHE_SIZE = 500;

/**
 * Work done in every transaction just before its COMMIT, outside any unit (the full-text backlog). If it
 * throws, the batch is rolled back and every transaction in it fails.
 */
export type CommitHook = (sqlite: SqliteDatabase.Database) => void;

/** Prepared statements by SQL text, least recently used dropped first (Map order is insertion order). */
class StatementCache {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly db: SqliteDatabase.Database) {}

  get(sql: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}

function run(statement: SqliteDatabase.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** A first-come, first-served lock that can be handed straight to the next in line. */
class WriteLock {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  get isHeld(): boolean {
    return this.held;
  }
}

interface Batch {
  readonly openedAt: number;
  units: number;
  readonly waiting: { resolve: () => void; reject: (error: unknown) => void }[];
}

class ServerSqliteDriver implements Driver {
  private readonly lock = new WriteLock();
  private readonly statements: StatementCache;
  private batch: Batch | null = null;
  private commitScheduled = false;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly beforeCommit: CommitHook,
  ) {
    this.statements = new StatementCache(sqlite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.lock.acquire();
    try {
      this.openUnit();
    } catch (error) {
      this.lock.release();
      throw error;
    }
    (connection as RoutedConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).inTransaction = false;
    let committed: Promise<void>;
    try {
      this.statements.get('release tessera_unit').run();
      committed = this.awaitCommit();
    } catch (error) {
      this.failBatch(error);
      throw error;
    } finally {
      this.lock.release();
    }
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).inTransaction = false;
    try {
      this.rollbackUnit();
    } finally {
      this.lock.release();
    }
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    if (this.batch) this.commitBatch();
    this.statements.clear();
    this.sqlite.close();
  }

  /** Runs a statement outside any transaction: a read between units, a write as a unit of the batch. */
  async executeAlone(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    const statement = this.statements.get(sql);
    if (statement.readonly) {
      // A unit holding the connection across a real wait (a file write) is half done: do not read it.
      if (!this.lock.isHeld) return run(statement, parameters);
      await this.lock.acquire();
      try {
        return run(statement, parameters);
      } finally {
        this.lock.release();
      }
    }
    await this.lock.acquire();
    let committed: Promise<void>;
    let result: QueryResult<unknown>;
    try {
      if (!this.batch) {
        // Nothing to join: one statement, committed at once with what the commit hook adds.
        this.statements.get('begin immediate').run();
        try {
          result = run(this.statements.get(sql), parameters);
          this.beforeCommit(this.sqlite);
          this.statements.get('commit').run();
        } catch (error) {
          if (this.sqlite.inTransaction) this.statements.get('rollback').run();
          throw error;
        }
        return result;
      }
      this.openUnit();
      try {
        result = run(this.statements.get(sql), parameters);
      } catch (error) {
        this.rollbackUnit();
        throw error;
      }
      this.statements.get('release tessera_unit').run();
      committed = this.awaitCommit();
    } finally {
      this.lock.release();
    }
    await committed;
    return result;
  }

  /** Runs a statement of the transaction that holds the connection. */
  executeInTransaction(sql: string, parameters: readonly unknown[]): QueryResult<unknown> {
    return run(this.statements.get(sql), parameters);
  }

  /** Streams a select; the statement is prepared for the stream alone, as it stays busy until it ends. */
  stream(sql: string, parameters: readonly unknown[]): IterableIterator<unknown> {
    return this.sqlite.prepare(sql).iterate(parameters) as IterableIterator<unknown>;
  }

  /** Starts a unit of work (the lock held): opens a batch if none is open, then a savepoint. */
  private openUnit(): void {
    if (!this.batch) {
      // IMMEDIATE takes the write lock now, so another process writing makes us wait (busy_timeout) here
      // rather than fail half-way through.
      this.statements.get('begin immediate').run();
      this.batch = { openedAt: Date.now(), units: 0, waiting: [] };
    }
    this.statements.get('savepoint tessera_unit').run();
  }

  private rollbackUnit(): void {
    if (!this.sqlite.inTransaction) {
      // SQLite rolled the whole transaction back by itself (disk full, I/O error): the batch is lost.
      this.failBatch(new Error('The database rolled the transaction back'));
      return;
    }
    this.statements.get('rollback to tessera_unit').run();
    this.statements.get('release tessera_unit').run();
    this.scheduleCommit();
  }

  /** Counts a finished unit into the batch; resolves when the batch is committed. */
  private awaitCommit(): Promise<void> {
    const batch = this.batch as Batch;
    batch.units += 1;
    const committed = new Promise<void>((resolve, reject) => batch.waiting.push({ resolve, reject }));
    if (batch.units >= MAX_BATCH_UNITS || Date.now() - batch.openedAt >= MAX_BATCH_MS) this.commitBatch();
    else this.scheduleCommit();
    return committed;
  }

  /**
   * Commits once this turn of the event loop has run: requests whose input arrived meanwhile join the
   * batch. While a unit holds the connection the commit waits for it.
   */
  private scheduleCommit(): void {
    if (this.commitScheduled || !this.batch) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      if (!this.batch) return;
      if (this.lock.isHeld) {
        // The unit holding the connection commits or reschedules when it finishes.
        return;
      }
      this.commitBatch();
    });
  }

  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.beforeCommit(this.sqlite);
      this.statements.get('commit').run();
    } catch (error) {
      if (this.sqlite.inTransaction) this.statements.get('rollback').run();
      for (const unit of batch.waiting) unit.reject(error);
      return;
    }
    for (const unit of batch.waiting) unit.resolve();
  }

  private failBatch(error: unknown): void {
    const batch = this.batch;
    this.batch = null;
    if (this.sqlite.inTransaction) this.statements.get('rollback').run();
    for (const unit of batch?.waiting ?? []) unit.reject(error);
  }
}

class RoutedConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: ServerSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) {
      return this.driver.executeInTransaction(query.sql, query.parameters) as QueryResult<R>;
    }
    return (await this.driver.executeAlone(query.sql, query.parameters)) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('Only select queries can be streamed');
    for (const row of this.driver.stream(query.sql, query.parameters)) {
      yield { rows: [row as R] };
    }
  }
}

/** Kysely's SQLite dialect with the driver above. */
export class ServerSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly options: { beforeCommit?: CommitHook } = {},
  ) {
    // The base class wants a database; it is only used by the driver this class replaces.
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new ServerSqliteDriver(this.sqlite, this.options.beforeCommit ?? (() => {}));
  }
}
