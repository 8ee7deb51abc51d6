/** The keyword search over raw bytes that the streaming path's gate uses (see rawKeywords in prefilter.ts). */
import { allSteps, following, followingOf, hexTable, keywordSteps, tableHex, type Following, type SteppedAlternative } from '../detectors/anchor-steps.js';
import { digestKey, prepared, type Codec } from '../detectors/prepared.js';

/**
 * Aho-Corasick over bytes, ASCII letters in any case: one table lookup per byte finds every
 * keyword (several times faster than a regex of hundreds of alternatives). It also notes control
 * characters, which JSON strings may not hold, in the same pass. State carries over between
 * calls, so a keyword cut by a chunk boundary is found in the next chunk.
 */
interface Tables {
  /** Byte → its class: the characters of the keywords (letters case-folded) each have one, every other byte is 0. */
  classes: Uint8Array;
  /** log2 of the row width: a state's row holds one entry per class, so the table stays cache-sized. */
  shift: number;
  next: Uint16Array | Uint32Array;
  ending: Uint8Array;
  /** Index (in the keyword list) of the longest keyword that ends in each state, where one does. */
  endingId: Int32Array;
  /**
   * The state a control character leads to (a copy of the start's row); the states where a keyword ends are numbered
   * after it: the scan tells both by their number, without a read.
   */
  control: number;
  /** Each keyword's length (in bytes for a word past ASCII, as the list holds it). */
  lengths: readonly number[];
  /** For a word past ASCII, how many characters it decodes to; 0 for the others (KeywordScanner.wordForms). */
  wordForms: Int32Array;
  /** Whether every byte under 0x20 leads to `control` (no keyword holds one): then a range that never reached it holds none. */
  controlsTold: boolean;
  longest: number;
}

/** By keyword list, joined: every rule's detector set and the raw-text gate share one table. */
const TABLES = new Map<string, Tables>();
/** How many keywords' anchors were worked out for the byte search, over the thread (for tests: once per list and anchors, not once per scanner). */
export const SCANNER_COUNTS = { anchorsWorkedOut: 0 };
/** Each keyword list's text (its key in TABLES), by the list. */
const LIST_KEYS = new WeakMap<readonly string[], string>();

/**
 * Anchors by keyword, as plain data (they cross to the reader's helper thread): where a keyword is
 * found and none of its anchors matches there (sticky), no detector can find anything that
 * begins there, and the keyword is not reported (see detectors/anchors.ts and DetectorSet).
 */
export type KeywordAnchors = Readonly<Record<string, readonly { source: string; flags: string }[]>>;

/**
 * A keyword's anchors as the searches test them: those read as steps (detectors/anchor-steps.ts)
 * on the bytes or the decoded value directly, the others by their regex (on a decoded window).
 */
interface ByteAnchors {
  /** What may come right after the keyword where an anchor matches; undefined when some anchor is a regex (anything may). */
  readonly after: Following | undefined;
  /** Each anchor read as steps: its alternatives, and its regex when some alternative is only a prefix of it (to confirm a match of that prefix). */
  readonly stepped: readonly { readonly alternatives: readonly Stepped[]; readonly confirm: readonly RegExp[] | undefined; readonly skips: Uint16Array }[];
  readonly regexes: readonly RegExp[];
  /** Where the alternative read last ended each of its steps (see Stepped.shared). */
  readonly ends: Int32Array;
  /** The anchors themselves, numbered (ANCHOR_LISTS): keywords with the same anchors share the answer at one place (see KeywordScanner.found). */
  readonly same: number;
}

/**
 * One stepped alternative as the searches read it. Alternatives multiplied out of a group begin
 * with the same steps (`pass[\w.-]{0,64} +valid`, `pass[\w.-]{0,64} +encrypted`; a quoted name
 * that a `,` or a `)` follows): a step reads the same characters whichever alternative it is in,
 * so an alternative picks up where the one tried before it left their common steps.
 */
interface Stepped {
  readonly alternative: SteppedAlternative;
  /** How many first steps it has in common with the alternative tried before it (table, least and most; 0 for the first). */
  readonly shared: number;
  /** How many steps it has. */
  readonly steps: number;
  /**
   * Its steps' tables in one array, 256 entries a step (step k's at k << 8): bit PLAIN where the step takes
   * the byte as it stands (its table less the quote, the backslash and bytes past ASCII), bit TAKES where it
   * takes the character (ASCII, escapes decoded). One typed array, not an array of them: the reads are
   * short and many (half a million alternatives tried on 10 MB of a manifest), and each array read costs
   * its checks.
   */
  readonly flat: Uint8Array;
  /** Each step's least and most: [2k] and [2k + 1]. */
  readonly bounds: Int32Array;
}

/** Stepped.flat's bits. */
const PLAIN = 1;
const TAKES = 2;

/** How far the alternative read last got (see Stepped.shared): its steps completed, and what it returned. */
const LAST = { reached: 0, result: 0 };

/** How many characters after a keyword's start the raw-byte search reads for its anchor (past ANCHOR_REACH). */
export const ANCHOR_WINDOW = 256;
/** The window tried first: a match in it, or a string that ends inside it, settles the question. */
const SHORT_WINDOW = 32;
/** Parts of a range scanned side by side (see KeywordScanner.scan). */
const STREAMS = 4;
/**
 * minPart: the shortest part worth scanning side by side (tests set it to Infinity for a one-part
 * scan to compare with). sharedSteps: whether an alternative picks up where the one before it left
 * their common steps (see Stepped; tests turn it off to compare). refusedReuse: whether a keyword
 * found where a shorter one with the same anchors was refused is refused unread (see
 * KeywordScanner.refusedAt; tests turn it off to compare). keysFirst: whether a keyword in an object's
 * key that closes within KEY_WINDOW bytes is refused before its anchors are read (isObjectKey; tests
 * turn it off to compare). siblingSkips: whether a character that refuses an alternative at its first
 * own step passes over the alternatives after it that it refuses too (see siblingSkips; read when a
 * scanner first meets a keyword; tests turn it off to compare). answersKept: whether the answers of the
 * anchor tests are kept for the same bytes met again (see AnchorAnswers; tests turn it off to compare).
 */
export const SCAN_TUNING = { minPart: 4096, sharedSteps: true, refusedReuse: true, keysFirst: true, siblingSkips: true, answersKept: true };

/**
 * Control characters in bytes[from, to), as offsets from `from` (what the tokenizer asks of a string: a raw one in it is
 * invalid), up to the first that JSON allows nowhere (not a tab, a line feed or a carriage return): the parse stops
 * there, in a string or between tokens, so none after it is asked about. 50 MB of NUL bytes in one string were 50
 * million offsets, 5.7 s and 400 MB, before the file was refused. Of a run of them only the first: a string (between
 * quotes, which are none of them) that holds any of a run holds its first, which fails it. A file of line breaks
 * was an offset a byte, and 450 MiB of them took 1.9 GB (red team 65).
 */
export function controlsIn(bytes: Uint8Array, from: number, to: number, controls: number[]): void {
  for (let i = from; i < to; i++) {
    let b = bytes[i]!;
    if (b >= 32) continue;
    controls.push(i - from);
    for (;;) {
      if (b !== 9 && b !== 10 && b !== 13) return;
      if (i + 1 >= to || bytes[i + 1]! >= 32) break;
      b = bytes[++i]!;
    }
  }
}

/** Push each of `from` onto `to` (a loop of its own: see scanParts for why nothing should follow a long loop). */
function appendAll(to: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) to.push(from[i]!);
}

