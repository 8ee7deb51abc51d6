/**
 * An anchor regex read as steps, for the raw-byte search: alternatives of sequences of one
 * character's test (a class, an escape, a literal) repeated between a least and a most number of
 * times. The generic detectors are woken by common words (`key`, `pass`, `token`), formats by
 * short prefixes (`pat`, `basic`): their anchors are tested at every one in a manifest. The byte
 * search tests steps on the JSON text as it stands, escapes decoded on the way, most tests settled
 * by the first few bytes (`unique_key"` ends its string where an `=` was needed), without making
 * a string for a regex (see keyword-scan.ts).
 *
 * The steps say "may match" wherever the regex matches: they are a prefix of it (what cannot be
 * read as steps ends the sequence: a repeated group, a backreference), without its zero-width
 * tests (lookarounds, `\b`), a group's alternatives multiplied out. Where an alternative is not
 * all of the regex, a match of its steps is confirmed by the regex. And the steps are matched
 * greedily, without going back (each takes all it can), which finds every match only when no
 * character a variable step takes can also begin what follows it: where one can, the sequence
 * ends after that step. Characters past ASCII are the byte search's to give up on ("may match").
 */
import { alternatives, classEnd, groupEnd } from './anchors.js';
import { prepared, type Codec } from './prepared.js';

/** One character's test (regex source of a single character), repeated min to max times. */
interface AnchorStep {
  readonly source: string;
  readonly min: number;
  readonly max: number;
}

/** A sequence of steps; `tables[k][c]` is 1 when step k takes the ASCII character c. */
export interface SteppedAlternative {
  readonly tables: readonly Uint8Array[];
  readonly min: readonly number[];
  readonly max: readonly number[];
  /** The whole alternative, not a prefix of it: when the steps match, so does the regex. */
  readonly complete: boolean;
}

/** More alternatives than this (a group's multiplied out) and the sequences end before the group. */
const MAX_ALTERNATIVES = 64;
/** The most characters a sequence reads (the regex test's window is as long). */
const STEP_REACH = 256;

const MEMO = new Map<string, readonly SteppedAlternative[] | undefined>();

/**
 * The anchor `source` (with `flags`) as stepped alternatives for matches that begin with
 * `keyword` (case aside): those that cannot read the keyword are left out. Undefined when the
 * anchor cannot be read as steps, or some alternative may match nothing (it would let every place
 * through).
 */
export function anchorSteps(source: string, flags: string, keyword: string): readonly SteppedAlternative[] | undefined {
  return allSteps(source, flags)?.filter((alternative) => readsKeyword(alternative, keyword));
}

/** The anchor's stepped alternatives for every keyword (see anchorSteps), worked out or read once per thread. */
export function allSteps(source: string, flags: string): readonly SteppedAlternative[] | undefined {
  const key = `${flags}/${source}`;
  let all = MEMO.get(key);
  if (all === undefined && !MEMO.has(key)) {
    all = prepared('anchorSteps', key, () => stepsOf(source, flags), STEPS_CODEC);
    MEMO.set(key, all);
  }
  return all;
}

/** anchorSteps as places in allSteps' list: the alternatives that can read the keyword. */
export function keywordSteps(source: string, flags: string, keyword: string): number[] | undefined {
  const all = allSteps(source, flags);
  if (!all) return undefined;
  const kept: number[] = [];
  all.forEach((alternative, i) => {
    if (readsKeyword(alternative, keyword)) kept.push(i);
  });
  return kept;
}

/** anchorSteps' work for every keyword, without the table of prepared work (tests compare the two). */
export function stepsOf(source: string, flags: string): readonly SteppedAlternative[] | undefined {
  const sequences = readAlternatives(source);
  if (!sequences) return undefined;
  const testFlags = flags.replace(/[^isu]/g, '');
  const stepped = sequences.map((s) => {
    const b = bounded(s);
    return exact(b.steps, testFlags, b.open && !s.loose);
  });
  return stepped.every((s) => s.min.some((m) => m > 0)) ? distinct(stepped) : undefined;
}

