import { insertEvents } from '../../db/repositories/events.repository.ts';
import {
  findAgentRef,
  findDepartmentRef,
  findPriorityRef,
  findTeamRef,
  findTopicDefaults,
} from '../../db/repositories/ticket-references.repository.ts';
import { replaceTags, type TicketChanges, updateTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError, unknownReference } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { notifyAssigned } from '../notifications/notify-assignment.ts';
import { insertAgentEntry } from './agent-entry.ts';
import { normalizeTags } from './create-ticket.ts';
import { eventTypeOf, planStatusChange, resolveTargetStatus } from './status-change.ts';
import { eventOf, lockTicketForAgent, requirePermission } from './ticket-access.ts';

export interface TicketPatch {
  subject?: string | undefined;
  assigneeId?: number | null | undefined;
  teamId?: number | null | undefined;
  departmentId?: number | undefined;
  priority?: string | undefined;
  status?: number | undefined;
  topicId?: number | null | undefined;
  dueAt?: number | null | undefined;
  tags?: string[] | undefined;
  fields?: Record<string, unknown> | undefined;
  /** An internal note explaining the change (assignments and transfers), posted with it. */
  note?: string | undefined;
}

type Event = ReturnType<typeof eventOf>;

/**
 * Changes a ticket's properties. Each changed property is checked against the agent's permission in the
 * ticket's department (assign, transfer, edit), recorded as an event with its before and after values,
 * and written in one transaction; a request that fails any check changes nothing.
 */
export async function updateTicketProperties(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  patch: TicketPatch,
): Promise<{ ticketId: number; changed: string[] }> {
  return inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    const changes: TicketChanges = {};
    const events: Event[] = [];
    const event = (type: string, data: Record<string, unknown>) =>
      events.push(eventOf(tx, actor, ticket.id, type, data));

    if (patch.subject !== undefined && patch.subject.trim() !== ticket.subject) {
      requirePermission(actor, 'ticket.edit', ticket);
      changes.subject = patch.subject.trim();
      event('edited', { field: 'subject', before: ticket.subject, after: changes.subject });
    }
    const assigneeChanged = patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeAgentId;
    const teamChanged = patch.teamId !== undefined && patch.teamId !== ticket.assigneeTeamId;
    if (assigneeChanged || teamChanged) {
      requirePermission(actor, 'ticket.assign', ticket);
      if (assigneeChanged && patch.assigneeId != null) {
        const agent = await findAgentRef(tx.db, patch.assigneeId);
        if (!agent?.isActive) throw unknownReference('assigneeId', patch.assigneeId);
      }
      if (teamChanged && patch.teamId != null) {
        const team = await findTeamRef(tx.db, patch.teamId);
        if (!team?.isActive) throw unknownReference('teamId', patch.teamId);
      }
      if (assigneeChanged) changes.assigneeAgentId = patch.assigneeId ?? null;
      if (teamChanged) changes.assigneeTeamId = patch.teamId ?? null;
      event('assigned', {
        before: { agentId: ticket.assigneeAgentId, teamId: ticket.assigneeTeamId },
        after: {
          agentId: changes.assigneeAgentId !== undefined ? changes.assigneeAgentId : ticket.assigneeAgentId,
          teamId: changes.assigneeTeamId !== undefined ? changes.assigneeTeamId : ticket.assigneeTeamId,
        },
      });
    }
    if (patch.departmentId !== undefined && patch.departmentId !== ticket.departmentId) {
      requirePermission(actor, 'ticket.transfer', ticket);
      const department = await findDepartmentRef(tx.db, patch.departmentId);
      if (!department?.isActive) throw unknownReference('departmentId', patch.departmentId);
      changes.departmentId = department.id;
      event('transferred', {
        before: { departmentId: ticket.departmentId },
        after: { departmentId: department.id },
      });
    }
    if (patch.priority !== undefined) {
      const priority = await findPriorityRef(tx.db, { key: patch.priority });
      if (!priority) throw unknownReference('priority', patch.priority);
      if (priority.id !== ticket.priorityId) {
        requirePermission(actor, 'ticket.edit', ticket);
        const before = await findPriorityRef(tx.db, { id: ticket.priorityId });
        changes.priorityId = priority.id;
        event('priority_changed', {
          before: { priority: before?.key ?? null },
          after: { priority: priority.key },
        });
      }
    }
    if (patch.topicId !== undefined && patch.topicId !== ticket.topicId) {
      requirePermission(actor, 'ticket.edit', ticket);
      if (patch.topicId !== null && !(await findTopicDefaults(tx.db, patch.topicId))) {
        throw unknownReference('topicId', patch.topicId);
      }
      changes.topicId = patch.topicId;
      event('topic_changed', { before: { topicId: ticket.topicId }, after: { topicId: patch.topicId } });
    }
    if (patch.dueAt !== undefined && patch.dueAt !== ticket.dueAt) {
      requirePermission(actor, 'ticket.edit', ticket);
      changes.dueAt = patch.dueAt;
      if (patch.dueAt === null || patch.dueAt > tx.clock.now()) changes.isOverdue = false;
      event('due_changed', { before: { dueAt: ticket.dueAt }, after: { dueAt: patch.dueAt } });
    }
    if (patch.tags !== undefined) {
      const tags = normalizeTags(patch.tags);
      if (tags.join('\n') !== ticket.tags.join('\n')) {
        requirePermission(actor, 'ticket.edit', ticket);
        await replaceTags(tx.db, ticket.id, tags);
        event('tags_changed', { before: { tags: ticket.tags }, after: { tags } });
      }
    }
    if (patch.fields !== undefined) {
      requirePermission(actor, 'ticket.edit', ticket);
      const fields = { ...ticket.fields, ...patch.fields };
      for (const [key, value] of Object.entries(patch.fields)) if (value === null) delete fields[key];
      changes.fields = fields;
      event('fields_changed', { before: ticket.fields, after: fields });
    }
    if (patch.status !== undefined && patch.status !== ticket.statusId) {
      const status = await resolveTargetStatus(tx, { statusId: patch.status });
      requirePermission(actor, status.state === 'closed' ? 'ticket.resolve' : 'ticket.edit', ticket);
      const change = planStatusChange(tx, ticket, status);
      Object.assign(changes, change.changes);
      event(eventTypeOf(change), {
        before: { statusId: change.from.statusId, state: change.from.state },
        after: { statusId: change.to.statusId, state: change.to.state, status: change.to.statusName },
      });
    }

    if (events.length === 0) return { ticketId: ticket.id, changed: [] };
    const now = tx.clock.now();
    await updateTicket(tx.db, ticket.id, { ...changes, updatedAt: now });
    if (patch.note?.trim()) {
      await insertAgentEntry(tx, actor, ticket.id, 'note', normalizeBody({ text: patch.note }));
    }
    await insertEvents(tx.db, events);
    if (changes.assigneeAgentId != null) {
      await notifyAssigned(tx, actor, { ticketId: ticket.id, agentId: changes.assigneeAgentId });
    }
    return { ticketId: ticket.id, changed: events.map((e) => e.type) };
  });
}

/** Rejects a patch that asks for nothing, so a typo'd empty body is not a silent success. */
export function assertPatchNotEmpty(patch: TicketPatch): void {
  const keys = Object.entries(patch).filter(([key, value]) => value !== undefined && key !== 'note');
  if (keys.length === 0)
    throw new AppError('validation_failed', 'The request changes nothing', { field: null });
}