export class KeywordScanner {
  private readonly classes: Uint8Array;
  private readonly shift: number;
  private readonly next: Uint16Array | Uint32Array;
  /** Length of the longest keyword that ends in each state (0: none). */
  private readonly ending: Uint8Array;
  private readonly endingId: Int32Array;
  /** Tables.control: states past it end a keyword. */
  private readonly control: number;
  private readonly controlsTold: boolean;
  /** Whether scanRange reached the control state since it was last cleared. */
  private controlMet = false;
  /** Where the last scan stopped; a scan in another thread may go on from it. */
  state = 0;
  /** The longest keyword: the state after scanning this many bytes no longer depends on the state before. */
  readonly longest: number;
  /** For each keyword (by index), its anchors as the byte search tests them: worked out when first met; null, none. */
  private readonly byteAnchors: (ByteAnchors | null | undefined)[];
  private readonly rawAnchors: KeywordAnchors;
  private readonly keywords: readonly string[];
  /** ANCHOR_WORK.reads at which the current scan stops testing anchors (see ANCHOR_BUDGET). */
  private readsUntil = 0;
  private readonly lengths: readonly number[];
  /** For each keyword in UTF-8 bytes (a word past ASCII, see keyword-forms.ts), how many characters it decodes to; 0 for the others. */
  private readonly wordForms: Int32Array;
  /** For such a keyword, the word it spells in lower case, worked out when first found (see scanString). */
  private readonly words: (string | undefined)[] = [];
  /** For such a keyword, the shorter ones whose classes end its own (see spelledAt), worked out when first needed. */
  private readonly classSuffixes: (readonly number[] | undefined)[] = [];
  private readonly anchored: boolean;
  /**
   * The last few places where a keyword's anchors said no (by `start & 7`): its start, its length
   * and its anchors (ByteAnchors.same). A longer keyword found at the same start with the same
   * anchors (`password` after `pass`) is answered no without reading again: its alternatives are
   * among the shorter one's (those that can read it), tested at the same place.
   */
  private readonly refusedAt = new Int32Array(8).fill(-1);
  private readonly refusedLength = new Int32Array(8);
  private readonly refusedSame = new Int32Array(8);
  /** What the thread keeps for the keywords and anchors, shared with its other scanners of them (see listAnchors). */
  private readonly list: ListAnchors;

  constructor(keywords: readonly string[], anchors: KeywordAnchors = {}) {
    // the tables depend on the keywords only: built once per list, shared by every file's scanner
    // (the list's text asked once per list object: a scanner a file, and the registry's list joined is some 5 KB)
    let key = LIST_KEYS.get(keywords);
    if (key === undefined) LIST_KEYS.set(keywords, (key = keywords.join('\n')));
    let tables = TABLES.get(key);
    // (built at start, not read from the prepared work: the registry's tables, some 700 KB in base64 since the forms
    // of words past ASCII, would make the shipped code cache that much larger; package.test.ts bounds the install)
    if (!tables) TABLES.set(key, (tables = KeywordScanner.build(keywords)));
    this.classes = tables.classes;
    this.shift = tables.shift;
    this.next = tables.next;
    this.ending = tables.ending;
    this.endingId = tables.endingId;
    this.control = tables.control;
    this.controlsTold = tables.controlsTold;
    this.longest = tables.longest;
    this.lengths = tables.lengths;
    this.wordForms = tables.wordForms;
    this.keywords = keywords;
    this.rawAnchors = anchors;
    // (a scanner is made for each file: what the anchors make of the list is the thread's, worked out once)
    this.list = listAnchors(anchors, key, keywords);
    this.anchored = this.list.any;
    // (by the two settings that change how the anchors are read: tests turn them off to compare)
    const tuned = (SCAN_TUNING.sharedSteps ? 1 : 0) | (SCAN_TUNING.siblingSkips ? 2 : 0);
    this.byteAnchors = this.list.byteAnchors[tuned] ??= keywords.map((k) => (anchors[k] ? undefined : null));
  }

