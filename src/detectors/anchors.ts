/**
 * Where a token format's matches can start. Most formats begin with a literal their keyword
 * spells (`AKIA…`, `pat…`, `looker… = …`), so a keyword found where the pattern cannot begin
 * (`path`, `insights`, a checksum's `acca`) need not send its value to the detectors at all.
 *
 * The anchor is the pattern's longest leading part (whole parts of it at the top level) that
 * matches at most ANCHOR_REACH characters: a sticky test of it at a keyword costs little and looks
 * at a bounded window. It is a necessary condition: every match of the pattern starts with a
 * match of its anchor, at the place of one of the format's keywords. A pattern whose matches may
 * start elsewhere (a top-level alternative without a keyword in front, a positive lookbehind,
 * an optional first literal) has no anchor.
 */

import { digestKey, prepared, type Codec } from './prepared.js';

/** The most characters an anchor may match, lookarounds included. */
export const ANCHOR_REACH = 200;

/** A regex as the table of prepared work holds it. */
export const REGEX_CODEC: Codec<RegExp | undefined, [string, string] | null> = {
  encode: (regex) => (regex ? [regex.source, regex.flags] : null),
  decode: (data) => (data ? new RegExp(data[0], data[1]) : undefined),
};

/** The sticky anchor of `pattern` for matches that begin with one of `keywords`, or undefined when it has none. */
export function patternAnchor(pattern: RegExp, keywords: readonly string[]): RegExp | undefined {
  if (keywords.length === 0) return undefined;
  return prepared('patternAnchor', digestKey([pattern.flags, pattern.source, ...keywords]), () => workOutAnchor(pattern, keywords), REGEX_CODEC);
}

/** patternAnchor's work, without the table of prepared work (tests compare the two). */
export function workOutAnchor(pattern: RegExp, keywords: readonly string[]): RegExp | undefined {
  const src = pattern.source;
  let i = 0;
  // a leading negative lookbehind: at the edge of a window it sees nothing, and passes
  if (src.startsWith('(?<!')) {
    const end = groupEnd(src, 0);
    if (end < 0) return undefined;
    i = end;
  }
  const first = src.startsWith('(?:', i) ? groupEnd(src, i) : -1;
  const starts = first > 0 && !isQuantifier(src[first]) ? alternatives(src.slice(i + 3, first - 1)) : [src.slice(i)];
  if (!starts || !starts.every((alt) => startsWithKeyword(alt, keywords))) return undefined;
  const parts = topLevelParts(src);
  if (!parts) return undefined;
  let reach = 0;
  let end = 0;
  for (const part of parts) {
    if (reach + part.reach > ANCHOR_REACH) break;
    reach += part.reach;
    end = part.end;
  }
  // at least past the first literal: an anchor that stops inside it tells little
  if (end <= i) return undefined;
  const split = keywordEnd(parts, i, Math.min(...keywords.map((k) => k.length)));
  // a token split right after the prefix its keyword spells, the pieces joined by Jinja's `~`, Python's `+` or
  // SQL's `||` (`'ghp_' ~ '…'`): a quote may close the literal there (the token detectors join the literals)
  const source = split > i && split < end ? `${src.slice(0, split)}(?:["']|${src.slice(split, end)})` : src.slice(0, end);
  return new RegExp(source, pattern.flags.includes('i') ? 'iy' : 'y');
}

/** Where the parts from `from` on have matched exactly `length` characters each time (a keyword's prefix), or -1. */
function keywordEnd(parts: readonly { end: number; reach: number }[], from: number, length: number): number {
  let matched = 0;
  for (const part of parts) {
    if (part.end <= from) continue;
    if (part.reach !== 1 && !(matched === 0 && part.reach === length)) return -1;
    matched += part.reach;
    if (matched === length) return part.end;
    if (matched > length) return -1;
  }
  return -1;
}

