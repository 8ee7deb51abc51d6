/**
 * The steps of a redacted copy, each from pieces of text to pieces of text, so that a copy is written as its file is
 * read: what a step holds is bounded by the longest key or secret it looks for, never by the file.
 */
import { joinOwn } from '../util/strings.js';
import { MASK, type Replacement, type Span } from './redact-plan.js';

/** The largest piece of text a step has held (tests read it: it must not grow with the file). */
export const REWRITE_HELD = { chars: 0 };

function held(text: string): string {
  if (text.length > REWRITE_HELD.chars) REWRITE_HELD.chars = text.length;
  return text;
}

/** The text with each replacement made (they are in order and apart, as a plan gives them). */
export function* withReplacements(text: Iterable<string>, replacements: readonly Replacement[]): Generator<string> {
  let pos = 0;
  let k = 0;
  // the end of the last replacement made: the text before it is not written
  let skipTo = 0;
  for (const block of text) {
    const end = pos + block.length;
    let at = Math.max(pos, Math.min(skipTo, end));
    for (; k < replacements.length && replacements[k]!.start < end; k++) {
      const r = replacements[k]!;
      if (r.start > at) yield block.slice(at - pos, r.start - pos);
      yield r.text;
      skipTo = r.end;
      at = Math.max(at, Math.min(r.end, end));
    }
    if (at < end) yield block.slice(at - pos);
    pos = end;
  }
  for (; k < replacements.length; k++) yield replacements[k]!.text;
}

/**
 * Small pieces joined into pieces of about `size` characters (no more, unless one alone is): a step that keeps the end
 * of one piece to read with the next (a key or a secret cut in two) copies that end once per piece, and a masked
 * manifest comes in tens of thousands.
 */
export function* inPiecesOf(text: Iterable<string>, size: number): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of text) {
    if (length > 0 && length + piece.length > size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
    parts.push(piece);
    length += piece.length;
  }
  if (length > 0) yield parts.join('');
}

/**
 * Every quoted occurrence of a renamed key (`"ghp_…"`, as JSON.stringify writes it), renamed, wherever it stands: as a
 * key elsewhere, or as a value. At each quote the keys that begin with the next few characters are tried there (a
 * quoted key holds no bare quote: no two of them match at one place); a quote near a piece's end is kept for the
 * next. Each quote costs one lookup, whatever the keys' length: a walk to each quote's string's end was the number
 * of quotes times the longest key (red team 82: a PEM key pasted as a meta key beside 2,000,000 `\"`, 14.5 s for 4 MB).
 */
export function* withKeysRenamed(text: Iterable<string>, renamed: ReadonlyMap<string, string>): Generator<string> {
  if (renamed.size === 0) return yield* text;
  let shortest = Infinity;
  let longest = 0;
  for (const key of renamed.keys()) {
    shortest = Math.min(shortest, key.length);
    longest = Math.max(longest, key.length);
  }
  const prefix = Math.min(KEY_PREFIX, shortest);
  const byPrefix = new Map<string, string[]>();
  for (const key of renamed.keys()) {
    const head = key.slice(0, prefix);
    const list = byPrefix.get(head);
    if (list) list.push(key);
    else byPrefix.set(head, [key]);
  }
  let kept = '';
  for (const piece of text) kept = yield* renameIn(held(kept + piece), false);
  yield* renameIn(kept, true);

  /** The text renamed, but for what may be the start of a key the next piece ends: that is returned. */
  function* renameIn(text: string, last: boolean): Generator<string, string> {
    let written = 0;
    for (let open = text.indexOf('"'); open >= 0; open = text.indexOf('"', open + 1)) {
      if (!last && text.length - open < longest) {
        yield text.slice(written, open);
        return text.slice(open);
      }
      const key = byPrefix.get(text.substr(open, prefix))?.find((k) => text.startsWith(k, open));
      if (key === undefined) continue;
      yield text.slice(written, open);
      yield renamed.get(key)!;
      written = open + key.length;
      open = written - 1;
    }
    yield text.slice(written);
    return '';
  }
}

/** How many of a quoted key's first characters (its quote among them) choose the keys tried at a quote. */
const KEY_PREFIX = 9;

/** The shortest secret whose copies are masked too: a shorter one would match text that merely holds it. */
export const COPY_MIN = 8;

/**
 * Every other place the text holds one of the secrets, masked; `tally.count` counts them. One pass over the text
 * whatever the number of secrets (a findings-heavy run has thousands): a rolling hash of each window of COPY_MIN
 * characters is looked up among the secrets' first COPY_MIN characters', and a hit is confirmed on the text (the
 * longest secret there first). A window is decided once the longest secret past its start has been read.
 */
