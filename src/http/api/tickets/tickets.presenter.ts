import type { Static } from 'typebox';
import type { EventRecord } from '../../../db/repositories/events.repository.ts';
import type { AttachmentRecord, EntryRecord } from '../../../db/repositories/thread.repository.ts';
import type { TicketView } from '../../../db/repositories/ticket-views.repository.ts';
import { iso } from '../../../lib/json.ts';
import { confirmationUrl } from '../../../services/confirmations/confirmation-token.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { TicketDetail, TimelineItem } from '../../../services/tickets/read-tickets.ts';
import type { EntrySchema, EventSchema, TicketSchema } from './tickets.schema.ts';

const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

/** A ticket as the API shows it. */
export function presentTicket(ticket: TicketView): Static<typeof TicketSchema> {
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    state: ticket.state,
    status: { id: ticket.statusId, name: ticket.statusName },
    priority: { id: ticket.priorityId, key: ticket.priorityKey, name: ticket.priorityName },
    source: ticket.source,
    requester: { id: ticket.userId, name: ticket.requesterName, email: ticket.requesterEmail },
    organization: ref(ticket.organizationId, ticket.organizationName),
    department: { id: ticket.departmentId, name: ticket.departmentName },
    topic: ref(ticket.topicId, ticket.topicName),
    assignee: ref(ticket.assigneeAgentId, ticket.assigneeName),
    team: ref(ticket.assigneeTeamId, ticket.teamName),
    slaPlan: ref(ticket.slaPlanId, ticket.slaPlanName),
    dueAt: iso(ticket.dueAt),
    isAnswered: ticket.isAnswered,
    isOverdue: ticket.isOverdue,
    fields: ticket.fields,
    tags: ticket.tags,
    createdAt: iso(ticket.createdAt) as string,
    updatedAt: iso(ticket.updatedAt) as string,
    lastMessageAt: iso(ticket.lastMessageAt) as string,
    lastResponseAt: iso(ticket.lastResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
    reopenedAt: iso(ticket.reopenedAt),
  };
}

/** A ticket with its current resolution and, while it awaits the requester, the confirmation link. */
export function presentTicketDetail(deps: ServiceDeps, detail: TicketDetail): Static<typeof TicketSchema> {
  const { resolution } = detail;
  return {
    ...presentTicket(detail.ticket),
    resolution: resolution
      ? {
          id: resolution.id,
          code: resolution.code,
          problem: resolution.problem,
          actionTaken: resolution.actionTaken,
          confirmation: resolution.confirmation,
          nextSteps: resolution.nextSteps,
          resolvedAt: iso(resolution.createdAt) as string,
          resolvedById: resolution.agentId,
          outcome: resolution.outcome,
          outcomeAt: iso(resolution.outcomeAt),
          confirmationToken: resolution.confirmationToken,
          confirmationUrl: resolution.confirmationToken
            ? confirmationUrl(deps, resolution.confirmationToken)
            : null,
          confirmationExpiresAt: iso(resolution.confirmationExpiresAt),
        }
      : null,
  };
}

function presentAttachment(attachment: AttachmentRecord) {
  return {
    id: attachment.id,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    url: `/api/v1/attachments/${attachment.id}`,
  };
}

/** A thread entry with its author and attachments. */
export function presentEntry(
  entry: EntryRecord,
  attachments: AttachmentRecord[],
): Static<typeof EntrySchema> {
  return {
    type: entry.type,
    id: entry.id,
    author: {
      type: entry.authorType,
      id: entry.authorType === 'agent' ? entry.authorAgentId : entry.authorUserId,
      name: entry.authorName,
    },
    bodyHtml: entry.bodyHtml,
    bodyText: entry.bodyText,
    createdAt: iso(entry.createdAt) as string,
    attachments: attachments.map(presentAttachment),
  };
}

/** An event on the ticket's timeline. */
export function presentEvent(event: EventRecord): Static<typeof EventSchema> {
  return {
    type: 'event',
    id: event.id,
    event: event.type,
    actor: {
      type: event.actorType,
      id: event.actorType === 'agent' ? event.actorAgentId : event.actorUserId,
      name: event.actorType === 'system' ? 'Tessera' : event.actorName,
    },
    data: event.data,
    createdAt: iso(event.createdAt) as string,
  };
}

/** The thread: entries and events in time order. */
export function presentTimeline(items: TimelineItem[]) {
  return items.map((item) =>
    item.kind === 'entry' ? presentEntry(item.entry, item.attachments) : presentEvent(item.event),
  );
}
