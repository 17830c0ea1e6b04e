import { Type } from 'typebox';
import { SETTING_LIMITS } from '../../../services/settings/settings.ts';

const fields = {
  reopenOnRequesterMessage: Type.Boolean({
    description: "A requester's message on a resolved or closed ticket reopens it.",
  }),
  autoCloseDays: Type.Integer({
    ...SETTING_LIMITS.autoCloseDays,
    description: 'Resolved tickets the requester has not answered close after this many days (0: never).',
  }),
  confirmationTokenDays: Type.Integer({
    ...SETTING_LIMITS.confirmationTokenDays,
    description: 'How long a confirmation link stays valid, in days.',
  }),
};

export const SettingsResponse = Type.Object(fields);

export const SettingsPatch = Type.Object(
  {
    reopenOnRequesterMessage: Type.Optional(fields.reopenOnRequesterMessage),
    autoCloseDays: Type.Optional(fields.autoCloseDays),
    confirmationTokenDays: Type.Optional(fields.confirmationTokenDays),
  },
  { additionalProperties: false },
);