  private static build(keywords: readonly string[]): Tables {
    const longest = Math.max(0, ...keywords.map((k) => k.length));
    const { classes, width, control: controlClass } = byteClasses(keywords);
    // the trie over classes: a byte past ASCII may share its class with others (byteClasses)
    const edges: Map<number, number>[] = [new Map()];
    const ending = [0];
    const endingId = [-1];
    for (const [id, k] of keywords.entries()) {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classes[k.charCodeAt(i) & 0xff]!;
        let t = edges[s]!.get(c);
        if (t === undefined) {
          t = edges.length;
          edges.push(new Map());
          ending.push(0);
          endingId.push(-1);
          edges[s]!.set(c, t);
        }
        s = t;
      }
      if (Math.min(k.length, 255) > ending[s]!) {
        ending[s] = Math.min(k.length, 255);
        endingId[s] = id;
      }
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
        if (ending[fail[s]!]! > ending[s]!) {
          ending[s] = ending[fail[s]!]!;
          endingId[s] = endingId[fail[s]!]!;
        }
      }
    }
    let shift = 0;
    while (1 << shift < width) shift++;
    const row = 1 << shift;
    const states = edges.length;
    // numbered again: the states that end no keyword first, then one more (`control`, where a control character
    // leads: no keyword holds one), then those that end a keyword: the scan's loop tells that one of its four parts
    // reached either by comparing numbers, not by reading `ending` for each nor testing each byte
    const number = new Int32Array(states);
    // (by new number, the state it was; -1 for `control`, which is new)
    const order = new Int32Array(states + 1).fill(-1);
    let control = 0;
    for (let s = 0; s < states; s++) if (ending[s] === 0) order[(number[s] = control++)] = s;
    for (let s = 0, n = control + 1; s < states; s++) if (ending[s] !== 0) order[(number[s] = n++)] = s;
    // the full transition table, breadth first: a state starts as a copy of its failure state's
    // row (already filled, being shallower), then its own edges (numbers as renumbered: a copied row holds them already)
    const next = states + 1 < 65536 ? new Uint16Array((states + 1) * row) : new Uint32Array((states + 1) * row);
    for (const s of [0, ...queue]) {
      const at = number[s]! * row;
      if (s !== 0) next.copyWithin(at, number[fail[s]!]! * row, number[fail[s]!]! * row + row);
      for (const [c, t] of edges[s]!) next[at + c] = number[t]!;
    }
    // after a control character the search stands where it starts, and tells that one was met
    next.copyWithin(control * row, 0, row);
    if (controlClass > 0) for (let s = 0; s <= states; s++) next[s * row + controlClass] = control;
    return {
      classes,
      shift,
      next,
      lengths: keywords.map((k) => k.length),
      wordForms: Int32Array.from(keywords, utf8Characters),
      ending: Uint8Array.from(order, (old) => (old < 0 ? 0 : ending[old]!)),
      endingId: order.map((old) => (old < 0 ? -1 : endingId[old]!)),
      control,
      controlsTold: controlClass > 0,
      longest,
    };
  }

  /**
   * Scan bytes[from, to): push where keywords start and where control characters are, as offsets
   * from `from` (a keyword that began in an earlier call starts at a negative offset).
   *
   * Each byte's step waits for the step before (the next state is read from a table too large
   * for the nearest cache), so a long range is cut in STREAMS parts walked side by side: their
   * steps do not wait for each other. A part starts in the state that the `longest` bytes before
   * it lead to (the state after them no longer depends on what came earlier). A keyword that a
   * part finds across its start is listed with that part, possibly before the last ones of the
   * part before, as at a chunk seam (see MarkIndex.next). With `ids`, each keyword's index (in the
   * list the scanner was built from) goes there, in step with `keywords`.
   */
  scan(bytes: Uint8Array, from: number, to: number, keywords: number[], controls: number[], ids?: number[]): void {
    this.readsUntil = ANCHOR_WORK.reads + ANCHOR_BUDGET.perByte * (to - from) + ANCHOR_BUDGET.base;
    // (places are offsets in `bytes`, which the next call may not share)
    this.refusedAt.fill(SCAN_TUNING.refusedReuse ? -1 : -2);
    // (an exact division: V8 took Math.floor's for one, and sent the optimized scan back when it was not)
    const part = (to - from - ((to - from) % STREAMS)) / STREAMS;
    // (a part must be longer than the longest keyword: its first state comes from the bytes before it)
    this.controlMet = false;
    if (part < SCAN_TUNING.minPart || part <= this.longest) {
      this.state = this.scanRange(bytes, from, from, to, this.state, keywords, ids);
      if (this.controlMet || !this.controlsTold) controlsIn(bytes, from, to, controls);
      return;
    }
    // (read by index, not destructured: destructuring goes through the iterator protocol)
    const k1: number[] = [];
    const k2: number[] = [];
    const k3: number[] = [];
    const i1s: number[] | undefined = ids && [];
    const i2s: number[] | undefined = ids && [];
    const i3s: number[] | undefined = ids && [];
    const met = this.scanParts(bytes, from, to, part, keywords, ids, k1, i1s, k2, i2s, k3, i3s);
    // the bytes the four parts leave over belong to the last, which ended where its last `longest` bytes lead
    const end = from + STREAMS * part;
    this.state = this.scanRange(bytes, from, end, to, this.warmState(bytes, end), k3, i3s);
    appendAll(keywords, k1);
    appendAll(keywords, k2);
    appendAll(keywords, k3);
    if (ids) {
      appendAll(ids, i1s!);
      appendAll(ids, i2s!);
      appendAll(ids, i3s!);
    }
    if (met || this.controlMet || !this.controlsTold) controlsIn(bytes, from, to, controls);
  }

  /**
   * scan's four parts of `part` bytes side by side, the first from this.state; whether a part met a control
   * character. Nothing follows the loop but the return: the loop is compiled while it runs (on-stack replacement),
   * in the first long range, before any code after it has run, and code after it with no type feedback sent the
   * compiled loop back at its end, in that range and in each of the next few (V8 keeps such a compiled loop and
   * enters it again), until the function was compiled anew. The state at the end of the last part is what its last
   * `longest` bytes lead to (warmState), worked out by the caller.
   */
  private scanParts(
    bytes: Uint8Array,
    from: number,
    to: number,
    part: number,
    k0: number[],
    i0s: number[] | undefined,
    k1: number[],
    i1s: number[] | undefined,
    k2: number[],
    i2s: number[] | undefined,
    k3: number[],
    i3s: number[] | undefined,
  ): boolean {
    const next = this.next;
    const ending = this.ending;
    const classes = this.classes;
    const shift = this.shift;
    const control = this.control;
    let s0 = this.state;
    let s1 = this.warmState(bytes, from + part);
    let s2 = this.warmState(bytes, from + 2 * part);
    let s3 = this.warmState(bytes, from + 3 * part);
    // whether a part reached the control state: a control character stands in the range
    let met = false;
    for (let i0 = from, end = from + part; i0 < end; i0++) {
      const i1 = i0 + part;
      const i2 = i1 + part;
      const i3 = i2 + part;
      const b0 = bytes[i0]!;
      const b1 = bytes[i1]!;
      const b2 = bytes[i2]!;
      const b3 = bytes[i3]!;
      s0 = next[(s0 << shift) | classes[b0]!]!;
      s1 = next[(s1 << shift) | classes[b1]!]!;
      s2 = next[(s2 << shift) | classes[b2]!]!;
      s3 = next[(s3 << shift) | classes[b3]!]!;
      // (each difference is negative while its state is an ordinary one: their AND is, while all four are)
      if (((s0 - control) & (s1 - control) & (s2 - control) & (s3 - control)) < 0) continue;
      if (s0 > control) this.found(s0, bytes, i0 + 1 - ending[s0]!, from, to, k0, i0s);
      else if (s0 === control) met = true;
      if (s1 > control) this.found(s1, bytes, i1 + 1 - ending[s1]!, from, to, k1, i1s);
      else if (s1 === control) met = true;
      if (s2 > control) this.found(s2, bytes, i2 + 1 - ending[s2]!, from, to, k2, i2s);
      else if (s2 === control) met = true;
      if (s3 > control) this.found(s3, bytes, i3 + 1 - ending[s3]!, from, to, k3, i3s);
      else if (s3 === control) met = true;
    }
    return met;
  }

  /** The state that the `longest` bytes before `at` lead to from the start: whatever came before them would lead there too. */
  private warmState(bytes: Uint8Array, at: number): number {
    let s = 0;
    for (let i = at - this.longest; i < at; i++) s = this.next[(s << this.shift) | this.classes[bytes[i]!]!]!;
    return s;
  }

  /** One part, bytes[start, to) from `state`, offsets from `from`; returns the state at its end. */
  private scanRange(bytes: Uint8Array, from: number, start: number, to: number, state: number, keywords: number[], ids: number[] | undefined): number {
    const next = this.next;
    const ending = this.ending;
    const classes = this.classes;
    const shift = this.shift;
    const control = this.control;
    let s = state;
    for (let i = start; i < to; i++) {
      s = next[(s << shift) | classes[bytes[i]!]!]!;
      if (s > control) this.found(s, bytes, i + 1 - ending[s]!, from, to, keywords, ids);
      else if (s === control) this.controlMet = true;
    }
    return s;
  }

  /** A keyword found ending in `state`, starting at bytes[start]: marked unless its anchors say no match begins there. */
  private found(state: number, bytes: Uint8Array, start: number, from: number, to: number, keywords: number[], ids: number[] | undefined): void {
    let id = this.endingId[state]!;
    // a word past ASCII: its bytes' classes are shared (byteClasses), so the bytes say whether it is this word, another, or none
    if (this.wordForms[id] !== 0 && start >= from) {
      const end = start + this.lengths[id]!;
      id = this.spelledAt(id, bytes, end);
      if (id < 0) return;
      start = end - this.lengths[id]!;
    }
    if (this.anchored && start >= from) {
      const anchor = this.anchorsOf(id);
      if (anchor !== null) {
        // most keywords are settled by the byte after them (`unique_key"`, `token_count`)
        const next = start + this.lengths[id]!;
        if (next < to && anchor.after?.bytes[bytes[next]!] === 0) return;
        // (an object's key, `"password_hash": {`, `"patch_path": "…"`: the walk asks only about values, so no mark is needed)
        if (SCAN_TUNING.keysFirst && isObjectKey(bytes, next, to, KEY_WINDOW)) return;
        const slot = start & 7;
        if (this.refusedAt[slot] === start && this.refusedLength[slot]! < this.lengths[id]! && this.refusedSame[slot] === anchor.same) return;
        // past the budget a keyword is marked untested: text made of keywords costs a constant per byte
        if (ANCHOR_WORK.reads < this.readsUntil && !this.anchoredHere(id, anchor, bytes, start, from, to)) {
          if (this.refusedAt[slot] !== -2) this.refusedAt[slot] = start;
          this.refusedLength[slot] = this.lengths[id]!;
          this.refusedSame[slot] = anchor.same;
          return;
        }
      }
    }
    keywords.push(start - from);
    ids?.push(id);
  }

  /** anchoredBytes for keyword `id`: no when its steps said no to the same bytes before (see AnchorAnswers). */
  private anchoredHere(id: number, anchor: ByteAnchors, bytes: Uint8Array, start: number, from: number, to: number): boolean {
    if (!SCAN_TUNING.answersKept) return anchoredBytes(anchor, bytes, start, from, to, null, -1, id);
    const answers = (this.list.answers ??= new AnchorAnswers());
    const slot = answers.slot(id, bytes, start, to);
    if (answers.refused(slot, id, bytes, start, to)) {
      ANCHOR_WORK.reads += 1;
      return false;
    }
    return anchoredBytes(anchor, bytes, start, from, to, answers, slot, id);
  }

  /**
   * Which keyword bytes[…, end) spells where the classes of word `id` (past ASCII) matched: that word, one
   * whose classes end its own (worked out when first needed), or none (-1). Bytes past ASCII share classes,
   * so that a row of the table stays as wide as for the ASCII keywords alone; without this check `türkiye`
   * was `è` to the search (`ü` and `è` share a class once the ASCII keywords take one more), and every
   * such value was read whole for an Italian password (callgrind, corpus 10 MB: +7 %).
   */
  private spelledAt(id: number, bytes: Uint8Array, end: number): number {
    if (this.spells(id, bytes, end)) return id;
    for (const other of (this.classSuffixes[id] ??= this.suffixesByClass(id))) if (this.spells(other, bytes, end)) return other;
    return -1;
  }

  /** Whether bytes[end - length, end) are keyword `id`'s, ASCII letters in either case. */
  private spells(id: number, bytes: Uint8Array, end: number): boolean {
    const k = this.keywords[id]!;
    const start = end - k.length;
    for (let j = 0; j < k.length; j++) {
      const c = k.charCodeAt(j);
      const b = bytes[start + j]!;
      if (b !== c && !((b ^ c) === 32 && ((c | 32) >= 97 && (c | 32) <= 122))) return false;
    }
    return true;
  }

  /**
   * The other keywords whose byte classes end word `id`'s own, longest first: the search reports only the longest at a
   * place. Those as long as it too: two words whose bytes fall in the same classes one for one are one path of the trie,
   * which names one of them (with `$` among the keywords' characters, `пароль` took the classes of another word of its
   * length, and the search never reported it).
   */
  private suffixesByClass(id: number): readonly number[] {
    const word = this.keywords[id]!;
    const classes = this.classes;
    const tail: number[] = [];
    this.keywords.forEach((k, other) => {
      if (other === id || k.length > word.length) return;
      for (let j = 1; j <= k.length; j++) if (classes[k.charCodeAt(k.length - j) & 0xff] !== classes[word.charCodeAt(word.length - j) & 0xff]) return;
      tail.push(other);
    });
    return tail.sort((a, b) => this.keywords[b]!.length - this.keywords[a]!.length);
  }

  /** The keyword's anchors as the tests read them, worked out when first met; null when it has none. */
  private anchorsOf(id: number): ByteAnchors | null {
    let anchor = this.byteAnchors[id];
    if (anchor === undefined) {
      anchor = this.byteAnchors[id] = byteAnchors(this.rawAnchors[this.keywords[id]!]!, this.keywords[id]!);
      SCANNER_COUNTS.anchorsWorkedOut++;
    }
    return anchor;
  }

  /**
   * Every keyword in a string, from a fresh state (this.state is left alone): for each position
   * where one ends, the index (in the list the scanner was built from) of the longest keyword
   * ending there; one ending at the same place inside it is a suffix of it. No slicing, no case
   * folding. A character past ASCII is read as its UTF-8 bytes (utf8Step).
   */
  scanString(value: string, found: number[], starts?: number[]): boolean {
    const next = this.next;
    const endingId = this.endingId;
    const classes = this.classes;
    const shift = this.shift;
    const anchored = this.anchored;
    const readsUntil = ANCHOR_WORK.reads + ANCHOR_BUDGET.perByte * value.length + ANCHOR_BUDGET.base;
    let s = 0;
    let met: Set<number> | undefined;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) s = next[(s << shift) | classes[c]!]!;
      else s = this.utf8Step(s, c);
      const id = endingId[s]!;
      if (id < 0) continue;
      // (a word past ASCII ends with its last character's last byte: its start counted in characters)
      if (this.wordForms[id] !== 0) {
        // bytes past ASCII share classes (byteClasses): `é` ends where `è` does; the characters say which
        const start = i + 1 - this.wordForms[id]!;
        const word = (this.words[id] ??= Buffer.from(this.keywords[id]!, 'latin1').toString('utf8').toLowerCase());
        if (value.slice(start, i + 1).toLowerCase() !== word) continue;
        met = addFound(found, starts, id, start, met);
        continue;
      }
      const anchor = anchored ? this.anchorsOf(id) : null;
      if (anchor !== null) {
        const after = anchor.after;
        if (after && (i + 1 < value.length ? after.chars[value.charCodeAt(i + 1)] === 0 : !after.end)) continue;
        if (ANCHOR_WORK.reads < readsUntil && !anchoredString(anchor, value, i + 1 - this.lengths[id]!)) continue;
      }
      met = addFound(found, starts, id, i + 1 - this.lengths[id]!, met);
    }
    return met === undefined;
  }

  /**
   * The state after a character past ASCII, read as its UTF-8 bytes (the forms of a word past ASCII
   * are held so: see keyword-forms.ts). A surrogate, half of a character no keyword holds, resets.
   */
  private utf8Step(state: number, c: number): number {
    const next = this.next;
    const classes = this.classes;
    const shift = this.shift;
    if (c >= 0xd800 && c <= 0xdfff) return next[(state << shift) | 0]!;
    let s = state;
    if (c < 0x800) s = next[(s << shift) | classes[0xc0 | (c >> 6)]!]!;
    else {
      s = next[(s << shift) | classes[0xe0 | (c >> 12)]!]!;
      s = next[(s << shift) | classes[0x80 | ((c >> 6) & 0x3f)]!]!;
    }
    return next[(s << shift) | classes[0x80 | (c & 0x3f)]!]!;
  }
}

