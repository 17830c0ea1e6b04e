/**
 * The ticket state machine. Statuses are admin-defined labels; each maps to one of these states, and the
 * state alone decides what may happen next.
 */
export const TICKET_STATES = ['open', 'pending', 'resolved', 'closed', 'archived'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export function isTicketState(value: string): value is TicketState {
  return (TICKET_STATES as readonly string[]).includes(value);
}

const TRANSITIONS: Record<TicketState, readonly TicketState[]> = {
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: ['open', 'archived'],
  archived: [],
};

/** Whether a ticket may move from one state to another (staying in a state is always allowed). */
export function canTransition(from: TicketState, to: TicketState): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** The states reachable from `from`. */
export function nextStates(from: TicketState): readonly TicketState[] {
  return TRANSITIONS[from];
}

/** Resolved and closed tickets are done; a requester writing again reopens them (a setting). */
export function isDone(state: TicketState): boolean {
  return state === 'resolved' || state === 'closed' || state === 'archived';
}

/** Entering `resolved` from a working state needs a structured resolution. */
export function needsResolution(from: TicketState, to: TicketState): boolean {
  return to === 'resolved' && (from === 'open' || from === 'pending');
}

/** What a requester's new message does to the ticket's state. */
export function stateAfterRequesterMessage(
  state: TicketState,
  reopenOnMessage: boolean,
): { state: TicketState; reopened: boolean } {
  if ((state === 'resolved' || state === 'closed') && reopenOnMessage)
    return { state: 'open', reopened: true };
  if (state === 'pending') return { state: 'open', reopened: false };
  return { state, reopened: false };
}

export const TICKET_SOURCES = ['web', 'email', 'api', 'phone', 'agent', 'alert'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
