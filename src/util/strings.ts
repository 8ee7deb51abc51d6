/**
 * Strings that findings keep for the whole run. V8 makes a slice of 13 characters or more a view
 * of the string it was cut from, and a concatenation a tree of its parts: a finding's message that
 * names a key cut from a 5 KB compiled SQL (`value assigned to "snowflake_password"`) would keep
 * the SQL alive until the report is written.
 */

/**
 * The same text in a string of its own. Slicing a concatenation makes V8 flatten it first (one
 * new string holding both parts), and the slice is then a view of that copy, not of the string
 * `s` was cut from: a seventh of the cost of a JSON round trip, which a findings-heavy scan pays
 * several times a finding.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
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
