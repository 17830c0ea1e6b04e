import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Prepared statements for every query Kysely sends to PostgreSQL. Kysely compiles each query to the same
 * SQL text every time it is built with the same shape, so the text is the key: a connection parses and
 * analyses a statement once, and PostgreSQL can keep its plan, instead of doing both on every call.
 * (SQLite's driver keeps its own statement cache: src/db/sqlite-driver.ts.)
 */

/** Named statements per PostgreSQL connection; texts beyond it run unnamed (parsed each time). */
export const POSTGRES_STATEMENTS_PER_CONNECTION = 300;

// Only plannable statements can be prepared under a name; transaction control and DDL run unnamed.
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

function statementName(sql: string): string {
  return `k${createHash('sha1').update(sql).digest('base64url').slice(0, 22)}`;
}

/**
 * A pg pool whose clients run Kysely's queries as named prepared statements. pg prepares a name once per
 * connection and afterwards only binds and executes it; the name is a digest of the text, so one name
 * never stands for two texts. Each connection keeps at most `limit` names: queries whose text varies
 * (an `in` list of a different length) would otherwise accumulate server-side statements without end.
 */
export function preparingPostgresPool(
  pool: pg.Pool,
  limit = POSTGRES_STATEMENTS_PER_CONNECTION,
): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const names = new Map<string, string>();
  const nameOf = (sql: string): string => {
    let name = names.get(sql);
    if (name === undefined) {
      name = statementName(sql);
      if (names.size < 10_000) names.set(sql, name);
    }
    return name;
  };
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const prepared = new Set<string>();
    const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
      const values = parameters ? [...parameters] : [];
      if (!PREPARABLE.test(sqlOrCursor)) return client.query(sqlOrCursor, values);
      const name = nameOf(sqlOrCursor);
      if (!prepared.has(name)) {
        if (prepared.size >= limit) return client.query(sqlOrCursor, values);
        prepared.add(name);
      }
      return client.query({ name, text: sqlOrCursor, values });
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let proxy = wrapped.get(client);
      if (!proxy) {
        proxy = wrap(client);
        wrapped.set(client, proxy);
      }
      return proxy;
    },
    end: () => pool.end(),
  };
}
