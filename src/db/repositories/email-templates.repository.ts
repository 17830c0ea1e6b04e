import type { Db } from '../database.ts';

/** An administrator's version of a notification template (the defaults live in code). */
export interface EmailTemplateOverride {
  key: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  updatedAt: number;
}

function toOverride(row: {
  key: string;
  subject: string;
  body_text: string;
  body_html: string;
  updated_at: number;
}): EmailTemplateOverride {
  return {
    key: row.key,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    updatedAt: row.updated_at,
  };
}

/** Every stored override. */
export async function listTemplateOverrides(db: Db): Promise<EmailTemplateOverride[]> {
  return (await db.selectFrom('email_templates').selectAll().orderBy('key').execute()).map(toOverride);
}

/** The override of one template, or null when the default applies. */
export async function findTemplateOverride(db: Db, key: string): Promise<EmailTemplateOverride | null> {
  const row = await db.selectFrom('email_templates').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toOverride(row) : null;
}

/** Stores (or replaces) the override of a template. */
export async function saveTemplateOverride(db: Db, template: EmailTemplateOverride): Promise<void> {
  const values = {
    subject: template.subject,
    body_text: template.bodyText,
    body_html: template.bodyHtml,
    updated_at: template.updatedAt,
  };
  await db
    .insertInto('email_templates')
    .values({ key: template.key, ...values })
    .onConflict((conflict) => conflict.column('key').doUpdateSet(values))
    .execute();
}

/** Removes the override of a template; false when there was none. */
export async function deleteTemplateOverride(db: Db, key: string): Promise<boolean> {
  const result = await db.deleteFrom('email_templates').where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
