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
