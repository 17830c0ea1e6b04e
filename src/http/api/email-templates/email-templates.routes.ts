import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { iso } from '../../../lib/json.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  type EmailTemplateView,
  getEmailTemplate,
  listEmailTemplates,
  previewEmailTemplate,
  resetEmailTemplate,
  saveEmailTemplate,
} from '../../../services/notifications/email-templates.ts';
import { errorResponses } from '../common.schema.ts';
import {
  EmailTemplateBody,
  EmailTemplateList,
  EmailTemplatePreview,
  EmailTemplatePreviewBody,
  EmailTemplateSchema,
  TemplateKeyParams,
} from './email-templates.schema.ts';

function present(template: EmailTemplateView): Static<typeof EmailTemplateSchema> {
  return { ...template, variables: [...template.variables], updatedAt: iso(template.updatedAt) };
}

/** The notification templates, for administrators: read, change, restore, preview. */
export function registerEmailTemplateRoutes(parent: FastifyInstance, deps: ServiceDeps): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['email-templates'];

  app.get(
    '/email-templates',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'List the email templates, with whether each was customized',
        response: { 200: EmailTemplateList, ...errorResponses },
      },
    },
    async () => ({ items: (await listEmailTemplates(deps)).map(present) }),
  );

  app.get(
    '/email-templates/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Read one email template',
        params: TemplateKeyParams,
        response: { 200: EmailTemplateSchema, ...errorResponses },
      },
    },
    async (request) => present(await getEmailTemplate(deps, request.params.key)),
  );

  app.put(
    '/email-templates/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Replace an email template ({{name}} inserts a variable, {{#if name}}...{{/if}} a block)',
        params: TemplateKeyParams,
        body: EmailTemplateBody,
        response: { 200: EmailTemplateSchema, ...errorResponses },
      },
    },
    async (request) => present(await saveEmailTemplate(deps, request.params.key, request.body)),
  );

  app.delete(
    '/email-templates/:key',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Restore the default of an email template',
        params: TemplateKeyParams,
        response: { 200: EmailTemplateSchema, ...errorResponses },
      },
    },
    async (request) => present(await resetEmailTemplate(deps, request.params.key)),
  );

  app.post(
    '/email-templates/:key/preview',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Render a template (or an unsaved draft of it) with sample data',
        params: TemplateKeyParams,
        body: EmailTemplatePreviewBody,
        response: { 200: EmailTemplatePreview, ...errorResponses },
      },
    },
    async (request) => previewEmailTemplate(deps, request.params.key, request.body ?? {}),
  );
}