/** Stepped alternatives as the table of prepared work holds them: each step's table of 128 ASCII characters as 32 hex digits. */
export const STEPS_CODEC: Codec<readonly SteppedAlternative[] | undefined, { tables: string[]; min: number[]; max: number[]; complete: boolean }[] | null> = {
  encode: (all) => all?.map((a) => ({ tables: a.tables.map(tableHex), min: [...a.min], max: [...a.max], complete: a.complete })) ?? null,
  decode: (data) => data?.map((a) => ({ tables: a.tables.map(hexTable), min: a.min, max: a.max, complete: a.complete })),
};

/** A table of the 128 ASCII characters (1: taken) as 32 hex digits. */
export function tableHex(table: Uint8Array): string {
  let hex = '';
  for (let c = 0; c < 128; c += 4) hex += ((table[c]! << 3) | (table[c + 1]! << 2) | (table[c + 2]! << 1) | table[c + 3]!).toString(16);
  return hex;
}

/** tableHex's table back. */
export function hexTable(hex: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let d = 0; d < 32; d++) {
    const code = hex.charCodeAt(d);
    const nibble = code <= 57 ? code - 48 : code - 87;
    for (let b = 0; b < 4; b++) table[4 * d + b] = (nibble >> (3 - b)) & 1;
  }
  return table;
}

/**
 * Whether the steps can read the keyword's characters, each in either case, as the text's first
 * characters (counts tried every way: a rough test that only leaves out what can never match).
 */
function readsKeyword(alternative: SteppedAlternative, keyword: string): boolean {
  const after = statesAfter(alternative, keyword);
  return after === 'matched' || after.length > 0;
}

/**
 * A state of the steps, step k with n characters taken, as one number: k * 2^STATE_BITS + n (n is at
 * most STEP_REACH). One number each keeps these functions small: they run for every keyword's
 * anchors as they are first met, often enough for V8 to optimize them, and its optimizing compiler
 * took about 90 ms over the version that kept pairs in sets of strings.
 */
const STATE_BITS = 9;
const COUNT_MASK = (1 << STATE_BITS) - 1;

/** The states the steps may be in after the keyword's characters, or 'matched' when they may have matched. */
function statesAfter(alternative: SteppedAlternative, keyword: string): number[] | 'matched' {
  const { tables, min, max } = alternative;
  // k === tables.length: past the last step
  let states = closure([0], min);
  for (const ch of keyword) {
    const lower = ch.toLowerCase().charCodeAt(0);
    const upper = ch.toUpperCase().charCodeAt(0);
    const next: number[] = [];
    for (const state of states) {
      const k = state >> STATE_BITS;
      if (k === tables.length) return 'matched';
      if ((state & COUNT_MASK) < max[k]! && (tables[k]![lower] === 1 || tables[k]![upper] === 1)) next.push(state + 1);
    }
    states = closure(next, min);
    if (states.length === 0) return states;
  }
  return states.some((state) => state >> STATE_BITS === tables.length) ? 'matched' : states;
}

/** What may come right after a keyword where one of its stepped alternatives matches. */
export interface Following {
  /** For each ASCII character of a decoded value, whether one of the alternatives may take it next. */
  readonly chars: Uint8Array;
  /** Whether the value may end right after the keyword (an alternative may have matched already). */
  readonly end: boolean;
  /**
   * For each byte of raw JSON text: the same, where the closing quote is the end, and a backslash
   * (an escape) or a byte past ASCII may be anything.
   */
  readonly bytes: Uint8Array;
}

/** What may follow `keyword` where one of `alternatives` (its own, see anchorSteps) matches. */
export function following(alternatives: readonly SteppedAlternative[], keyword: string): Following {
  const chars = new Uint8Array(128);
  let end = false;
  for (const alternative of alternatives) {
    const states = statesAfter(alternative, keyword);
    if (states === 'matched') {
      chars.fill(1);
      end = true;
      break;
    }
    for (const state of states) {
      const k = state >> STATE_BITS;
      if ((state & COUNT_MASK) >= alternative.max[k]!) continue;
      const table = alternative.tables[k]!;
      for (let c = 0; c < 128; c++) if (table[c] === 1) chars[c] = 1;
    }
  }
  return followingOf(chars, end);
}

