/**
 * The notification templates Tessera ships with. An administrator may override any of them (the
 * email_templates table); deleting the override brings the default back. Every template is written in
 * the language of template-engine.ts, and lists the variables it is rendered with.
 */

export const TEMPLATE_KEYS = [
  'auto_response',
  'reply',
  'confirmation_request',
  'new_ticket_alert',
  'new_message_alert',
  'assignment_notice',
  'portal_link',
  'agent_invite',
] as const;

export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface EmailTemplate {
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

export interface TemplateDefinition extends EmailTemplate {
  description: string;
  /** The variables this template is rendered with (dotted names). */
  variables: readonly string[];
}

/** Whether a string names one of the templates. */
export function isTemplateKey(key: string): key is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(key);
}

const TICKET = ['ticket.number', 'ticket.subject', 'ticket.department', 'ticket.status', 'ticket.priority'];
const REQUESTER = ['requester.name', 'requester.email'];
const HELPDESK = ['helpdesk.name', 'helpdesk.url'];
const AGENT_LINKS = ['links.console', 'links.settings'];

export const DEFAULT_TEMPLATES: Readonly<Record<TemplateKey, TemplateDefinition>> = {
  auto_response: {
    description: 'Sent to the requester when a ticket is opened.',
    variables: [...TICKET, ...REQUESTER, ...HELPDESK, 'entry.body', 'links.ticket'],
    subject: '[#{{ticket.number}}] {{ticket.subject}}',
    bodyText: `Hello {{requester.name}},

We received your request and opened ticket #{{ticket.number}}: "{{ticket.subject}}".
Our team will get back to you as soon as possible. To add something, reply to this email.

Follow the ticket at {{links.ticket}}

{{helpdesk.name}}
`,
    bodyHtml: `<p>Hello {{requester.name}},</p>
<p>We received your request and opened ticket <strong>#{{ticket.number}}</strong>: &ldquo;{{ticket.subject}}&rdquo;.<br>
Our team will get back to you as soon as possible. To add something, reply to this email.</p>
<p><a href="{{links.ticket}}">Follow the ticket</a></p>
<p>{{helpdesk.name}}</p>`,
  },
  reply: {
    description: "An agent's reply, sent to the requester with the collaborators in Cc.",
    variables: [
      ...TICKET,
      ...REQUESTER,
      ...HELPDESK,
      'agent.name',
      'entry.body',
      'entry.attachments',
      'entry.omittedAttachments',
      'links.ticket',
    ],
    subject: '[#{{ticket.number}}] {{ticket.subject}}',
    bodyText: `{{entry.body}}

{{agent.name}}
{{helpdesk.name}}
{{#if entry.omittedAttachments}}
Not attached because they are too large for email: {{entry.omittedAttachments}}. They are on the ticket page.
{{/if}}
Ticket #{{ticket.number}}: {{links.ticket}}
`,
    bodyHtml: `{{entry.body}}
<p>{{agent.name}}<br>{{helpdesk.name}}</p>
{{#if entry.omittedAttachments}}<p>Not attached because they are too large for email: {{entry.omittedAttachments}}. They are on the ticket page.</p>{{/if}}
<p style="color:#6b7280">Ticket <a href="{{links.ticket}}">#{{ticket.number}}</a></p>`,
  },
  confirmation_request: {
    description: 'Sent to the requester when a ticket is resolved, asking them to confirm the fix.',
    variables: [
      ...TICKET,
      ...REQUESTER,
      ...HELPDESK,
      'agent.name',
      'resolution.problem',
      'resolution.actionTaken',
      'resolution.confirmation',
      'resolution.nextSteps',
      'resolution.expiresOn',
      'links.confirm',
      'links.reopen',
      'links.ticket',
    ],
    subject: '[#{{ticket.number}}] Resolved: {{ticket.subject}}',
    bodyText: `Hello {{requester.name}},

We believe ticket #{{ticket.number}} ("{{ticket.subject}}") is resolved.

Problem identified:
{{resolution.problem}}

Action taken:
{{resolution.actionTaken}}

How we confirmed it:
{{resolution.confirmation}}
{{#if resolution.nextSteps}}
Next steps:
{{resolution.nextSteps}}
{{/if}}
Is it working for you? Please let us know:
- Yes, it is fixed: {{links.confirm}}
- No, it is still broken: {{links.reopen}}

These links work until {{resolution.expiresOn}}. You can also reply to this email.

{{agent.name}}
{{helpdesk.name}}
`,
    bodyHtml: `<p>Hello {{requester.name}},</p>
<p>We believe ticket <strong>#{{ticket.number}}</strong> (&ldquo;{{ticket.subject}}&rdquo;) is resolved.</p>
<p><strong>Problem identified</strong><br>{{resolution.problem}}</p>
<p><strong>Action taken</strong><br>{{resolution.actionTaken}}</p>
<p><strong>How we confirmed it</strong><br>{{resolution.confirmation}}</p>
{{#if resolution.nextSteps}}<p><strong>Next steps</strong><br>{{resolution.nextSteps}}</p>{{/if}}
<p>Is it working for you?</p>
<p><a href="{{links.confirm}}">Yes, it is fixed</a> &nbsp;|&nbsp; <a href="{{links.reopen}}">No, it is still broken</a></p>
<p style="color:#6b7280">These links work until {{resolution.expiresOn}}. You can also reply to this email.</p>
<p>{{agent.name}}<br>{{helpdesk.name}}</p>`,
  },
  new_ticket_alert: {
    description: 'Sent to the assignee, or the agents of the department, when a ticket is opened.',
    variables: [...TICKET, ...REQUESTER, ...HELPDESK, ...AGENT_LINKS, 'recipient.name', 'entry.body'],
    subject: '[#{{ticket.number}}] New ticket: {{ticket.subject}}',
    bodyText: `Hello {{recipient.name}},

{{requester.name}} <{{requester.email}}> opened ticket #{{ticket.number}} in {{ticket.department}} ({{ticket.priority}} priority):

{{entry.body}}

Open it: {{links.console}}
Change which emails you get: {{links.settings}}
`,
    bodyHtml: `<p>Hello {{recipient.name}},</p>
<p>{{requester.name}} &lt;{{requester.email}}&gt; opened ticket <strong>#{{ticket.number}}</strong> in {{ticket.department}} ({{ticket.priority}} priority):</p>
<blockquote>{{entry.body}}</blockquote>
<p><a href="{{links.console}}">Open the ticket</a></p>
<p style="color:#6b7280"><a href="{{links.settings}}">Change which emails you get</a></p>`,
  },
  new_message_alert: {
    description: 'Sent to the assignee, or the agents of the department, when the requester writes.',
    variables: [
      ...TICKET,
      ...REQUESTER,
      ...HELPDESK,
      ...AGENT_LINKS,
      'recipient.name',
      'entry.author',
      'entry.body',
    ],
    subject: '[#{{ticket.number}}] New message: {{ticket.subject}}',
    bodyText: `Hello {{recipient.name}},

{{entry.author}} wrote on ticket #{{ticket.number}} ({{ticket.status}}):

{{entry.body}}

Open it: {{links.console}}
Change which emails you get: {{links.settings}}
`,
    bodyHtml: `<p>Hello {{recipient.name}},</p>
<p>{{entry.author}} wrote on ticket <strong>#{{ticket.number}}</strong> ({{ticket.status}}):</p>
<blockquote>{{entry.body}}</blockquote>
<p><a href="{{links.console}}">Open the ticket</a></p>
<p style="color:#6b7280"><a href="{{links.settings}}">Change which emails you get</a></p>`,
  },
  assignment_notice: {
    description: 'Sent to an agent when someone else assigns them a ticket.',
    variables: [...TICKET, ...REQUESTER, ...HELPDESK, ...AGENT_LINKS, 'recipient.name', 'agent.name'],
    subject: '[#{{ticket.number}}] Assigned to you: {{ticket.subject}}',
    bodyText: `Hello {{recipient.name}},

{{agent.name}} assigned ticket #{{ticket.number}} ("{{ticket.subject}}", from {{requester.name}}) to you.

Open it: {{links.console}}
Change which emails you get: {{links.settings}}
`,
    bodyHtml: `<p>Hello {{recipient.name}},</p>
<p>{{agent.name}} assigned ticket <strong>#{{ticket.number}}</strong> (&ldquo;{{ticket.subject}}&rdquo;, from {{requester.name}}) to you.</p>
<p><a href="{{links.console}}">Open the ticket</a></p>
<p style="color:#6b7280"><a href="{{links.settings}}">Change which emails you get</a></p>`,
  },
  portal_link: {
    description: 'A one-time sign-in link to the customer portal.',
    variables: [...HELPDESK, 'recipient.name', 'links.signIn', 'link.expiresInMinutes'],
    subject: 'Your sign-in link for {{helpdesk.name}}',
    bodyText: `Hello {{recipient.name}},

Sign in to {{helpdesk.name}} with this link: {{links.signIn}}
It works once, for {{link.expiresInMinutes}} minutes. If you did not ask for it, ignore this email.
`,
    bodyHtml: `<p>Hello {{recipient.name}},</p>
<p><a href="{{links.signIn}}">Sign in to {{helpdesk.name}}</a></p>
<p style="color:#6b7280">The link works once, for {{link.expiresInMinutes}} minutes. If you did not ask for it, ignore this email.</p>`,
  },
  agent_invite: {
    description: 'An invitation for a new agent to choose a password and sign in.',
    variables: [...HELPDESK, 'recipient.name', 'links.invite', 'link.expiresInDays'],
    subject: 'You are invited to {{helpdesk.name}}',
    bodyText: `Hello {{recipient.name}},

You have an agent account at {{helpdesk.name}}. Choose your password here: {{links.invite}}
The link works once, for {{link.expiresInDays}} days; then sign in at {{helpdesk.url}}/agent.
`,
    bodyHtml: `<p>Hello {{recipient.name}},</p>
<p>You have an agent account at {{helpdesk.name}}. <a href="{{links.invite}}">Choose your password</a></p>
<p style="color:#6b7280">The link works once, for {{link.expiresInDays}} days; then sign in at <a href="{{helpdesk.url}}/agent">{{helpdesk.url}}/agent</a>.</p>`,
  },
};
