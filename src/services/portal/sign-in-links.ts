import { isParticipant } from '../../db/repositories/collaborators.repository.ts';
import {
  consumeLoginToken,
  findUserCredentials,
  insertLoginToken,
} from '../../db/repositories/portal-auth.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { queueEmail } from '../notifications/queue-email.ts';
import { helpdeskNameOf } from '../notifications/ticket-mail.ts';
import { type NewPortalSession, type SignInContext, startPortalSession } from './portal-sessions.ts';

const MINUTE_MS = 60_000;
/** A sign-in link works once, for this long. */
export const SIGN_IN_LINK_TTL_MS = 15 * MINUTE_MS;

/** The portal page that signs a requester in with an emailed link. */
export function signInLinkUrl(deps: Pick<ServiceDeps, 'publicUrl'>, token: string): string {
  return `${deps.publicUrl}/portal/signin/${encodeURIComponent(token)}`;
}

/**
 * Stores a one-time sign-in link for a user and queues the mail carrying it, in the caller's
 * transaction. With a ticket, the link opens that ticket and the mail is filed with the ticket's mail.
 * Returns the token (only its hash is stored), for callers that show or test it.
 */
export async function sendSignInLink(
  tx: ServiceDeps,
  recipient: { userId: number; name: string; address: string },
  ticketId: number | null,
): Promise<string> {
  const token = randomToken();
  const now = tx.clock.now();
  await insertLoginToken(tx.db, {
    id: sha256Hex(token),
    userId: recipient.userId,
    ticketId,
    createdAt: now,
    expiresAt: now + SIGN_IN_LINK_TTL_MS,
  });
  await queueEmail(tx, {
    to: recipient.address,
    kind: 'portal_link',
    template: 'portal_link',
    ticketId,
    variables: {
      helpdesk: { name: helpdeskNameOf(tx), url: tx.publicUrl },
      recipient: { name: recipient.name },
      links: { signIn: signInLinkUrl(tx, token) },
      link: { expiresInMinutes: SIGN_IN_LINK_TTL_MS / MINUTE_MS },
    },
  });
  return token;
}

/**
 * Emails a sign-in link when the address belongs to a user. The caller answers the same either way, so
 * the form cannot be used to learn who has an account; returns the token for tests, null otherwise.
 */
export async function requestSignInLink(deps: ServiceDeps, email: string): Promise<string | null> {
  const address = email.trim().toLowerCase();
  const user = await findUserCredentials(deps.db, address);
  if (!user) return null;
  return inTransaction(deps, (tx) =>
    sendSignInLink(tx, { userId: user.userId, name: user.name, address }, null),
  );
}

/**
 * "Check a ticket": emails a sign-in link that opens the ticket when the address belongs to its
 * requester or one of its collaborators. Answers nothing either way (the caller always says 202).
 */
export async function requestTicketAccess(
  deps: ServiceDeps,
  input: { email: string; number: string },
): Promise<string | null> {
  const address = input.email.trim().toLowerCase();
  const [user, ticket] = await Promise.all([
    findUserCredentials(deps.db, address),
    findTicket(deps.db, { number: input.number.trim() }),
  ]);
  if (!user || !ticket || !(await isParticipant(deps.db, ticket.id, user.userId))) return null;
  return inTransaction(deps, (tx) =>
    sendSignInLink(tx, { userId: user.userId, name: user.name, address }, ticket.id),
  );
}

/**
 * Spends a sign-in link and opens a session, in one transaction: the link works once, even when two
 * requests race with it. Answers with the ticket the link was sent for, when it still exists.
 */
export async function signInWithLink(
  deps: ServiceDeps,
  token: string,
  context: SignInContext,
): Promise<{ session: NewPortalSession; ticketNumber: string | null }> {
  return inTransaction(deps, async (tx) => {
    const claim = await consumeLoginToken(tx.db, sha256Hex(token), tx.clock.now());
    if (!claim) {
      throw new AppError(
        'invalid_credentials',
        'This sign-in link is not valid, was used already or has expired',
      );
    }
    const session = await startPortalSession(tx, claim.userId, context);
    const ticket = claim.ticketId !== null ? await findTicket(tx.db, { id: claim.ticketId }) : null;
    return { session, ticketNumber: ticket?.number ?? null };
  });
}