/**
 * Byte → class, and how many classes (0 included). Each ASCII character of a keyword has a class of
 * its own, an upper-case letter its lower case's. The bytes past ASCII (the UTF-8 forms of words
 * past ASCII, see keyword-forms.ts) share a few classes by their value, those left in a row of the
 * table's width (a power of two) by the ASCII ones: a row stays as wide as for the ASCII keywords
 * alone. A word then matches a few more byte runs than its own: the search lets more values through
 * (text past ASCII whose bytes fall in the same classes, where each detector reads the word itself),
 * never fewer.
 */
function byteClasses(keywords: readonly string[]): { classes: Uint8Array; width: number; control: number } {
  const classes = new Uint8Array(256);
  let width = 1;
  const high = new Set<number>();
  for (const k of keywords) {
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i) | (k.charCodeAt(i) >= 65 && k.charCodeAt(i) <= 90 ? 32 : 0);
      if (c >= 0x80) high.add(c & 0xff);
      else if (classes[c] === 0) {
        classes[c] = width++;
        if (c >= 97 && c <= 122) classes[c - 32] = classes[c]!;
      }
    }
  }
  // the control characters share one class of their own (the scan tells by it that one stands in a range), unless a keyword holds one
  let control = 0;
  if (classes.subarray(0, 0x20).every((c) => c === 0)) {
    control = width++;
    classes.fill(control, 0, 0x20);
  }
  if (high.size === 0) return { classes, width, control };
  let row = 1;
  while (row < width) row <<= 1;
  const shared = Math.min(high.size, Math.max(row - width, HIGH_CLASSES_LEAST));
  for (const b of high) classes[b] = width + (b % shared);
  return { classes, width: width + shared, control };
}

/** The fewest classes bytes past ASCII share (when the ASCII ones fill a row, it doubles). */
const HIGH_CLASSES_LEAST = 8;

/** How many characters a keyword held as UTF-8 bytes (one character per byte, some past ASCII) decodes to; 0 when it is all ASCII. */
function utf8Characters(keyword: string): number {
  for (let i = 0; i < keyword.length; i++) if (keyword.charCodeAt(i) >= 0x80) return Buffer.from(keyword, 'latin1').toString('utf8').length;
  return 0;
}

