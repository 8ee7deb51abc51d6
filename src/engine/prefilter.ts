/**
 * One combined keyword scan decides which detectors run on a value at all: most strings in a
 * manifest contain none of the keywords, and then no detector regex runs.
 */
import type { Detector } from '../types.js';
import { DETECTORS, KEY_GATES } from '../detectors/index.js';
import { KeywordScanner, type KeywordAnchors } from './keyword-scan.js';

/** Every built-in detector's keywords, lower-case and sorted: one scanner serves every set that uses only these. */
const REGISTRY_KEYWORDS: readonly string[] = [...new Set(DETECTORS.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))].sort();

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Combinations of keywords a set remembers its selection for. */
const MAX_COMBINATIONS = 4096;

const REGISTRY_SET: ReadonlySet<string> = new Set(REGISTRY_KEYWORDS);
const INSIDE = new Map<string, readonly string[]>();

/** The registry's keywords inside `keyword` (itself too, when it is one): worked out once per keyword, not once per set. */
function registryKeywordsInside(keyword: string): readonly string[] {
  let inside = INSIDE.get(keyword);
  if (!inside) {
    const found = new Set<string>();
    for (let i = 0; i < keyword.length; i++) {
      for (let j = i + 1; j <= keyword.length; j++) if (REGISTRY_SET.has(keyword.slice(i, j))) found.add(keyword.slice(i, j));
    }
    inside = [...found];
    INSIDE.set(keyword, inside);
  }
  return inside;
}

/** The scanned keywords inside `keyword` (itself too): the registry's worked out once, those of a config (`unlisted`) by includes. */
function keywordsInside(keyword: string, unlisted: readonly string[]): readonly string[] {
  const registry = registryKeywordsInside(keyword);
  const extra = unlisted.filter((k) => keyword.includes(k));
  return extra.length === 0 ? registry : [...registry, ...extra];
}

export class DetectorSet {
  /** Detectors without keywords: they run on every value. */
  readonly always: readonly Detector[];
  /** One pass over a value finds every keyword, however many (Aho-Corasick); a regex only for non-ASCII keywords. */
  private readonly scanner: KeywordScanner | undefined;
  /** The keywords the scanner reports by index, and which of them select some detector here. */
  private readonly scanned: readonly string[] = [];
  private readonly scannedKnown: readonly boolean[] = [];
  private readonly keywordRegex: RegExp | undefined;
  /** For each keyword, the detectors that need it or any keyword contained in it. */
  private readonly byKeyword = new Map<string, Detector[]>();
  /** For each keyword, what `select` returns when it is the only one found (the usual case), made when first asked. */
  private readonly single = new Map<string, readonly Detector[]>();
  /** Detectors in registry order. */
  private readonly byRank: (a: Detector, b: Detector) => number;
  /** What `select` returned for a combination of keywords (sorted, joined), up to MAX_COMBINATIONS of them. */
  private readonly combinations = new Map<string, readonly Detector[]>();
  readonly detectors: readonly Detector[];
  /** Every keyword of these detectors, lower-case. */
  readonly keywords: readonly string[];
  /** Some detector runs on every value (no keywords): `select` never returns an empty list. */
  readonly runsOnEveryValue: boolean;
  /** Keywordless detectors that find nothing whenever their key test fails (KEY_GATES). */
  private readonly gates: ((key: string | undefined) => boolean)[] = [];
  /** Some keywordless detector has no key test. */
  private readonly ungated: boolean;

  constructor(detectors: readonly Detector[]) {
    this.detectors = detectors;
    this.always = detectors.filter((d) => d.keywords.length === 0);
    const keywords = new Set<string>();
    for (const d of detectors) for (const k of d.keywords) keywords.add(k.toLowerCase());
    this.keywords = [...keywords];
    this.runsOnEveryValue = this.always.length > 0 || keywords.size === 0;
    for (const d of this.always) {
      const gate = KEY_GATES.get(d.id);
      if (gate) this.gates.push(gate);
    }
    this.ungated = keywords.size === 0 || this.gates.length < this.always.length;
    // The scanner looks for the registry's keywords as well as this set's own, so that every set
    // shares one table; a keyword this set does not know counts for the set's keywords inside it.
    const scanned = [...new Set([...REGISTRY_KEYWORDS, ...keywords])].sort();
    const owners = ownersByKeyword(detectors);
    const rank = new Map(detectors.map((d, i) => [d, i]));
    const byRank = (this.byRank = (a: Detector, b: Detector) => rank.get(a)! - rank.get(b)!);
    // keywords of detectors from a config, which the registry does not know
    const unlisted = [...keywords].filter((k) => !REGISTRY_SET.has(k));
    for (const k of keywords.size > 0 ? scanned : []) {
      // a keyword found also triggers detectors whose keyword is inside it ("sk_live" contains "sk_")
      const hit = new Set<Detector>();
      for (const inner of keywordsInside(k, unlisted)) for (const d of owners.get(inner) ?? []) hit.add(d);
      if (hit.size === 0) continue;
      const found = [...hit].sort(byRank);
      this.byKeyword.set(k, found);
    }
    if (keywords.size > 0 && scanned.every((k) => PRINTABLE_ASCII.test(k))) {
      this.scanner = new KeywordScanner(scanned, keywordAnchors(detectors, scanned));
      this.scanned = scanned;
      this.scannedKnown = scanned.map((k) => this.byKeyword.has(k));
    } else if (keywords.size > 0) {
      const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(escapeRegex);
      this.keywordRegex = new RegExp(alternatives.join('|'), 'gi');
    }
  }

