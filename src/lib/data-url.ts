/**
 * RFC 2397 `data:` URLs, read the way browsers read them (WHATWG fetch, "data: URL processor"): the body
 * is percent-decoded, then base64-decoded when the media type ends in `;base64`. Unlike a browser, a
 * `;base64` flag is honoured wherever it sits among the parameters, and a malformed URL is an error
 * instead of a silent failure, because a ticket must not be opened with a mangled attachment.
 */

export interface DataUrl {
  /** `type/subtype`, lower-cased; `text/plain` when the URL names none. */
  mediaType: string;
  /** The declared charset, lower-cased, or null. */
  charset: string | null;
  isBase64: boolean;
  bytes: Buffer;
}

/** A `data:` URL that cannot be read; the message says why. */
export class DataUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataUrlError';
  }
}

// A header is what lies between "data:" and the first comma: no whitespace, as RFC 2397 allows none.
const HEADER = /^data:([^\s,]*),/i;
const TOKEN = /^[a-z0-9!#$%&'*+.^_`|~-]+$/i;

/** Whether `value` has the shape of a data URL (`data:[<mediatype>][;base64],...`). */
export function looksLikeDataUrl(value: string): boolean {
  return HEADER.test(value);
}

/** Decodes `%XX` escapes to bytes; anything else, including a stray `%`, stays as its UTF-8 bytes. */
export function percentDecode(text: string): Buffer {
  const source = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i] as number;
    if (byte === 0x25 && i + 2 < source.length && isHex(source[i + 1]) && isHex(source[i + 2])) {
      out[length++] = Number.parseInt(
        String.fromCharCode(source[i + 1] as number, source[i + 2] as number),
        16,
      );
      i += 2;
    } else {
      out[length++] = byte;
    }
  }
  return out.subarray(0, length);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

/** Forgiving base64 (WHATWG): whitespace is ignored, padding optional; the URL-safe alphabet is accepted too. */
export function decodeBase64(text: string): Buffer {
  let compact = text.replace(/[\t\n\f\r ]+/g, '');
  if (compact.length % 4 === 0) compact = compact.replace(/={1,2}$/, '');
  if (compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*$/.test(compact)) {
    throw new DataUrlError('the base64 data is not valid base64');
  }
  return Buffer.from(compact, 'base64');
}

/** Parses a data URL; throws DataUrlError when it is not one or cannot be decoded. */
export function parseDataUrl(value: string): DataUrl {
  const header = HEADER.exec(value);
  if (!header) throw new DataUrlError('it is not a data: URL');
  const parts = (header[1] ?? '').split(';').map((part) => part.trim());
  const declaredType = (parts.shift() ?? '').toLowerCase();
  let mediaType = 'text/plain';
  if (declaredType !== '') {
    const [type, subtype, ...rest] = declaredType.split('/');
    if (rest.length > 0 || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype)) {
      throw new DataUrlError(`"${declaredType}" is not a media type`);
    }
    mediaType = declaredType;
  }
  let charset: string | null = null;
  let isBase64 = false;
  for (const part of parts) {
    if (part.toLowerCase() === 'base64') {
      isBase64 = true;
      continue;
    }
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    if (part.slice(0, equals).trim().toLowerCase() === 'charset') {
      charset = part
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
      if (!charset) throw new DataUrlError('the charset is empty');
    }
  }
  if (charset !== null && !isKnownCharset(charset)) {
    throw new DataUrlError(`the charset "${charset}" is not supported`);
  }
  const body = percentDecode(value.slice(header[0].length));
  const bytes = isBase64 ? decodeBase64(body.toString('latin1')) : body;
  return { mediaType, charset, isBase64, bytes };
}

/** Whether a charset label is one the text decoder knows. */
export function isKnownCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/**
 * The text a data URL carries. A declared charset decides; without one the bytes are read as UTF-8, or,
 * when they are not valid UTF-8, as Windows-1252 (what osTicket assumed for undeclared text).
 */
export function dataUrlText(url: DataUrl): string {
  if (url.charset !== null) return new TextDecoder(url.charset).decode(url.bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(url.bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(url.bytes);
  }
}