/** Each anchor compiled once per thread: every scanner tests it the same way, setting lastIndex first. */
const COMPILED = new Map<string, RegExp>();

function compiledAnchor(a: { source: string; flags: string }): RegExp {
  const key = `${a.flags}/${a.source}`;
  let regex = COMPILED.get(key);
  if (!regex) COMPILED.set(key, (regex = new RegExp(a.source, a.flags)));
  return regex;
}

/** Each keyword's list of anchors met, numbered (ByteAnchors.same). */
const ANCHOR_LISTS = new Map<string, number>();

/** A keyword's anchors for the byte search: as steps where they can be read so (see detectors/anchor-steps.ts), else as regexes. */
function byteAnchors(anchors: KeywordAnchors[string], keyword: string): ByteAnchors {
  const list = anchors.map((a) => `${a.flags}/${a.source}`).join('\n');
  // (worked out live, the plan cost 30-60 ms of every start: a few thousand reads of the steps by interpreted code)
  const plan = prepared('byteAnchors', planKey(keyword, list), () => planOf(anchors, keyword), PLAN_CODEC);
  const stepped: ByteAnchors['stepped'][number][] = [];
  const regexes: RegExp[] = [];
  let before: SteppedAlternative | undefined;
  let steps = 0;
  anchors.forEach((a, n) => {
    const kept = plan.kept[n]!;
    if (kept === null) regexes.push(compiledAnchor(a));
    else if (kept.length > 0) {
      const all = allSteps(a.source, a.flags)!;
      const alternatives = kept.map((i) => all[i]!);
      const read = alternatives.map((alternative) => {
        const shared = before && SCAN_TUNING.sharedSteps ? sharedSteps(before, alternative) : 0;
        before = alternative;
        steps = Math.max(steps, alternative.tables.length);
        return flattened(alternative, shared);
      });
      stepped.push({ alternatives: read, confirm: alternatives.every((s) => s.complete) ? undefined : [compiledAnchor(a)], skips: siblingSkips(read) });
    }
  });
  let same = ANCHOR_LISTS.get(list);
  if (same === undefined) ANCHOR_LISTS.set(list, (same = ANCHOR_LISTS.size));
  return { after: plan.after, stepped, regexes, ends: new Int32Array(steps), same };
}

/**
 * What byteAnchors works out from the steps for one keyword: for each anchor, the places (in
 * allSteps' list) of the alternatives that can read the keyword, null when it is read as a regex;
 * and what may follow the keyword, undefined when some anchor is a regex (anything may).
 */
export interface AnchorPlan {
  readonly kept: readonly (readonly number[] | null)[];
  readonly after: Following | undefined;
}

export function planOf(anchors: KeywordAnchors[string], keyword: string): AnchorPlan {
  const kept = anchors.map((a) => keywordSteps(a.source, a.flags, keyword) ?? null);
  if (kept.includes(null)) return { kept, after: undefined };
  const alternatives = anchors.flatMap((a, n) => kept[n]!.map((i) => allSteps(a.source, a.flags)![i]!));
  return { kept, after: following(alternatives, keyword) };
}

/** The key of a keyword's plan in the table of prepared work: the keyword and its anchors (`list`: each as flags/source, one a line). */
export function planKey(keyword: string, list: string): string {
  return digestKey([keyword, list]);
}

/** AnchorPlan as the table of prepared work holds it: Following's characters as tableHex does. */
export const PLAN_CODEC: Codec<AnchorPlan, { kept: (readonly number[] | null)[]; chars: string | null; end: boolean }> = {
  encode: (plan) => ({ kept: [...plan.kept], chars: plan.after ? tableHex(plan.after.chars) : null, end: plan.after?.end ?? false }),
  decode: (data) => ({ kept: data.kept, after: data.chars === null ? undefined : followingOf(hexTable(data.chars), data.end) }),
};

/** How many first steps two alternatives have in common. */
function sharedSteps(a: SteppedAlternative, b: SteppedAlternative): number {
  let k = 0;
  while (k < a.tables.length && k < b.tables.length && a.min[k] === b.min[k] && a.max[k] === b.max[k] && sameTable(a.tables[k]!, b.tables[k]!)) k++;
  return k;
}

/**
 * Where to go on from an alternative that a character refused at its first own step (see anchoredBytes):
 * `skips[(j << 7) | c]` is the first alternative after j that reads on from the same place (the same
 * steps before, its own step next) and takes the ASCII character c there, or that may take none; or the
 * first one that begins to differ earlier, or the end. The alternatives between are refused by c too
 * (each at its own first step), or share a refused one's steps. Without it, a keyword in prose (`key
 * values`, ` password_hash is not null`) tried each of some forty alternatives in turn, each refused by
 * the same character.
 */
function siblingSkips(read: readonly Stepped[]): Uint16Array {
  const skips = new Uint16Array(read.length << 7);
  for (let j = 0; j < read.length; j++) {
    const s = read[j]!.shared;
    for (let c = 0; c < 128; c++) {
      let i = j + 1;
      for (; SCAN_TUNING.siblingSkips && i < read.length && read[i]!.shared >= s; i++) {
        const sibling = read[i]!;
        if (sibling.shared === s && (sibling.bounds[2 * s]! === 0 || (sibling.flat[(s << 8) | c]! & PLAIN) !== 0)) break;
      }
      skips[(j << 7) | c] = i;
    }
  }
  return skips;
}

function sameTable(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  for (let c = 0; c < 128; c++) if (a[c] !== b[c]) return false;
  return true;
}

/** Each alternative as the searches read it, by its steps shared with the one before (keywords with the same anchors share them). */
const FLATTENED = new WeakMap<SteppedAlternative, Stepped[]>();

/** An alternative as the searches read it (see Stepped). */
function flattened(alternative: SteppedAlternative, shared: number): Stepped {
  let made = FLATTENED.get(alternative);
  if (!made) FLATTENED.set(alternative, (made = []));
  return (made[shared] ??= flatten(alternative, shared));
}

function flatten(alternative: SteppedAlternative, shared: number): Stepped {
  const steps = alternative.tables.length;
  const flat = new Uint8Array(steps << 8);
  const bounds = new Int32Array(2 * steps);
  alternative.tables.forEach((table, k) => {
    for (let c = 0; c < 128; c++) {
      if (table[c] !== 1) continue;
      // the quote and the backslash are read apart (the string's end, an escape)
      flat[(k << 8) | c] = c === 0x22 || c === 0x5c ? TAKES : TAKES | PLAIN;
    }
    bounds[2 * k] = alternative.min[k]!;
    bounds[2 * k + 1] = alternative.max[k]!;
  });
  return { alternative, shared, steps, flat, bounds };
}

/** Characters the anchor tests have read (a regex test counted as its whole window): their budget is checked by the scanner. */
export const ANCHOR_WORK = { reads: 0 };

/**
 * What the anchor tests of one scan may read: this many characters per byte scanned, and a base.
 * Real manifests need well under one (most keywords are settled by the byte after them); text made
 * of keywords (`keykeykey…`, each read on for a name) would need hundreds. Past it the keywords
 * are marked untested, which lets more through, never less.
 */
export const ANCHOR_BUDGET = { perByte: 4, base: 65536 };

/**
 * Keyword places one value's search records at most; past them only the first place of a keyword not met before is
 * added, so that the list still names every keyword in the value. A value of `PWD={` repeated holds a keyword every
 * few characters: 32 MB of it listed 15 million places, 400 MB of arrays. `select` reads a list this long as one
 * whose places are not all there (DetectorSet.select: every detector of the keywords, on the whole value).
 */
