import { migrateDown, migrateToLatest, migrationStatus } from '../db/migrate.ts';
import { openRuntime } from '../runtime.ts';

/** `tessera migrate up|down [--all]|status`. */
export async function migrate(args: string[]): Promise<number> {
  const [action = 'up', ...rest] = args;
  if (!['up', 'down', 'status'].includes(action)) {
    console.error('usage: tessera migrate up | down [--all] | status');
    return 64;
  }
  const runtime = await openRuntime({ migrate: false });
  try {
    const { db } = runtime.database;
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
    await runtime.close();
  }
}
