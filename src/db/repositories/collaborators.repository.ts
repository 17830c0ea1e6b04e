import type { Db } from '../database.ts';

export interface CollaboratorRecord {
  userId: number;
  name: string;
  email: string | null;
  addedAt: number;
}

/** A ticket's collaborators (people copied on it) with their primary email, in the order they joined. */
export async function listCollaborators(db: Db, ticketId: number): Promise<CollaboratorRecord[]> {
  const rows = await db
    .selectFrom('ticket_collaborators')
    .innerJoin('users', 'users.id', 'ticket_collaborators.user_id')
    .leftJoin('user_emails', (join) =>
      join.onRef('user_emails.user_id', '=', 'users.id').on('user_emails.is_primary', '=', 1),
    )
    .select(['users.id', 'users.name', 'user_emails.address', 'ticket_collaborators.created_at'])
    .where('ticket_collaborators.ticket_id', '=', ticketId)
    .orderBy('ticket_collaborators.created_at')
    .orderBy('users.id')
    .execute();
  return rows.map((row) => ({ userId: row.id, name: row.name, email: row.address, addedAt: row.created_at }));
}

/** Adds a collaborator; false when they already were one. */
export async function addCollaborator(
  db: Db,
  ticketId: number,
  userId: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .insertInto('ticket_collaborators')
    .values({ ticket_id: ticketId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a collaborator; false when they were not one. */
export async function removeCollaborator(db: Db, ticketId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('ticket_collaborators')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Whether a user takes part in a ticket: its requester or a collaborator. */
export async function isParticipant(db: Db, ticketId: number, userId: number): Promise<boolean> {
  const requester = await db
    .selectFrom('tickets')
    .select('id')
    .where('id', '=', ticketId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (requester) return true;
  const collaborator = await db
    .selectFrom('ticket_collaborators')
    .select('user_id')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return collaborator !== undefined;
}