export const MOST_FOUND = 65_536;

/**
 * Adds keyword `id` at `start` to a search's list (ids in `found`, places in `starts`) under MOST_FOUND; `met` is the
 * ids met once the list is full (undefined before), returned for the next call.
 */
export function addFound(found: number[], starts: number[] | undefined, id: number, start: number, met: Set<number> | undefined): Set<number> | undefined {
  if (found.length < MOST_FOUND) {
    found.push(id);
    starts?.push(start);
    return met;
  }
  const seen = met ?? new Set(found);
  if (!seen.has(id)) {
    seen.add(id);
    found.push(id);
    starts?.push(start);
  }
  return seen;
}

/**
 * Whether one of a keyword's anchors may match at bytes[start]. A no of the steps alone is kept in
 * `answers` (at `slot`, for keyword `id`) with the bytes it read.
 */
function anchoredBytes(anchor: ByteAnchors, bytes: Uint8Array, start: number, from: number, to: number, answers: AnchorAnswers | null, slot: number, id: number): boolean {
  const ends = anchor.ends;
  // how far the reads got, an escape's length past it (ESCAPE_MOST)
  let reach = start;
  let stepsOnly = true;
  for (const { alternatives, confirm, skips } of anchor.stepped) {
    let prefix = false;
    for (let j = 0; j < alternatives.length; j++) {
      const read = alternatives[j]!;
      const shared = read.shared;
      let end: number;
      if (shared === 0 || LAST.reached >= shared) {
        // from the first step it does not share with the alternative before it
        const at = shared === 0 ? start : ends[shared - 1]!;
        // its first own step must take a character, and the byte there (one written as it stands)
        // is not one: no match, without the call (most alternatives multiplied out of a group end so),
        // and none for the alternatives after it that the same byte refuses there (siblingSkips)
        // (nor is a one-character escape's: `\n` after a name in compiled SQL)
        if (shared > 0 && at < to && read.bounds[2 * shared]! > 0) {
          const b = bytes[at]!;
          if (b < 0x80 && b !== 0x5c) {
            if ((read.flat[(shared << 8) | b]! & PLAIN) === 0) {
              stopped(shared, ~at);
              ANCHOR_WORK.reads += 1;
              if (at + ESCAPE_MOST > reach) reach = at + ESCAPE_MOST;
              j = skips[(j << 7) | b]! - 1;
              continue;
            }
          } else if (b === 0x5c && at + 1 < to && ESCAPED[bytes[at + 1]!]! > 0 && (read.flat[(shared << 8) | ESCAPED[bytes[at + 1]!]!]! & TAKES) === 0) {
            stopped(shared, ~at);
            ANCHOR_WORK.reads += 1;
            if (at + ESCAPE_MOST > reach) reach = at + ESCAPE_MOST;
            continue;
          }
        }
        end = steppedInBytes(read, bytes, at, to, shared, ends);
        const stop = end < 0 ? ~end : end;
        ANCHOR_WORK.reads += stop - at + 1;
        if (stop + ESCAPE_MOST > reach) reach = stop + ESCAPE_MOST;
      } else end = LAST.result;
      if (end < 0) continue;
      // (an object's key: the walk asks only about values, so no mark is needed)
      // (its reads counted: in a long value every keyword's search for the quote reads the whole window, and a value of
      // `PWD={` repeated read 256 bytes for every five, 32 MB of it minutes of CPU; past the budget, no more tests)
      if (read.alternative.complete) return !isObjectKey(bytes, start, to, ANCHOR_WINDOW, true);
      prefix = true;
    }
    if (prefix) {
      // (the regex reads on, and the character before: the answer is no longer the steps' alone)
      stepsOnly = false;
      ANCHOR_WORK.reads += ANCHOR_WINDOW;
      if (anchoredInBytes(confirm!, bytes, start, from, to)) return true;
    }
  }
  if (anchor.regexes.length === 0) {
    // the steps' answer alone: the same wherever the same bytes follow the keyword
    if (stepsOnly && answers !== null) answers.keep(slot, id, bytes, start, reach, to);
    return false;
  }
  ANCHOR_WORK.reads += ANCHOR_WINDOW * anchor.regexes.length;
  return anchoredInBytes(anchor.regexes, bytes, start, from, to);
}

/**
 * How many bytes past the place where a stepped read stopped it may have looked at: a `\uXXXX` escape's
 * six (the read stops at its backslash when the escape says no).
 */
const ESCAPE_MOST = 6;

/** AnchorAnswers' size: slots (a power of two), the most bytes a slot keeps, and the bytes a slot is chosen by. */
const ANSWER_SLOTS = 4096;
const ANSWER_BYTES = 256;
const ANSWER_HASHED = 8;

/** What a thread keeps for one keyword list and its anchors, shared by its scanners of them (a scanner a file). */
interface ListAnchors {
  /** Whether any keyword of the list has anchors. */
  any: boolean;
  /**
   * Each keyword's anchors as the byte search tests them (undefined until first met; null, none), by SCAN_TUNING's
   * sharedSteps and siblingSkips (bits 1 and 2). A ByteAnchors is read only but for its `ends`, which one test fills
   * and reads before it returns. A scanner a file worked out each keyword's anchors again (the 200 folders, one
   * thread: 0.4 s of 7.5).
   */
  byteAnchors: (ByteAnchors | null | undefined)[][];
  /** The anchors' kept answers, once a keyword's anchors are read (see AnchorAnswers). */
  answers: AnchorAnswers | undefined;
}

/**
 * By the anchors' text and the keyword list, for the thread's life: every file's scanner shares one, and so does
 * every scan with the same rules. Its answers' table is a megabyte: one per compiled rules (an API caller's or a
 * test's scans each compile them) was made again each time, and the last one went only when a collection cleared
 * its weak entry, a megabyte that came and went in findings-memory.test's figures.
 */
const LISTS = new Map<string, Map<string, ListAnchors>>();
/** Each anchors object's entry in LISTS, found by its text once. */
const LISTS_OF = new WeakMap<KeywordAnchors, Map<string, ListAnchors>>();

function listAnchors(anchors: KeywordAnchors, listKey: string, keywords: readonly string[]): ListAnchors {
  let byList = LISTS_OF.get(anchors);
  if (!byList) {
    const text = JSON.stringify(anchors);
    byList = LISTS.get(text);
    if (!byList) LISTS.set(text, (byList = new Map()));
    LISTS_OF.set(anchors, byList);
  }
  let list = byList.get(listKey);
  if (!list) byList.set(listKey, (list = { any: keywords.some((k) => anchors[k] !== undefined), byteAnchors: [], answers: undefined }));
  return list;
}

/**
 * The "no" of each keyword's anchors for the bytes that follow it, as last met in each of ANSWER_SLOTS
 * slots (a slot chosen by the keyword and its first ANSWER_HASHED bytes; a newer answer takes it over).
 * A manifest says the same things again and again (`password_hash is not null`, a column list in each
 * model's raw and compiled SQL), and the anchors of the same keyword read the same bytes to the same no:
 * of the 103,822 keywords whose anchors were read in 10 MB of the density set, 70,168 were answered here.
 * A no is kept only when the steps gave it (not a regex, which reads on and looks behind), with the bytes
 * read for it, and given again only where those bytes are the same: it is the answer the steps would give.
 */
class AnchorAnswers {
  private readonly ids = new Int32Array(ANSWER_SLOTS).fill(-1);
  private readonly lengths = new Int32Array(ANSWER_SLOTS);
  private readonly kept = new Uint8Array(ANSWER_SLOTS * ANSWER_BYTES);

