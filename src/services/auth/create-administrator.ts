import {
  findAdminPlacement,
  findAgentIdByEmail,
  insertAdministrator,
  promoteToAdministrator,
} from '../../db/repositories/admin-setup.repository.ts';
import { deleteSessionsOfAgent } from '../../db/repositories/auth.repository.ts';
import { hasCatalog, seedDefaultCatalog } from '../../db/seed-defaults.ts';
import { AppError } from '../../domain/errors.ts';
import { randomToken } from '../../lib/crypto.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export const MIN_PASSWORD_LENGTH = 8;

export interface AdministratorResult {
  agentId: number;
  email: string;
  /** True when a new agent was made, false when an existing one was promoted. */
  isNew: boolean;
  /** The password, when it was generated here; it is shown once and only its hash is kept. */
  generatedPassword: string | null;
}

/**
 * Creates an administrator, or makes the agent with that email an active administrator with a new
 * password. Their sessions end, since whoever held the old password may hold one. A database that was
 * never started gets the default catalog first, so the administrator has a department to belong to.
 */
export async function createAdministrator(
  deps: ServiceDeps,
  input: { email: string; name: string; password?: string | null },
): Promise<AdministratorResult> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new AppError('validation_failed', `"${email}" is not an email`);
  const name = input.name.trim();
  if (name === '') throw new AppError('validation_failed', 'The name must not be empty');
  if (input.password && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'validation_failed',
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const generatedPassword = input.password ? null : randomToken(12);
  const passwordHash = await hashPassword(input.password || (generatedPassword as string));
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    if (!(await hasCatalog(tx.db))) await seedDefaultCatalog(tx.db, now);
    const existingId = await findAgentIdByEmail(tx.db, email);
    if (existingId !== null) {
      await promoteToAdministrator(tx.db, existingId, { name, passwordHash, now });
      await deleteSessionsOfAgent(tx.db, existingId);
      return { agentId: existingId, email, isNew: false, generatedPassword };
    }
    const placement = await findAdminPlacement(tx.db);
    if (!placement)
      throw new AppError('not_ready', 'There is no department or role to place an administrator in');
    const agentId = await insertAdministrator(tx.db, { email, name, passwordHash, ...placement, now });
    return { agentId, email, isNew: true, generatedPassword };
  });
}
