import { DAY_MS, HOUR_MS } from '../lib/clock.ts';
import { releaseWaitingMailTask } from '../mail/outbound/release-waiting.ts';
import { sendOutboundMessageJob } from '../mail/outbound/send.ts';
import {
  TICKET_CREATED_JOB_TYPE,
  ticketCreatedNotificationJob,
} from '../services/notifications/notify-ticket-created.ts';
import { purgeExpiredPresenceTask } from '../services/presence/presence.ts';
import { autoCloseResolvedTickets, markOverdueTickets } from '../services/tickets/scheduled-rules.ts';
import { purgeIdempotencyKeysTask, purgeJobsTask, purgeSessionsTask } from './maintenance.ts';
import type { JobHandler, RecurringTask } from './types.ts';

/**
 * Every job the worker knows how to run, in one place. A job type missing here fails with a clear error,
 * so register a handler before code that queues its type is deployed.
 */

/** Jobs queued on demand (the outbox: email, webhooks...), by type. One line each. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'mail.send': sendOutboundMessageJob,
  [TICKET_CREATED_JOB_TYPE]: ticketCreatedNotificationJob,
};

/** Tasks that repeat on their own. One line each: `{ type, everyMs, handler }`. */
export const RECURRING_TASKS: readonly RecurringTask[] = [
  {
    type: 'tickets.mark-overdue',
    everyMs: 60_000,
    handler: async (deps) => void (await markOverdueTickets(deps)),
  },
  {
    type: 'tickets.auto-close',
    everyMs: 15 * 60_000,
    handler: async (deps) => void (await autoCloseResolvedTickets(deps)),
  },
  { type: 'maintenance.purge-sessions', everyMs: HOUR_MS, handler: purgeSessionsTask },
  { type: 'maintenance.purge-jobs', everyMs: DAY_MS, handler: purgeJobsTask },
  { type: 'maintenance.purge-idempotency-keys', everyMs: DAY_MS, handler: purgeIdempotencyKeysTask },
  { type: 'presence.purge-expired', everyMs: 5 * 60_000, handler: purgeExpiredPresenceTask },
  { type: 'mail.release-waiting', everyMs: 60_000, handler: releaseWaitingMailTask },
];
