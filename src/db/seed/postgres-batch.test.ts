import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberArray, textArray } from './postgres-batch.ts';

describe('PostgreSQL array literals', () => {
  it('quotes every text element and escapes quotes and backslashes', () => {
    assert.equal(
      textArray(['plain', 'say "hi"', 'C:\\temp', '', '{a,b}']),
      '{"plain","say \\"hi\\"","C:\\\\temp","","{a,b}"}',
    );
  });

  it('writes nulls unquoted', () => {
    assert.equal(textArray([null, 'NULL']), '{NULL,"NULL"}');
    assert.equal(numberArray([1, null, 1_700_000_000_000, undefined]), '{1,NULL,1700000000000,NULL}');
  });

  it('writes empty arrays', () => {
    assert.equal(textArray([]), '{}');
    assert.equal(numberArray([]), '{}');
  });
});
