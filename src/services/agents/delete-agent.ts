import { mapForeignKeyViolation } from '../../db/errors.ts';
import * as repo from '../../db/repositories/agents.repository.ts';
import { deleteSessionsOfAgent } from '../../db/repositories/auth.repository.ts';
import { findReferencingLabels } from '../../db/repositories/references.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { getAgent } from './agents.ts';
import { selfLockout } from './update-agent.ts';

/**
 * Removes an agent from service. Normally that is deactivation, which keeps their name on everything they
 * wrote; `permanent` deletes the row, which only an agent with no trace in any ticket may have.
 */
export async function deleteAgent(
  deps: ServiceDeps,
  actor: AgentActor,
  id: number,
  options: { permanent: boolean },
): Promise<void> {
  if (actor.agentId === id) throw selfLockout('id', 'self_deletion', 'delete or deactivate yourself');
  await inTransaction(deps, async (tx) => {
    const agent = await getAgent(tx, id);
    if (!options.permanent) {
      await repo.updateAgent(tx.db, id, { isActive: false }, tx.clock.now());
      await deleteSessionsOfAgent(tx.db, id);
      return;
    }
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'threadEntries', table: 'thread_entries', column: 'author_agent_id' },
      { label: 'events', table: 'events', column: 'actor_agent_id' },
      { label: 'resolutions', table: 'resolutions', column: 'agent_id' },
      { label: 'tickets', table: 'tickets', column: 'assignee_agent_id' },
    ]);
    const inUse = () =>
      new AppError(
        'in_use',
        `${agent.name} has worked on tickets (${usedBy.join(', ') || 'other records'}); deactivate them instead`,
        { usedBy },
      );
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteAgent(tx.db, id), inUse);
  });
}
