import { findPortalUser } from '../../db/repositories/portal-auth.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { findTopic } from '../../db/repositories/topics.repository.ts';
import { AppError, unknownReference } from '../../domain/errors.ts';
import { SYSTEM, type UserActor } from '../../domain/permissions/permissions.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import type { NewAttachment } from '../tickets/attachments.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { sendSignInLink } from './sign-in-links.ts';

export interface PortalTicketInput {
  /** Required of a guest; ignored when signed in (the ticket is the signed-in requester's). */
  email?: string | undefined;
  name?: string | undefined;
  topicId?: number | undefined;
  subject: string;
  body: string;
  fields?: Record<string, unknown> | undefined;
  attachments?: NewAttachment[] | undefined;
  /** The honeypot: a field people never see, so never fill in. */
  website?: string | undefined;
}

export interface OpenedPortalTicket {
  number: string;
  subject: string;
  state: string;
  /** A guest is mailed a sign-in link that opens the new ticket. */
  accessLinkSent: boolean;
  isReplay: boolean;
}

// Told apart from any real problem by nothing, so a script filling every field learns nothing from it.
const REJECTED = 'The request could not be accepted';

async function requesterOf(
  deps: ServiceDeps,
  signedIn: UserActor | null,
  input: PortalTicketInput,
): Promise<{ email: string; name?: string | undefined }> {
  if (signedIn) {
    const user = await findPortalUser(deps.db, signedIn.userId);
    if (!user?.email) throw new AppError('unauthenticated', 'Sign in to the portal');
    return { email: user.email };
  }
  if (input.email === undefined) {
    throw new AppError('validation_failed', 'email is required to open a ticket without signing in', {
      in: 'body',
      field: 'email',
    });
  }
  return { email: input.email.trim().toLowerCase(), name: input.name };
}

/**
 * Opens a ticket from the portal form, as a guest or as the signed-in requester: only active public help
 * topics, only the topic's public fields (checked against its form), source "web". A filled-in honeypot
 * is refused before anything is stored. A guest then gets a one-time sign-in link to the ticket by mail
 * (the auto-response goes out as for any new ticket). With an Idempotency-Key a retry yields the same
 * ticket and no second link.
 */
export async function openPortalTicket(
  deps: ServiceDeps,
  signedIn: UserActor | null,
  input: PortalTicketInput,
  idempotencyKey?: string,
): Promise<OpenedPortalTicket> {
  if (input.website !== undefined && input.website !== '') throw new AppError('validation_failed', REJECTED);
  if (input.topicId !== undefined) {
    const topic = await findTopic(deps.db, input.topicId);
    if (!topic?.isActive || !topic.isPublic) throw unknownReference('topicId', input.topicId);
  }
  const requester = await requesterOf(deps, signedIn, input);
  const { website: _honeypot, email: _email, name: _name, ...ticketInput } = input;
  const scope = signedIn ? `portal:user:${signedIn.userId}` : `portal:guest:${requester.email}`;
  const created = await createTicket(
    deps,
    signedIn ?? SYSTEM,
    { ...ticketInput, requester, source: 'web', fields: input.fields ?? {}, fieldsFrom: 'portal' },
    idempotencyKey
      ? { scope, key: idempotencyKey, requestHash: sha256Hex(JSON.stringify(input)) }
      : undefined,
  );
  const ticket = await findTicket(deps.db, { id: created.ticketId });
  if (!ticket) throw new AppError('internal', 'The new ticket could not be read back');
  const isGuest = signedIn === null;
  if (isGuest && !created.isReplay) {
    const user = await findPortalUser(deps.db, ticket.userId);
    await inTransaction(deps, (tx) =>
      sendSignInLink(
        tx,
        { userId: ticket.userId, name: user?.name ?? requester.email, address: requester.email },
        ticket.id,
      ),
    );
  }
  return {
    number: ticket.number,
    subject: ticket.subject,
    state: ticket.state,
    accessLinkSent: isGuest,
    isReplay: created.isReplay,
  };
}
