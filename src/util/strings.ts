/**
 * Strings that findings keep for the whole run. V8 makes a slice of 13 characters or more a view
 * of the string it was cut from, and a concatenation a tree of its parts: a finding's message that
 * names a key cut from a 5 KB compiled SQL (`value assigned to "snowflake_password"`) would keep
 * the SQL alive until the report is written.
 */

/**
 * The same text in a flat string of its own. A slice of a copy (`(' ' + s).slice(1)`) would be a
 * view: 32 bytes of its own on top of the copy it keeps alive, which a findings-heavy scan pays
 * three times a finding. ASCII text is copied as latin1 bytes (one flat one-byte string); any
 * other text goes through a JSON round trip, which keeps every UTF-16 unit as it was.
 */
export function ownString(s: string): string {
  if (s.length < 13) return s;
  return Buffer.byteLength(s, 'utf8') === s.length ? Buffer.from(s, 'latin1').toString('latin1') : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Pieces joined into one flat string of their own: V8 writes a join of two or more pieces into a
 * new sequential string (no view, no tree of parts), where a single piece would come back as it is.
 */
export function joinOwn(pieces: readonly string[]): string {
  return pieces.length > 1 ? pieces.join('') : ownString(pieces[0] ?? '');
}

/** A space, a tab or a carriage return: a line's blank that is no line break (a padded cell, the room before a JSON line's `{`). */
export function isLineBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Texts that repeat across findings (messages, descriptions), kept once; bounded. */
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 65_536;

/** The one copy of a text many findings share (a string of its own, as ownString). */
export function internString(s: string): string {
  const known = INTERNED.get(s);
  if (known !== undefined) return known;
  const own = ownString(s);
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(own, own);
  return own;
}

/**
 * `s` as one line of a terminal or a CI log: control characters (a line break, ESC, DEL, C1 controls, the Unicode line
 * and paragraph separators) and the non-characters U+FFFE and U+FFFF written as escapes, so that text from an artifact (a node id, a member's name) can neither
 * start a line of its own — GitHub Actions reads a line that begins with `::` as a workflow command — nor move the
 * cursor. `keep` matches what the caller wrote itself and leaves it as it is (text output's colors).
 */
export function oneLine(s: string, keep?: RegExp): string {
  return s.replace(keep ? new RegExp(`${keep.source}|${CONTROL.source}`, 'g') : CONTROL_ALL, (c) => (c.length > 1 ? c : escapeControl(c)));
}

// C1 controls too (U+009B is a terminal's CSI), and the non-characters U+FFFE and U+FFFF
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/** `s` with the same characters escaped as `oneLine`, but for tab and line breaks: text for a page (HTML) that lays out its own lines. */
export function controlsEscaped(s: string): string {
  return s.replace(CONTROL_BUT_WHITESPACE, escapeControl);
}

const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Where hexOf turns a digest's bytes into hex. */
const HEX_SCRATCH = Buffer.alloc(64);

/**
 * The first `bytes` bytes of a digest as hex, from the digest as a binary string: `hash()` hands back a string at half
 * the cost of a Buffer for a short value (Node 20), and the hex is a string of its own (a slice of the whole digest's
 * hex would keep all its characters with every finding that holds it).
 */
export function hexOf(digest: string, bytes: number): string {
  HEX_SCRATCH.write(digest, 0, 'latin1');
  return HEX_SCRATCH.toString('hex', 0, bytes);
}
