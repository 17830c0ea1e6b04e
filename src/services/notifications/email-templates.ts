import {
  deleteTemplateOverride,
  findTemplateOverride,
  listTemplateOverrides,
  saveTemplateOverride,
} from '../../db/repositories/email-templates.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { type RenderedEmail, renderEmail } from '../../mail/outbound/render.ts';
import { findTemplateError } from '../../mail/outbound/template-engine.ts';
import { buildSampleVariables } from '../../mail/outbound/template-samples.ts';
import {
  DEFAULT_TEMPLATES,
  type EmailTemplate,
  isTemplateKey,
  TEMPLATE_KEYS,
  type TemplateKey,
} from '../../mail/outbound/templates.ts';
import type { ServiceDeps } from '../deps.ts';
import { helpdeskNameOf } from './ticket-mail.ts';

/** A template as administrators see it: the one in force, and whether it differs from the default. */
export interface EmailTemplateView extends EmailTemplate {
  key: TemplateKey;
  description: string;
  variables: readonly string[];
  isCustomized: boolean;
  updatedAt: number | null;
}

function requireKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw notFound('Email template', key);
  return key;
}

function viewOf(
  key: TemplateKey,
  override: { subject: string; bodyText: string; bodyHtml: string; updatedAt: number } | null,
): EmailTemplateView {
  const definition = DEFAULT_TEMPLATES[key];
  const current = override ?? definition;
  return {
    key,
    description: definition.description,
    variables: definition.variables,
    subject: current.subject,
    bodyText: current.bodyText,
    bodyHtml: current.bodyHtml,
    isCustomized: override !== null,
    updatedAt: override?.updatedAt ?? null,
  };
}

/** Rejects a template whose parts do not parse, naming the part and the problem. */
function assertParses(template: Partial<EmailTemplate>): void {
  for (const field of ['subject', 'bodyText', 'bodyHtml'] as const) {
    const source = template[field];
    const problem = source === undefined ? null : findTemplateError(source);
    if (problem) {
      throw new AppError('validation_failed', `${field}: ${problem}`, { in: 'body', field });
    }
  }
}

/** Every template, in a fixed order. */
export async function listEmailTemplates(deps: ServiceDeps): Promise<EmailTemplateView[]> {
  const overrides = new Map((await listTemplateOverrides(deps.db)).map((row) => [row.key, row]));
  return TEMPLATE_KEYS.map((key) => viewOf(key, overrides.get(key) ?? null));
}

/** One template; 404 for a key Tessera does not have. */
export async function getEmailTemplate(deps: ServiceDeps, key: string): Promise<EmailTemplateView> {
  const known = requireKey(key);
  return viewOf(known, await findTemplateOverride(deps.db, known));
}

/** Stores an administrator's version of a template; it must parse. */
export async function saveEmailTemplate(
  deps: ServiceDeps,
  key: string,
  template: EmailTemplate,
): Promise<EmailTemplateView> {
  const known = requireKey(key);
  assertParses(template);
  await saveTemplateOverride(deps.db, { key: known, ...template, updatedAt: deps.clock.now() });
  return getEmailTemplate(deps, known);
}

/** Drops the administrator's version: the default applies again. */
export async function resetEmailTemplate(deps: ServiceDeps, key: string): Promise<EmailTemplateView> {
  const known = requireKey(key);
  await deleteTemplateOverride(deps.db, known);
  return viewOf(known, null);
}

/**
 * Renders a template with sample data: the one in force, or a draft given in `draft` (parts left out
 * come from the one in force). Names the real mail would not know are listed in unknownVariables.
 */
export async function previewEmailTemplate(
  deps: ServiceDeps,
  key: string,
  draft: Partial<EmailTemplate> = {},
): Promise<RenderedEmail> {
  const current = await getEmailTemplate(deps, key);
  assertParses(draft);
  const template: EmailTemplate = {
    subject: draft.subject ?? current.subject,
    bodyText: draft.bodyText ?? current.bodyText,
    bodyHtml: draft.bodyHtml ?? current.bodyHtml,
  };
  const variables = buildSampleVariables(current.key, {
    publicUrl: deps.publicUrl,
    helpdeskName: helpdeskNameOf(deps),
  });
  const isTicketMail = current.key !== 'portal_link' && current.key !== 'agent_invite';
  return renderEmail(template, variables, { ticketNumber: isTicketMail ? '1042' : null });
}