export function* withCopiesMasked(text: Iterable<string>, secrets: readonly string[], tally: { count: number }): Generator<string> {
  if (secrets.length === 0) return yield* text;
  const byStart = new Map<number, string[]>();
  // a bit per hash's low bits, looked at before the map: a run of 200,000 secrets spent half its time in the map's lookups
  const mayStart = new Uint32Array(1 << (FILTER_BITS - 5));
  for (const secret of secrets) {
    const h = windowHash(secret, 0);
    const list = byStart.get(h);
    if (list) list.push(secret);
    else byStart.set(h, [secret]);
    mayStart[(h & FILTER_MASK) >>> 5]! |= 1 << (h & 31);
  }
  // the first character's weight in a window's hash: B^(COPY_MIN - 1), modulo 2^32 as the hash is
  let first = 1;
  for (let k = 1; k < COPY_MIN; k++) first = Math.imul(first, HASH_BASE);
  // (one character past the window too: the next window's hash takes it)
  const ahead = Math.max(COPY_MIN + 1, longestOf(secrets.map((s) => s.length)));
  /** the text not yet written nor passed, from `base` */
  let kept = '';
  let base = 0;
  let i = 0; // the next window to look at
  let copied = 0; // the end of the last copy masked
  let written = 0;
  let h = 0;
  let hashed = false;
  /** The windows that can be decided looked at (all that are left when `last`); what is decided, in pieces. */
  const look = (last: boolean): string[] => {
    const pieces: string[] = [];
    const read = base + kept.length;
    if (!hashed) {
      if (read < COPY_MIN) return pieces;
      h = windowHash(kept, 0);
      hashed = true;
    }
    // (the hot loop on locals: a generator's variables that a closure shares are slower to reach)
    const text = kept;
    const until = last ? read - COPY_MIN : read - ahead;
    let at = i - base;
    let hash = h;
    for (; at + base <= until; at++) {
      const candidates = at + base >= copied && (mayStart[(hash & FILTER_MASK) >>> 5]! & (1 << (hash & 31))) !== 0 ? byStart.get(hash) : undefined;
      if (candidates !== undefined) {
        const secret = candidates.find((c) => text.startsWith(c, at));
        if (secret !== undefined) {
          pieces.push(text.slice(written - base, at), MASK);
          written = copied = at + base + secret.length;
          tally.count++;
        }
      }
      if (at + COPY_MIN < text.length) hash = (Math.imul(hash - Math.imul(text.charCodeAt(at), first), HASH_BASE) + text.charCodeAt(at + COPY_MIN)) | 0;
    }
    h = hash;
    i = Math.max(i, at + base);
    if (written < i) {
      pieces.push(text.slice(written - base, i - base));
      written = i;
    }
    kept = text.slice(i - base);
    base = i;
    return pieces;
  };
  for (const piece of text) {
    kept = held(kept + piece);
    yield* look(false);
  }
  yield* look(true);
  if (written < base + kept.length) yield kept.slice(Math.max(written - base, 0));
}

/** (not Math.max(...lengths): a heavy run's hundred thousand secrets are more arguments than a call takes) */
function longestOf(lengths: Iterable<number>): number {
  let longest = 0;
  for (const length of lengths) longest = Math.max(longest, length);
  return longest;
}

const HASH_BASE = 0x01000193;
const FILTER_BITS = 22;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/** The hash of text[at, at + COPY_MIN), as withCopiesMasked rolls it. */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < COPY_MIN; k++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(at + k)) | 0;
  return h;
}

/**
 * The text of each span, in the order given (spans may overlap), read as the text comes; each a string of its own (a
 * slice kept its block alive: a 100 MB manifest's secrets kept 180 MB of blocks).
 */
export function spanTexts(text: Iterable<string>, spans: readonly Span[]): string[] {
  const pieces: string[][] = spans.map(() => []);
  const byStart = spans.map((_, k) => k).sort((a, b) => spans[a]!.charOffset - spans[b]!.charOffset);
  let open: number[] = [];
  let next = 0;
  let pos = 0;
  for (const block of text) {
    const end = pos + block.length;
    for (; next < byStart.length && spans[byStart[next]!]!.charOffset < end; next++) open.push(byStart[next]!);
    for (const k of open) {
      const s = spans[k]!;
      pieces[k]!.push(block.slice(Math.max(s.charOffset - pos, 0), Math.min(s.charOffset + s.charLength, end) - pos));
    }
    open = open.filter((k) => spans[k]!.charOffset + spans[k]!.charLength > end);
    pos = end;
  }
  return pieces.map(joinOwn);
}
