import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DataUrlError, dataUrlText, looksLikeDataUrl, parseDataUrl, percentDecode } from './data-url.ts';

// A leading byte-order mark is dropped on decoding, as it should be; leave it out of round trips.
const anyText = fc.string({ unit: 'grapheme', maxLength: 100 }).filter((s) => !s.startsWith('\uFEFF'));
const mediaTypes = fc.constantFrom(
  'text/plain',
  'text/html',
  'image/png',
  'application/pdf',
  'image/svg+xml',
);

describe('data URLs', () => {
  it('round-trips any bytes through base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), mediaTypes, (bytes, type) => {
        const url = parseDataUrl(`data:${type};base64,${Buffer.from(bytes).toString('base64')}`);
        assert.equal(url.mediaType, type);
        assert.equal(url.isBase64, true);
        assert.deepEqual([...url.bytes], [...bytes]);
      }),
    );
  });

  it('round-trips any text through percent-encoding', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const url = parseDataUrl(`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`);
        assert.equal(dataUrlText(url), text);
      }),
    );
  });

  it('reads base64 with a charset before the base64 flag, as in ;charset=utf-8;base64', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const encoded = Buffer.from(text, 'utf8').toString('base64');
        const url = parseDataUrl(`data:text/html;charset=utf-8;base64,${encoded}`);
        assert.equal(url.mediaType, 'text/html');
        assert.equal(url.charset, 'utf-8');
        assert.equal(dataUrlText(url), text);
      }),
    );
  });

  it('ignores whitespace, line breaks and missing padding in base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), (bytes, seed) => {
        const base64 = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        const cut = seed % base64.length;
        const spaced = `${base64.slice(0, cut)}\r\n  ${base64.slice(cut)}`;
        assert.deepEqual([...parseDataUrl(`data:image/png;base64,${spaced}`).bytes], [...bytes]);
      }),
    );
  });

  it('rejects characters that are not base64', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /[^A-Za-z0-9+/_=\s%-]/.test(s)),
        (junk) => {
          assert.throws(() => parseDataUrl(`data:image/png;base64,QUJD${junk}`), DataUrlError);
        },
      ),
    );
  });

  it('decodes the text in the charset it declares', () => {
    const url = parseDataUrl('data:text/plain;charset=iso-8859-1,caf%E9');
    assert.deepEqual([...url.bytes], [0x63, 0x61, 0x66, 0xe9]);
    assert.equal(dataUrlText(url), 'café');
  });

  it('reads undeclared text as UTF-8, and as Windows-1252 when it is not UTF-8', () => {
    assert.equal(dataUrlText(parseDataUrl('data:,caf%C3%A9')), 'café');
    assert.equal(dataUrlText(parseDataUrl('data:,caf%E9')), 'café');
  });

  it('defaults the media type to text/plain', () => {
    const url = parseDataUrl('data:;charset=utf-8,hello');
    assert.equal(url.mediaType, 'text/plain');
    assert.equal(dataUrlText(url), 'hello');
  });

  it('keeps a stray percent sign and a plus sign as they are', () => {
    assert.equal(percentDecode('100%+sure%2').toString(), '100%+sure%2');
  });

  it('rejects an unknown charset and a malformed media type', () => {
    assert.throws(() => parseDataUrl('data:text/plain;charset=klingon,hi'), /charset/);
    assert.throws(() => parseDataUrl('data:text,hi'), /media type/);
    assert.throws(() => parseDataUrl('data:text/plain;base64,QUJDR'), /base64/);
  });

  it('tells a data URL from text that merely starts with "data:"', () => {
    assert.equal(looksLikeDataUrl('data:text/plain,hi'), true);
    assert.equal(looksLikeDataUrl('DATA:,hi'), true);
    assert.equal(looksLikeDataUrl('data: the disk is full, again'), false);
    assert.equal(looksLikeDataUrl('database is down, help'), false);
    fc.assert(
      fc.property(fc.string(), (text) => {
        assert.equal(looksLikeDataUrl(`Hello ${text}`), false);
      }),
    );
  });
});
