/**
 * Permission keys an agent's role grants within a department. Administrators hold every key everywhere;
 * viewing and noting on a ticket need only access to it (its department, or an assignment to the agent
 * or one of the agent's teams).
 */
export const PERMISSIONS = [
  'ticket.create',
  'ticket.edit',
  'ticket.assign',
  'ticket.transfer',
  'ticket.reply',
  'ticket.resolve',
  'ticket.delete',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export interface AgentActor {
  readonly kind: 'agent';
  readonly agentId: number;
  readonly name: string;
  readonly isAdmin: boolean;
  /** Department id to the keys the agent's role grants there. */
  readonly departmentPermissions: ReadonlyMap<number, ReadonlySet<Permission>>;
  readonly teamIds: readonly number[];
}

export interface UserActor {
  readonly kind: 'user';
  readonly userId: number;
  readonly name: string;
}

export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

export type Actor = AgentActor | UserActor | SystemActor;

export const SYSTEM: SystemActor = Object.freeze({ kind: 'system', name: 'Tessera' });

/** What the permission rules need to know of a ticket. */
export interface TicketAccessFacts {
  readonly departmentId: number;
  readonly assigneeAgentId: number | null;
  readonly assigneeTeamId: number | null;
}

/** Whether an agent's role grants `permission` in `departmentId`. */
export function can(actor: AgentActor, permission: Permission, departmentId: number): boolean {
  if (actor.isAdmin) return true;
  return actor.departmentPermissions.get(departmentId)?.has(permission) ?? false;
}

/** Whether an agent may see a ticket at all. */
export function canAccessTicket(actor: AgentActor, ticket: TicketAccessFacts): boolean {
  if (actor.isAdmin) return true;
  if (actor.departmentPermissions.has(ticket.departmentId)) return true;
  if (ticket.assigneeAgentId === actor.agentId) return true;
  return ticket.assigneeTeamId !== null && actor.teamIds.includes(ticket.assigneeTeamId);
}

/** Whether an agent may act on a ticket with a permission: they must see it and hold the key there. */
export function canOnTicket(actor: AgentActor, permission: Permission, ticket: TicketAccessFacts): boolean {
  if (!canAccessTicket(actor, ticket)) return false;
  if (can(actor, permission, ticket.departmentId)) return true;
  // Inside their own departments an agent's role decides. Outside them, an agent working a ticket
  // assigned to them (or their team) holds the everyday keys: replying and resolving.
  if (actor.departmentPermissions.has(ticket.departmentId)) return false;
  const isAssigned =
    ticket.assigneeAgentId === actor.agentId ||
    (ticket.assigneeTeamId !== null && actor.teamIds.includes(ticket.assigneeTeamId));
  return isAssigned && (permission === 'ticket.reply' || permission === 'ticket.resolve');
}

/** Departments whose tickets the agent sees in full, or 'all' for administrators. */
export function visibleDepartments(actor: AgentActor): 'all' | number[] {
  return actor.isAdmin ? 'all' : [...actor.departmentPermissions.keys()];
}
