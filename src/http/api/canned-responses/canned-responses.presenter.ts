import type { Static } from 'typebox';
import type { CannedResponseRecord } from '../../../db/repositories/canned-responses.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { CannedResponse } from './canned-responses.schema.ts';

/** A canned response as the API shows it. */
export function presentCannedResponse(canned: CannedResponseRecord): Static<typeof CannedResponse> {
  return {
    id: canned.id,
    title: canned.title,
    bodyHtml: canned.bodyHtml,
    bodyText: canned.bodyText,
    departmentId: canned.departmentId,
    isActive: canned.isActive,
    createdAt: iso(canned.createdAt) as string,
    updatedAt: iso(canned.updatedAt) as string,
  };
}
