import { Type } from 'typebox';
import { TEMPLATE_KEYS } from '../../../mail/outbound/templates.ts';
import { NullableTimestamp } from '../common.schema.ts';

const MAX_SUBJECT = 500;
const MAX_BODY = 100_000;

export const TemplateKeyParams = Type.Object({
  key: Type.String({ pattern: '^[a-z_]{1,64}$', description: TEMPLATE_KEYS.join(', ') }),
});

const subject = Type.String({ minLength: 1, maxLength: MAX_SUBJECT });
const bodyText = Type.String({ minLength: 1, maxLength: MAX_BODY });
const bodyHtml = Type.String({ minLength: 1, maxLength: MAX_BODY });

export const EmailTemplateSchema = Type.Object({
  key: Type.String(),
  description: Type.String(),
  variables: Type.Array(Type.String(), { description: 'The names this template is rendered with.' }),
  subject: Type.String(),
  bodyText: Type.String(),
  bodyHtml: Type.String(),
  isCustomized: Type.Boolean({ description: 'An administrator changed it; DELETE restores the default.' }),
  updatedAt: NullableTimestamp,
});

export const EmailTemplateList = Type.Object({ items: Type.Array(EmailTemplateSchema) });

export const EmailTemplateBody = Type.Object(
  { subject, bodyText, bodyHtml },
  { additionalProperties: false },
);

export const EmailTemplatePreviewBody = Type.Object(
  { subject: Type.Optional(subject), bodyText: Type.Optional(bodyText), bodyHtml: Type.Optional(bodyHtml) },
  { additionalProperties: false },
);

export const EmailTemplatePreview = Type.Object({
  subject: Type.String(),
  bodyText: Type.String(),
  bodyHtml: Type.String(),
  unknownVariables: Type.Array(Type.String(), {
    description: 'Names used in the template that this kind of mail does not have: they render empty.',
  }),
});
