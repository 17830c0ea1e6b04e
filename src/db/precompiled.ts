import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './database.ts';

/**
 * Queries of the hot paths, built by Kysely once per dialect: later calls bind their values to the same
 * SQL. Building and compiling a query costs 5 to 12 us of JavaScript and garbage, as much as running
 * most of these statements; a new ticket makes about twenty of them.
 *
 * The builder receives a placeholder for each argument and must use each one only as a value Kysely
 * sends as a parameter (a compared value, a column value of an insert): never in a condition that
 * changes the query's shape, never in `sql.lit` or JSON. What is computed from an argument is computed
 * by the caller and passed as an argument of its own. Compiling checks that every placeholder ended up
 * among the parameters.
 *
 * A constant the builder writes (a flag compared with 1, a LIMIT) is bound like any value unless it is
 * written with `sql.lit`. On SQLite that matters on the hot paths: with a bound constant the same lookup
 * cost 24 to 36 us in the middle of creating a ticket against 6 to 7 us with the literal.
 */

class Placeholder {
  constructor(readonly key: number | string) {}
}

interface Prepared<R> {
  compiled: CompiledQuery<R>;
  /** For each parameter: the argument (or field of the values) it takes, or the builder's constant. */
  slots: ({ argument: number | string } | { constant: unknown })[];
}

/**
 * Runs a query compiled once per dialect: `compile` builds it with placeholders and says which it handed
 * out; each later run binds `argument(key)` where a placeholder stood. Every placeholder handed out must have
 * become a parameter.
 */
function onceCompiled<R>(
  compile: (db: Db) => { compiled: CompiledQuery<R>; taken: readonly (number | string)[] },
) {
  // Keyed by the dialect's adapter: a transaction shares its database's adapter.
  const byAdapter = new WeakMap<object, Prepared<R>>();
  return (db: Db, argument: (key: number | string) => unknown): Promise<QueryResult<R>> => {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      const { compiled, taken } = compile(db);
      const slots = compiled.parameters.map((parameter) =>
        parameter instanceof Placeholder ? { argument: parameter.key } : { constant: parameter },
      );
      for (const key of taken) {
        if (!slots.some((slot) => 'argument' in slot && slot.argument === key)) {
          throw new Error(`"${key}" of a precompiled query is not one of its parameters:\n${compiled.sql}`);
        }
      }
      prepared = { compiled, slots };
      byAdapter.set(adapter, prepared);
    }
    const parameters = prepared.slots.map((slot) =>
      'argument' in slot ? argument(slot.argument) : slot.constant,
    );
    return db.executeQuery<R>({ ...prepared.compiled, parameters });
  };
}

export interface PrecompiledQuery<A extends unknown[], R> {
  /** What the database answered: rows, and for writes the rows changed and the id inserted. */
  run(db: Db, ...args: A): Promise<QueryResult<R>>;
  /** The rows the query returns for these arguments. */
  execute(db: Db, ...args: A): Promise<R[]>;
  /** The first row, or undefined. */
  executeTakeFirst(db: Db, ...args: A): Promise<R | undefined>;
}

export function precompiled<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): PrecompiledQuery<A, R> {
  // The builder's own parameters after the database: every call passes all of them.
  const keys = Array.from({ length: build.length - 1 }, (_, i) => i);
  const runOnce = onceCompiled((db) => {
    const placeholders = keys.map((i) => new Placeholder(i)) as unknown as A;
    return { compiled: build(db, ...placeholders).compile(), taken: keys };
  });
  const run = (db: Db, ...args: A) => runOnce(db, (key) => args[key as number]);
  const execute = async (db: Db, ...args: A) => (await run(db, ...args)).rows;
  return {
    run,
    execute,
    async executeTakeFirst(db, ...args) {
      return (await execute(db, ...args))[0];
    },
  };
}

/**
 * The same for a query of many values (an insert): the builder reads them from one object, field by
 * field, and each field it reads must become a parameter.
 */
export function precompiledWith<V extends object, R>(
  build: (db: Db, values: V) => Compilable<R>,
): { run(db: Db, values: V): Promise<QueryResult<R>> } {
  const runOnce = onceCompiled((db) => {
    const taken: string[] = [];
    const placeholders = new Proxy({} as V, {
      get: (_target, key) => {
        if (typeof key !== 'string') return undefined;
        taken.push(key);
        return new Placeholder(key);
      },
    });
    return { compiled: build(db, placeholders).compile(), taken };
  });
  return {
    run: (db, values) => runOnce(db, (key) => (values as Record<string, unknown>)[key as string]),
  };
}
