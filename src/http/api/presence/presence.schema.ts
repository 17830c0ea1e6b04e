import { Type } from 'typebox';
import { Timestamp } from '../common.schema.ts';

export const PresenceState = Type.Union([Type.Literal('viewing'), Type.Literal('replying')]);

export const PresenceBody = Type.Object({ state: PresenceState }, { additionalProperties: false });

export const Presence = Type.Object({
  agent: Type.Object({ id: Type.Integer(), name: Type.String() }),
  state: PresenceState,
  since: Timestamp,
  expiresAt: Timestamp,
});
