import type { Db } from '../../db/database.ts';
import { readSettings, writeSetting, writeSettingOnce } from '../../db/repositories/settings.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { randomToken } from '../../lib/crypto.ts';
import { parseJson } from '../../lib/json.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

/** Settings an administrator can change at run time, with their defaults. */
export interface Settings {
  /** A requester's message on a resolved or closed ticket reopens it. */
  reopenOnRequesterMessage: boolean;
  /** Resolved tickets the requester has not answered close after this many days (0: never). */
  autoCloseDays: number;
  /** How long a confirmation link stays valid, in days. */
  confirmationTokenDays: number;
  /** Email the requester an acknowledgement when a ticket is opened. */
  emailAutoResponse: boolean;
  /** Email agents' replies to the requester and collaborators. */
  emailAgentReply: boolean;
  /** Email the requester the resolution with its confirm / still-broken links. */
  emailConfirmationRequest: boolean;
  /** Alert the assignee (or the department's agents) to a new ticket. */
  emailNewTicketAlert: boolean;
  /** Alert the assignee (or the department's agents) to a requester's new message. */
  emailNewMessageAlert: boolean;
  /** Tell an agent when someone else assigns them a ticket. */
  emailAssignmentNotice: boolean;
  /** People an email was also addressed to (To and Cc) become collaborators on its ticket. */
  addCcAsCollaborators: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  reopenOnRequesterMessage: true,
  autoCloseDays: 7,
  confirmationTokenDays: 14,
  emailAutoResponse: true,
  emailAgentReply: true,
  emailConfirmationRequest: true,
  emailNewTicketAlert: true,
  emailNewMessageAlert: true,
  emailAssignmentNotice: true,
  addCcAsCollaborators: true,
});

/** The allowed range of each numeric setting; the HTTP schema is built from the same numbers. */
export const SETTING_LIMITS = Object.freeze({
  autoCloseDays: { minimum: 0, maximum: 365 },
  confirmationTokenDays: { minimum: 1, maximum: 90 },
});

const PREFIX = 'general.';

/** The current settings, defaults filled in. */
export async function getSettings(db: Db): Promise<Settings> {
  const stored = await readSettings(db);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const raw = stored.get(PREFIX + key);
    if (raw !== undefined) Object.assign(settings, { [key]: parseJson(raw, DEFAULT_SETTINGS[key]) });
  }
  return settings;
}

/** Stores the given settings; callers validate values first (the HTTP schema does). */
export async function updateSettings(db: Db, changes: Partial<Settings>): Promise<Settings> {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined && key in DEFAULT_SETTINGS)
      await writeSetting(db, PREFIX + key, JSON.stringify(value));
  }
  return getSettings(db);
}

/** Checks and stores a change to the settings in one transaction, returning the settings afterwards. */
export async function changeSettings(deps: ServiceDeps, changes: Partial<Settings>): Promise<Settings> {
  for (const [key, range] of Object.entries(SETTING_LIMITS)) {
    const value = changes[key as keyof typeof SETTING_LIMITS];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < range.minimum || value > range.maximum) {
      throw new AppError(
        'validation_failed',
        `${key} must be an integer from ${range.minimum} to ${range.maximum}`,
        { in: 'body', field: key },
      );
    }
  }
  for (const [key, value] of Object.entries(changes)) {
    const isFlag = typeof DEFAULT_SETTINGS[key as keyof Settings] === 'boolean';
    if (isFlag && value !== undefined && typeof value !== 'boolean') {
      throw new AppError('validation_failed', `${key} must be a boolean`, { in: 'body', field: key });
    }
  }
  return inTransaction(deps, (tx) => updateSettings(tx.db, changes));
}

/**
 * The key that signs confirmation links: SECRET_KEY when configured, otherwise one generated on first
 * start and kept in the database, so links stay valid across restarts and across processes.
 */
export async function resolveSecretKey(db: Db, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  return writeSettingOnce(db, 'security.secretKey', randomToken(48));
}