  /**
   * Whether a value without any keyword can give a match under this key: a keywordless detector
   * without a key test, or one whose key test passes. When not, the value need not be read.
   */
  findsWithoutKeyword(key: string | undefined): boolean {
    if (this.ungated) return true;
    for (const gate of this.gates) if (gate(key)) return true;
    return false;
  }

  /** The detectors to run on `value`, in registry order. */
  select(value: string): readonly Detector[] {
    const found = this.keywordsIn(value);
    if (found.length === 0) return this.always;
    const first = found[0]!;
    if (found.every((k) => k === first)) return this.singleSelection(first);
    // several keywords: the same few combinations come back value after value (SQL with key, pass and token)
    const distinct = [...new Set(found)].sort();
    const combination = distinct.join('\n');
    let selected = this.combinations.get(combination);
    if (!selected) {
      const hit = new Set(this.always);
      for (const k of distinct) for (const d of this.byKeyword.get(k) ?? []) hit.add(d);
      selected = this.detectors.filter((d) => hit.has(d));
      if (this.combinations.size < MAX_COMBINATIONS) this.combinations.set(combination, selected);
    }
    return selected;
  }

  private singleSelection(keyword: string): readonly Detector[] {
    let selected = this.single.get(keyword);
    if (selected === undefined) {
      const found = this.byKeyword.get(keyword);
      selected = found ? [...this.always, ...found].sort(this.byRank) : this.always;
      this.single.set(keyword, selected);
    }
    return selected;
  }

  /** The keywords that occur in `value`, lower-case, in order (overlapping ones too: "xoxb-" inside another). */
  private keywordsIn(value: string): string[] {
    const out: string[] = [];
    if (this.scanner) {
      const ids: number[] = [];
      this.scanner.scanString(value, ids);
      for (const id of ids) if (this.scannedKnown[id]) out.push(this.scanned[id]!);
      return out;
    }
    const re = this.keywordRegex;
    if (!re) return out;
    re.lastIndex = 0;
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      out.push(m[0].toLowerCase());
      re.lastIndex = m.index + 1;
    }
    return out;
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
  if ([...keywords].some((k) => !PRINTABLE_ASCII.test(k) || k.includes('"') || k.includes('\\'))) return undefined;
  // the registry's keywords too, as the sets scan for them: one table for the whole run
  return [...new Set([...REGISTRY_KEYWORDS, ...keywords])].sort();
}

/**
 * The anchors of each keyword whose detectors are all anchored (see Detector.anchor): a keyword
 * found where none of their anchors matches selects nothing. A keyword found also selects the
 * detectors of the keywords inside it; those at its start share its place and their anchors join
 * its own. One with another keyword inside it further on is never anchored: that one's detectors
 * would be asked at the wrong place, and where both end together the search reports only the
 * longer.
 */
export function keywordAnchors(detectors: readonly Detector[], scanned: readonly string[]): KeywordAnchors {
  const owners = ownersByKeyword(detectors);
  const unlisted = scanned.filter((k) => !REGISTRY_SET.has(k));
  const out: Record<string, { source: string; flags: string }[]> = {};
  next: for (const k of scanned) {
    const inside = keywordsInside(k, unlisted);
    if (inside.some((other) => k.indexOf(other, 1) > 0)) continue;
    const anchors = new Map<string, { source: string; flags: string }>();
    for (const prefix of inside) {
      for (const { anchor } of owners.get(prefix) ?? []) {
        if (!anchor) continue next;
        anchors.set(`${anchor.flags}/${anchor.source}`, { source: anchor.source, flags: anchor.flags });
      }
    }
    if (anchors.size > 0) out[k] = [...anchors.values()];
  }
  return out;
}

/** The detectors of each keyword, lower-case. */
function ownersByKeyword(detectors: readonly Detector[]): Map<string, Detector[]> {
  const owners = new Map<string, Detector[]>();
  for (const d of detectors) {
    for (const k of d.keywords) {
      const lower = k.toLowerCase();
      const list = owners.get(lower);
      if (list) list.push(d);
      else owners.set(lower, [d]);
    }
  }
  return owners;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
