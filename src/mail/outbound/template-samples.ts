import { RichText, type TemplateValue, type TemplateVariables } from './template-engine.ts';
import { DEFAULT_TEMPLATES, type TemplateKey } from './templates.ts';

/** Made-up values for every template variable, for previews. */
function fullSample(publicUrl: string, helpdeskName: string): TemplateVariables {
  return {
    helpdesk: { name: helpdeskName, url: publicUrl },
    ticket: {
      number: '1042',
      subject: 'Online banking login fails',
      department: 'Support',
      status: 'Open',
      priority: 'High',
    },
    requester: { name: 'Dana Example', email: 'dana@example.com' },
    recipient: { name: 'Alex Agent' },
    agent: { name: 'Sam Support' },
    entry: {
      author: 'Dana Example',
      body: new RichText(
        'Since this morning the login page says "session expired" right after I sign in.',
        '<p>Since this morning the login page says &quot;session expired&quot; right after I sign in.</p>',
      ),
      attachments: ['screenshot.png'],
      omittedAttachments: [],
    },
    resolution: {
      problem: 'The TLS certificate of the login service expired at midnight.',
      actionTaken: 'Renewed the certificate and reloaded the load balancers.',
      confirmation: 'Signed in from two networks after the change.',
      nextSteps: 'Certificate expiry is now monitored.',
      expiresOn: '2026-01-19',
    },
    links: {
      ticket: `${publicUrl}/tickets/1042`,
      console: `${publicUrl}/agent/tickets/1042`,
      settings: `${publicUrl}/agent/settings/notifications`,
      confirm: `${publicUrl}/confirm/sample-token`,
      reopen: `${publicUrl}/confirm/sample-token?action=reopen`,
      signIn: `${publicUrl}/portal/signin/sample-token`,
      invite: `${publicUrl}/agent/invite/sample-token`,
    },
    link: { expiresInMinutes: 15, expiresInDays: 7 },
  };
}

function valueAt(variables: TemplateVariables, path: string): TemplateValue {
  let current: TemplateValue = variables;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || current instanceof RichText) return undefined;
    if (Array.isArray(current)) return undefined;
    current = (current as TemplateVariables)[segment];
  }
  return current;
}

/**
 * Sample variables for one template: exactly the names it is rendered with when mail goes out, so a
 * preview reports a name the real mail would not know.
 */
export function buildSampleVariables(
  key: TemplateKey,
  options: { publicUrl: string; helpdeskName: string },
): TemplateVariables {
  const full = fullSample(options.publicUrl, options.helpdeskName);
  const sample: Record<string, Record<string, TemplateValue>> = {};
  for (const path of DEFAULT_TEMPLATES[key].variables) {
    const [group, name] = path.split('.') as [string, string];
    sample[group] = { ...sample[group], [name]: valueAt(full, path) };
  }
  return sample;
}
