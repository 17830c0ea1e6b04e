import { mapUniqueViolation } from '../../db/errors.ts';
import type {
  CannedResponseFields,
  CannedResponseFilter,
  CannedResponseRecord,
} from '../../db/repositories/canned-responses.repository.ts';
import * as repo from '../../db/repositories/canned-responses.repository.ts';
import { findMissingReference } from '../../db/repositories/references.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

/**
 * A canned response's body is stored as written: placeholders such as `{{ticket.number}}` stay as text and
 * the composer fills them, because only it knows the ticket, the requester and the agent replying.
 */
export interface CannedResponseInput {
  title: string;
  /** The body as plain text; ignored when `bodyHtml` is given. */
  body?: string | undefined;
  /** The body as HTML, sanitized before it is stored. */
  bodyHtml?: string | undefined;
  departmentId?: number | null | undefined;
  isActive?: boolean | undefined;
}

function titleTaken(title: string, departmentId: number | null): AppError {
  const scope = departmentId === null ? 'for every department' : `in department ${departmentId}`;
  return new AppError('already_exists', `A canned response titled "${title}" already exists ${scope}`, {
    field: 'title',
    value: title,
  });
}

function emptyBody(): AppError {
  return new AppError('validation_failed', 'A canned response needs a body', { in: 'body', field: 'body' });
}

async function checkDepartment(deps: ServiceDeps, departmentId: number | null | undefined): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'departmentId', table: 'departments', id: departmentId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** The body pair of the input, or null when the input gives no body. */
function bodyOf(input: Partial<CannedResponseInput>): { html: string; text: string } | null {
  if (input.bodyHtml === undefined && input.body === undefined) return null;
  const body = normalizeBody({ text: input.body, html: input.bodyHtml });
  if (body.text.trim() === '') throw emptyBody();
  return body;
}

/** Canned responses matching the filter, by title. */
export async function listCannedResponses(
  deps: ServiceDeps,
  filter: CannedResponseFilter,
): Promise<CannedResponseRecord[]> {
  return repo.listCannedResponses(deps.db, filter);
}

/** One canned response; not_found when it does not exist. */
export async function getCannedResponse(deps: ServiceDeps, id: number): Promise<CannedResponseRecord> {
  const found = await repo.findCannedResponse(deps.db, id);
  if (!found) throw notFound('Canned response', id);
  return found;
}

/** Creates a canned response whose title is unique within its department. */
export async function createCannedResponse(
  deps: ServiceDeps,
  input: CannedResponseInput,
): Promise<CannedResponseRecord> {
  const title = input.title.trim();
  const body = bodyOf(input);
  if (!body) throw emptyBody();
  const departmentId = input.departmentId ?? null;
  return inTransaction(deps, async (tx) => {
    await checkDepartment(tx, departmentId);
    if (await repo.isTitleTaken(tx.db, title, departmentId)) throw titleTaken(title, departmentId);
    const fields: CannedResponseFields = {
      title,
      bodyHtml: body.html,
      bodyText: body.text,
      departmentId,
      isActive: input.isActive ?? true,
    };
    const id = await mapUniqueViolation(
      () => repo.insertCannedResponse(tx.db, fields, tx.clock.now()),
      () => titleTaken(title, departmentId),
    );
    return getCannedResponse(tx, id);
  });
}

/** Changes the given fields of a canned response. */
export async function updateCannedResponse(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CannedResponseInput>,
): Promise<CannedResponseRecord> {
  const body = bodyOf(patch);
  return inTransaction(deps, async (tx) => {
    const current = await getCannedResponse(tx, id);
    await checkDepartment(tx, patch.departmentId);
    const title = patch.title?.trim() ?? current.title;
    const departmentId = patch.departmentId !== undefined ? patch.departmentId : current.departmentId;
    if (await repo.isTitleTaken(tx.db, title, departmentId, id)) throw titleTaken(title, departmentId);
    const fields: Partial<CannedResponseFields> = {
      ...(patch.title !== undefined ? { title } : {}),
      ...(body ? { bodyHtml: body.html, bodyText: body.text } : {}),
      ...(patch.departmentId !== undefined ? { departmentId } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateCannedResponse(tx.db, id, fields, tx.clock.now()),
      () => titleTaken(title, departmentId),
    );
    return getCannedResponse(tx, id);
  });
}

/** Deletes a canned response. */
export async function deleteCannedResponse(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    await getCannedResponse(tx, id);
    await repo.deleteCannedResponse(tx.db, id);
  });
}
