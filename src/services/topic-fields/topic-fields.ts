import { mapUniqueViolation } from '../../db/errors.ts';
import type { TopicFieldColumns, TopicFieldRecord } from '../../db/repositories/topic-fields.repository.ts';
import * as repo from '../../db/repositories/topic-fields.repository.ts';
import { findTopic } from '../../db/repositories/topics.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { FormFieldType } from '../../domain/forms/form-values.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface TopicFieldInput {
  key: string;
  label: string;
  type: FormFieldType;
  isRequired?: boolean | undefined;
  options?: string[] | undefined;
  placeholder?: string | null | undefined;
  helpText?: string | null | undefined;
  sortOrder?: number | undefined;
  isPublic?: boolean | undefined;
}

function keyTaken(key: string): AppError {
  return new AppError('already_exists', `This help topic already has a field with the key "${key}"`, {
    field: 'key',
    value: key,
  });
}

async function requireTopic(deps: ServiceDeps, topicId: number): Promise<void> {
  if (!(await findTopic(deps.db, topicId))) throw notFound('Help topic', topicId);
}

/** A select lists its options once each; other types have none (sent options would be silently lost). */
function optionsFor(type: FormFieldType, sent: string[] | undefined, kept: string[]): string[] {
  if (type !== 'select') {
    if (sent && sent.length > 0) {
      throw new AppError('validation_failed', `A ${type} field takes no options`, {
        in: 'body',
        field: 'options',
      });
    }
    return [];
  }
  const options = (sent ?? kept).map((option) => option.trim());
  if (options.length === 0 || options.some((option) => option.length === 0)) {
    throw new AppError('validation_failed', 'A select field needs at least one non-empty option', {
      in: 'body',
      field: 'options',
    });
  }
  if (new Set(options).size !== options.length) {
    throw new AppError('validation_failed', 'The options of a select field must differ', {
      in: 'body',
      field: 'options',
    });
  }
  return options;
}

function blankToNull(text: string | null | undefined): string | null | undefined {
  if (text === undefined || text === null) return text;
  return text.trim() === '' ? null : text.trim();
}

/** The fields of a help topic's form, in form order; not_found when the topic does not exist. */
export async function listTopicFields(deps: ServiceDeps, topicId: number): Promise<TopicFieldRecord[]> {
  await requireTopic(deps, topicId);
  return repo.listFieldsOfTopics(deps.db, [topicId]);
}

/** One field of a help topic; not_found when either does not exist. */
export async function getTopicField(
  deps: ServiceDeps,
  topicId: number,
  id: number,
): Promise<TopicFieldRecord> {
  await requireTopic(deps, topicId);
  const field = await repo.findTopicField(deps.db, topicId, id);
  if (!field) throw notFound('Field', id);
  return field;
}

/** Adds a field to a help topic's form; its key must be new to the topic. */
export async function createTopicField(
  deps: ServiceDeps,
  topicId: number,
  input: TopicFieldInput,
): Promise<TopicFieldRecord> {
  const columns: TopicFieldColumns = {
    key: input.key,
    label: input.label.trim(),
    type: input.type,
    isRequired: input.isRequired ?? false,
    options: optionsFor(input.type, input.options, []),
    placeholder: blankToNull(input.placeholder) ?? null,
    helpText: blankToNull(input.helpText) ?? null,
    sortOrder: input.sortOrder ?? 0,
    isPublic: input.isPublic ?? true,
  };
  return inTransaction(deps, async (tx) => {
    await requireTopic(tx, topicId);
    if (await repo.isFieldKeyTaken(tx.db, topicId, input.key, null)) throw keyTaken(input.key);
    const id = await mapUniqueViolation(
      () => repo.insertTopicField(tx.db, topicId, columns, tx.clock.now()),
      () => keyTaken(input.key),
    );
    return getTopicField(tx, topicId, id);
  });
}

/** Changes the given properties of a field. Values tickets already hold are left as they are. */
export async function updateTopicField(
  deps: ServiceDeps,
  topicId: number,
  id: number,
  patch: Partial<TopicFieldInput>,
): Promise<TopicFieldRecord> {
  return inTransaction(deps, async (tx) => {
    const field = await getTopicField(tx, topicId, id);
    const type = patch.type ?? field.type;
    if (patch.key !== undefined && (await repo.isFieldKeyTaken(tx.db, topicId, patch.key, id))) {
      throw keyTaken(patch.key);
    }
    const changes: Partial<TopicFieldColumns> = {
      ...(patch.key !== undefined ? { key: patch.key } : {}),
      ...(patch.label !== undefined ? { label: patch.label.trim() } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.isRequired !== undefined ? { isRequired: patch.isRequired } : {}),
      options: optionsFor(type, patch.options, field.options),
      ...(patch.placeholder !== undefined ? { placeholder: blankToNull(patch.placeholder) ?? null } : {}),
      ...(patch.helpText !== undefined ? { helpText: blankToNull(patch.helpText) ?? null } : {}),
      ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
      ...(patch.isPublic !== undefined ? { isPublic: patch.isPublic } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateTopicField(tx.db, id, changes, tx.clock.now()),
      () => keyTaken(patch.key ?? field.key),
    );
    return getTopicField(tx, topicId, id);
  });
}

/** Removes a field from a help topic's form. */
export async function deleteTopicField(deps: ServiceDeps, topicId: number, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    await getTopicField(tx, topicId, id);
    await repo.deleteTopicField(tx.db, id);
  });
}
