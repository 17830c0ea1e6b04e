import { countAdmins, hasCatalog, insertFirstAdmin, seedDefaultCatalog } from '../../db/seed-defaults.ts';
import { randomToken } from '../../lib/crypto.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface SetupResult {
  seeded: boolean;
  /** Set when an administrator was created with a generated password, to be shown once. */
  generatedAdmin: { email: string; password: string } | null;
}

/**
 * Seeds the default configuration on first start and makes sure an administrator exists: the one named
 * by TESSERA_ADMIN_EMAIL / TESSERA_ADMIN_PASSWORD, or one with a generated password.
 */
export async function ensureDefaults(
  deps: ServiceDeps,
  admin: { email: string | null; password: string | null },
): Promise<SetupResult> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    let seeded = false;
    if (!(await hasCatalog(tx.db))) {
      await seedDefaultCatalog(tx.db, now);
      seeded = true;
    }
    if ((await countAdmins(tx.db)) > 0) return { seeded, generatedAdmin: null };
    const email = (admin.email ?? 'admin@example.com').toLowerCase();
    const password = admin.password ?? randomToken(12);
    await insertFirstAdmin(tx.db, { email, passwordHash: await hashPassword(password), now });
    return { seeded, generatedAdmin: admin.password ? null : { email, password } };
  });
}
