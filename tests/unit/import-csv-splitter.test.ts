import { describe, expect, it } from 'vitest';
import { CsvSplitter, CsvSyntaxError } from '../../src-main/publisher/import/csv-splitter.js';

/** Splits `text` fed in pieces of `size` characters, so every chunk boundary is exercised. */
function split(text: string, size: number, delimiter = ','): string[][] {
  const splitter = new CsvSplitter(delimiter, 1000);
  const records: string[][] = [];
  for (let index = 0; index < text.length; index += size) records.push(...splitter.push(text.slice(index, index + size)));
  records.push(...splitter.end());
  return records;
}

const TEXT = 'a,"b ""quoted""",c\r\n="0123","line\none",\n\nlast,x"y,"z"w\rend';
const RECORDS = [['a', 'b "quoted"', 'c'], ['="0123"', 'line\none', ''], [''], ['last', 'x"y', 'zw'], ['end']];

describe('CsvSplitter', () => {
  it.each([1, 2, 3, 7, 1000])('splits in chunks of %i characters', (size) => {
    expect(split(TEXT, size)).toEqual(RECORDS);
  });

  it('splits on tabs', () => {
    expect(split('a\tb,c\n1\t2\n', 4, '\t')).toEqual([['a', 'b,c'], ['1', '2']]);
  });

  it('keeps an empty last field', () => {
    expect(split('a,\n', 1)).toEqual([['a', '']]);
  });

  it('rejects an unclosed quote with its record', () => {
    let caught: unknown = null;
    try {
      split('a,b\n1,"open\n2,3\n', 5);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).row).toBe(2);
  });

  it('rejects a record over the limit', () => {
    const splitter = new CsvSplitter(',', 10);

    expect(() => splitter.push('"' + 'x'.repeat(20))).toThrow(/longer than 10/);
  });
});
