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
 */

class Placeholder {
  constructor(readonly key: number | string) {}
}

interface Prepared<R> {
  compiled: CompiledQuery<R>;
  /** For each parameter: the argument (or field of the values) it takes, or the builder's constant. */
  slots: ({ argument: number | string } | { constant: unknown })[];
}

/** Compiles once per dialect, checking that each placeholder the builder took became a parameter. */
function compileOnce<R>(compiled: CompiledQuery<R>, taken: readonly (number | string)[]): Prepared<R> {
  const slots = compiled.parameters.map((parameter) =>
    parameter instanceof Placeholder ? { argument: parameter.key } : { constant: parameter },
  );
  for (const key of taken) {
    if (!slots.some((slot) => 'argument' in slot && slot.argument === key)) {
      throw new Error(`"${key}" of a precompiled query is not one of its parameters:\n${compiled.sql}`);
    }
  }
  return { compiled, slots };
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
  // Keyed by the dialect's adapter: a transaction shares its database's adapter.
  const byAdapter = new WeakMap<object, Prepared<R>>();

  // The builder's own parameters after the database: every call passes all of them.
  const arity = build.length - 1;

  function prepare(db: Db): Prepared<R> {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      const keys = Array.from({ length: arity }, (_, i) => i);
      const placeholders = keys.map((i) => new Placeholder(i)) as unknown as A;
      prepared = compileOnce(build(db, ...placeholders).compile(), keys);
      byAdapter.set(adapter, prepared);
    }
    return prepared;
  }

  function run(db: Db, ...args: A): Promise<QueryResult<R>> {
    const { compiled, slots } = prepare(db);
    const parameters = slots.map((slot) =>
      'argument' in slot ? args[slot.argument as number] : slot.constant,
    );
    return db.executeQuery<R>({ ...compiled, parameters });
  }

  async function execute(db: Db, ...args: A): Promise<R[]> {
    return (await run(db, ...args)).rows;
  }

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
  const byAdapter = new WeakMap<object, Prepared<R>>();
  return {
    run(db, values) {
      const adapter = db.getExecutor().adapter;
      let prepared = byAdapter.get(adapter);
      if (!prepared) {
        const taken: string[] = [];
        const placeholders = new Proxy({} as V, {
          get: (_target, key) => {
            if (typeof key !== 'string') return undefined;
            taken.push(key);
            return new Placeholder(key);
          },
        });
        prepared = compileOnce(build(db, placeholders).compile(), taken);
        byAdapter.set(adapter, prepared);
      }
      const { compiled, slots } = prepared;
      const parameters = slots.map((slot) =>
        'argument' in slot ? (values as Record<string, unknown>)[slot.argument as string] : slot.constant,
      );
      return db.executeQuery<R>({ ...compiled, parameters });
    },
  };
}
