import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import {
  findMissingReference,
  findReferencingLabels,
  isNameTaken,
} from '../../db/repositories/references.repository.ts';
import type { TopicFields, TopicRecord } from '../../db/repositories/topics.repository.ts';
import * as repo from '../../db/repositories/topics.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreateTopicInput {
  name: string;
  departmentId?: number | null;
  priorityId?: number | null;
  slaPlanId?: number | null;
  assigneeAgentId?: number | null;
  assigneeTeamId?: number | null;
  isPublic?: boolean;
  isActive?: boolean;
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A help topic named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

async function checkReferences(deps: ServiceDeps, input: Partial<CreateTopicInput>): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'departmentId', table: 'departments', id: input.departmentId },
    { field: 'priorityId', table: 'priorities', id: input.priorityId },
    { field: 'slaPlanId', table: 'sla_plans', id: input.slaPlanId },
    { field: 'assigneeAgentId', table: 'agents', id: input.assigneeAgentId },
    { field: 'assigneeTeamId', table: 'teams', id: input.assigneeTeamId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** Every help topic. */
export async function listTopics(deps: ServiceDeps): Promise<TopicRecord[]> {
  return repo.listTopics(deps.db);
}

/** One help topic; not_found when it does not exist. */
export async function getTopic(deps: ServiceDeps, id: number): Promise<TopicRecord> {
  const topic = await repo.findTopic(deps.db, id);
  if (!topic) throw notFound('Help topic', id);
  return topic;
}

/** Creates a help topic with the defaults it gives new tickets. */
export async function createTopic(deps: ServiceDeps, input: CreateTopicInput): Promise<TopicRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    await checkReferences(tx, input);
    if (await isNameTaken(tx.db, 'help_topics', name)) throw nameTaken(name);
    const fields: TopicFields = {
      name,
      departmentId: input.departmentId ?? null,
      priorityId: input.priorityId ?? null,
      slaPlanId: input.slaPlanId ?? null,
      assigneeAgentId: input.assigneeAgentId ?? null,
      assigneeTeamId: input.assigneeTeamId ?? null,
      isPublic: input.isPublic ?? true,
      isActive: input.isActive ?? true,
    };
    const id = await mapUniqueViolation(
      () => repo.insertTopic(tx.db, fields, tx.clock.now()),
      () => nameTaken(name),
    );
    return getTopic(tx, id);
  });
}

/** Changes the given fields of a help topic. */
export async function updateTopic(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateTopicInput>,
): Promise<TopicRecord> {
  return inTransaction(deps, async (tx) => {
    await getTopic(tx, id);
    await checkReferences(tx, patch);
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'help_topics', name, id))) throw nameTaken(name);
    await mapUniqueViolation(
      () =>
        repo.updateTopic(tx.db, id, { ...patch, ...(name !== undefined ? { name } : {}) }, tx.clock.now()),
      () => nameTaken(name ?? ''),
    );
    return getTopic(tx, id);
  });
}

/** Deletes a help topic no ticket was filed under (deactivate it to retire it from intake). */
export async function deleteTopic(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const topic = await getTopic(tx, id);
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'tickets', table: 'tickets', column: 'topic_id' },
    ]);
    const inUse = () =>
      new AppError('in_use', `Tickets were filed under "${topic.name}"; deactivate it instead`, {
        usedBy: ['tickets'],
      });
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteTopic(tx.db, id), inUse);
  });
}
