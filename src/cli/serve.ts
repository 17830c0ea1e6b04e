import { buildApp } from '../app.ts';
import { openRuntime } from '../runtime.ts';
import { ensureDefaults } from '../services/setup/ensure-defaults.ts';

/** `tessera serve`: migrate, seed on first start, then serve HTTP until SIGINT/SIGTERM. */
export async function serve(): Promise<number> {
  const runtime = await openRuntime();
  const { config, deps } = runtime;
  const setup = await ensureDefaults(deps, { email: config.adminEmail, password: config.adminPassword });
  const app = await buildApp({
    deps,
    logger: { level: config.logLevel },
    bodyLimitBytes: config.bodyLimitBytes,
    publicUrl: config.publicUrl,
  });
  if (setup.seeded) app.log.info('seeded the default configuration');
  if (setup.generatedAdmin) {
    // Shown once, on the terminal that started the first run; only its hash is stored.
    console.log(
      `\nAdministrator created.\n  email:    ${setup.generatedAdmin.email}\n  password: ${setup.generatedAdmin.password}\n`,
    );
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ url: config.publicUrl, database: deps.dialect }, 'Tessera is serving');

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  app.log.info('shutting down');
  await app.close();
  await runtime.close();
  return 0;
}