/** Whether the regex text `alt` begins with a literal that one of the keywords starts. */
function startsWithKeyword(alt: string, keywords: readonly string[]): boolean {
  let literal = '';
  let i = 0;
  while (i < alt.length) {
    const c = alt[i]!;
    let ch: string | undefined;
    let width = 1;
    if (LITERAL.includes(c)) ch = c;
    else if (c === '\\' && ESCAPED_LITERAL.includes(alt[i + 1] ?? '(')) {
      ch = alt[i + 1];
      width = 2;
    }
    if (ch === undefined) break;
    // a quantified character is not certain to be there
    if (isQuantifier(alt[i + width])) break;
    literal += ch;
    i += width;
  }
  const lower = literal.toLowerCase();
  return keywords.some((k) => k.length > 0 && lower.startsWith(k.toLowerCase()));
}

/** Characters that stand for themselves in a pattern, and those that do after a backslash. */
const LITERAL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:\'"=@ ';
const ESCAPED_LITERAL = './:-_=@';

function isQuantifier(c: string | undefined): boolean {
  return c === '?' || c === '*' || c === '+' || c === '{';
}

/** The top-level alternatives of a group's inside, or undefined when it cannot be read. */
export function alternatives(inside: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  let depth = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(inside, i);
      if (end < 0) return undefined;
      i = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(inside.slice(from, i));
      from = i + 1;
    }
  }
  out.push(inside.slice(from));
  return out;
}

/** The index just past the group that opens at `open`, or -1. */
export function groupEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(src, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The index just past the character class that opens at `open`, or -1. */
export function classEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']' && i > open + 1) return i + 1;
    else if (src[i] === ']' && src[open + 1] !== '^') return i + 1;
  }
  return -1;
}

/** The pattern's top-level parts (an atom with its quantifier) and how many characters each can match; undefined for a top-level alternation or a positive lookbehind. */
function topLevelParts(src: string): { end: number; reach: number }[] | undefined {
  const parts: { end: number; reach: number }[] = [];
  let i = 0;
  while (i < src.length) {
    const atom = atomAt(src, i);
    if (!atom || src[i] === '|') return undefined;
    const quantified = quantifierAt(src, atom.end);
    if (!quantified) return undefined;
    parts.push({ end: quantified.end, reach: atom.reach * quantified.times });
    i = quantified.end;
  }
  return parts;
}

/** One atom at `i` and the most characters it can match (Infinity when unbounded or unknown). */
function atomAt(src: string, i: number): { end: number; reach: number } | undefined {
  const c = src[i]!;
  if (c === '\\') {
    // backreferences are beyond a bounded window
    if (/[1-9k]/.test(src[i + 1] ?? '')) return { end: i + 2, reach: Infinity };
    if (src[i + 1] === 'u' && src[i + 2] === '{') return undefined;
    if (src[i + 1] === 'u') return { end: i + 6, reach: 1 };
    if (src[i + 1] === 'x') return { end: i + 4, reach: 1 };
    return { end: i + 2, reach: /[bB]/.test(src[i + 1] ?? '') ? 0 : 1 };
  }
  if (c === '[') {
    const end = classEnd(src, i);
    return end < 0 ? undefined : { end, reach: 1 };
  }
  if (c === '(') {
    const end = groupEnd(src, i);
    if (end < 0) return undefined;
    if (src.startsWith('(?<=', i)) return undefined;
    const innerStart = src.startsWith('(?:', i) || src.startsWith('(?=', i) || src.startsWith('(?!', i) ? i + 3 : src.startsWith('(?<!', i) ? i + 4 : src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : i + 1;
    const alts = alternatives(src.slice(innerStart, end - 1));
    if (!alts) return undefined;
    let reach = 0;
    for (const alt of alts) {
      const parts = topLevelParts(alt);
      if (!parts) return undefined;
      reach = Math.max(reach, parts.reduce((sum, p) => sum + p.reach, 0));
    }
    return { end, reach };
  }
  if (c === '^' || c === '$') return { end: i + 1, reach: 0 };
  if (c === ')' || isQuantifier(c)) return undefined;
  return { end: i + 1, reach: 1 };
}

/** The quantifier after an atom: how many times it may repeat, and where it ends. */
function quantifierAt(src: string, i: number): { end: number; times: number } | undefined {
  const c = src[i];
  let end = i;
  let times = 1;
  if (c === '?') [end, times] = [i + 1, 1];
  else if (c === '*' || c === '+') [end, times] = [i + 1, Infinity];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined;
    end = i + m[0].length;
    times = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  }
  if (end > i && src[end] === '?') end++;
  return { end, times };
}
