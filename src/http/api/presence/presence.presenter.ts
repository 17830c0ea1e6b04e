import type { Static } from 'typebox';
import { iso } from '../../../lib/json.ts';
import type { PresenceRecord } from '../../../services/presence/presence.ts';
import type { Presence } from './presence.schema.ts';

/** Another agent on a ticket, as the API shows it. */
export function presentPresence(presence: PresenceRecord): Static<typeof Presence> {
  return {
    agent: { id: presence.agentId, name: presence.agentName },
    state: presence.state,
    since: iso(presence.startedAt) as string,
    expiresAt: iso(presence.expiresAt) as string,
  };
}
