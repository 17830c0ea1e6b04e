import { join } from 'node:path';
import { type Config, loadConfig } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/dialects.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './lib/clock.ts';
import type { ServiceDeps } from './services/deps.ts';
import { resolveSecretKey } from './services/settings/settings.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  deps: ServiceDeps;
  close(): Promise<void>;
}

/** Config, database (migrated) and service dependencies: what every command starts from. */
export async function openRuntime(
  options: { migrate?: boolean; config?: Config; isLongRunning?: boolean } = {},
): Promise<Runtime> {
  const config = options.config ?? loadConfig();
  const database = openDatabase(config.databaseUrl, {
    backgroundCheckpoints: options.isLongRunning === true,
  });
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
    const deps: ServiceDeps = {
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      secretKey: await resolveSecretKey(database.db, config.secretKey),
      attachmentsDir: join(config.dataDir, 'attachments'),
      publicUrl: config.publicUrl,
      mail: { smtpUrl: config.smtpUrl, from: config.mailFrom, domain: config.mailDomain },
    };
    return { config, database, deps, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
