import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, DialectName } from '../database.ts';

/**
 * Full-text search over tickets, in the pieces the ticket list and counts combine: a per-ticket match test
 * (for walking tickets in sort order) and the set of matching ticket ids (for rare words). A ticket matches
 * when every word is a prefix of a word of its subject, or of one of its thread entries, or when the raw
 * text is its number.
 */
export interface TicketSearch {
  words: string[];
  raw: string;
}

/** A search made ready for one database: its full-text queries, built once per request. */
export type PreparedSearch = SqliteSearch | PostgresSearch;

interface PostgresSearch {
  dialect: 'postgres';
  raw: string;
  words: string[];
  /** to_tsquery text: every word as a prefix, all required. */
  tsquery: string;
}

interface SqliteSearch {
  dialect: 'sqlite';
  raw: string;
  /** FTS5 query over subjects, or null when some word begins no subject word at all. */
  subjectMatch: string | null;
  /** FTS5 query over thread entries, or null when some word begins no entry word at all. */
  entryMatch: string | null;
  /** The words, when all are ASCII letters and digits: ASCII text can then be matched without the index. */
  asciiWords: string[] | null;
  /** Whether probing one row in the index is cheap (no prefix query that FTS5 must expand per probe). */
  isProbeCheap: boolean;
}

// FTS5 keeps prefix indexes of 2 to 4 characters (migration 20261127000500); any other prefix query
// merges the lists of every word with that prefix on each call, which is costly once per probed row.
const INDEXED_PREFIX = { min: 2, max: 4 };
// A longer word is looked up as the words it begins; past this many the query stays a prefix query.
const MAX_EXPANDED_TERMS = 32;

const ASCII_WORD = /^[a-z0-9]+$/;

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** The FTS5 vocabulary words that begin with `prefix` (up to the cap plus one, to tell it was reached). */
async function termsStartingWith(db: Db, vocabulary: string, prefix: string): Promise<string[]> {
  // A skip scan: each step seeks past the previous word, so the cost is the number of words, not of
  // their occurrences. char(1) sorts below every character a word can hold.
  const table = sql.table(vocabulary);
  const result = await sql<{ term: string }>`
    with recursive found(term, n) as (
      select (select term from ${table} where term >= ${prefix} limit 1), 1
      union all
      select (select term from ${table} where term >= found.term || char(1) limit 1), n + 1
      from found where found.term is not null and substr(found.term, 1, ${prefix.length}) = ${prefix}
        and n <= ${MAX_EXPANDED_TERMS}
    )
    select term from found where term is not null and substr(term, 1, ${prefix.length}) = ${prefix}`.execute(
    db,
  );
  return result.rows.map((row) => row.term);
}

/**
 * The FTS5 query for one table: a word covered by the prefix indexes stays a prefix query; a longer ASCII
 * word becomes the words it begins, OR-ed, which FTS5 serves by seeking. Null when a word begins no word.
 */
async function ftsQuery(
  db: Db,
  vocabulary: string,
  words: string[],
): Promise<{ match: string | null; isProbeCheap: boolean }> {
  const parts: string[] = [];
  let isProbeCheap = true;
  for (const word of words) {
    const length = [...word].length;
    if (length >= INDEXED_PREFIX.min && length <= INDEXED_PREFIX.max) {
      parts.push(`${quote(word)}*`);
      continue;
    }
    if (!ASCII_WORD.test(word)) {
      // FTS5 folds accents in the query; the vocabulary holds folded words, so leave the folding to it.
      parts.push(`${quote(word)}*`);
      isProbeCheap = false;
      continue;
    }
    const terms = await termsStartingWith(db, vocabulary, word);
    if (terms.length === 0) return { match: null, isProbeCheap: true };
    if (terms.length > MAX_EXPANDED_TERMS) {
      parts.push(`${quote(word)}*`);
      isProbeCheap = false;
    } else {
      parts.push(`(${terms.map(quote).join(' OR ')})`);
    }
  }
  return { match: parts.join(' AND '), isProbeCheap };
}

