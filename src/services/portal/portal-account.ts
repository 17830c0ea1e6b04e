import {
  deleteOtherPortalSessions,
  findPortalUser,
  findUserPasswordHash,
  type PortalUserRecord,
  setUserPasswordHash,
} from '../../db/repositories/portal-auth.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/create-administrator.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

/** The signed-in requester; unauthenticated when the user is gone (deleted while signed in). */
export async function getPortalUser(deps: ServiceDeps, userId: number): Promise<PortalUserRecord> {
  const user = await findPortalUser(deps.db, userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in to the portal');
  return user;
}

/**
 * Sets a requester's portal password. Someone who has one must give it (a session left open on a shared
 * computer must not be enough to take the account over); someone who signed in by link sets a first one
 * without. Every other session of the user ends, since whoever knew the old password may hold one.
 */
export async function changePortalPassword(
  deps: ServiceDeps,
  userId: number,
  sessionToken: string,
  input: { currentPassword?: string | undefined; newPassword: string },
): Promise<void> {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'validation_failed',
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      { in: 'body', field: 'newPassword' },
    );
  }
  const current = await findUserPasswordHash(deps.db, userId);
  if (current === undefined) throw new AppError('unauthenticated', 'Sign in to the portal');
  if (current !== null) {
    if (input.currentPassword === undefined) {
      throw new AppError('validation_failed', 'currentPassword is required to change the password', {
        in: 'body',
        field: 'currentPassword',
      });
    }
    if (!(await verifyPassword(current, input.currentPassword))) {
      throw new AppError('validation_failed', 'The current password is not correct', {
        in: 'body',
        field: 'currentPassword',
      });
    }
  }
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps, async (tx) => {
    await setUserPasswordHash(tx.db, userId, hash, tx.clock.now());
    await deleteOtherPortalSessions(tx.db, userId, sha256Hex(sessionToken));
  });
}
