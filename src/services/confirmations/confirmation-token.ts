import { AppError } from '../../domain/errors.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { createSignedToken, readSignedToken } from '../../lib/crypto.ts';
import type { ServiceDeps } from '../deps.ts';

const PURPOSE = 'resolution-confirmation';

export interface ConfirmationClaim {
  ticketId: number;
  resolutionId: number;
  expiresAt: number;
}

/**
 * The token in a requester's confirm / still-broken link. It is signed, names one resolution of one ticket
 * and expires; it needs no table because the resolution's recorded outcome makes it single-use.
 */
export function issueConfirmationToken(
  deps: Pick<ServiceDeps, 'secretKey'>,
  resolution: { ticketId: number; resolutionId: number; resolvedAt: number },
  validDays: number,
): { token: string; expiresAt: number } {
  const expiresAt = resolution.resolvedAt + validDays * DAY_MS;
  const token = createSignedToken(deps.secretKey, PURPOSE, {
    t: resolution.ticketId,
    r: resolution.resolutionId,
    e: expiresAt,
  });
  return { token, expiresAt };
}

/** The claim of a confirmation token; throws confirmation_invalid or confirmation_expired. */
export function readConfirmationToken(
  deps: Pick<ServiceDeps, 'secretKey' | 'clock'>,
  token: string,
): ConfirmationClaim {
  const payload = readSignedToken(deps.secretKey, PURPOSE, token) as {
    t?: unknown;
    r?: unknown;
    e?: unknown;
  } | null;
  if (
    !payload ||
    typeof payload.t !== 'number' ||
    typeof payload.r !== 'number' ||
    typeof payload.e !== 'number'
  ) {
    throw new AppError('confirmation_invalid', 'This confirmation link is not valid');
  }
  if (payload.e <= deps.clock.now()) {
    throw new AppError(
      'confirmation_expired',
      'This confirmation link has expired; reply to the ticket instead',
    );
  }
  return { ticketId: payload.t, resolutionId: payload.r, expiresAt: payload.e };
}

/** The confirmation page a requester opens from the email. */
export function confirmationUrl(deps: Pick<ServiceDeps, 'publicUrl'>, token: string): string {
  return `${deps.publicUrl}/confirm/${encodeURIComponent(token)}`;
}
