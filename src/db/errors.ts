/**
 * Constraint violations as both drivers report them. Services check uniqueness and references explicitly
 * to give precise answers; these catch what slips past a check in a race, so it becomes a 409, not a 500.
 */
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);
const FOREIGN_KEY_CODES = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', '23503']);

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/** Whether a database error is a unique or primary-key violation (better-sqlite3 or pg). */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== null && UNIQUE_CODES.has(code);
}

/** Whether a database error is a foreign-key violation (better-sqlite3 or pg). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code !== null && FOREIGN_KEY_CODES.has(code);
}

/** Runs a write, replacing a unique violation with the error `toError` makes and rethrowing anything else. */
export async function mapUniqueViolation<T>(write: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw toError();
    throw error;
  }
}

/** Runs a write, replacing a foreign-key violation with the error `toError` makes and rethrowing anything else. */
export async function mapForeignKeyViolation<T>(write: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw toError();
    throw error;
  }
}
