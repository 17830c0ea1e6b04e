import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/dialects.ts';
import { migrateDown, migrateToLatest, migrationStatus } from '../db/migrate.ts';

/**
 * `tessera migrate up|down [--all]|status`. It opens the database alone: the rest of the runtime reads
 * settings, which an empty or rolled-back database does not have.
 */
export async function migrate(args: string[]): Promise<number> {
  const [action = 'up', ...rest] = args;
  if (!['up', 'down', 'status'].includes(action)) {
    console.error('usage: tessera migrate up | down [--all] | status');
    return 64;
  }
  const database = openDatabase(loadConfig().databaseUrl);
  try {
    const { db } = database;
    if (action === 'status') {
      for (const m of await migrationStatus(db)) {
        console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}`);
      }
      return 0;
    }
    const ran =
      action === 'up' ? await migrateToLatest(db) : await migrateDown(db, { all: rest.includes('--all') });
    console.log(ran.length > 0 ? ran.join('\n') : 'nothing to do');
    return 0;
  } finally {
    await database.close();
  }
}