/** A Following from its characters (128, ASCII) and whether the value may end there. */
export function followingOf(chars: Uint8Array, end: boolean): Following {
  const bytes = new Uint8Array(256).fill(1);
  bytes.set(chars);
  bytes[0x22] = end ? 1 : 0;
  bytes[0x5c] = 1;
  return { chars, end, bytes };
}

/** The states and those reached from them by ending a step that has taken its least. */
function closure(states: readonly number[], min: readonly number[]): number[] {
  const out: number[] = [];
  // (a step repeated up to 256 times has as many states)
  const seen = new Set<number>();
  for (let state of states) {
    while (!seen.has(state)) {
      seen.add(state);
      out.push(state);
      const k = state >> STATE_BITS;
      if (k >= min.length || (state & COUNT_MASK) < min[k]!) break;
      state = (k + 1) << STATE_BITS;
    }
  }
  return out;
}

/** The alternatives less repeats (those a group's alternatives became once cut to the same prefix). */
function distinct(alternatives: SteppedAlternative[]): SteppedAlternative[] {
  const seen = new Map<Uint8Array, number>();
  const ids = (a: SteppedAlternative) => a.tables.map((t) => seen.get(t) ?? seen.set(t, seen.size).get(t)!).join(',');
  const out = new Map<string, SteppedAlternative>();
  for (const a of alternatives) {
    const key = `${a.complete}|${ids(a)}|${a.min.join(',')}|${a.max.join(',')}`;
    if (!out.has(key)) out.set(key, a);
  }
  return [...out.values()];
}

interface Sequence {
  steps: AnchorStep[];
  /** False once something that is not a step ended it: nothing more is added. */
  open: boolean;
  /** A zero-width test was left out: the steps may match where the regex does not. */
  loose?: boolean;
}

