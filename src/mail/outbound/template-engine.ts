/**
 * The substitution language of email templates, kept deliberately small so that an administrator's
 * template can never run code or read anything it is not handed:
 *
 * - `{{ ticket.number }}` inserts a value (HTML-escaped in the HTML part);
 * - `{{#if resolution.nextSteps}} ... {{else}} ... {{/if}}` keeps a block when the value is not empty.
 *
 * Names are looked up only among the template's own variables (never an object's prototype), and a name
 * that is not there renders as nothing and is reported, so a preview can point at the typo.
 */

/** A value with a plain-text and an HTML form (an entry's body): each part of the mail takes its own. */
export class RichText {
  constructor(
    readonly text: string,
    readonly html: string,
  ) {}
}

export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | RichText
  | readonly string[]
  | TemplateVariables;

export interface TemplateVariables {
  readonly [name: string]: TemplateValue;
}

export type RenderMode = 'text' | 'html';

type TemplateNode =
  | { kind: 'text'; value: string }
  | { kind: 'value'; path: string }
  | { kind: 'if'; path: string; whenTrue: TemplateNode[]; otherwise: TemplateNode[] };

/** A template that does not parse, with where the problem is. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const TAG = /\{\{\s*([\s\S]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_NESTING = 16;

interface OpenBlock {
  node: Extract<TemplateNode, { kind: 'if' }>;
  hasElse: boolean;
  offset: number;
}

/** Parses a template into its parts; throws TemplateSyntaxError on a tag it does not understand. */
export function parseTemplate(source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: OpenBlock[] = [];
  const target = (): TemplateNode[] => {
    const block = open.at(-1);
    if (!block) return root;
    return block.hasElse ? block.node.otherwise : block.node.whenTrue;
  };
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const offset = match.index;
    if (offset > last) target().push({ kind: 'text', value: source.slice(last, offset) });
    last = offset + match[0].length;
    const tag = (match[1] ?? '').trim();
    const ifMatch = /^#if\s+(\S+)$/.exec(tag);
    if (ifMatch) {
      const path = ifMatch[1] ?? '';
      if (!PATH.test(path)) throw new TemplateSyntaxError(`"${path}" is not a variable name`, offset);
      if (open.length >= MAX_NESTING) {
        throw new TemplateSyntaxError(`Blocks nest at most ${MAX_NESTING} deep`, offset);
      }
      const node: OpenBlock['node'] = { kind: 'if', path, whenTrue: [], otherwise: [] };
      target().push(node);
      open.push({ node, hasElse: false, offset });
    } else if (tag === 'else') {
      const block = open.at(-1);
      if (!block || block.hasElse) throw new TemplateSyntaxError('{{else}} without an open {{#if}}', offset);
      block.hasElse = true;
    } else if (tag === '/if') {
      if (!open.pop()) throw new TemplateSyntaxError('{{/if}} without an open {{#if}}', offset);
    } else if (PATH.test(tag)) {
      target().push({ kind: 'value', path: tag });
    } else {
      throw new TemplateSyntaxError(`Unknown tag {{${tag}}}`, offset);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new TemplateSyntaxError('{{#if}} is never closed with {{/if}}', unclosed.offset);
  if (last < source.length) root.push({ kind: 'text', value: source.slice(last) });
  return root;
}

/** Null when the template parses, else the problem as a sentence. */
export function findTemplateError(source: string): string | null {
  try {
    parseTemplate(source);
    return null;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return `${error.message} (at character ${error.offset + 1})`;
    throw error;
  }
}

function isPlainObject(value: TemplateValue): value is TemplateVariables {
  return typeof value === 'object' && value !== null && !(value instanceof RichText) && !Array.isArray(value);
}

/** The value at a dotted path, or `missing` when some segment is not an own property. */
function lookUp(variables: TemplateVariables, path: string): { value: TemplateValue; isMissing: boolean } {
  let current: TemplateValue = variables;
  for (const segment of path.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) {
      return { value: undefined, isMissing: true };
    }
    current = current[segment];
  }
  // A whole group ({{ticket}}) is not something to print.
  if (isPlainObject(current)) return { value: undefined, isMissing: true };
  return { value: current, isMissing: false };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function format(value: TemplateValue, mode: RenderMode): string {
  if (value === null || value === undefined) return '';
  if (value instanceof RichText) return mode === 'html' ? value.html : value.text;
  const text = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : String(value);
  return mode === 'html' ? escapeHtml(text) : text;
}

function isTruthy(value: TemplateValue): boolean {
  if (value instanceof RichText) return value.text.trim().length > 0 || value.html.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return Boolean(value);
}

/**
 * Renders a template with its variables. Unknown names render empty and are listed in
 * `unknownVariables`; a syntax error throws TemplateSyntaxError.
 */
export function renderTemplate(
  source: string,
  variables: TemplateVariables,
  mode: RenderMode,
): { output: string; unknownVariables: string[] } {
  const unknown = new Set<string>();
  const render = (nodes: TemplateNode[]): string => {
    let output = '';
    for (const node of nodes) {
      if (node.kind === 'text') {
        output += node.value;
        continue;
      }
      const found = lookUp(variables, node.path);
      if (found.isMissing) unknown.add(node.path);
      if (node.kind === 'value') output += format(found.value, mode);
      else output += render(isTruthy(found.value) ? node.whenTrue : node.otherwise);
    }
    return output;
  };
  return { output: render(parseTemplate(source)), unknownVariables: [...unknown] };
}
