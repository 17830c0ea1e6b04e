import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REPLY_MARKER } from '../reply-marker.ts';
import { renderEmail } from './render.ts';
import { buildSampleVariables } from './template-samples.ts';
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS } from './templates.ts';

describe('rendering a mail', () => {
  it('renders every default template with its own variables and nothing unknown', () => {
    for (const key of TEMPLATE_KEYS) {
      const variables = buildSampleVariables(key, {
        publicUrl: 'https://desk.example',
        helpdeskName: 'Desk',
      });
      const rendered = renderEmail(DEFAULT_TEMPLATES[key], variables, { ticketNumber: '1042' });
      assert.deepEqual(rendered.unknownVariables, [], key);
      assert.ok(rendered.subject.length > 0, key);
    }
  });

  it('puts the reply marker at the top of both parts of ticket mail', () => {
    const rendered = renderEmail(
      { subject: 's', bodyText: 'Hello', bodyHtml: '<p>Hello</p>' },
      {},
      {
        ticketNumber: '7',
      },
    );
    assert.ok(rendered.bodyText.startsWith(`${REPLY_MARKER}\n\nHello`));
    assert.ok(rendered.bodyHtml.indexOf(REPLY_MARKER) < rendered.bodyHtml.indexOf('<p>Hello</p>'));
  });

  it('leaves the marker out of mail about no ticket', () => {
    const rendered = renderEmail(
      { subject: 's', bodyText: 'Hi', bodyHtml: '<p>Hi</p>' },
      {},
      {
        ticketNumber: null,
      },
    );
    assert.equal(rendered.bodyText, 'Hi\n');
    assert.ok(!rendered.bodyHtml.includes(REPLY_MARKER));
  });

  it('keeps the ticket token in the subject even when a template drops it', () => {
    const rendered = renderEmail(
      { subject: 'About {{t}}', bodyText: 'x', bodyHtml: 'x' },
      { t: 'it' },
      {
        ticketNumber: '1042',
      },
    );
    assert.equal(rendered.subject, '[#1042] About it');
  });

  it('flattens line breaks a value would put in the subject', () => {
    const rendered = renderEmail(
      { subject: '[#{{n}}] {{s}}', bodyText: 'x', bodyHtml: 'x' },
      { n: '5', s: 'One\r\nBcc: victim@example.com' },
      { ticketNumber: '5' },
    );
    assert.equal(rendered.subject, '[#5] One Bcc: victim@example.com');
  });
});
