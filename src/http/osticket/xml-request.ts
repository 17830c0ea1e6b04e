import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataUrlError, decodeBase64, isKnownCharset } from '../../lib/data-url.ts';
import { badField, OsticketError } from './osticket-error.ts';
import type { RequestFile, TicketRequest } from './ticket-request.ts';

/**
 * `POST /api/tickets.xml`, read as osTicket reads it: simple fields as attributes of `<ticket>` or as
 * child elements, `<message type="text/html">`, `<phone ext="123">`, and
 * `<attachments><file name type encoding="base64">` elements.
 *
 * XML external entities (XXE) are made impossible twice over: a document carrying a document type
 * declaration is refused before parsing, and the parser never expands entities. Only the five predefined
 * entities and character references are decoded, here, by a fixed table.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, jPath) => jPath === 'ticket.attachments.file',
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/gi,
    (whole, hex, dec, name) => {
      if (name) return PREDEFINED[name.toLowerCase()] ?? whole;
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Whether the document has a DOCTYPE or ENTITY declaration outside comments and CDATA sections. */
export function declaresDocumentType(xml: string): boolean {
  let at = xml.indexOf('<!');
  while (at !== -1) {
    if (xml.startsWith('<!--', at)) {
      const end = xml.indexOf('-->', at + 4);
      if (end === -1) return false;
      at = xml.indexOf('<!', end + 3);
    } else if (xml.startsWith('<![CDATA[', at)) {
      const end = xml.indexOf(']]>', at + 9);
      if (end === -1) return false;
      at = xml.indexOf('<!', end + 3);
    } else {
      const keyword = xml.slice(at + 2, at + 9).toUpperCase();
      if (keyword.startsWith('DOCTYPE') || keyword.startsWith('ENTITY')) return true;
      at = xml.indexOf('<!', at + 2);
    }
  }
  return false;
}

function decodeDocument(body: Buffer): string {
  // The declaration is ASCII in every encoding osTicket's clients use, so it can be read before decoding.
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    body.subarray(0, 200).toString('latin1'),
  )?.[1];
  const charset = declared?.toLowerCase() ?? 'utf-8';
  if (!isKnownCharset(charset)) throw new OsticketError(400, `Invalid XML: unknown encoding "${declared}"`);
  return new TextDecoder(charset).decode(body);
}

type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };

function isElement(node: XmlNode): node is { [name: string]: XmlNode } {
  return typeof node === 'object' && !Array.isArray(node);
}

function textOf(node: XmlNode, field: string): string {
  if (typeof node === 'string') return decodeEntities(node);
  if (Array.isArray(node)) throw badField(field, 'given more than once');
  const children = Object.keys(node).filter((key) => !key.startsWith('@') && !key.startsWith('#'));
  if (children.length > 0) throw badField(field, `must be text, not <${children[0]}> elements`);
  const plain = typeof node['#text'] === 'string' ? decodeEntities(node['#text']) : '';
  const cdata = node['#cdata'];
  const sections = cdata === undefined ? [] : Array.isArray(cdata) ? cdata : [cdata];
  return (plain + sections.map((section) => (typeof section === 'string' ? section : '')).join('')).trim();
}

function attributeOf(node: XmlNode, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

function filesOf(node: XmlNode): RequestFile[] {
  if (typeof node === 'string' && node.trim() === '') return [];
  if (!isElement(node)) throw badField('attachments', 'must hold <file> elements');
  const other = Object.keys(node).find((key) => key !== 'file' && !key.startsWith('@') && key !== '#text');
  if (other) throw badField('attachments', `must hold <file> elements, not <${other}>`);
  const files = node.file === undefined ? [] : Array.isArray(node.file) ? node.file : [node.file];
  return files.map((file, index) => {
    const field = `attachments.${index}`;
    const filename = attributeOf(file, 'name')?.trim();
    if (!filename) throw badField(field, 'a <file> needs a name attribute');
    const content = textOf(file, field);
    const encoding = attributeOf(file, 'encoding')?.trim().toLowerCase();
    let data: Buffer;
    if (encoding === 'base64') {
      try {
        data = decodeBase64(content);
      } catch (error) {
        if (error instanceof DataUrlError) throw badField(field, `${filename}: Poorly encoded base64 data`);
        throw error;
      }
    } else if (encoding === undefined || encoding === '' || encoding === '8bit' || encoding === 'text') {
      data = Buffer.from(content, 'utf8');
    } else {
      throw badField(field, `${filename}: unknown encoding "${encoding}" (base64, or none for text)`);
    }
    const contentType = attributeOf(file, 'type')?.trim().toLowerCase() || 'text/plain';
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType))
      throw badField(field, `${filename}: "${contentType}" is not a type`);
    return { filename, contentType, data };
  });
}

/** Reads the body of `POST /api/tickets.xml`. */
export function parseXmlTicketRequest(body: Buffer): TicketRequest {
  const xml = decodeDocument(body).replace(/^\uFEFF/, '');
  if (declaresDocumentType(xml)) {
    throw new OsticketError(
      400,
      'Invalid XML: document type declarations and entity declarations are not accepted',
    );
  }
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new OsticketError(400, `Invalid XML: ${validation.err.msg} (line ${validation.err.line})`);
  }
  let document: Record<string, XmlNode>;
  try {
    document = parser.parse(xml) as Record<string, XmlNode>;
  } catch (error) {
    throw new OsticketError(400, `Invalid XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(document);
  const ticket = document.ticket;
  if (roots.length !== 1 || ticket === undefined || Array.isArray(ticket)) {
    throw new OsticketError(400, 'Invalid XML: the document must be one <ticket> element');
  }

  const values = new Map<string, unknown>();
  let message: TicketRequest['message'] = null;
  let attachments: RequestFile[] = [];
  const set = (name: string, value: string) => {
    if (values.has(name)) throw badField(name, 'given more than once');
    values.set(name, value);
  };
  for (const [key, node] of isElement(ticket) ? Object.entries(ticket) : []) {
    if (key === '#text' || key === '#cdata') continue;
    if (key.startsWith('@')) set(key.slice(1), decodeEntities(node as string));
    else if (key === 'message')
      message = { text: textOf(node, 'message'), type: attributeOf(node, 'type') ?? null };
    else if (key === 'attachments') attachments = filesOf(node);
    else if (key === 'phone') {
      set('phone', textOf(node, 'phone'));
      const extension = attributeOf(node, 'ext');
      if (extension !== undefined) set('phone_ext', extension);
    } else set(key, textOf(node, key));
  }
  return { values, message, attachments };
}
