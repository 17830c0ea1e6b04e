import { findActiveAgentContacts } from '../../db/repositories/outbound-messages.repository.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { queueMail } from './queue-email.ts';
import { loadTicketMail } from './ticket-mail.ts';

/**
 * Queues the assignment notice to an agent someone else just assigned a ticket to, inside the
 * transaction that assigns it. Assigning yourself sends nothing.
 */
export async function notifyAssigned(
  tx: ServiceDeps,
  actor: AgentActor,
  assignment: { ticketId: number; agentId: number | null },
): Promise<void> {
  if (assignment.agentId === null || assignment.agentId === actor.agentId) return;
  if (!(await getSettings(tx.db)).emailAssignmentNotice) return;
  const [agent] = await findActiveAgentContacts(tx.db, [assignment.agentId]);
  const mail = agent ? await loadTicketMail(tx, assignment.ticketId) : null;
  if (!agent || !mail) return;
  await queueMail(tx, {
    kind: 'assignment_notice',
    template: 'assignment_notice',
    variables: { ...mail.variables, recipient: { name: agent.name }, agent: { name: actor.name } },
    to: [agent.email],
    ticket: { id: mail.facts.id, number: mail.facts.number },
  });
}
