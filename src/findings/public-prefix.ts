/**
 * What is public about a token of a known format: its fixed prefix (`ghp_`, `AKIA`, `sk_live_`),
 * or, for a URL-shaped token, the service's host and fixed route (`https://hooks.slack.com/services/`).
 * Derived from the format's own data, so a new row in the token table needs nothing here:
 * - the literal characters every match of the pattern's secret starts with (`sk-` of `sk-[A-Za-z0-9]{20}…`);
 * - a keyword the secret starts with, when a true-positive sample of the format starts with it too
 *   (so a context keyword such as "twilio" never counts: no sample of a Twilio key begins with it);
 * - scheme, host and all-letter path segments of a URL whose host holds a keyword.
 */
import type { TokenFormat } from '../detectors/token-formats.js';

export type PrefixOf = (secret: string) => string;

export function publicPrefixOf(format: TokenFormat): PrefixOf {
  const lead = literalLead(format.pattern.source).toLowerCase();
  const samples = format.truePositives.map((s) => s.secret.toLowerCase());
  const leading = format.keywords.filter((k) => samples.some((s) => s.startsWith(k)));
  return (secret) => {
    const lower = secret.toLowerCase();
    let length = lead.length > 0 && lower.startsWith(lead) ? lead.length : 0;
    for (const k of leading) if (k.length > length && lower.startsWith(k)) length = k.length;
    length = Math.max(length, urlHead(secret, format.keywords, format.pattern.source));
    // never the whole secret: a prefix identifies the kind, something must be left to hide
    return length < secret.length ? secret.slice(0, length) : '';
  };
}

const URL_HEAD = /^([a-z][a-z0-9+.-]{0,19}:\/\/)?([a-z0-9.-]{1,253})\//i;
const PATH_WORD = /^[a-z]{1,16}\//;

/**
 * `https://hooks.slack.com/services/` of a Slack webhook: the host (a service's, as a keyword says) and the
 * route words the format's pattern writes out (`services`). A segment of letters the pattern does not
 * name is the token's (Slack's workspace id `TRMEJVDIS`, all letters by chance: red team 89).
 */
function urlHead(secret: string, keywords: readonly string[], source: string): number {
  const m = URL_HEAD.exec(secret);
  if (!m) return 0;
  const host = m[2]!.toLowerCase();
  // with a scheme, a host that names the service; without one (`hooks.slack.com/…`), a host that is the keyword's domain
  const named = keywords.some((k) => (m[1] ? host.includes(k) : host === k || host.endsWith(`.${k}`)));
  if (!named) return 0;
  let length = m[0].length;
  for (let word = PATH_WORD.exec(secret.slice(length)); word && routeWord(source, word[0]); word = PATH_WORD.exec(secret.slice(length))) {
    length += word[0].length;
  }
  return length;
}

/** Whether a regex source writes `word/` out as a word of its own (`services\/`, `(?:workflows|triggers)\/`): three letters or more, so a class's `a-z` is none. */
function routeWord(source: string, segment: string): boolean {
  const word = segment.slice(0, -1);
  if (word.length < 3) return false;
  for (let at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + 1)) {
    if (!/[A-Za-z]/.test(source[at - 1] ?? '') && !/[A-Za-z]/.test(source[at + word.length] ?? '')) return true;
  }
  return false;
}

/**
 * The literal characters at the start of the secret in a regex source: after `(?<secret>` when
 * there is one, else after leading lookarounds. Stops at anything that is not one fixed character
 * (a class, a group, an optional or repeated character); '' when the secret has top-level alternatives.
 */
export function literalLead(source: string): string {
  const group = source.indexOf('(?<secret>');
  let i = group >= 0 ? group + '(?<secret>'.length : skipLookarounds(source);
  if (hasAlternatives(source, i)) return '';
  let out = '';
  while (i < source.length) {
    let ch = source[i]!;
    let width = 1;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break; // \d, \b, \x41, \1: not one plain literal
      ch = next;
      width = 2;
    } else if ('()[]{}|.?*+^$'.includes(ch)) break;
    const after = source[i + width];
    if (after !== undefined && '?*{'.includes(after)) break;
    out += ch;
    i += width;
    if (after === '+') break;
  }
  return out;
}

/** Past `^`, `\b` and lookarounds at the start of a pattern. */
function skipLookarounds(source: string): number {
  let i = 0;
  for (;;) {
    if (source[i] === '^') i++;
    else if (source.startsWith('\\b', i)) i += 2;
    else if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) i = closingParen(source, i) + 1;
    else return i;
  }
}

/** Index of the parenthesis that closes the one at `open`. */
function closingParen(source: string, open: number): number {
  return scanGroups(source, open, (ch, depth) => ch === ')' && depth === 1);
}

/** Whether the group that holds `from` (or the whole pattern) has a `|` at its own level. */
function hasAlternatives(source: string, from: number): boolean {
  return source[scanGroups(source, from, (ch, depth) => depth === 0 && (ch === '|' || ch === ')'))] === '|';
}

/**
 * The index of the first character, outside escapes and classes, for which `stop` holds, given
 * its group depth counted from `from` (an opening parenthesis counts itself); source.length if none.
 */
function scanGroups(source: string, from: number, stop: (ch: string, depth: number) => boolean): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else {
      if (ch === '(') depth++;
      if (stop(ch, depth)) return i;
      if (ch === ')') depth--;
    }
  }
  return source.length;
}
