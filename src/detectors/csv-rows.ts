/**
 * A dbt unit test's CSV fixture (`given: [{input: ref('users'), format: csv, rows: "id,password\n1,…"}]`,
 * `expect: {format: csv, rows: …}`): the manifest keeps the CSV text as written, one string under
 * `rows`. A column whose header names a secret (`password`, `api_key`) holds a secret in each row,
 * as the same column of a `dict` row does under its key.
 */
import { charge } from './work.js';

/** A header field: a column's name, as dbt's CSV rows (agate) take it; optionally in double quotes. */
const HEADER_FIELD = /^[ \t]{0,8}(?:"([A-Za-z_][A-Za-z0-9_ .-]{0,63})"|([A-Za-z_][A-Za-z0-9_.-]{0,63}))[ \t]{0,8}$/;

/** The most columns and rows read: a unit test's fixture is a handful of rows. */
const MAX_COLUMNS = 256;
const MAX_ROWS = 10_000;

export interface CsvCell {
  column: string;
  start: number;
  end: number;
}

/** One line's fields from `from` to its end (`\n`, or the text's): each field's span, quotes left out (`""` inside kept as written). */
function fields(text: string, from: number): { spans: [number, number][]; next: number } {
  const spans: [number, number][] = [];
  let i = from;
  for (;;) {
    let start = i;
    let end: number;
    if (text.charCodeAt(i) === 34) {
      // a quoted field: to the quote not doubled; it may hold commas and newlines
      start = ++i;
      while (i < text.length && !(text.charCodeAt(i) === 34 && text.charCodeAt(i + 1) !== 34)) i += text.charCodeAt(i) === 34 ? 2 : 1;
      end = i;
      if (i < text.length) i++;
      while (i < text.length && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10) i++;
    } else {
      while (i < text.length && text.charCodeAt(i) !== 44 && text.charCodeAt(i) !== 10) i++;
      end = i;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
    }
    if (spans.length < MAX_COLUMNS) spans.push([start, end]);
    if (i >= text.length || text.charCodeAt(i) === 10) return { spans, next: i + 1 };
    i++;
  }
}

/**
 * The cells of `text`, read as CSV with a header line, under the columns that `secretColumn` accepts;
 * none when the first line is not a header of column names or no row follows it.
 */
export function csvSecretCells(text: string, secretColumn: (name: string) => boolean): CsvCell[] {
  const newline = text.indexOf('\n');
  if (newline < 0) return [];
  const header = fields(text, 0);
  const columns: (string | undefined)[] = [];
  let any = false;
  for (const [start, end] of header.spans) {
    // (a quoted header's span leaves its quotes out: read the field as written)
    const m = HEADER_FIELD.exec(text.charCodeAt(start - 1) === 34 && start > 0 ? `"${text.slice(start, end)}"` : text.slice(start, end));
    if (!m) return [];
    const name = (m[1] ?? m[2])!.trim();
    const secret = secretColumn(name);
    columns.push(secret ? name : undefined);
    any ||= secret;
  }
  if (!any) return [];
  const out: CsvCell[] = [];
  let at = header.next;
  for (let row = 0; at < text.length && row < MAX_ROWS; row++) {
    const line = fields(text, at);
    charge(line.next - at);
    line.spans.forEach(([start, end], i) => {
      const column = columns[i];
      if (column !== undefined && end > start) out.push({ column, start, end });
    });
    at = line.next;
  }
  return out;
}
