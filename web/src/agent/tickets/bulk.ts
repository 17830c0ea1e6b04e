import { api, call } from '../../api/client.ts';
import type { BodyOf } from '../../api/types.ts';

export type BulkChanges = BodyOf<'/api/v1/tickets/bulk', 'post'>['changes'];

export interface BulkResult {
  succeeded: string[];
  failed: Array<{ number: string; message: string }>;
}

/** Applies one change to many tickets in one call; each ticket succeeds or fails on its own. */
export async function applyBulk(numbers: string[], changes: BulkChanges): Promise<BulkResult> {
  const answer = await call(api.POST('/api/v1/tickets/bulk', { body: { numbers, changes } }));
  return {
    succeeded: answer.results.filter((result) => result.ok).map((result) => result.number),
    failed: answer.results
      .filter((result) => !result.ok)
      .map((result) => ({ number: result.number, message: result.error?.message ?? 'failed' })),
  };
}
