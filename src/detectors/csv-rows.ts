/**
 * A dbt unit test's CSV fixture (`given: [{input: ref('users'), format: csv, rows: "id,password\n1,…"}]`,
 * `expect: {format: csv, rows: …}`): the manifest keeps the CSV text as written, one string under
 * `rows`. A column whose header names a secret (`password`, `api_key`) holds a secret in each row,
 * as the same column of a `dict` row does under its key.
 */
import { charge } from './work.js';
import { isLineBlank } from '../util/strings.js';

/** A header field: a column's name, as dbt's CSV rows (agate) take it; optionally in double quotes. */
const HEADER_FIELD = /^[ \t]{0,8}(?:"([A-Za-z_][A-Za-z0-9_ .-]{0,63})"|([A-Za-z_][A-Za-z0-9_.-]{0,63}))[ \t]{0,8}$/;

/** The most columns read: a unit test's fixture has a handful. Every row is read (each once, its work its length). */
const MAX_COLUMNS = 256;

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
  while (at < text.length) {
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

/** A unit test's diff table's header line, its first cell: `@@`, spaces to the column's width, the delimiter. */
const DIFF_HEADER = /@@[ \t]{0,8},/y;
/** A row of it, its first cell daff's action: `+++` added, `---` removed, `→` (`->`) modified, `...` rows left out, `:` moved, `!` the columns' changes. */
const DIFF_ROW = /(?:\+\+\+|---|\u2192|->|\.\.\.|[:!+-])[ \t]{0,8},/y;
/** A modified cell's old and new value between them: `old→new`. */
const DIFF_ARROW = /\u2192|->/;

/**
 * The cells under the columns that `secretColumn` accepts in the table a failing unit test prints ("actual differs from
 * expected:" in run_results' message and in dbt.log): daff's diff as CSV with padded cells, a line that begins with `@@`
 * naming the columns, then a line a row that begins with its action (DIFF_ROW), up to the first line that does not.
 * A modified cell is two, its old and its new value (red team 96).
 */
export function diffTableSecretCells(text: string, secretColumn: (name: string) => boolean): CsvCell[] {
  const out: CsvCell[] = [];
  for (let at = text.indexOf('@@'); at >= 0; at = text.indexOf('@@', at + 2)) {
    if (at > 0 && text.charCodeAt(at - 1) !== 10) continue;
    DIFF_HEADER.lastIndex = at;
    if (!DIFF_HEADER.test(text)) continue;
    const header = fields(text, DIFF_HEADER.lastIndex);
    charge(header.next - at);
    const columns = header.spans.map(([s, e]) => {
      const name = text.slice(...trimmed(text, s, e));
      return HEADER_FIELD.test(name) && secretColumn(name) ? name : undefined;
    });
    let row = header.next;
    if (columns.some((c) => c !== undefined)) row = diffRows(text, row, columns, out);
    // (the next header is looked for from this table's end: its rows are not searched again)
    at = row - 2;
  }
  return out;
}

/** The rows of a diff table from `at` (see diffTableSecretCells): the cells under `columns` that name a secret; returns where the rows end. */
function diffRows(text: string, at: number, columns: readonly (string | undefined)[], out: CsvCell[]): number {
  while (at < text.length) {
    DIFF_ROW.lastIndex = at;
    if (!DIFF_ROW.test(text)) break;
    const line = fields(text, DIFF_ROW.lastIndex);
    charge(line.next - at);
    line.spans.forEach(([s, e], i) => {
      const column = columns[i];
      if (column === undefined) return;
      const [start, end] = trimmed(text, s, e);
      const arrow = DIFF_ARROW.exec(text.slice(start, end));
      // (each side of a modified cell's arrow, its spaces left out: the old value is padded)
      for (const [cs, ce] of arrow ? [trimmed(text, start, start + arrow.index), trimmed(text, start + arrow.index + arrow[0].length, end)] : [[start, end] as const]) {
        if (ce > cs) out.push({ column, start: cs, end: ce });
      }
    });
    at = line.next;
  }
  return at;
}

/** A span without the spaces (and a line's carriage return) around it. */
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && isLineBlank(text.charCodeAt(start))) start++;
  while (end > start && isLineBlank(text.charCodeAt(end - 1))) end--;
  return [start, end];
}