  /** The slot of keyword `id` at bytes[start]; -1 when fewer than ANSWER_HASHED bytes are left before `to`. */
  slot(id: number, bytes: Uint8Array, start: number, to: number): number {
    if (start + ANSWER_HASHED > to) return -1;
    let h = Math.imul(id + 1, 0x9e3779b1);
    for (let i = start; i < start + ANSWER_HASHED; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return (h ^ (h >>> 15)) & (ANSWER_SLOTS - 1);
  }

  /** Whether the slot holds keyword `id`'s no for the same bytes. */
  refused(slot: number, id: number, bytes: Uint8Array, start: number, to: number): boolean {
    if (slot < 0 || this.ids[slot] !== id) return false;
    const length = this.lengths[slot]!;
    if (start + length > to) return false;
    const kept = this.kept;
    const base = slot * ANSWER_BYTES - start;
    for (let i = start; i < start + length; i++) if (kept[base + i] !== bytes[i]) return false;
    return true;
  }

  /**
   * Keep keyword `id`'s no at bytes[start], its steps' alone, which read bytes[start, end) (at most:
   * ESCAPE_MOST past where each read stopped). It depends on those bytes only, and on `to` only when
   * `end` is past it: then it is not kept.
   */
  keep(slot: number, id: number, bytes: Uint8Array, start: number, end: number, to: number): void {
    if (slot < 0 || end > to || end - start > ANSWER_BYTES) return;
    this.ids[slot] = id;
    this.lengths[slot] = end - start;
    const kept = this.kept;
    const base = slot * ANSWER_BYTES - start;
    for (let i = start; i < end; i++) kept[base + i] = bytes[i]!;
  }
}

/** anchoredBytes on a decoded value: its end is the string's end, and no escape is left. */
function anchoredString(anchor: ByteAnchors, value: string, start: number): boolean {
  const ends = anchor.ends;
  for (const { alternatives, confirm, skips } of anchor.stepped) {
    let prefix = false;
    for (let j = 0; j < alternatives.length; j++) {
      const read = alternatives[j]!;
      const shared = read.shared;
      let end: number;
      if (shared === 0 || LAST.reached >= shared) {
        const at = shared === 0 ? start : ends[shared - 1]!;
        // as in anchoredBytes: a first own step that must take a character, and none or the wrong one there
        // (the skips are worked out from the bytes that stand for themselves, which a decoded quote or backslash does not)
        if (shared > 0 && read.bounds[2 * shared]! > 0) {
          const c = at < value.length ? value.charCodeAt(at) : -1;
          if (c < 0x80 && (c < 0 || (read.flat[(shared << 8) | c]! & TAKES) === 0)) {
            stopped(shared, ~at);
            ANCHOR_WORK.reads += 1;
            if (c >= 0 && c !== 0x22 && c !== 0x5c) j = skips[(j << 7) | c]! - 1;
            continue;
          }
        }
        end = steppedInString(read, value, at, shared, ends);
        ANCHOR_WORK.reads += (end < 0 ? ~end : end) - at + 1;
      } else end = LAST.result;
      if (end < 0) continue;
      if (read.alternative.complete) return true;
      prefix = true;
    }
    if (prefix) {
      ANCHOR_WORK.reads += ANCHOR_WINDOW;
      if (anchoredAt(confirm!, value, start)) return true;
    }
  }
  if (anchor.regexes.length === 0) return false;
  ANCHOR_WORK.reads += ANCHOR_WINDOW * anchor.regexes.length;
  return anchoredAt(anchor.regexes, value, start);
}

/** steppedInBytes on a decoded value; a character past ASCII is one the steps cannot tell. */
function steppedInString(read: Stepped, value: string, start: number, first: number, ends: Int32Array): number {
  const { flat, bounds, steps } = read;
  const n = value.length;
  let i = start;
  for (let k = first; k < steps; k++) {
    const base = k << 8;
    let stop = i + bounds[2 * k + 1]!;
    if (stop > n) stop = n;
    const begun = i;
    while (i < stop) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return stopped(k, i);
      if ((flat[base | c]! & TAKES) === 0) break;
      i++;
    }
    if (i - begun < bounds[2 * k]!) return stopped(k, ~i);
    ends[k] = i;
  }
  return stopped(steps, i);
}

/** Notes how far a stepped read got (LAST) and returns its result. */
function stopped(reached: number, result: number): number {
  LAST.reached = reached;
  LAST.result = result;
  return result;
}

/**
 * How far past a keyword found() looks for its string's end: keys are short (`"unique_key"`,
 * `"original_file_path"`), and a keyword in a long value (compiled SQL) costs no more than this.
 */
const KEY_WINDOW = 32;

/**
 * Whether the string token that bytes[at] is in closes within `window` bytes and a `:` follows it
 * (its escapes stepped over): an object's key. With KEY_WINDOW, tested before a keyword's anchors
 * are read (most anchored keywords in a manifest's keys are refused only after several stepped reads).
 * `counted`: its reads go to ANCHOR_WORK (an anchor's test).
 */
