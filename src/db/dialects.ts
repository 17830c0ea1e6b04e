import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db, DialectName } from './database.ts';
import { rememberListenConfig } from './notifications.ts';
import { preparingPostgresPool } from './postgres-pool.ts';
import { drainSearchBacklog } from './search-backlog.ts';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startBackgroundCheckpoints } from './sqlite-checkpointer.ts';
import { ServerSqliteDialect } from './sqlite-driver.ts';

// PostgreSQL returns BIGINT (ids, epoch-millisecond times, counts) as strings to avoid precision loss;
// every value Tessera stores in one fits a double exactly, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  /** Closes every connection. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL only: the schema to work in (tests use one per run). */
  schema?: string;
  /** PostgreSQL only: maximum pool size. */
  poolSize?: number;
  /** SQLite only: WAL checkpoints on a thread of their own (long-running servers). */
  backgroundCheckpoints?: boolean;
}

/** The dialect a DATABASE_URL names. */
export function dialectOf(url: string): DialectName {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** The file a `sqlite:` URL points at, or `:memory:`. */
export function sqlitePathOf(url: string): string {
  const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  return path === ':memory:' ? path : resolve(path);
}

function openSqliteConnection(path: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(path);
  // WAL lets other processes (the CLI, a worker) read during a write; NORMAL sync in WAL mode still survives a process crash
  // (kill -9), losing at most the last transactions on a power cut; the busy timeout covers a second
  // process (the CLI, a worker) writing at the same time.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of pages in the process; the operating system's file cache holds the rest. At a million tickets,
  // 64 MB made searches a few ms faster at p95 (prefix 7 against 12 ms) but put the server above 250 MB
  // resident under a write load.
  sqlite.pragma('cache_size = -32768');
  return sqlite;
}

/** Opens the database a DATABASE_URL names, configured for Tessera's workload. */
export function openDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  if (dialectOf(url) === 'sqlite') {
    const path = sqlitePathOf(url);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = openSqliteConnection(path);
    const checkpoints =
      options.backgroundCheckpoints && path !== ':memory:'
        ? startBackgroundCheckpoints(path, {
            onError: (message) => console.error(`tessera: a background WAL checkpoint failed: ${message}`),
          })
        : null;
    if (checkpoints) sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const dialect = new ServerSqliteDialect(sqlite, { beforeCommit: drainSearchBacklog });
    const db = new Kysely<Database>({ dialect });
    const close = async () => {
      await checkpoints?.stop();
      await db.destroy();
    };
    return { db, dialect: 'sqlite', close };
  }
  const connection = {
    connectionString: url,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPostgresPool(pool) }) });
  rememberListenConfig(db, connection);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
