import { isUniqueViolation } from '../../db/errors.ts';
import { addCollaborator } from '../../db/repositories/collaborators.repository.ts';
import { insertEvents } from '../../db/repositories/events.repository.ts';
import { findIdempotencyKey, insertIdempotencyKey } from '../../db/repositories/idempotency.repository.ts';
import { insertEntry } from '../../db/repositories/thread.repository.ts';
import {
  findAgentRef,
  findDefaultDepartmentId,
  findDefaultStatus,
  findDepartmentRef,
  findPriorityRef,
  findSlaPlanRef,
  findTeamRef,
  findTopicDefaults,
} from '../../db/repositories/ticket-references.repository.ts';
import {
  addTags,
  findTicket,
  insertTicket,
  nextTicketNumber,
} from '../../db/repositories/tickets.repository.ts';
import { AppError, unknownReference } from '../../domain/errors.ts';
import { type Actor, can } from '../../domain/permissions/permissions.ts';
import { computeDueAt } from '../../domain/sla/sla.ts';
import type { TicketSource } from '../../domain/ticket/lifecycle.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { isAutomatedMessage, queueTicketCreatedNotice } from '../notifications/notify-ticket-created.ts';
import { checkTicketFields, type FormAudience } from '../topic-fields/check-ticket-fields.ts';
import { resolveRequester } from '../users/resolve-requester.ts';
import { decodeAttachments, type NewAttachment, saveAttachments } from './attachments.ts';
import { actorColumns, eventOf } from './ticket-access.ts';

export interface CreateTicketInput {
  subject: string;
  body?: string | undefined;
  bodyHtml?: string | undefined;
  requester: { email: string; name?: string | undefined };
  departmentId?: number | undefined;
  topicId?: number | undefined;
  priority?: string | undefined;
  source?: TicketSource | undefined;
  assigneeId?: number | undefined;
  teamId?: number | undefined;
  tags?: string[] | undefined;
  fields?: Record<string, unknown> | undefined;
  /** Whose form `fields` come from: the portal's accepts only the topic's public fields (default: agent). */
  fieldsFrom?: FormAudience | undefined;
  attachments?: NewAttachment[] | undefined;
  /** People copied on the ticket from the start (for mail: its To and Cc addresses). */
  collaborators?: { email: string; name?: string | undefined }[] | undefined;
  /** Email metadata of the first message when it arrived by mail: its Message-ID and why it was filed so. */
  email?: { messageId: string | null; meta: Record<string, unknown> } | undefined;
  /** Whether the requester gets the new-ticket auto-response (osTicket's `autorespond`); default yes. */
  autoRespond?: boolean | undefined;
  /** Whether agents get the new-ticket alert (osTicket's `alert`); default yes. */
  alert?: boolean | undefined;
}

/** An Idempotency-Key, scoped to its caller, with a hash of the request it came with. */
export interface IdempotencyInput {
  scope: string;
  key: string;
  requestHash: string;
}

export interface CreatedTicket {
  ticketId: number;
  number: string;
  /** The first message; 0 on a replay. */
  entryId: number;
  /** True when the key had been seen: nothing new was created and this is the earlier ticket. */
  isReplay: boolean;
}

/** Tags are compared lower-cased, trimmed and once each. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))].sort();
}

async function replayOf(deps: ServiceDeps, idempotency: IdempotencyInput): Promise<CreatedTicket | null> {
  const earlier = await findIdempotencyKey(deps.db, idempotency.scope, idempotency.key);
  if (!earlier) return null;
  if (earlier.requestHash !== idempotency.requestHash || earlier.resourceType !== 'ticket') {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request',
    );
  }
  const ticket = await findTicket(deps.db, { id: earlier.resourceId });
  if (!ticket)
    throw new AppError('idempotency_key_reused', 'The ticket this Idempotency-Key created no longer exists');
  return { ticketId: ticket.id, number: ticket.number, entryId: 0, isReplay: true };
}

/**
 * Opens a ticket: the requester (created on first contact), the first message, its attachments, the
 * defaults of the help topic and department (priority, SLA due time, assignment) and a "created" event,
 * all in one transaction. With an Idempotency-Key the same request twice yields the same ticket.
 */
export async function createTicket(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateTicketInput,
  idempotency?: IdempotencyInput,
): Promise<CreatedTicket> {
  const attachments = decodeAttachments(input.attachments);
  const body = normalizeBody({ text: input.body, html: input.bodyHtml });
  if (body.text.length === 0 && attachments.length === 0) {
    throw new AppError('validation_failed', 'The message body is empty', {
      field: input.bodyHtml ? 'bodyHtml' : 'body',
    });
  }
  try {
    return await inTransaction(deps, (tx) =>
      createInTransaction(tx, actor, input, body, attachments, idempotency),
    );
  } catch (error) {
    // Two requests with one key raced: the loser's insert hit the key's primary key and rolled back.
    if (idempotency && isUniqueViolation(error)) {
      const replay = await replayOf(deps, idempotency);
      if (replay) return replay;
    }
    throw error;
  }
}