function isObjectKey(bytes: Uint8Array, at: number, to: number, window: number = ANCHOR_WINDOW, counted = false): boolean {
  const limit = Math.min(to, at + window);
  let i = at;
  while (i < limit && bytes[i] !== 0x22) i += bytes[i] === 0x5c ? 2 : 1;
  if (counted) ANCHOR_WORK.reads += i - at;
  if (i >= limit) return false;
  i++;
  while (i < to && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i < to && bytes[i] === 0x3a;
}

/**
 * Whether one alternative of a stepped anchor may match at bytes[start] of a JSON string token,
 * read as it decodes (escapes decoded, up to its closing quote). Each step takes all it can (the
 * steps are made so that this finds every match). It says yes whenever the bytes cannot tell: the
 * window cut by `to`, a character past ASCII, an escape it does not read. Returns where it
 * stopped reading when yes, its bitwise complement when no (negative).
 */
function steppedInBytes(read: Stepped, bytes: Uint8Array, start: number, to: number, first: number, ends: Int32Array): number {
  const { flat, bounds, steps } = read;
  let i = start;
  for (let k = first; k < steps; k++) {
    const base = k << 8;
    const most = bounds[2 * k + 1]!;
    let count = 0;
    while (count < most) {
      // the characters written as they stand, in one run
      const run = i;
      let stop = i + most - count;
      if (stop > to) stop = to;
      while (i < stop && (flat[base | bytes[i]!]! & PLAIN) !== 0) i++;
      count += i - run;
      if (count === most) break;
      if (i >= to) return stopped(k, i);
      let c = bytes[i]!;
      let width = 1;
      // the string's closing quote: no character follows
      if (c === 0x22) break;
      if (c >= 0x80) return stopped(k, i);
      if (c === 0x5c) {
        if (i + 1 >= to) return stopped(k, i);
        c = ESCAPED[bytes[i + 1]!]!;
        width = 2;
        if (c === 0) {
          if (bytes[i + 1] !== 0x75 || i + 6 > to) return stopped(k, i);
          c = hex4(bytes, i + 2);
          if (c < 0 || c >= 0x80) return stopped(k, i);
          width = 6;
        }
      }
      if ((flat[base | c]! & TAKES) === 0) break;
      i += width;
      count++;
    }
    if (count < bounds[2 * k]!) return stopped(k, ~i);
    ends[k] = i;
  }
  return stopped(steps, i);
}

/** Whether one of the anchors matches at `start` of the value. */
function anchoredAt(anchors: readonly RegExp[], value: string, start: number): boolean {
  for (const anchor of anchors) {
    anchor.lastIndex = start;
    if (anchor.test(value)) return true;
  }
  return false;
}

/**
 * The same test on raw bytes[from, to) of a JSON text, read as the string token decodes: escapes
 * decoded, up to the token's closing quote. It says yes whenever the bytes cannot tell: a keyword
 * begun before `from`, a window cut by `to`, a non-ASCII byte (the value is judged decoded, by
 * DetectorSet.select, when the walk reads it). It says no in an object's key, which the walk
 * never asks about.
 */
function anchoredInBytes(anchors: readonly RegExp[], bytes: Uint8Array, start: number, from: number, to: number): boolean {
  if (start < from) return true;
  const codes = WINDOW_CODES;
  // the usual case, no escape and ASCII up to the closing quote: the bytes are the characters
  const limit0 = Math.min(to, start + ANCHOR_WINDOW);
  let end = start;
  while (end < limit0) {
    const b = bytes[end]!;
    if (b === 0x22 || b === 0x5c || b >= 0x80) break;
    end++;
  }
  const closed = end < limit0 && bytes[end] === 0x22;
  if (closed) {
    // an object's key (`"path": …`): the walk asks only about values, so no mark is needed
    let after = end + 1;
    while (after < to && (bytes[after] === 0x20 || bytes[after] === 0x0a || bytes[after] === 0x0d || bytes[after] === 0x09)) after++;
    if (after < to && bytes[after] === 0x3a) return false;
  }
  // the characters before, for a leading lookbehind (which passes where it sees none)
  const behind = charactersBefore(bytes, start, from, codes);
  if (closed || end === start + ANCHOR_WINDOW) return anchoredAt(anchors, plainWindow(bytes, start, end, behind), behind);
  let n = behind;
  // most keywords are in words no anchor matches, and most such strings are short: a short window
  // first, then the whole one only when the short one was cut and did not match
  let limit = behind + SHORT_WINDOW;
  for (let i = start; ; ) {
    if (n === limit) {
      if (limit === behind + ANCHOR_WINDOW) break;
      if (anchoredAt(anchors, windowString(n), behind)) return true;
      limit = behind + ANCHOR_WINDOW;
    }
    if (i >= to) return true;
    const b = bytes[i]!;
    if (b === 0x22) break;
    if (b >= 0x80) return true;
    if (b !== 0x5c) {
      codes[n++] = b;
      i++;
      continue;
    }
    if (i + 1 >= to) return true;
    const escaped = ESCAPED[bytes[i + 1]!]!;
    if (escaped > 0) {
      codes[n++] = escaped;
      i += 2;
    } else if (bytes[i + 1] === 0x75 && i + 6 <= to) {
      const code = hex4(bytes, i + 2);
      if (code < 0) return true;
      codes[n++] = code;
      i += 6;
    } else return true;
  }
  return anchoredAt(anchors, windowString(n), behind);
}

/** The most characters before a keyword a leading lookbehind is shown (`unique_` before `key`, and the one before that). */
export const LOOK_BEHIND = 8;
const BEHIND_CODES = new Uint16Array(LOOK_BEHIND);
/** Whether the characters charactersBefore gave last are the bytes before the keyword as they stand (no escape spelt one). */
let behindAsBytes = true;

/**
 * The characters before bytes[start] that are known, into codes[0, n) in their order; returns n. The one right before
 * is characterBefore's (an escape may spell it); before that, up to LOOK_BEHIND in all, bytes that are characters as they
 * stand: ASCII, no quote or backslash, none in reach of an escape's backslash (one in the five bytes before ends the
 * read, as does `from`). A negative lookbehind that is shown fewer characters than the value has passes: the raw text's
 * answer is never "no" where the value's is "yes".
 */
function charactersBefore(bytes: Uint8Array, start: number, from: number, codes: Uint16Array): number {
  behindAsBytes = true;
  const first = characterBefore(bytes, start, from);
  if (first < 0) return 0;
  const back = BEHIND_CODES;
  let n = 0;
  for (let i = start - 1; n < LOOK_BEHIND && i - 5 >= from; i--) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === 0x22 || b === 0x5c) break;
    let escape = false;
    for (let j = i - 5; j < i && !escape; j++) escape = bytes[j] === 0x5c;
    if (escape) break;
    back[n++] = b;
  }
  if (n === 0) {
    // (the one before only, as characterBefore reads it: an escape's, or one too near `from` to read further)
    codes[0] = first;
    behindAsBytes = first === bytes[start - 1];
    return 1;
  }
  for (let k = 0; k < n; k++) codes[k] = back[n - 1 - k]!;
  return n;
}

/** The window of a plain run (bytes[start, end) are its characters) with the `behind` characters before it. */
function plainWindow(bytes: Uint8Array, start: number, end: number, behind: number): string {
  return behindAsBytes ? latin1(bytes, start - behind, end) : String.fromCharCode(WINDOW_CODES[0]!) + latin1(bytes, start, end);
}

/**
 * The character before bytes[start] when it is in ASCII and known, else -1 (a leading lookbehind then passes): the byte
 * before, not a string's opening quote, nor an escape's last byte (`\n`); the character a `\uXXXX` escape right before
 * spells (`\u00e9xoxb-…`, as Python's ensure_ascii writes text past ASCII: its last hex digit is no letter before the
 * token), none where such an escape may begin before `from`.
 */
function characterBefore(bytes: Uint8Array, start: number, from: number): number {
  if (start <= from) return -1;
  const before = bytes[start - 1]!;
  if (before >= 0x80 || before === 0x5c || before === 0x22 || (start - 2 >= from && bytes[start - 2] === 0x5c)) return -1;
  if (HEX_DIGIT[before] === 0) return before;
  if (start - 6 < from) return -1;
  if (bytes[start - 6] !== 0x5c || bytes[start - 5] !== 0x75) return before;
  const code = hex4(bytes, start - 4);
  if (code < 0) return before;
  return code < 0x80 ? code : -1;
}

/** The value of the four hex digits at bytes[at] (a `\uXXXX` escape's), or -1 where one is no hex digit. */
function hex4(bytes: Uint8Array, at: number): number {
  let code = 0;
  for (let i = at; i < at + 4; i++) {
    const digit = HEX_DIGIT[bytes[i]!]!;
    if (digit === 0) return -1;
    code = code * 16 + digit - 1;
  }
  return code;
}

/** A hex digit's value plus one, by byte; 0 for any other byte. */
const HEX_DIGIT = (() => {
  const table = new Uint8Array(256);
  for (let d = 0; d < 16; d++) {
    table['0123456789abcdef'.charCodeAt(d)] = d + 1;
    table['0123456789ABCDEF'.charCodeAt(d)] = d + 1;
  }
  return table;
})();

/** Bytes as one character each (node:buffer's decoder, which takes any Uint8Array). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return (Buffer.prototype as unknown as { latin1Slice(this: Uint8Array, start: number, end: number): string }).latin1Slice.call(bytes, start, end);
}

const WINDOW_CODES = new Uint16Array(ANCHOR_WINDOW + LOOK_BEHIND);
const WINDOW_LATIN1 = new Uint8Array(ANCHOR_WINDOW + LOOK_BEHIND);

/**
 * WINDOW_CODES[0, n) as a string: through node:buffer's latin1 decoder when every code fits a byte
 * (String.fromCharCode.apply on a typed array goes through V8's runtime, some 8,000 instructions a
 * call: 1 % of a 100 MB scan, whose compiled SQL escapes its line breaks).
 */
function windowString(n: number): string {
  const codes = WINDOW_CODES;
  const bytes = WINDOW_LATIN1;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c > 0xff) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
    bytes[i] = c;
  }
  return latin1(bytes, 0, n);
}

/** JSON's one-character escapes: the byte after the backslash → the character (0: not one). */
const ESCAPED = new Uint16Array(256);
for (const [c, v] of [['n', 10], ['t', 9], ['r', 13], ['b', 8], ['f', 12], ['"', 34], ['\\', 92], ['/', 47]] as const) ESCAPED[c.charCodeAt(0)] = v;
