import type { Static } from 'typebox';
import type { PortalUserRecord } from '../../../db/repositories/portal-auth.repository.ts';
import type { PortalTicketRecord } from '../../../db/repositories/portal-tickets.repository.ts';
import type { AttachmentRecord, EntryRecord } from '../../../db/repositories/thread.repository.ts';
import type { TopicFieldRecord } from '../../../db/repositories/topic-fields.repository.ts';
import type { TopicRecord } from '../../../db/repositories/topics.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { RequesterTicketDetail } from '../../../services/portal/portal-tickets.ts';
import type {
  PortalEntry,
  PortalField,
  PortalTicketDetail,
  PortalTicketSummary,
  PortalTopic,
  PortalUser,
} from './portal.schema.ts';

/**
 * What requesters see. Agents appear by name only: no agent ids or addresses, no internal fields, no
 * email metadata of entries.
 */

function presentField(field: TopicFieldRecord): Static<typeof PortalField> {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    isRequired: field.isRequired,
    options: field.options,
    placeholder: field.placeholder,
    helpText: field.helpText,
  };
}

/** A help topic the portal offers, with its public form. */
export function presentPortalTopic(
  topic: TopicRecord,
  fields: TopicFieldRecord[],
): Static<typeof PortalTopic> {
  return { id: topic.id, name: topic.name, fields: fields.map(presentField) };
}

/** The signed-in requester. */
export function presentPortalUser(user: PortalUserRecord): Static<typeof PortalUser> {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    organization:
      user.organizationId !== null && user.organizationName !== null
        ? {
            id: user.organizationId,
            name: user.organizationName,
            sharesTickets: user.organizationSharesTickets,
          }
        : null,
    hasPassword: user.hasPassword,
  };
}

/** A ticket in the requester's list. */
export function presentPortalTicket(
  ticket: PortalTicketRecord,
  userId: number,
): Static<typeof PortalTicketSummary> {
  return {
    number: ticket.number,
    subject: ticket.subject,
    state: ticket.state,
    status: { name: ticket.statusName },
    topic:
      ticket.topicId !== null && ticket.topicName !== null
        ? { id: ticket.topicId, name: ticket.topicName }
        : null,
    requester: { name: ticket.requesterName, isMe: ticket.requesterId === userId },
    createdAt: iso(ticket.createdAt) as string,
    updatedAt: iso(ticket.updatedAt) as string,
    lastMessageAt: iso(ticket.lastMessageAt) as string,
    lastResponseAt: iso(ticket.lastResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
  };
}

/** A message, reply or resolution of the public thread, with its attachments. */
export function presentPortalEntry(
  entry: EntryRecord,
  attachments: AttachmentRecord[],
  userId: number,
): Static<typeof PortalEntry> {
  return {
    id: entry.id,
    type: entry.type as Static<typeof PortalEntry>['type'],
    author: {
      type: entry.authorType,
      name: entry.authorName,
      isMe: entry.authorType === 'user' && entry.authorUserId === userId,
    },
    bodyHtml: entry.bodyHtml,
    bodyText: entry.bodyText,
    createdAt: iso(entry.createdAt) as string,
    attachments: attachments.map((attachment) => ({
      id: attachment.id,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      url: `/api/v1/portal/attachments/${attachment.id}`,
    })),
  };
}

/** A ticket with its public fields, its resolution and its public thread. */
export function presentPortalTicketDetail(
  detail: RequesterTicketDetail,
  userId: number,
): Static<typeof PortalTicketDetail> {
  const { ticket, resolution } = detail;
  const isAwaitingAnswer = resolution !== null && resolution.outcome === null && ticket.state === 'resolved';
  return {
    ...presentPortalTicket(ticket, userId),
    fields: detail.fields.map(({ field, value }) => ({
      key: field.key,
      label: field.label,
      type: field.type,
      value,
    })),
    resolution: resolution
      ? {
          code: resolution.code,
          problem: resolution.problem,
          actionTaken: resolution.actionTaken,
          confirmation: resolution.confirmation,
          nextSteps: resolution.nextSteps,
          resolvedAt: iso(resolution.createdAt) as string,
          outcome: resolution.outcome,
        }
      : null,
    canReply: detail.isParticipant && ticket.state !== 'archived',
    canAnswerResolution: detail.isRequester && isAwaitingAnswer,
    thread: detail.thread.map(({ entry, attachments }) => presentPortalEntry(entry, attachments, userId)),
  };
}
