import { setTimeout as sleep } from 'node:timers/promises';
import {
  claimAcceptance,
  findAcceptedHolder,
  hasEntryWithMessageId,
  releaseStaleAcceptances,
} from '../../db/repositories/inbound-messages.repository.ts';
import type { ServiceDeps } from '../../services/deps.ts';

/**
 * One message, one entry. A delivery marks its row accepted before it writes the ticket change, and a
 * unique index lets only one row per Message-ID be accepted; a second delivery that finds the first
 * finished is a duplicate, one that finds it still at work waits a little, and one that finds it
 * abandoned (the process died mid-way) takes over once the claim has gone stale.
 */

/** A claim older than this with no entry belongs to a delivery that died. */
export const CLAIM_LEASE_MS = 2 * 60_000;
const WAIT_STEP_MS = 100;
const MAX_WAIT_MS = 5_000;

/** Another delivery of the same message is still at work: try again later. */
export class MessageInFlightError extends Error {
  constructor(readonly messageId: string) {
    super(`Another delivery of ${messageId} is being processed; try again later`);
    this.name = 'MessageInFlightError';
  }
}

/** Whether this Message-ID already made its entry (so this delivery is a duplicate). */
export async function isFinishedDuplicate(
  deps: ServiceDeps,
  messageId: string,
  rowId: number,
): Promise<boolean> {
  const holder = await findAcceptedHolder(deps.db, messageId, rowId);
  return (holder !== null && holder.entryId !== null) || (await hasEntryWithMessageId(deps.db, messageId));
}

/** Claims the message for this delivery, or finds it was a duplicate; throws MessageInFlightError to retry later. */
export async function acquireAcceptance(
  deps: ServiceDeps,
  rowId: number,
  messageId: string,
): Promise<'claimed' | 'duplicate'> {
  for (let waited = 0; ; waited += WAIT_STEP_MS) {
    await releaseStaleAcceptances(deps.db, messageId, deps.clock.now() - CLAIM_LEASE_MS);
    if (await isFinishedDuplicate(deps, messageId, rowId)) return 'duplicate';
    const holder = await findAcceptedHolder(deps.db, messageId, rowId);
    if (!holder && (await claimAcceptance(deps.db, rowId, messageId, deps.clock.now()))) return 'claimed';
    if (waited >= MAX_WAIT_MS) throw new MessageInFlightError(messageId);
    await sleep(WAIT_STEP_MS);
  }
}
