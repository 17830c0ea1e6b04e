import { listMailboxAddresses } from '../../db/repositories/mailboxes.repository.ts';
import {
  type AgentContact,
  findActiveAgentContacts,
  listDepartmentAgentContacts,
  listTeamAgentContacts,
} from '../../db/repositories/outbound-messages.repository.ts';
import type { AgentActor, SystemActor, UserActor } from '../../domain/permissions/permissions.ts';
import { addressOf } from '../../mail/outbound/headers.ts';
import type { ServiceDeps } from '../deps.ts';

/** Who acted, as far as choosing recipients goes: an agent is kept from mail about their own action. */
export type ActingParty = Pick<AgentActor, 'kind' | 'agentId'> | Pick<UserActor | SystemActor, 'kind'>;

const ADDRESS = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

/** The addresses mail to which comes back to Tessera itself: MAIL_FROM and every mailbox's. */
export async function listOwnAddresses(tx: ServiceDeps): Promise<Set<string>> {
  return new Set([addressOf(tx.mail.from), ...(await listMailboxAddresses(tx.db))]);
}

/**
 * The addresses to mail, lower-cased and once each: never one of Tessera's own (`own`: a loop), never
 * one in `exclude` (the agent whose action this mail reports), never something that is not an address.
 */
export function filterRecipients(
  candidates: readonly (string | null | undefined)[],
  exclude: ReadonlySet<string>,
  own: ReadonlySet<string>,
): string[] {
  const kept: string[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const address = addressOf(candidate);
    if (!ADDRESS.test(address) || kept.includes(address) || exclude.has(address) || own.has(address))
      continue;
    kept.push(address);
  }
  return kept;
}

/** Who a mail about an actor's action must not reach: the acting agent's own address. */
export async function addressesOfActor(tx: ServiceDeps, actor: ActingParty): Promise<Set<string>> {
  if (actor.kind !== 'agent') return new Set();
  const [agent] = await findActiveAgentContacts(tx.db, [actor.agentId]);
  return new Set(agent ? [agent.email.toLowerCase()] : []);
}

/**
 * The agents to alert about a ticket: its assigned agent; else the members of its assigned team; else
 * the active agents of its department. Never the agent whose action caused the alert.
 */
export async function listAlertRecipients(
  tx: ServiceDeps,
  ticket: { departmentId: number; assigneeAgentId: number | null; assigneeTeamId: number | null },
  actor: ActingParty,
): Promise<AgentContact[]> {
  let agents: AgentContact[] = [];
  if (ticket.assigneeAgentId !== null) {
    agents = await findActiveAgentContacts(tx.db, [ticket.assigneeAgentId]);
  } else if (ticket.assigneeTeamId !== null) {
    agents = await listTeamAgentContacts(tx.db, ticket.assigneeTeamId);
  }
  // An assignee who was deactivated (or a team with nobody active) leaves the ticket to its department.
  if (agents.length === 0) {
    agents = await listDepartmentAgentContacts(tx.db, ticket.departmentId);
  }
  return actor.kind === 'agent' ? agents.filter((agent) => agent.id !== actor.agentId) : agents;
}
