// A streaming CSV reader (RFC 4180: quoted fields, "" inside quotes, CR LF or LF, line breaks
// inside quotes), fed in chunks of any size, cut anywhere. Why not a library: csv-parse reads a
// 70 MB directory at about a quarter of SQLite's insert speed, Papa Parse's stream mode is
// quadratic and mis-reads CR LF split across chunks, and uDSV silently merges rows that have fewer
// columns than the header. This one does no per-character work on lines without quotes.

/** What makes a file unreadable as CSV, with the line where the record began. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: 'unclosed-quote' | 'text-after-quote',
  ) {
    super(
      problem === 'unclosed-quote'
        ? `line ${line}: a quoted value is never closed`
        : `line ${line}: text follows a closing quote (write "" for a quote inside a quoted value)`,
    );
  }
}

export interface CsvReader {
  /** Reads a chunk; complete records go to `onRecord` before it returns. */
  write(chunk: string): void;
  /** The last record may lack its line break. Throws CsvSyntaxError on an unclosed quote. */
  end(): void;
}

/**
 * `onRecord` receives the trimmed cells of each record and the line it starts on (1-based).
 * Records whose cells are all empty (blank lines, the ",,,," rows spreadsheets add) are skipped.
 */
export function createCsvReader(onRecord: (cells: string[], line: number) => void): CsvReader {
  let pending = ''; // an unfinished record carried to the next chunk
  let line = 1; // the line the next record starts on
  let first = true;

  const emit = (cells: string[], at: number): void => {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32))
        cells[i] = cell.trim();
    }
    for (const cell of cells) if (cell !== '') return onRecord(cells, at);
  };

  /** Reads one quoted-or-mixed record from `start`; returns its end, or -1 when it is unfinished. */
  const readQuoted = (text: string, start: number, final: boolean): { end: number; cells: string[]; lines: number } => {
    const cells: string[] = [];
    let cell = '';
    let i = start;
    let lines = 0;
    let fieldStart = true;
    for (;;) {
      if (i >= text.length) {
        if (!final) return { end: -1, cells, lines };
        cells.push(cell);
        return { end: i, cells, lines };
      }
      const c = text.charCodeAt(i);
      if (fieldStart && c === 34 /* " */) {
        // A quoted value: up to the quote that is not doubled.
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            if (final) throw new CsvSyntaxError(line, 'unclosed-quote');
            return { end: -1, cells, lines };
          }
          if (q + 1 >= text.length && !final) return { end: -1, cells, lines };
          if (text.charCodeAt(q + 1) === 34) {
            cell += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          const part = text.slice(j, q);
          for (let k = part.indexOf('\n'); k !== -1; k = part.indexOf('\n', k + 1)) lines++;
          cell += part;
          i = q + 1;
          break;
        }
        // After the closing quote: spaces, then a separator or the end of the record.
        while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
        if (i < text.length) {
          const n = text.charCodeAt(i);
          if (n !== 44 && n !== 10 && n !== 13) throw new CsvSyntaxError(line, 'text-after-quote');
        }
        fieldStart = false;
        continue;
      }
      fieldStart = false;
      if (c === 44 /* , */) {
        cells.push(cell);
        cell = '';
        fieldStart = true;
        i++;
      } else if (c === 10 || c === 13) {
        if (c === 13 && i + 1 >= text.length && !final) return { end: -1, cells, lines };
        cells.push(cell);
        return { end: c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1, cells, lines: lines + 1 };
      } else {
        // An unquoted value (a quote inside it is kept as written, as spreadsheets do).
        let j = i;
        while (j < text.length) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13) break;
          j++;
        }
        cell += text.slice(i, j);
        i = j;
      }
    }
  };

  const read = (text: string, final: boolean): void => {
    let pos = 0;
    let quote = -2; // the next quote at or after pos, found once, not once per line
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (nl !== -1 && (quote === -1 || quote > nl)) {
        // The fast path: a whole line without quotes.
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const at = line;
        line++;
        if (end > pos) emit(text.slice(pos, end).split(','), at);
        pos = nl + 1;
        continue;
      }
      if (nl === -1 && quote === -1) {
        if (!final) break;
        const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
        if (end > pos) emit(text.slice(pos, end).split(','), line);
        pos = text.length;
        break;
      }
      const record = readQuoted(text, pos, final);
      if (record.end === -1) break;
      const at = line;
      line += record.lines;
      emit(record.cells, at);
      pos = record.end;
    }
    pending = text.slice(pos);
  };

  return {
    write(chunk: string): void {
      if (first && chunk !== '') {
        first = false;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // a byte order mark
      }
      // Carrying a long unfinished record forward is the one copy made per chunk.
      read(pending === '' ? chunk : pending + chunk, false);
    },
    end(): void {
      const rest = pending;
      pending = '';
      if (rest !== '') read(rest, true);
    },
  };
}