async function createInTransaction(
  tx: ServiceDeps,
  actor: Actor,
  input: CreateTicketInput,
  body: { html: string; text: string },
  attachments: ReturnType<typeof decodeAttachments>,
  idempotency: IdempotencyInput | undefined,
): Promise<CreatedTicket> {
  if (idempotency) {
    const replay = await replayOf(tx, idempotency);
    if (replay) return replay;
  }
  const now = tx.clock.now();
  const topic = input.topicId !== undefined ? await findTopicDefaults(tx.db, input.topicId) : null;
  if (input.topicId !== undefined && !topic?.isActive) throw unknownReference('topicId', input.topicId);
  const fields = await checkTicketFields(tx, topic?.id ?? null, input.fields, input.fieldsFrom ?? 'agent');

  const departmentId = input.departmentId ?? topic?.departmentId ?? (await findDefaultDepartmentId(tx.db));
  const department = departmentId !== null ? await findDepartmentRef(tx.db, departmentId) : null;
  if (!department?.isActive) throw unknownReference('departmentId', departmentId ?? 0);
  if (actor.kind === 'agent' && !can(actor, 'ticket.create', department.id)) {
    throw new AppError('forbidden', 'You need the ticket.create permission in this department', {
      permission: 'ticket.create',
      departmentId: department.id,
    });
  }

  const priority =
    input.priority !== undefined
      ? await findPriorityRef(tx.db, { key: input.priority })
      : topic?.priorityId
        ? await findPriorityRef(tx.db, { id: topic.priorityId })
        : await findPriorityRef(tx.db, { isDefault: true });
  if (!priority) throw unknownReference('priority', input.priority ?? 'default');

  const assigneeAgentId = input.assigneeId ?? topic?.assigneeAgentId ?? null;
  if (assigneeAgentId !== null) {
    const agent = await findAgentRef(tx.db, assigneeAgentId);
    if (!agent?.isActive) throw unknownReference('assigneeId', assigneeAgentId);
  }
  const assigneeTeamId = input.teamId ?? topic?.assigneeTeamId ?? null;
  if (assigneeTeamId !== null) {
    const team = await findTeamRef(tx.db, assigneeTeamId);
    if (!team?.isActive) throw unknownReference('teamId', assigneeTeamId);
  }

  const slaPlanId = topic?.slaPlanId ?? department.slaPlanId;
  const slaPlan = slaPlanId !== null ? await findSlaPlanRef(tx.db, slaPlanId) : null;
  const status = await findDefaultStatus(tx.db, 'open');
  if (!status) throw new AppError('internal', 'No status is configured for the open state');

  const requester = await resolveRequester(tx, input.requester);
  const number = await nextTicketNumber(tx.db, tx.dialect);
  const source = input.source ?? 'api';
  const ticketId = await insertTicket(tx.db, {
    number,
    subject: input.subject.trim(),
    statusId: status.id,
    state: 'open',
    priorityId: priority.id,
    source,
    userId: requester.id,
    organizationId: requester.organizationId,
    departmentId: department.id,
    topicId: topic?.id ?? null,
    assigneeAgentId,
    assigneeTeamId,
    slaPlanId: slaPlan?.isActive ? slaPlan.id : null,
    dueAt: slaPlan?.isActive ? computeDueAt(now, slaPlan) : null,
    slaPausedAt: null,
    isAnswered: false,
    isOverdue: false,
    fields: fields ?? {},
    createdAt: now,
    updatedAt: now,
    lastMessageAt: now,
    lastResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenedAt: null,
  });
  const tags = normalizeTags(input.tags ?? []);
  await addTags(tx.db, ticketId, tags);
  const entryId = await insertEntry(tx.db, {
    ticketId,
    type: 'message',
    authorType: 'user',
    authorAgentId: null,
    authorUserId: requester.id,
    authorName: requester.name,
    bodyHtml: body.html,
    bodyText: body.text,
    emailMessageId: input.email?.messageId ?? null,
    emailMeta: input.email?.meta ?? null,
    createdAt: now,
  });
  await saveAttachments(tx, entryId, attachments);
  for (const person of input.collaborators ?? []) {
    const collaborator = await resolveRequester(tx, person);
    if (collaborator.id !== requester.id) await addCollaborator(tx.db, ticketId, collaborator.id, now);
  }
  await insertEvents(tx.db, [
    eventOf(tx, actor, ticketId, 'created', {
      after: {
        number,
        source,
        state: 'open',
        statusId: status.id,
        priority: priority.key,
        departmentId: department.id,
        topicId: topic?.id ?? null,
        assigneeAgentId,
        assigneeTeamId,
        tags,
        requesterId: requester.id,
        enteredBy: actor.kind === 'agent' ? actorColumns(actor).actorAgentId : null,
      },
    }),
  ]);
  await queueTicketCreatedNotice(tx, {
    ticketId,
    entryId,
    actingAgentId: actor.kind === 'agent' ? actor.agentId : null,
    autoRespond: input.autoRespond,
    alert: input.alert,
    automated: isAutomatedMessage(input.email?.meta),
  });
  if (idempotency) {
    await insertIdempotencyKey(tx.db, {
      ...idempotency,
      resourceType: 'ticket',
      resourceId: ticketId,
      createdAt: now,
    });
  }
  return { ticketId, number, entryId, isReplay: false };
}
