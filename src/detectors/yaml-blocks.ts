/**
 * A YAML value on the lines after its key, as `--vars "$(cat vars.yml)"` and dbt Cloud record a vars file in
 * `args.vars` and `args.invocation_command` (red team 89): a block scalar (`password: |`, `>-`, `|2+`) or a plain
 * value on the next line, more indented than its key. Read only where the key begins its line (or the quoted text
 * of a command's `--vars '…'`) and the block holds one line: a password is one line, and a block of several is
 * a query, a key file or a note that other detectors read. The reader runs wherever an assignment is read (a description,
 * a SQL comment, dbt.log), where one line under a name is as often a query or a note (`api_key: |\n  select key from …`,
 * `token:\n  Deprecated.`, red team 91): the line is one run without spaces, in a secret's shape (see readsLikeOwnLineSecret).
 */
import { charge } from './work.js';

/** The most spaces read before a key, around its `:` and before a block's line. */
const MAX_INDENT = 64;

/** The blank lines read between a key and its block's line. */
const MAX_BLANK_LINES = 4;

/** After the key's `:`: spaces, a block scalar's header (`|`, `>`, a chomping and an indentation indicator), a comment, the line's end. */
const BLOCK_HEADER = /[ \t]{1,64}[|>](?:[-+][1-9]?|[1-9][-+]?)?(?:[ \t]{1,64}#[^\n\r]{0,256})?\r?\n/y;

/** After the key's `:`: the line's end, or a comment first (a plain value on the next line). */
const PLAIN_HEADER = /(?:[ \t]{1,64}#[^\n\r]{0,256}|[ \t]{0,64})\r?\n/y;

/**
 * A plain value on its line, as a bare one is read on the key's (one run, no quote, bracket, comma or pipe; not begun by
 * one of YAML's indicators, `- item`, `&anchor`, `*alias`, `!tag`), and a comment after it.
 */
const PLAIN_LINE = /([^\s;'"<>,(){}[\]`|\\#?:&*!%@-][^\s;'"<>,(){}[\]`|\\]{0,255})(?:[ \t]{1,64}#[^\n\r]{0,256})?[ \t]{0,64}(?=\r?\n|$)/y;

/** A block scalar's line: its text, one run without spaces (a line of words is a query, code or a note) of 256 characters at most as a value is (see README), and spaces after it. */
const BLOCK_LINE = /(\S{1,256})[ \t]{0,64}(?=\r?\n|$)/y;

/** The value on the lines after a key that spans `s`…`e` (its closing quote, if any, at `e`), or undefined. */
export function yamlBlockValueAfter(text: string, s: number, e: number): { start: number; end: number; quoted: boolean; ownLine: true } | undefined {
  const keyIndent = indentOfKey(text, s);
  if (keyIndent < 0) return undefined;
  let colon = text[e] === '"' || text[e] === "'" ? e + 1 : e;
  while (colon < text.length && colon - e < MAX_INDENT && (text[colon] === ' ' || text[colon] === '\t')) colon++;
  if (text[colon] !== ':') return undefined;
  BLOCK_HEADER.lastIndex = colon + 1;
  const header = BLOCK_HEADER.exec(text);
  PLAIN_HEADER.lastIndex = colon + 1;
  const plain = header ? null : PLAIN_HEADER.exec(text);
  charge((header ?? plain)?.[0].length ?? 1);
  const lineStart = header ? colon + 1 + header[0].length : plain ? colon + 1 + plain[0].length : -1;
  if (lineStart < 0) return undefined;
  const line = firstLineIndentedPast(text, lineStart, keyIndent);
  if (line < 0) return undefined;
  const valueLine = header ? BLOCK_LINE : PLAIN_LINE;
  valueLine.lastIndex = line;
  const m = valueLine.exec(text);
  charge(m ? m[0].length : 1);
  if (!m) return undefined;
  // one line only: the next line that holds anything is back at the key's indentation or before it
  const after = firstLineIndentedPast(text, line + m[0].length, keyIndent, true);
  if (after >= 0) return undefined;
  return { start: line, end: line + m[1]!.length, quoted: header !== null, ownLine: true };
}

/** How far the key at `s` is indented on its line, 0 after a quote that opens the text (`--vars '…'`); -1 when something else is before it. */
function indentOfKey(text: string, s: number): number {
  let k = s;
  while (k > 0 && s - k < MAX_INDENT && text[k - 1] === ' ') k--;
  charge(s - k + 1);
  if (k === 0 || text[k - 1] === '\n') return s - k;
  return k === s && (text[s - 1] === "'" || text[s - 1] === '"') && (s === 1 || text[s - 2] === ' ') ? 0 : -1;
}

/**
 * Where the text of the first line from `from` that holds anything begins, when it is indented past `keyIndent`; -1 when it
 * is not, or past MAX_BLANK_LINES blank lines, or at the text's end. With `afterLine`, `from` is the end of a line, not its start.
 */
function firstLineIndentedPast(text: string, from: number, keyIndent: number, afterLine = false): number {
  let i = from;
  if (afterLine) {
    if (text[i] === '\r') i++;
    if (text[i] !== '\n') return -1;
    i++;
  }
  for (let blank = 0; blank <= MAX_BLANK_LINES; blank++) {
    const start = i;
    while (i < text.length && i - start <= MAX_INDENT && text[i] === ' ') i++;
    charge(i - start + 1);
    if (i - start > MAX_INDENT || i === text.length) return -1;
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] !== '\n') return i - start > keyIndent && text[i] !== '\t' ? i : -1;
    i++;
  }
  return -1;
}
