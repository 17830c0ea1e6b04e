import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findTemplateError,
  parseTemplate,
  RichText,
  renderTemplate,
  TemplateSyntaxError,
} from './template-engine.ts';
import { DEFAULT_TEMPLATES, TEMPLATE_KEYS } from './templates.ts';

const variables = {
  ticket: { number: '1042', subject: 'Login <fails> & "more"' },
  requester: { name: 'Dana' },
  entry: { body: new RichText('plain body', '<p>html body</p>'), files: ['a.png', 'b.pdf'], none: [] },
  resolution: { nextSteps: null, problem: 'Expired' },
  count: 0,
};

describe('template engine', () => {
  it('inserts values by dotted name', () => {
    const { output } = renderTemplate('#{{ticket.number}} for {{ requester.name }}', variables, 'text');
    assert.equal(output, '#1042 for Dana');
  });

  it('escapes values in the HTML part and leaves them alone in the text part', () => {
    assert.equal(
      renderTemplate('{{ticket.subject}}', variables, 'html').output,
      'Login &lt;fails&gt; &amp; &quot;more&quot;',
    );
    assert.equal(renderTemplate('{{ticket.subject}}', variables, 'text').output, 'Login <fails> & "more"');
  });

  it('gives rich text its HTML form in the HTML part and its text form in the text part', () => {
    assert.equal(renderTemplate('{{entry.body}}', variables, 'html').output, '<p>html body</p>');
    assert.equal(renderTemplate('{{entry.body}}', variables, 'text').output, 'plain body');
  });

  it('joins lists with commas', () => {
    assert.equal(renderTemplate('{{entry.files}}', variables, 'text').output, 'a.png, b.pdf');
  });

  it('renders an unknown name as nothing and reports it once', () => {
    const result = renderTemplate('[{{ticket.nubmer}}] {{ticket.nubmer}} {{agent.name}}', variables, 'text');
    assert.equal(result.output, '[]  ');
    assert.deepEqual(result.unknownVariables, ['ticket.nubmer', 'agent.name']);
  });

  it('does not report a known name whose value is empty', () => {
    const result = renderTemplate('{{resolution.nextSteps}}', variables, 'text');
    assert.equal(result.output, '');
    assert.deepEqual(result.unknownVariables, []);
  });

  it('never reaches into prototypes or prints a whole group', () => {
    const result = renderTemplate(
      '{{constructor}}{{ticket.constructor}}{{__proto__}}{{ticket.toString}}{{ticket}}',
      variables,
      'text',
    );
    assert.equal(result.output, '');
    assert.deepEqual(result.unknownVariables, [
      'constructor',
      'ticket.constructor',
      '__proto__',
      'ticket.toString',
      'ticket',
    ]);
  });

  it('keeps an if block for a non-empty value and the else block otherwise', () => {
    const template =
      '{{#if resolution.problem}}P{{else}}no P{{/if}}/{{#if resolution.nextSteps}}N{{else}}no N{{/if}}';
    assert.equal(renderTemplate(template, variables, 'text').output, 'P/no N');
    assert.equal(
      renderTemplate('{{#if entry.none}}x{{/if}}{{#if count}}y{{/if}}', variables, 'text').output,
      '',
    );
  });

  it('nests blocks', () => {
    const template = '{{#if ticket.number}}a{{#if resolution.nextSteps}}b{{else}}c{{/if}}d{{/if}}';
    assert.equal(renderTemplate(template, variables, 'text').output, 'acd');
  });

  it('treats a template as text, not code', () => {
    // A JavaScript template placeholder, spelled out so it is plainly not one here.
    const code = `$${'{'}process.exit(1)}`;
    const template = `{{ticket.number}} ${code} <%= 1 %> {notATag}`;
    assert.equal(renderTemplate(template, variables, 'text').output, `1042 ${code} <%= 1 %> {notATag}`);
  });

  it('rejects tags it does not understand, and unbalanced blocks', () => {
    for (const bad of [
      '{{ticket.number | upper}}',
      '{{#each ticket}}{{/each}}',
      '{{#if}}x{{/if}}',
      '{{#if a}}x',
      'x{{/if}}',
      '{{else}}',
      '{{#if a}}x{{else}}y{{else}}z{{/if}}',
      '{{ process.mainModule.require("fs") }}',
    ]) {
      assert.throws(() => parseTemplate(bad), TemplateSyntaxError, bad);
      assert.match(findTemplateError(bad) ?? '', /at character \d+/, bad);
    }
  });

  it('limits how deep blocks nest', () => {
    const deep = `${'{{#if a}}'.repeat(17)}x${'{{/if}}'.repeat(17)}`;
    assert.throws(() => parseTemplate(deep), /nest at most/);
  });

  it('parses every default template', () => {
    for (const key of TEMPLATE_KEYS) {
      const template = DEFAULT_TEMPLATES[key];
      for (const part of [template.subject, template.bodyText, template.bodyHtml]) {
        assert.equal(findTemplateError(part), null, key);
      }
    }
  });
});