/** Builds the full-text queries of a search for this database. */
export async function prepareSearch(
  db: Db,
  dialect: DialectName,
  search: TicketSearch,
): Promise<PreparedSearch> {
  if (dialect === 'postgres') {
    return {
      dialect,
      raw: search.raw,
      words: search.words,
      tsquery: search.words.map((word) => `${word}:*`).join(' & '),
    };
  }
  const subject = await ftsQuery(db, 'ticket_subject_vocab', search.words);
  const entry = await ftsQuery(db, 'thread_entry_vocab', search.words);
  return {
    dialect,
    raw: search.raw,
    subjectMatch: subject.match,
    entryMatch: entry.match,
    asciiWords: search.words.every((word) => ASCII_WORD.test(word)) ? search.words : null,
    isProbeCheap: subject.isProbeCheap && entry.isProbeCheap,
  };
}

/** Whether testing tickets one by one is cheap enough to walk them in sort order. */
export function canWalk(search: PreparedSearch): boolean {
  return search.dialect === 'postgres' || search.isProbeCheap;
}

/** What ANALYZE found in one tsvector column: its most common words, the share of rows holding each. */
interface WordStatistics {
  rows: number;
  words: string[];
  shares: number[];
  /** The share of the least common word listed: any word not listed is rarer. */
  floor: number;
}

interface StatisticsCache {
  readAt: number;
  subjects: WordStatistics | null;
  entries: WordStatistics | null;
}

// ANALYZE (autovacuum) refreshes the statistics now and then; reading them again every few minutes keeps
// up with a growing database at no cost per search.
const STATISTICS_TTL_MS = 5 * 60_000;
const statisticsCache = new WeakMap<Db, StatisticsCache>();

async function wordStatistics(db: Db): Promise<StatisticsCache> {
  const cached = statisticsCache.get(db);
  if (cached && Date.now() - cached.readAt < STATISTICS_TTL_MS) return cached;
  const result = await sql<{ tablename: string; words: string[]; shares: number[]; rows: number }>`
    select s.tablename, s.most_common_elems::text::text[] as words, s.most_common_elem_freqs as shares,
      (select c.reltuples from pg_class c where c.oid = to_regclass(s.tablename)) as rows
    from pg_stats s
    where s.schemaname = current_schema() and s.most_common_elems is not null
      and (s.tablename, s.attname) in (('tickets', 'subject_tsv'), ('thread_entries', 'body_tsv'))`.execute(
    db,
  );
  const statistics = (table: string): WordStatistics | null => {
    const row = result.rows.find((r) => r.tablename === table);
    if (!row || !(row.rows > 0)) return null;
    // After one share per word, PostgreSQL appends the lowest and highest share and the null fraction.
    const shares = row.shares.map(Number);
    return {
      rows: Number(row.rows),
      words: row.words,
      shares,
      floor: shares[row.words.length] ?? 0,
    };
  };
  const fresh = {
    readAt: Date.now(),
    subjects: statistics('tickets'),
    entries: statistics('thread_entries'),
  };
  statisticsCache.set(db, fresh);
  return fresh;
}

// Rows holding every word, estimated as the planner does: a prefix holds the shares of the listed words it
// begins; a prefix of none is rarer than the least common listed.
function estimatedRows(statistics: WordStatistics, words: string[]): number {
  let share = 1;
  for (const word of words) {
    let wordShare = 0;
    statistics.words.forEach((listed, i) => {
      if (listed.startsWith(word)) wordShare += statistics.shares[i] ?? 0;
    });
    share = Math.min(share, wordShare > 0 ? wordShare : statistics.floor);
  }
  return share * statistics.rows;
}

/**
 * Whether at most `limit` subjects and thread entries match: few enough that taking every match and
 * sorting it beats walking tickets. SQLite counts (no further than the limit); PostgreSQL estimates from
 * ANALYZE's most common words. Null when the database cannot tell (PostgreSQL never analyzed).
 */
export async function isRare(db: Db, search: PreparedSearch, limit: number): Promise<boolean | null> {
  if (search.dialect === 'postgres') {
    const { subjects, entries } = await wordStatistics(db);
    if (!subjects || !entries) return null;
    return estimatedRows(subjects, search.words) + estimatedRows(entries, search.words) <= limit;
  }
  const cap = sql.lit(limit + 1);
  const subjects = search.subjectMatch
    ? sql<number>`(select count(*) from (select 1 from ticket_subject_fts
        where ticket_subject_fts match ${search.subjectMatch} limit ${cap}))`
    : sql<number>`0`;
  const entries = search.entryMatch
    ? sql<number>`(select count(*) from (select 1 from thread_entry_fts
        where thread_entry_fts match ${search.entryMatch} limit ${cap}))`
    : sql<number>`0`;
  const result = await sql<{ n: number }>`select ${subjects} + ${entries} as n`.execute(db);
  return Number(result.rows[0]?.n ?? 0) <= limit;
}

