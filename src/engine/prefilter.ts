/**
 * One combined keyword scan decides which detectors run on a value at all: most strings in a
 * manifest contain none of the keywords, and then no detector regex runs.
 */
import type { Detector, DetectorContext } from '../types.js';
import { COLUMN_DOC_DETECTORS, CONTEXT_GATES, DETECTORS } from '../detectors/index.js';
import { digestKey, prepared, type Codec } from '../detectors/prepared.js';
import { isWordForm, keywordForms } from './keyword-forms.js';
import { ANCHOR_BUDGET, ANCHOR_WINDOW, ANCHOR_WORK, KeywordScanner, type KeywordAnchors } from './keyword-scan.js';

/**
 * Every built-in detector's keywords as the search holds them (keywordForms: lower-case, and a word
 * past ASCII as raw JSON writes it), sorted: one scanner serves every set that uses only these.
 */
const REGISTRY_KEYWORDS: readonly string[] = [...new Set(DETECTORS.flatMap((d) => d.keywords.flatMap(keywordForms)))].sort();

/** A keyword that the raw text may write otherwise than as it stands, but for the escapes keywordForms knows: a quote, a backslash, a control character. */
const ESCAPED_IN_RAW = /["\\\x00-\x1f]/;

/** Combinations of keywords a set remembers its selection for. */
const MAX_COMBINATIONS = 4096;

const REGISTRY_SET: ReadonlySet<string> = new Set(REGISTRY_KEYWORDS);
const REGISTRY_DETECTORS: ReadonlySet<Detector> = new Set(DETECTORS);

/** For tests: scanners built for sets of their own, keywords worked out, values whose keywords came from the raw text's search. */
export const PREFILTER_COUNTS = { scanners: 0, keywordsWorkedOut: 0, foundInRawText: 0 };

let registryAnchorsMemo: KeywordAnchors | undefined;
let registryScannerMemo: KeywordScanner | undefined;

/**
 * The anchors of the registry's keywords over every built-in detector. A set of some of them may
 * share these: anchors over more detectors let more places through (any detector's anchor, none
 * when one has none), never fewer, so a set still sees every place its own detectors could match.
 */
function registryAnchors(): KeywordAnchors {
  // a function of the keywords and of each detector's keywords and anchor (see detectors/prepared.ts)
  const key = () => digestKey([...REGISTRY_KEYWORDS, ...DETECTORS.flatMap((d) => [d.keywords.join('\u0001'), d.anchor ? `${d.anchor.flags}/${d.anchor.source}` : ''])]);
  return (registryAnchorsMemo ??= prepared('keywordAnchors', key(), () => keywordAnchors(DETECTORS, REGISTRY_KEYWORDS), PLAIN));
}

/** Plain data as the table of prepared work holds it. */
const PLAIN: Codec<KeywordAnchors, KeywordAnchors> = { encode: (value) => value, decode: (data) => data };

/** keywordAnchors, but the registry's own worked out once per thread (every scan's raw search asks for them). */
export function anchorsOf(detectors: readonly Detector[], scanned: readonly string[]): KeywordAnchors {
  const registryOnly = scanned.length === REGISTRY_KEYWORDS.length && detectors.length === REGISTRY_DETECTORS.size && builtInOnly(detectors);
  return registryOnly ? registryAnchors() : keywordAnchors(detectors, scanned);
}

function builtInOnly(detectors: readonly Detector[]): boolean {
  return detectors.every((d) => REGISTRY_DETECTORS.has(d));
}

/** One scanner over the registry's keywords and anchors, for every set of built-in detectors. */
function registryScanner(): KeywordScanner {
  if (!registryScannerMemo) {
    registryScannerMemo = new KeywordScanner(REGISTRY_KEYWORDS, registryAnchors());
    PREFILTER_COUNTS.scanners++;
  }
  return registryScannerMemo;
}
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

/**
 * The keywords that the search of the raw JSON text (rawKeywords, the same tables and anchors as a
 * set's own search, or weaker ones) found in a value written without escapes in ASCII, where the
 * bytes are the characters: where each starts in the value and its index in `keywords`, the list
 * searched for. Every keyword the value's own search would find is among them.
 */
export interface FoundKeywords {
  keywords: readonly string[];
  starts: readonly number[];
  ids: readonly number[];
  /** The list holds every keyword but not every place (MOST_FOUND). */
  partial: boolean;
}

/**
 * Where select found each selected detector's anchor to match, for the detectors that read only
 * around those places (Detector.detectAt), in no set order; null where it was selected otherwise too
 * (a keyword that does not begin with its own, a test past the budget): it reads the whole value.
 */
export type AnchoredPlaces = Map<Detector, number[] | null>;

/**
 * Places a detector is given at most; past them it reads the whole value, which costs as much (a value of `PWD={`
 * repeated: every fifth character a place, each pushed after a search of those before it, which made 32 MB of it take
 * minutes and a list of millions).
 */
const MOST_PLACES = 256;

/** A keyword's detectors as select tests them (see DetectorSet.splitOf): `offsets[j]` are where `anchored[j]`'s keywords begin inside it. */
interface KeywordSplit {
  anchored: readonly Detector[];
  offsets: readonly (readonly number[])[];
  unanchored: readonly Detector[];
}

/** Where any of `forms` begins inside `keyword` (ending inside it too), in increasing order. */
function placesInside(keyword: string, forms: readonly string[]): number[] {
  const out: number[] = [];
  for (const form of forms) {
    for (let i = keyword.indexOf(form); i >= 0; i = keyword.indexOf(form, i + 1)) if (!out.includes(i)) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

export class DetectorSet {
  /** Detectors without keywords: they run on every value. */
  readonly always: readonly Detector[];
  /** One pass over a value finds every keyword, however many (Aho-Corasick). */
  private readonly scanner: KeywordScanner | undefined;
  /** The keywords the scanner reports by index, and whether each selects some detector here (1, 0; -1 not yet known). */
  private readonly scanned: readonly string[] = [];
  private readonly scannedKnown: Int8Array = new Int8Array(0);
  /** For each keyword met, the detectors that need it or any keyword contained in it (worked out when first met). */
  private readonly byKeyword = new Map<string, readonly Detector[]>();
  private readonly owners: Map<string, Detector[]>;
  /** Keywords of detectors from a config, which the registry does not know. */
  private readonly unlisted: readonly string[];
  /** For each keyword, what `select` returns when it is the only one found (the usual case), made when first asked. */
  private readonly single = new Map<string, readonly Detector[]>();
  /** Detectors in registry order. */
  private readonly byRank: (a: Detector, b: Detector) => number;
  /** What `select` returned for a combination of detectors (their ids in registry order, joined), up to MAX_COMBINATIONS of them. */
  private readonly combinations = new Map<string, readonly Detector[]>();
  /** For each keyword met, its detectors with an anchor tested at it, and the others. */
  private readonly splits = new Map<string, KeywordSplit>();
  /** Where each keyword keywordsIn returned begins in the value. */
  private foundAt: number[] = [];
  /** The last search of a value (keywordsIn) listed every keyword but not every place (MOST_FOUND). */
  private partial = false;
  /** The last raw-text keyword list asked about (see FoundKeywords), and whether it is the one this set's scanner searches for. */
  private rawList: readonly string[] | undefined;
  private rawListSame = false;
  readonly detectors: readonly Detector[];
  /** Every keyword of these detectors, as the search holds them (keywordForms). */
  readonly keywords: readonly string[];
  /** Some keyword of these detectors may be written otherwise in the raw text (ESCAPED_IN_RAW): the raw text's search cannot stand for the value's. */
  readonly escapedInRaw: boolean;
  /** Some detector runs on every value (no keywords, and not only in a column's documentation). */
  readonly runsOnEveryValue: boolean;
  /** The shortest value a keywordless detector of a column's documentation (COLUMN_DOC_DETECTORS) reads; Infinity: none here. */
  readonly columnDocMin: number;
  /** Keywordless detectors that find nothing whenever their context test fails (CONTEXT_GATES). */
  private readonly gates: ((context: DetectorContext, length: number) => boolean)[] = [];
  /** Some keywordless detector has no context test. */
  private readonly ungated: boolean;

  constructor(detectors: readonly Detector[]) {
    this.detectors = detectors;
    this.always = detectors.filter((d) => d.keywords.length === 0);
    const keywords = new Set<string>();
    for (const d of detectors) for (const form of searchedFor(d).forms) keywords.add(form);
    this.keywords = [...keywords];
    this.escapedInRaw = detectors.some((d) => searchedFor(d).escaped);
    this.runsOnEveryValue = keywords.size === 0 || this.always.some((d) => !COLUMN_DOC_DETECTORS.has(d.id));
    this.columnDocMin = Math.min(Infinity, ...this.always.map((d) => COLUMN_DOC_DETECTORS.get(d.id) ?? Infinity));
    for (const d of this.always) {
      const gate = CONTEXT_GATES.get(d.id);
      if (gate) this.gates.push(gate);
    }
    this.ungated = this.gates.length < this.always.length;
    // The scanner looks for the registry's keywords as well as this set's own, so that every set
    // shares one table; a keyword this set does not know counts for the set's keywords inside it.
    this.owners = ownersByKeyword(detectors);
    const rank = new Map(detectors.map((d, i) => [d, i]));
    this.byRank = (a: Detector, b: Detector) => rank.get(a)! - rank.get(b)!;
    this.unlisted = [...keywords].filter((k) => !REGISTRY_SET.has(k));
    // built-in detectors only (every rule's set): the registry's scanner, built once for them all
    const builtIn = this.unlisted.length === 0 && builtInOnly(detectors);
    const scanned = builtIn ? REGISTRY_KEYWORDS : [...new Set([...REGISTRY_KEYWORDS, ...keywords])].sort();
    if (keywords.size > 0) {
      if (!builtIn) PREFILTER_COUNTS.scanners++;
      this.scanner = builtIn ? registryScanner() : new KeywordScanner(scanned, keywordAnchors(detectors, scanned));
      this.scanned = scanned;
      this.scannedKnown = new Int8Array(scanned.length).fill(-1);
    }
  }

  /**
   * Whether a value without any keyword can give a match in this context: a keywordless detector
   * without a context test, or one whose test passes. When not, the value need not be read.
   * `length`: the most characters the value can have (a streamed value's raw token is no shorter).
   */
  findsWithoutKeyword(context: DetectorContext, length: number): boolean {
    if (this.ungated) return true;
    for (const gate of this.gates) if (gate(context, length)) return true;
    return false;
  }

  /**
   * The detectors to run on `value`, in registry order. A keyword's place passed the anchors of
   * all its detectors together (one scanner serves them all); a detector with an anchor of its own
   * is selected only where that anchor matches (`unique_key='id'` is an assignment, not a setter's
   * name: password-assignment, not code-secret-argument). `raw`: the keywords a search of the raw
   * text found in the value, when they are all of them (see FoundKeywords): not searched for again.
   */
  select(value: string, raw?: FoundKeywords, places?: AnchoredPlaces): readonly Detector[] {
    // one budget for the anchor tests of the keyword search and those below: past it, a keyword's detectors are selected untested
    const readsUntil = ANCHOR_WORK.reads + ANCHOR_BUDGET.perByte * value.length + ANCHOR_BUDGET.base;
    const reuse = raw !== undefined && this.searches(raw.keywords);
    if (reuse) PREFILTER_COUNTS.foundInRawText++;
    const found = reuse ? this.selecting(raw.ids, raw.starts) : this.keywordsIn(value);
    if (found.length === 0) return this.always;
    // too many places to test (a value of keywords): every detector of the keywords, each on the whole value
    if (reuse ? raw.partial : this.partial) return this.everyDetectorOf(found, places);
    const at = this.foundAt;
    const first = found[0]!;
    if (this.splitOf(first).anchored.length === 0 && found.every((k) => k === first)) return this.singleSelection(first);
    const hit: Detector[] = [];
    for (let i = 0; i < found.length; i++) {
      const { anchored, offsets, unanchored } = this.splitOf(found[i]!);
      for (const d of unanchored) {
        if (!hit.includes(d)) hit.push(d);
        // selected where its anchor was not tested: it reads the whole value
        if (places !== undefined && d.detectAt !== undefined) places.set(d, null);
      }
      for (let j = 0; j < anchored.length; j++) {
        const d = anchored[j]!;
        // (a detector that reads only around its anchors is tested at every place, to know them all)
        const placed = places !== undefined && d.detectAt !== undefined;
        if (hit.includes(d) && (!placed || places.get(d) === null)) continue;
        let matched = false;
        // at each place one of its keywords begins inside the one found (`token` at 7 of `access_token`)
        for (const offset of offsets[j]!) {
          if (ANCHOR_WORK.reads >= readsUntil) {
            if (placed) places.set(d, null);
            matched = true;
            break;
          }
          ANCHOR_WORK.reads += ANCHOR_WINDOW;
          const place = at[i]! + offset;
          if (!anchorMatches(d.anchor!, value, place)) continue;
          matched = true;
          if (!placed) break;
          // (the keyword inside may be found as one of its own too, where it ends before this one)
          const list = places.get(d);
          if (list === undefined) places.set(d, [place]);
          else if (list !== null && !list.includes(place)) {
            if (list.length < MOST_PLACES) list.push(place);
            else places.set(d, null);
          }
        }
        if (matched && !hit.includes(d)) hit.push(d);
      }
    }
    return this.selection(hit);
  }

  /** Every detector of the keywords `found` (each keyword once), those that read around places reading the whole value. */
  private everyDetectorOf(found: readonly string[], places: AnchoredPlaces | undefined): readonly Detector[] {
    const hit: Detector[] = [];
    for (const keyword of new Set(found)) {
      for (const d of this.detectorsOf(keyword)) {
        if (hit.includes(d)) continue;
        hit.push(d);
        if (places !== undefined && d.detectAt !== undefined) places.set(d, null);
      }
    }
    return this.selection(hit);
  }

  /** The set's keywordless detectors and those of `hit`, in registry order (`hit` is sorted). */
  private selection(hit: Detector[]): readonly Detector[] {
    if (hit.length === 0) return this.always;
    // the same few combinations come back value after value (SQL with key, pass and token)
    hit.sort(this.byRank);
    const combination = hit.map((d) => d.id).join('\n');
    let selected = this.combinations.get(combination);
    if (!selected) {
      selected = this.always.length === 0 ? hit : [...this.always, ...hit].sort(this.byRank);
      if (this.combinations.size < MAX_COMBINATIONS) this.combinations.set(combination, selected);
    }
    return selected;
  }

  /**
   * A keyword's detectors whose anchor is tested where it is found, each at the places its own keywords begin inside
   * the one found (`token` at 7 of `access_token`, which the search reports alone: both end together), and the others,
   * selected wherever it is. Tested at the found keyword's start only, a detector of a keyword inside it further on was
   * selected wherever it occurred: every model that selected `access_token_expires_at` ran sql-password on its whole SQL.
   */
  private splitOf(keyword: string): KeywordSplit {
    let split = this.splits.get(keyword);
    if (!split) {
      const anchored: Detector[] = [];
      const offsets: number[][] = [];
      const unanchored: Detector[] = [];
      for (const d of this.detectorsOf(keyword)) {
        // (a word past ASCII is never anchored: see keyword-forms.ts)
        const at = d.anchor && !isWordForm(keyword) ? placesInside(keyword, searchedFor(d).forms) : [];
        if (at.length > 0) {
          anchored.push(d);
          offsets.push(at);
        } else unanchored.push(d);
      }
      split = { anchored, offsets, unanchored };
      this.splits.set(keyword, split);
    }
    return split;
  }

  private singleSelection(keyword: string): readonly Detector[] {
    let selected = this.single.get(keyword);
    if (selected === undefined) {
      const found = this.detectorsOf(keyword);
      selected = found.length > 0 ? [...this.always, ...found].sort(this.byRank) : this.always;
      this.single.set(keyword, selected);
    }
    return selected;
  }

  /**
   * The detectors a keyword found selects, in registry order: those that need it and those whose
   * keyword is inside it ("sk_live" holds "sk_"). Worked out when first met: a scan meets a few
   * dozen of the hundreds of keywords, and every thread builds every rule's set at its start.
   */
  private detectorsOf(keyword: string): readonly Detector[] {
    let found = this.byKeyword.get(keyword);
    if (found === undefined) {
      const hit = new Set<Detector>();
      for (const inner of keywordsInside(keyword, this.unlisted)) for (const d of this.owners.get(inner) ?? []) hit.add(d);
      found = [...hit].sort(this.byRank);
      this.byKeyword.set(keyword, found);
      PREFILTER_COUNTS.keywordsWorkedOut++;
    }
    return found;
  }

  /** Whether `keywords` is the list this set's scanner searches for (so that its ids are this scanner's). */
  private searches(keywords: readonly string[]): boolean {
    if (keywords !== this.rawList) {
      const scanned = this.scanned;
      this.rawList = keywords;
      this.rawListSame = scanned !== undefined && keywords.length === scanned.length && keywords.every((k, i) => k === scanned[i]);
    }
    return this.rawListSame;
  }

  /**
   * The keywords among those a search found (ids in this scanner's list, and their starts) that
   * select some detector of this set, in order; their starts become foundAt.
   */
  private selecting(ids: readonly number[], starts: readonly number[]): string[] {
    const out: string[] = [];
    const at: number[] = [];
    this.foundAt = at;
    const known = this.scannedKnown!;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (known[id] === -1) known[id] = this.detectorsOf(this.scanned![id]!).length > 0 ? 1 : 0;
      if (known[id] === 1) {
        out.push(this.scanned![id]!);
        at.push(starts[i]!);
      }
    }
    return out;
  }

  /** The keywords that occur in `value`, lower-case, in order (overlapping ones too: "xoxb-" inside another). */
  private keywordsIn(value: string): string[] {
    const ids: number[] = [];
    const starts: number[] = [];
    this.partial = this.scanner !== undefined && !this.scanner.scanString(value, ids, starts);
    return this.selecting(ids, starts);
  }
}

/**
 * The keywords of all sets, to be searched for in raw JSON text (escapes not decoded) to tell
 * which string tokens may hold one. That is a superset test when no keyword holds a quote, a
 * backslash or a control character: a keyword in printable ASCII is written verbatim in the raw
 * text, unless an escape spells one of its characters (the tokenizer flags those strings), and a
 * word past ASCII in one of its forms (keywordForms). Otherwise undefined: every value is then
 * decoded and given to `select`.
 */
export function rawKeywords(sets: readonly (DetectorSet | undefined)[]): readonly string[] | undefined {
  const keywords = new Set<string>();
  for (const set of sets) for (const k of set?.keywords ?? []) keywords.add(k);
  if (keywords.size === 0) return undefined;
  if (sets.some((set) => set?.escapedInRaw)) return undefined;
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
    if (isWordForm(k)) continue;
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
    for (const form of searchedFor(d).forms) {
      const list = owners.get(form);
      if (list) list.push(d);
      else owners.set(form, [d]);
    }
  }
  return owners;
}

const SEARCHED_FOR = new WeakMap<Detector, { forms: readonly string[]; escaped: boolean }>();

/**
 * A detector's keywords as the search holds them (keywordForms, each form once) and whether one may be
 * written otherwise in the raw text (ESCAPED_IN_RAW): worked out once per detector, not once per rule's set.
 * Every rule's set reads some 300 detectors twice: with the loop over each one's keywords and their forms,
 * the set's constructor ran long enough for V8 to optimize it, 64 ms of TurboFan for code that runs ten
 * times, and eight more keywords tipped it there (callgrind, a small manifest: +97 M instructions; compiled, as --trace-opt showed).
 */
function searchedFor(d: Detector): { forms: readonly string[]; escaped: boolean } {
  let known = SEARCHED_FOR.get(d);
  if (!known) {
    const forms = [...new Set(d.keywords.flatMap(keywordForms))];
    SEARCHED_FOR.set(d, (known = { forms, escaped: d.keywords.some((k) => ESCAPED_IN_RAW.test(k)) }));
  }
  return known;
}

/** Whether a detector's own (sticky) anchor matches at `start` of the value. */
function anchorMatches(anchor: RegExp, value: string, start: number): boolean {
  anchor.lastIndex = start;
  return anchor.test(value);
}

