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
 * Walking finds a page after about 26 * tickets / matches tests; taking every match costs one lookup per
 * match. The two cost alike near sqrt(50 * tickets) matching subjects and entries (measured at 100,000 and
 * 1,000,000 tickets on both databases: a walked ticket costs 2 to 6 us, a taken match 1 to 4 us). Never
 * below the matches a walk of `walkRows` tickets needs to be expected to fill a page.
 */
function rareLimit(tickets: number, walkRows: number): number {
  return Math.max(Math.sqrt(50 * tickets), (2 * 26 * tickets) / walkRows);
}

/**
 * How many subjects and thread entries match, counting no further than `cap`: SQLite counts in the
 * full-text index (about 0.1 us a match); PostgreSQL estimates from ANALYZE's most common words. Null when
 * the database cannot tell (PostgreSQL never analyzed).
 */
export async function countMatchesUpTo(db: Db, search: PreparedSearch, cap: number): Promise<number | null> {
  const limit = Math.max(0, Math.floor(cap));
  if (search.dialect === 'postgres') {
    const { subjects, entries } = await wordStatistics(db);
    if (!subjects || !entries) return null;
    return Math.min(limit, estimatedRows(subjects, search.words) + estimatedRows(entries, search.words));
  }
  const countUpTo = async (table: string, match: string | null, n: number) => {
    if (!match || n <= 0) return 0;
    const fts = sql.table(table);
    const result = await sql<{ n: number }>`select count(*) as n from (select 1 from ${fts}
      where ${fts} match ${match} limit ${sql.lit(n)})`.execute(db);
    return Number(result.rows[0]?.n ?? 0);
  };
  // Subjects first: they are fewer, and enough of them spares counting entries at all.
  const subjects = await countUpTo('ticket_subject_fts', search.subjectMatch, limit);
  return subjects + (await countUpTo('thread_entry_fts', search.entryMatch, limit - subjects));
}

/**
 * Whether few enough subjects and thread entries match that taking every match and sorting it beats
 * walking tickets: at most `limit` of them, or when none is given, fewer than balance the two for this
 * many tickets. Null when the database cannot tell.
 */
export async function isRare(
  db: Db,
  search: PreparedSearch,
  options: { limit?: number | undefined; walkRows: number },
): Promise<boolean | null> {
  let limit = options.limit;
  if (limit === undefined) {
    if (search.dialect === 'postgres') {
      const { subjects } = await wordStatistics(db);
      if (!subjects) return null;
      limit = rareLimit(subjects.rows, options.walkRows);
    } else {
      // Ids are never reused and tickets are only marked deleted: the highest id is the table's size.
      const top = await sql<{ id: number | null }>`select max(id) as id from tickets`.execute(db);
      limit = rareLimit(Number(top.rows[0]?.id ?? 0), options.walkRows);
    }
  }
  if (limit < 0) return false;
  const matches = await countMatchesUpTo(db, search, limit + 1);
  return matches === null ? null : matches <= limit;
}

/** The steps of a walk over the tickets a list or count passes, in its sort order. */
export interface Walk<P> {
  /** Tests the next `rows` tickets past `after` and says how many of them matched, up to `wanted`. */
  test(after: P | undefined, rows: number, wanted: number): Promise<number>;
  /** The position of the `rows`th ticket past `after`, or null when fewer follow it. */
  positionAfter(after: P | undefined, rows: number): Promise<P | null>;
}

/**
 * Walks tickets in sort order from `start`, testing each, in stages until `wanted` match: the first stage
 * tests `walkRows` tickets, each next one three times as many as all before it. A next stage runs only
 * while at least (tickets walked by its end) / `walkPerMatch` subjects and entries match: past that,
 * taking every match costs less than walking on. So a run of thousands of recent tickets without the word
 * (one outage, reported a thousand times) costs a walk past them when the word is common and the lookups
 * of its matches when it is not, never both in full. Null when the walk finished (enough matched, or every
 * ticket was tested); otherwise the position past which every remaining match is to be taken.
 */
export async function walkInStages<P>(
  db: Db,
  search: PreparedSearch,
  start: P | undefined,
  wanted: number,
  tuning: { walkRows: number; walkPerMatch: number },
  walk: Walk<P>,
): Promise<P | null> {
  let after = start;
  let found = 0;
  let walked = 0;
  let rows = Math.max(1, tuning.walkRows);
  for (;;) {
    found += await walk.test(after, rows, wanted - found);
    if (found >= wanted) return null;
    const next = await walk.positionAfter(after, rows);
    if (!next) return null;
    after = next;
    walked += rows;
    rows = 3 * walked;
    if (tuning.walkPerMatch <= 0) return after;
    const needed = Math.ceil((walked + rows) / tuning.walkPerMatch);
    const matches = await countMatchesUpTo(db, search, needed);
    // Unknown (PostgreSQL never analyzed): walking on stays bounded by the tickets the filters pass.
    if (matches !== null && matches < needed) return after;
  }
}

// For ASCII text, FTS5's unicode61 tokenizer makes words of the runs of ASCII letters and digits, lower-cased:
// a word begins with `word` exactly when the lower-cased text has `word` at its start or after a character
// that is neither. Other text asks the index (`probe`). The LIKE (ASCII case-insensitive, and cheap) comes
// first and discards most texts before anything else reads them; written as a CASE on the ASCII test
// instead, the same test cost four times as much (9,210 walked tickets at 1M: 81 ms against 21 ms).
function textMatches(
  text: RawBuilder<string>,
  words: string[] | null,
  probe: RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  if (!words) return probe;
  const likes = words.map((word) => sql<SqlBool>`${text} like ${`%${word}%`}`);
  const globs = words.map(
    (word) =>
      sql<SqlBool>`(lower(${text}) glob ${`${word}*`} or lower(${text}) glob ${`*[^a-z0-9]${word}*`})`,
  );
  const isAscii = sql<SqlBool>`octet_length(${text}) = length(${text})`;
  return sql<SqlBool>`((${sql.join(likes, sql` and `)} and ${isAscii} and ${sql.join(globs, sql` and `)})
    or (not ${isAscii} and ${probe}))`;
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
  const subjectTest = search.subjectMatch
    ? textMatches(
        sql<string>`${ref('subject')}`,
        search.asciiWords,
        sql<SqlBool>`exists (select 1 from ticket_subject_fts f
          where f.ticket_subject_fts match ${search.subjectMatch} and f.rowid = ${ref('id')})`,
      )
    : sql<SqlBool>`0`;
  const entryTest = search.entryMatch
    ? textMatches(
        sql<string>`te.body_text`,
        search.asciiWords,
        sql<SqlBool>`exists (select 1 from thread_entry_fts f
          where f.thread_entry_fts match ${search.entryMatch} and f.rowid = te.id)`,
      )
    : sql<SqlBool>`0`;
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
