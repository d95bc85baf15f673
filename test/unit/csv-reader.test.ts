import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCsvReader, CsvSyntaxError } from '../../main/portal/directory/csv-reader';

/** Reads `text` cut into chunks at the given sizes (cycling), as an upload would arrive. */
function readInChunks(text: string, sizes: number[]): Array<{ cells: string[]; line: number }> {
  const records: Array<{ cells: string[]; line: number }> = [];
  const reader = createCsvReader((cells, line) => records.push({ cells: [...cells], line }));
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = sizes[k % sizes.length]!;
    reader.write(text.slice(i, i + size));
    i += size;
  }
  reader.end();
  return records;
}

/** The reference reading, by csv-parse (blank and all-empty rows left out, as the reader does). */
const reference = (text: string): string[][] =>
  (parse(text, { bom: true, trim: true, relax_column_count: true, relax_quotes: true }) as string[][]).filter((r) =>
    r.some((c) => c !== ''),
  );

describe('the streaming CSV reader', () => {
  it('reads quotes, doubled quotes, separators and line breaks inside quotes, CR LF and LF', () => {
    const text =
      '\uFEFFrecord,cofor,legal_name\r\ncompany, A1 ,"Acme, ""the"" best\nsecond line"\r\n\r\nsite,A1,é\nsite,A1,"x"\n,,\nlast,row';
    for (const sizes of [[1], [2, 3], [7], [1_000]]) {
      expect(readInChunks(text, sizes)).toEqual([
        { cells: ['record', 'cofor', 'legal_name'], line: 1 },
        { cells: ['company', 'A1', 'Acme, "the" best\nsecond line'], line: 2 },
        { cells: ['site', 'A1', 'é'], line: 5 },
        { cells: ['site', 'A1', 'x'], line: 6 },
        { cells: ['last', 'row'], line: 8 },
      ]);
    }
  });

  it('keeps rows with fewer or more cells than the header as they are', () => {
    expect(readInChunks('a,b,c\nsite,A1\nsite,A1,x,extra\n', [3]).map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['site', 'A1'],
      ['site', 'A1', 'x', 'extra'],
    ]);
  });

  it('reads what csv-parse reads, whatever the chunk sizes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'bc', ' ', ',', ',', '\n', '\n', '"q"', '"x,y"', '"l1\nl2"', '"say ""hi"""', 'é', '€'];
    let compared = 0;
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let k = 0, len = 1 + Math.floor(random() * 40); k < len; k++)
        text += pieces[Math.floor(random() * pieces.length)];
      // Quoted values stand alone in their cell, as CSV writers produce them.
      text = text.replace(/([^,\n])"/g, '$1,"').replace(/"([^,\n])/g, '",$1');
      // One line ending per file (csv-parse keeps to the first one it meets).
      if (n % 2) text = text.replace(/\n/g, '\r\n');
      let expected: string[][];
      try {
        expected = reference(text);
      } catch {
        continue; // not CSV for csv-parse either
      }
      const sizes = [1 + Math.floor(random() * 5), 1 + Math.floor(random() * 50)];
      expect(
        readInChunks(text, sizes).map((r) => r.cells),
        JSON.stringify(text),
      ).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => readInChunks('a,b\n1,2\n3,"never closed\n4,5\n', [4])).toThrow(
      expect.objectContaining({ line: 3, problem: 'unclosed-quote' }),
    );
    expect(() => readInChunks('a,b\n"x"y,2\n', [100])).toThrow(CsvSyntaxError);
    expect(() => readInChunks('a,b\n"x"y,2\n', [100])).toThrow(/line 2: text follows a closing quote/);
  });
});
