/**
 * A Markdown table in a description or a doc block: dbt renders them in its docs, and teams write
 * down accounts in them (`| user | password |\n|---|---|\n| loader | … |`). A column whose header
 * names a secret holds one in each row, as a CSV fixture's column does (csv-rows.ts); a table of
 * settings (`| Key | Value |`, `| Setting | Value | Notes |`) holds one in the row whose first cell
 * names a secret (its value column called so: `Value`, `Wert`, `Valeur`, `Valor`, `Waarde`).
 *
 * A table is a header line, a delimiter line (`|---|:--:|`, at least one `|` and one `-`) and the
 * rows up to the first line without a `|`. The text is read once, line by line.
 */
import { charge } from './work.js';

export interface TableCell {
  /** The secret's name: the column's header, or the row's first cell in a table of settings. */
  name: string;
  /** The cell's text without its spaces (as written: markup is the judge's to read). */
  start: number;
  end: number;
}

/** A table of settings' value column, by its header (lower case): English, German, French, Spanish and Portuguese, Dutch. */
const VALUE_HEADERS: ReadonlySet<string> = new Set(['value', 'values', 'wert', 'valeur', 'valor', 'waarde']);

/**
 * The most columns read of one table: a table in a description is a handful. Every row is read (each once, its work its
 * length): a table of 10,000 rows and more was read for its first 10,000 without a word (red team 126).
 */
const MAX_COLUMNS = 64;

/**
 * The cells of `text`'s Markdown tables that hold a secret's value by their place: under a header
 * that `secretName` accepts, or beside a first cell it accepts in a table of settings. None when the
 * text holds no table.
 */
export function markdownSecretCells(text: string, secretName: (name: string) => boolean): TableCell[] {
  const out: TableCell[] = [];
  const pipes = new Pipes(text);
  let previous = -1;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    charge(end - start);
    if (previous >= 0 && isDelimiterRow(text, start, end)) {
      start = readTable(text, previous, start, end, secretName, out, pipes);
      previous = -1;
      continue;
    }
    previous = pipes.within(start, end) ? start : -1;
    start = end + 1;
  }
  return out;
}

/** `|---|:--:|`, `--- | ---`: only spaces, `|`, `:` and `-`, with a `|` and a `-`. */
function isDelimiterRow(text: string, start: number, end: number): boolean {
  let pipe = false;
  let dash = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 124) pipe = true;
    else if (c === 45) dash = true;
    else if (c !== 32 && c !== 9 && c !== 58 && c !== 13) return false;
  }
  return pipe && dash;
}

/** Reads the table whose header line starts at `header` and delimiter line spans `delimiter`..`delimiterEnd`; returns where the text after it starts. */
function readTable(text: string, header: number, delimiter: number, delimiterEnd: number, secretName: (name: string) => boolean, out: TableCell[], pipes: Pipes): number {
  const headers = cells(text, header, delimiter - 1).map(([s, e]) => headerName(text.slice(s, e)));
  const secretColumns = headers.map((h) => (h !== '' && secretName(h) ? h : undefined));
  // (a table of settings by its value column's header: `| Column | Type |` documents columns, `| Secret | Rotated |` lists secrets by name)
  const valueColumn = secretColumns[0] === undefined ? headers.findIndex((h) => VALUE_HEADERS.has(h.toLowerCase())) : -1;
  let at = delimiterEnd + 1;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    charge(end - at);
    if (!pipes.within(at, end)) break;
    const spans = cells(text, at, end);
    spans.forEach(([s, e], i) => {
      const name = secretColumns[i];
      if (name !== undefined && e > s) out.push({ name, start: s, end: e });
    });
    // a table of settings: the row's first cell names what its value column holds
    if (valueColumn > 0 && secretColumns[valueColumn] === undefined && spans.length > valueColumn) {
      const [ks, ke] = spans[0]!;
      const [vs, ve] = spans[valueColumn]!;
      const name = headerName(text.slice(ks, ke));
      if (ve > vs && name !== '' && secretName(name)) out.push({ name, start: vs, end: ve });
    }
    at = end + 1;
  }
  return at;
}

/**
 * Whether a line holds a `|`, asked of lines in order: the next `|` is searched for once from where the last was (a
 * search back from each line's end went on to the text's start where no line held one: a 256 KB block of a log without
 * a table was 5 s of 6).
 */
class Pipes {
  private next = -1;
  constructor(private readonly text: string) {}

  within(start: number, end: number): boolean {
    if (this.next < start) {
      this.next = this.text.indexOf('|', start);
      if (this.next < 0) this.next = this.text.length;
    }
    return this.next < end;
  }
}

/**
 * A row's cells between `start` and `end`, each without its spaces: split at each `|` that no
 * backslash escapes, the outer pipes left out (a row may be written without them).
 */
function cells(text: string, start: number, end: number): [number, number][] {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let s = start;
  while (s < end && isSpace(text.charCodeAt(s))) s++;
  let e = end;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (s < e && text.charCodeAt(s) === 124) s++;
  if (e > s && text.charCodeAt(e - 1) === 124 && text.charCodeAt(e - 2) !== 92) e--;
  const out: [number, number][] = [];
  let from = s;
  for (let i = s; i <= e && out.length < MAX_COLUMNS; i++) {
    if (i < e && (text.charCodeAt(i) !== 124 || text.charCodeAt(i - 1) === 92)) continue;
    let a = from;
    let b = i;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    out.push([a, b]);
    from = i + 1;
  }
  return out;
}

/** A header or a first cell as a name: emphasis and a code span taken off (`**Password**`, `` `api_key` ``). */
function headerName(cell: string): string {
  return cell.replace(/^[*_`]{1,3}|[*_`]{1,3}$/g, '').trim();
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
