/**
 * One combined keyword scan decides which detectors run on a value at all: most strings in a
 * manifest contain none of the keywords, and then no detector regex runs.
 */
import type { Detector } from '../types.js';

export class DetectorSet {
  /** Detectors without keywords: they run on every value. */
  private readonly always: Detector[] = [];
  private readonly keywordRegex: RegExp | undefined;
  /** For each keyword, the detectors that need it or any keyword contained in it. */
  private readonly byKeyword = new Map<string, Detector[]>();
  /** For each keyword, what `select` returns when it is the only one found (the usual case). */
  private readonly single = new Map<string, Detector[]>();
  readonly detectors: readonly Detector[];
  /** Every keyword of these detectors, lower-case. */
  readonly keywords: readonly string[];
  /** Some detector runs on every value (no keywords): `select` never returns an empty list. */
  readonly runsOnEveryValue: boolean;

  constructor(detectors: readonly Detector[]) {
    this.detectors = detectors;
    const keywords = new Set<string>();
    for (const d of detectors) {
      if (d.keywords.length === 0) this.always.push(d);
      for (const k of d.keywords) keywords.add(k.toLowerCase());
    }
    this.keywords = [...keywords];
    this.runsOnEveryValue = this.always.length > 0 || keywords.size === 0;
    for (const k of keywords) {
      // a keyword found also triggers detectors whose keyword is inside it ("sk_live" contains "sk_")
      const found = detectors.filter((d) => d.keywords.some((dk) => k.includes(dk.toLowerCase())));
      this.byKeyword.set(k, found);
      this.single.set(k, detectors.filter((d) => this.always.includes(d) || found.includes(d)));
    }
    if (keywords.size > 0) {
      const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(escapeRegex);
      this.keywordRegex = new RegExp(alternatives.join('|'), 'gi');
    }
  }

  /** The detectors to run on `value`, in registry order. */
  select(value: string): readonly Detector[] {
    const re = this.keywordRegex;
    if (!re) return this.always;
    re.lastIndex = 0;
    let first: string | undefined;
    let hit: Set<Detector> | undefined;
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      const k = m[0].toLowerCase();
      if (first === undefined) first = k;
      else if (k !== first) {
        hit ??= new Set(this.single.get(first));
        for (const d of this.byKeyword.get(k) ?? []) hit.add(d);
      }
      re.lastIndex = m.index + 1; // overlapping keywords: "xoxb-" may start inside another match
    }
    if (first === undefined) return this.always;
    if (!hit) return this.single.get(first) ?? this.always;
    return this.detectors.filter((d) => hit.has(d));
  }
}

/**
 * The keywords of all sets, to be searched for in raw JSON text (escapes not decoded) to tell
 * which string tokens may hold one. That is a superset test when every keyword is printable ASCII
 * without quote or backslash: such a keyword is written verbatim in the raw text, unless an escape
 * spells one of its characters (the tokenizer flags those strings). Otherwise undefined: every
 * value is then decoded and given to `select`.
 */
export function rawKeywords(sets: readonly (DetectorSet | undefined)[]): readonly string[] | undefined {
  const keywords = new Set<string>();
  for (const set of sets) for (const k of set?.keywords ?? []) keywords.add(k);
  if (keywords.size === 0) return undefined;
  if ([...keywords].some((k) => !/^[\x20-\x7e]+$/.test(k) || k.includes('"') || k.includes('\\'))) return undefined;
  return [...keywords].sort();
}

/**
 * Aho-Corasick over bytes, ASCII letters in any case: one table lookup per byte finds every
 * keyword (several times faster than a regex of 130 alternatives). It also notes control
 * characters, which JSON strings may not hold, in the same pass. State carries over between
 * calls, so a keyword cut by a chunk boundary is found in the next chunk.
 */
export class KeywordScanner {
  private readonly next: Uint16Array | Uint32Array;
  /** Length of the longest keyword that ends in each state (0: none). */
  private readonly ending: Uint8Array;
  /** Where the last scan stopped; a scan in another thread may go on from it. */
  state = 0;

  constructor(keywords: readonly string[]) {
    const edges: Map<number, number>[] = [new Map()];
    const ending = [0];
    for (const k of keywords) {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i) | (k.charCodeAt(i) >= 65 && k.charCodeAt(i) <= 90 ? 32 : 0);
        let t = edges[s]!.get(c);
        if (t === undefined) {
          t = edges.length;
          edges.push(new Map());
          ending.push(0);
          edges[s]!.set(c, t);
        }
        s = t;
      }
      ending[s] = Math.max(ending[s]!, Math.min(k.length, 255));
    }
    // failure links, breadth first; each state ends the longest keyword of its suffixes too
    const fail = new Array<number>(edges.length).fill(0);
    const queue = [...edges[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q]!;
      for (const [c, s] of edges[r]!) {
        queue.push(s);
        let f = fail[r]!;
        while (f !== 0 && !edges[f]!.has(c)) f = fail[f]!;
        const t = edges[f]!.get(c);
        fail[s] = t !== undefined && t !== s ? t : 0;
        ending[s] = Math.max(ending[s]!, ending[fail[s]!]!);
      }
    }
    const states = edges.length;
    this.next = states < 65536 ? new Uint16Array(states * 256) : new Uint32Array(states * 256);
    for (let s = 0; s < states; s++) {
      for (let byte = 0; byte < 256; byte++) {
        const c = byte >= 65 && byte <= 90 ? byte + 32 : byte;
        let f = s;
        while (f !== 0 && !edges[f]!.has(c)) f = fail[f]!;
        this.next[s * 256 + byte] = edges[f]!.get(c) ?? 0;
      }
    }
    this.ending = Uint8Array.from(ending);
  }

  /**
   * Scan bytes[from, to): push where keywords start and where control characters are, as offsets
   * from `from` (a keyword that began in an earlier call starts at a negative offset).
   */
  scan(bytes: Uint8Array, from: number, to: number, keywords: number[], controls: number[]): void {
    const next = this.next;
    const ending = this.ending;
    let s = this.state;
    for (let i = from; i < to; i++) {
      const b = bytes[i]!;
      if (b < 32) controls.push(i - from);
      s = next[(s << 8) | b]!;
      if (ending[s] !== 0) keywords.push(i + 1 - ending[s]! - from);
    }
    this.state = s;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
