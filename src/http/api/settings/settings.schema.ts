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
  emailAutoResponse: Type.Boolean({ description: 'Email the requester an acknowledgement of a new ticket.' }),
  emailAgentReply: Type.Boolean({ description: "Email agents' replies to the requester and collaborators." }),
  emailConfirmationRequest: Type.Boolean({
    description: 'Email the requester the resolution with its confirm / still-broken links.',
  }),
  emailNewTicketAlert: Type.Boolean({ description: 'Alert the assignee or the department to a new ticket.' }),
  emailNewMessageAlert: Type.Boolean({
    description: "Alert the assignee or the department to a requester's new message.",
  }),
  emailAssignmentNotice: Type.Boolean({
    description: 'Tell an agent when someone else assigns them a ticket.',
  }),
  addCcAsCollaborators: Type.Boolean({
    description: 'People an email was also addressed to (To and Cc) become collaborators on its ticket.',
  }),
};

export const SettingsResponse = Type.Object(fields);

export const SettingsPatch = Type.Object(
  {
    reopenOnRequesterMessage: Type.Optional(fields.reopenOnRequesterMessage),
    autoCloseDays: Type.Optional(fields.autoCloseDays),
    confirmationTokenDays: Type.Optional(fields.confirmationTokenDays),
    emailAutoResponse: Type.Optional(fields.emailAutoResponse),
    emailAgentReply: Type.Optional(fields.emailAgentReply),
    emailConfirmationRequest: Type.Optional(fields.emailConfirmationRequest),
    emailNewTicketAlert: Type.Optional(fields.emailNewTicketAlert),
    emailNewMessageAlert: Type.Optional(fields.emailNewMessageAlert),
    emailAssignmentNotice: Type.Optional(fields.emailAssignmentNotice),
    addCcAsCollaborators: Type.Optional(fields.addCcAsCollaborators),
  },
  { additionalProperties: false },
);
