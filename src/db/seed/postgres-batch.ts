import type { SeedTicket } from './model.ts';

/**
 * A batch of generated tickets as PostgreSQL array literals, one per column, in the parameter order of the
 * loader's single insert statement. Child rows name their ticket by number, which the statement joins to
 * the ids the ticket insert returns. Encoding is the loader's main CPU cost on the Node side, so it runs
 * while the server is still writing the previous batch.
 */
export interface EncodedBatch {
  size: number;
  params: string[];
}

const escapeText = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

/** `{"a","b",NULL}`: a text[] literal. */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    out += `${i > 0 ? ',' : ''}${value === null || value === undefined ? 'NULL' : escapeText(value)}`;
  }
  return `${out}}`;
}

/** `{1,2,NULL}`: a bigint[] or int[] literal. */
export function numberArray(values: readonly (number | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    out += `${i > 0 ? ',' : ''}${value === null || value === undefined ? 'NULL' : String(value)}`;
  }
  return `${out}}`;
}

function columnsOf<T>(rows: readonly T[]) {
  return {
    text: (pick: (row: T) => string | null) => textArray(rows.map(pick)),
    number: (pick: (row: T) => number | null) => numberArray(rows.map(pick)),
  };
}

/** Each child row with the number of its ticket, in ticket order. */
function childrenOf<T>(tickets: SeedTicket[], rowsOf: (ticket: SeedTicket) => readonly T[]) {
  return tickets.flatMap((ticket) => rowsOf(ticket).map((row) => ({ number: ticket.number, row })));
}

/** Encodes a batch as the parameters of the loader's insert statement. */
export function encodeBatch(tickets: SeedTicket[]): EncodedBatch {
  const t = columnsOf(tickets);
  const tags = columnsOf(childrenOf(tickets, (ticket) => ticket.tags));
  const entries = columnsOf(childrenOf(tickets, (ticket) => ticket.entries));
  const resolutions = columnsOf(
    childrenOf(tickets, (ticket) => ticket.entries.flatMap((e) => (e.resolution ? [e.resolution] : []))),
  );
  const events = columnsOf(childrenOf(tickets, (ticket) => ticket.events));
  return {
    size: tickets.length,
    params: [
      t.text((r) => r.number),
      t.text((r) => r.subject),
      t.number((r) => r.statusId),
      t.text((r) => r.state),
      t.number((r) => r.priorityId),
      t.text((r) => r.source),
      t.number((r) => r.userId),
      t.number((r) => r.organizationId),
      t.number((r) => r.departmentId),
      t.number((r) => r.topicId),
      t.number((r) => r.assigneeAgentId),
      t.number((r) => r.assigneeTeamId),
      t.number((r) => r.slaPlanId),
      t.number((r) => r.dueAt),
      t.number((r) => r.slaPausedAt),
      t.number((r) => r.isAnswered),
      t.number((r) => r.isOverdue),
      t.number((r) => r.createdAt),
      t.number((r) => r.updatedAt),
      t.number((r) => r.lastMessageAt),
      t.number((r) => r.lastResponseAt),
      t.number((r) => r.resolvedAt),
      t.number((r) => r.closedAt),
      tags.text((c) => c.number),
      tags.text((c) => c.row),
      entries.text((c) => c.number),
      entries.text((c) => c.row.type),
      entries.text((c) => c.row.authorType),
      entries.number((c) => c.row.authorAgentId),
      entries.number((c) => c.row.authorUserId),
      entries.text((c) => c.row.authorName),
      entries.text((c) => c.row.bodyHtml),
      entries.text((c) => c.row.bodyText),
      entries.number((c) => c.row.createdAt),
      resolutions.text((c) => c.number),
      resolutions.text((c) => c.row.problem),
      resolutions.text((c) => c.row.actionTaken),
      resolutions.text((c) => c.row.confirmation),
      resolutions.text((c) => c.row.nextSteps),
      resolutions.text((c) => c.row.code),
      resolutions.number((c) => c.row.agentId),
      resolutions.number((c) => c.row.createdAt),
      resolutions.text((c) => c.row.outcome),
      resolutions.number((c) => c.row.outcomeAt),
      events.text((c) => c.number),
      events.text((c) => c.row.type),
      events.text((c) => c.row.actorType),
      events.number((c) => c.row.actorAgentId),
      events.number((c) => c.row.actorUserId),
      events.text((c) => c.row.data),
      events.number((c) => c.row.createdAt),
    ],
  };
}