// For ASCII text, FTS5's unicode61 tokenizer makes words of the runs of ASCII letters and digits, lower-cased:
// a word begins with `word` exactly when the lower-cased text has `word` at its start or after a character
// that is neither. The LIKE (ASCII case-insensitive, and cheap) only discards texts quickly.
function asciiTextMatches(text: RawBuilder<string>, words: string[]): RawBuilder<SqlBool> {
  const tests = words.map(
    (word) => sql<SqlBool>`(${text} like ${`%${word}%`}
      and (lower(${text}) glob ${`${word}*`} or lower(${text}) glob ${`*[^a-z0-9]${word}*`}))`,
  );
  return sql<SqlBool>`(${sql.join(tests, sql` and `)})`;
}

function isAscii(text: RawBuilder<string>): RawBuilder<SqlBool> {
  return sql<SqlBool>`octet_length(${text}) = length(${text})`;
}

/**
 * The match test of one ticket row `alias` (which must carry id, number and subject), for walking tickets
 * in sort order: each test costs a few index lookups, however many tickets match.
 */
export function rowMatches(search: PreparedSearch, alias: string): Expression<SqlBool> {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  if (search.dialect === 'postgres') {
    // The tsquery is parsed once per statement (an init plan), not once per row. OFFSET 0 keeps the
    // entry test a per-row probe of the ticket's entries instead of a hash of every matching entry.
    const query = sql`(select to_tsquery('simple', ${search.tsquery}))`;
    return sql<SqlBool>`(${ref('subject_tsv')} @@ ${query}
      or ${ref('number')} = ${search.raw}
      or exists (select 1 from thread_entries te
        where te.ticket_id = ${ref('id')} and te.body_tsv @@ ${query} offset 0))`;
  }
  const subject = sql<string>`${ref('subject')}`;
  const body = sql<string>`te.body_text`;
  const subjectProbe = search.subjectMatch
    ? sql<SqlBool>`exists (select 1 from ticket_subject_fts f
        where f.ticket_subject_fts match ${search.subjectMatch} and f.rowid = ${ref('id')})`
    : sql<SqlBool>`0`;
  const entryProbe = search.entryMatch
    ? sql<SqlBool>`exists (select 1 from thread_entry_fts f
        where f.thread_entry_fts match ${search.entryMatch} and f.rowid = te.id)`
    : sql<SqlBool>`0`;
  const words = search.asciiWords;
  const subjectTest =
    words && search.subjectMatch
      ? sql<SqlBool>`(case when ${isAscii(subject)} then ${asciiTextMatches(subject, words)} else ${subjectProbe} end)`
      : subjectProbe;
  const entryTest =
    words && search.entryMatch
      ? sql<SqlBool>`(case when ${isAscii(body)} then ${asciiTextMatches(body, words)} else ${entryProbe} end)`
      : entryProbe;
  return sql<SqlBool>`(${subjectTest}
    or ${ref('number')} = ${search.raw}
    or exists (select 1 from thread_entries te where te.ticket_id = ${ref('id')} and ${entryTest}))`;
}

/** The ids of every matching ticket, deleted or not, as a subquery: cheap when few match. */
export function matchingTicketIds(search: PreparedSearch): RawBuilder<{ id: number }> {
  if (search.dialect === 'postgres') {
    const query = sql`(select to_tsquery('simple', ${search.tsquery}))`;
    return sql`(select id from tickets where subject_tsv @@ ${query}
      union select ticket_id from thread_entries where body_tsv @@ ${query}
      union select id from tickets where number = ${search.raw})`;
  }
  const parts = [sql`select id from tickets where number = ${search.raw}`];
  if (search.subjectMatch) {
    parts.push(
      sql`select rowid from ticket_subject_fts where ticket_subject_fts match ${search.subjectMatch}`,
    );
  }
  if (search.entryMatch) {
    parts.push(sql`select te.ticket_id from thread_entry_fts f join thread_entries te on te.id = f.rowid
      where f.thread_entry_fts match ${search.entryMatch}`);
  }
  return sql`(${sql.join(parts, sql` union `)})`;
}