/** A regex source's alternatives as sequences, or undefined when there are too many or it cannot be read. */
function readAlternatives(src: string): Sequence[] | undefined {
  const alts = alternatives(src);
  if (!alts) return undefined;
  const out: Sequence[] = [];
  for (const alt of alts) {
    const seqs = readSequence(alt);
    if (!seqs) return undefined;
    out.push(...seqs);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

/** One alternative (no top-level `|`) as sequences: several when it holds a group of alternatives. */
function readSequence(src: string): Sequence[] | undefined {
  let seqs: Sequence[] = [{ steps: [], open: true }];
  let i = 0;
  while (i < src.length && seqs.some((s) => s.open)) {
    const c = src[i]!;
    let end: number;
    let atom: string | undefined;
    let group: Sequence[] | undefined;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      // a backreference or a code point escape: the steps end here
      if (/[1-9kup]/i.test(next) && !(next === 'u' && /^[0-9a-fA-F]{4}/.test(src.slice(i + 2)))) return close(seqs);
      end = i + (next === 'x' ? 4 : next === 'u' ? 6 : next === 'c' ? 3 : 2);
      // \b and \B test no character
      atom = next === 'b' || next === 'B' ? undefined : src.slice(i, end);
    } else if (c === '[') {
      end = classEnd(src, i);
      if (end < 0) return undefined;
      atom = src.slice(i, end);
    } else if (c === '(') {
      end = groupEnd(src, i);
      if (end < 0) return undefined;
      const lookaround = /^\(\?<?[=!]/.test(src.slice(i, i + 4));
      if (!lookaround) {
        const inner = src.startsWith('(?:', i) ? i + 3 : src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : i + 1;
        group = readAlternatives(src.slice(inner, end - 1));
        if (!group) return close(seqs);
      }
    } else if (c === '^' || c === '$') {
      end = i + 1;
    } else if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      return undefined;
    } else {
      end = i + 1;
      atom = c;
    }
    const q = quantifier(src, end);
    if (!q) return undefined;
    i = q.end;
    if (atom !== undefined) {
      if (q.max === 0) continue;
      for (const s of seqs) if (s.open) s.steps.push({ source: atom, min: q.min, max: q.max });
    } else if (group) {
      // a group once or optionally: each sequence goes on with each of its alternatives (or none)
      if (q.max !== 1) return close(seqs);
      const next: Sequence[] = [];
      for (const s of seqs) {
        if (!s.open) {
          next.push(s);
          continue;
        }
        if (q.min === 0) next.push({ steps: [...s.steps], open: true, loose: s.loose });
        for (const g of group) next.push({ steps: [...s.steps, ...g.steps], open: g.open, loose: s.loose || g.loose });
      }
      if (next.length > MAX_ALTERNATIVES) return close(seqs);
      seqs = next;
    }
    // a zero-width test (lookaround, \b, ^, $) is left out: without it the steps let more through, never less
    if (atom === undefined && !group) for (const s of seqs) if (s.open) s.loose = true;
  }
  return seqs;
}

function close(seqs: Sequence[]): Sequence[] {
  for (const s of seqs) s.open = false;
  return seqs;
}

/** The quantifier at `i` (none: once). Lazy or greedy is all one for whether a match exists. */
function quantifier(src: string, i: number): { end: number; min: number; max: number } | undefined {
  const c = src[i];
  let q: { end: number; min: number; max: number };
  if (c === '?') q = { end: i + 1, min: 0, max: 1 };
  else if (c === '*') q = { end: i + 1, min: 0, max: Infinity };
  else if (c === '+') q = { end: i + 1, min: 1, max: Infinity };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined;
    const min = Number(m[1]);
    q = { end: i + m[0].length, min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
  } else return { end: i, min: 1, max: 1 };
  if (src[q.end] === '?') q.end++;
  return q;
}

/** At most STEP_REACH characters read: the step that would pass it keeps its least count and ends the sequence (then no longer whole). */
function bounded(seq: Sequence): Sequence {
  const out: AnchorStep[] = [];
  let reach = 0;
  for (const s of seq.steps) {
    if (reach + s.max <= STEP_REACH) {
      out.push(s);
      reach += s.max;
      continue;
    }
    if (s.min > 0 && reach + s.min <= STEP_REACH) out.push({ ...s, max: s.min });
    return { steps: out, open: false };
  }
  return seq;
}

/** The steps' tables, the sequence ending after the first variable step that shares a character with what may follow it. */
function exact(steps: readonly AnchorStep[], flags: string, whole: boolean): SteppedAlternative {
  const tables = steps.map((s) => asciiTable(s.source, flags));
  let length = steps.length;
  scan: for (let i = 0; i < length; i++) {
    if (steps[i]!.min === steps[i]!.max) continue;
    for (let j = i + 1; j < length; j++) {
      if (shareOne(tables[i]!, tables[j]!)) {
        length = i + 1;
        break scan;
      }
      if (steps[j]!.min > 0) break;
    }
  }
  return {
    tables: tables.slice(0, length),
    min: steps.slice(0, length).map((s) => s.min),
    max: steps.slice(0, length).map((s) => s.max),
    complete: whole && length === steps.length,
  };
}

function shareOne(a: Uint8Array, b: Uint8Array): boolean {
  for (let c = 0; c < 128; c++) if ((a[c]! & b[c]!) !== 0) return true;
  return false;
}

const TABLES = new Map<string, Uint8Array>();

/** Which ASCII characters the one-character regex `source` matches: a letter or digit directly, anything else by its regex. */
function asciiTable(source: string, flags: string): Uint8Array {
  const key = `${flags}/${source}`;
  let table = TABLES.get(key);
  if (table) return table;
  table = new Uint8Array(128);
  if (/^[A-Za-z0-9_ ]$/.test(source)) {
    table[source.charCodeAt(0)] = 1;
    if (flags.includes('i')) table[source.toLowerCase().charCodeAt(0)] = table[source.toUpperCase().charCodeAt(0)] = 1;
  } else {
    const one = new RegExp(`^(?:${source})$`, flags);
    for (let c = 0; c < 128; c++) table[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
  }
  TABLES.set(key, table);
  return table;
}
