import {
  addCollaborator,
  type CollaboratorRecord,
  listCollaborators,
  removeCollaborator,
} from '../../db/repositories/collaborators.repository.ts';
import { insertEvents } from '../../db/repositories/events.repository.ts';
import { updateTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { resolveRequester } from '../users/resolve-requester.ts';
import { eventOf, findTicketForAgent, lockTicketForAgent, requirePermission } from './ticket-access.ts';

/** The people copied on a ticket. */
export async function getCollaborators(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
): Promise<CollaboratorRecord[]> {
  const ticket = await findTicketForAgent(deps, actor, number);
  return listCollaborators(deps.db, ticket.id);
}

/** Copies someone on a ticket by email (creating the user on first contact); the requester cannot be one. */
export async function addTicketCollaborator(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  person: { email: string; name?: string | undefined },
): Promise<CollaboratorRecord[]> {
  return inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    requirePermission(actor, 'ticket.edit', ticket);
    const user = await resolveRequester(tx, person);
    if (user.id === ticket.userId) {
      throw new AppError('already_exists', `${user.email} is the requester of ticket ${number}`, {
        field: 'email',
      });
    }
    if (await addCollaborator(tx.db, ticket.id, user.id, tx.clock.now())) {
      await updateTicket(tx.db, ticket.id, { updatedAt: tx.clock.now() });
      await insertEvents(tx.db, [
        eventOf(tx, actor, ticket.id, 'collaborator_added', {
          after: { userId: user.id, email: user.email },
        }),
      ]);
    }
    return listCollaborators(tx.db, ticket.id);
  });
}

/** Stops copying someone on a ticket. */
export async function removeTicketCollaborator(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  userId: number,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    requirePermission(actor, 'ticket.edit', ticket);
    if (!(await removeCollaborator(tx.db, ticket.id, userId))) throw notFound('Collaborator', userId);
    await updateTicket(tx.db, ticket.id, { updatedAt: tx.clock.now() });
    await insertEvents(tx.db, [
      eventOf(tx, actor, ticket.id, 'collaborator_removed', { before: { userId } }),
    ]);
  });
}
