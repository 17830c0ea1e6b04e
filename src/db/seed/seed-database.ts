import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Db, DialectName } from '../database.ts';
import { dialectOf, sqlitePathOf } from '../dialects.ts';
import { ensureStructure, loadCatalog } from './catalog.ts';
import { ensureDirectory } from './directory.ts';
import type { SeedContext, SeedTicket } from './model.ts';
import { PostgresTicketLoader } from './postgres-loader.ts';
import { type FtsMode, SqliteTicketLoader } from './sqlite-loader.ts';
import { TicketGenerator } from './tickets.ts';
import { BENCH_WORDS, NOUNS } from './vocabulary.ts';

const YEAR_MS = 365 * 24 * 3_600_000;

export interface SeedOptions {
  tickets: number;
  users: number;
  agents: number;
  seed: number;
  /** Tickets per batch (one transaction on SQLite in trigger mode, one statement on PostgreSQL). */
  batch: number;
  /** The end of the generated history (default: the current time); fixing it makes runs identical. */
  now?: number;
  /** How many years of history to spread the tickets over. */
  years?: number;
  /** SQLite: keep the full-text triggers firing, or index the new rows in bulk at the end (default). */
  ftsMode?: FtsMode;
  /**
   * Drop the secondary indexes of the ticket tables for the load and build them again at its end (default:
   * large loads). On PostgreSQL that includes the search indexes and the tables' foreign keys; on SQLite it
   * applies to the bulk full-text mode.
   */
  rebuildIndexes?: boolean | 'auto';
}

export interface SeedReport {
  dialect: DialectName;
  tickets: number;
  entries: number;
  events: number;
  resolutions: number;
  tags: number;
  requesters: number;
  agents: number;
  firstNumber: string | null;
  lastNumber: string | null;
  states: Record<string, number>;
  /** Nouns and how many generated tickets contain them: the most common, the rarest and those with the bench prefix. */
  words: { common: WordCount[]; rare: WordCount[]; prefixed: WordCount[]; bench: typeof BENCH_WORDS };
  /** Milliseconds spent on the directory, the tickets and the final indexing. */
  timings: { directory: number; tickets: number; finish: number };
}

export interface WordCount {
  word: string;
  tickets: number;
}

interface Loader<Batch> {
  reserveNumbers(count: number): string[] | Promise<string[]>;
  begin(): void | Promise<void>;
  /** Turns generated tickets into what `write` sends (CPU work that overlaps the previous write). */
  prepare(tickets: SeedTicket[]): Batch;
  write(batch: Batch): void | Promise<void>;
  finish(): void | Promise<void>;
  abort(): void | Promise<void>;
}

interface Target {
  db: Db;
  loader: Loader<unknown>;
  close(): Promise<void>;
}

async function openTarget(url: string, options: SeedOptions): Promise<Target> {
  if (dialectOf(url) === 'sqlite') {
    const sqlite = new SqliteDatabase(sqlitePathOf(url));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 30000');
    // A large page cache keeps the secondary indexes in memory while rows arrive in random index order.
    sqlite.pragma('cache_size = -524288');
    // Two sorting threads for the indexes built at the end.
    sqlite.pragma('threads = 2');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const loader = new SqliteTicketLoader(sqlite, options.ftsMode ?? 'bulk', {
      rebuild: options.rebuildIndexes ?? 'auto',
      tickets: options.tickets,
    });
    return { db, loader, close: () => db.destroy() };
  }
  // Three connections: the directory's, the loading one, and one to reserve ticket numbers during a write.
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const client = await pool.connect();
  const loader = new PostgresTicketLoader(client, pool, {
    rebuildIndexes: options.rebuildIndexes ?? 'auto',
    tickets: options.tickets,
  });
  return {
    db,
    loader,
    close: async () => {
      client.release();
      await db.destroy();
    },
  };
}

function wordReport(ticketsWithNoun: Uint32Array): SeedReport['words'] {
  const counts = NOUNS.map((word, i) => ({ word, tickets: ticketsWithNoun[i] ?? 0 }));
  const present = counts.filter((c) => c.tickets > 0).sort((a, b) => b.tickets - a.tickets);
  return {
    common: present.slice(0, 5),
    rare: present.slice(-5).reverse(),
    prefixed: counts.filter((c) => c.word.startsWith(BENCH_WORDS.prefix)),
    bench: BENCH_WORDS,
  };
}

/**
 * Fills an already migrated database that has the default catalog with realistic help-desk data: the
 * directory first (departments, topics, teams, agents, organizations, requesters), then tickets in
 * batches, then the bulk indexing work. Ticket numbers continue the sequence the API uses.
 */
export async function seedDatabase(
  url: string,
  options: SeedOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedReport> {
  const now = options.now ?? Date.now();
  const dialect = dialectOf(url);
  const target = await openTarget(url, options);
  const { db, loader } = target;
  const started = performance.now();
  try {
    const teamIds = await ensureStructure(db, now);
    const catalog = await loadCatalog(db);
    const directory = await ensureDirectory(db, dialect, { ...options, now }, teamIds);
    const context: SeedContext = {
      ...catalog,
      ...directory,
      teamIds,
      now,
      spanMs: (options.years ?? 3) * YEAR_MS,
    };
    const generator = new TicketGenerator(context, options.seed, options.tickets);
    const report: SeedReport = {
      dialect,
      tickets: 0,
      entries: 0,
      events: 0,
      resolutions: 0,
      tags: 0,
      requesters: directory.requesters.length,
      agents: directory.agents.length,
      firstNumber: null,
      lastNumber: null,
      states: {},
      words: wordReport(generator.text.ticketsWithNoun),
      timings: { directory: performance.now() - started, tickets: 0, finish: 0 },
    };
    await loader.begin();
    let pending: Promise<void> | null = null;
    try {
      for (let start = 0; start < options.tickets; start += options.batch) {
        const count = Math.min(options.batch, options.tickets - start);
        const numbers = await loader.reserveNumbers(count);
        report.firstNumber ??= numbers[0] ?? null;
        report.lastNumber = numbers[count - 1] ?? report.lastNumber;
        const tickets = numbers.map((number, i) => generator.generate(start + i, number));
        for (const ticket of tickets) {
          report.entries += ticket.entries.length;
          report.events += ticket.events.length;
          report.tags += ticket.tags.length;
          report.resolutions += ticket.entries.filter((e) => e.resolution).length;
          report.states[ticket.state] = (report.states[ticket.state] ?? 0) + 1;
        }
        // PostgreSQL writes the previous batch while the next one is generated and encoded here.
        const batch = loader.prepare(tickets);
        await pending;
        pending = Promise.resolve(loader.write(batch)).then(() => {
          report.tickets += count;
          onProgress(report.tickets, options.tickets);
        });
        // A failure surfaces at the next await of `pending`; until then it must not count as unhandled.
        pending.catch(() => {});
      }
      await pending;
      report.timings.tickets = performance.now() - started - report.timings.directory;
      await loader.finish();
    } catch (error) {
      await pending?.catch(() => {});
      await loader.abort();
      throw error;
    }
    // Statistics for the planner, sampled so that it stays quick at a million rows.
    if (dialect === 'sqlite') {
      await sql`pragma analysis_limit = 1000`.execute(db);
      await sql`analyze`.execute(db);
    }
    report.timings.finish = performance.now() - started - report.timings.directory - report.timings.tickets;
    report.words = wordReport(generator.text.ticketsWithNoun);
    return report;
  } finally {
    await target.close();
  }
}
