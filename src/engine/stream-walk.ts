/**
 * The one pass over a streamed artifact: the same path automaton, rules, pre-filter and detectors
 * as the in-memory walk, fed by the chunked tokenizer instead of a parsed tree. Only values that a
 * rule reads and that hold a keyword (or whose key a keywordless detector wants) are decoded.
 *
 * Recognition and node context read a sparse copy of the document: the metadata, the top-level
 * keys, and per dbt node its unique_id, files, fqn and meta suppressions. It has the shape
 * JSON.parse would give those parts (integer-like keys first; duplicate keys are refused, as in
 * memory), so the in-memory code (recognizeArtifact, nodeAt, nodeInfo) runs on it unchanged. A
 * node's copy is kept only while it is open, or when a hit needs it; a manifest keeps each node's
 * NodeInfo for the run results in its folder. Memory stays flat however large the file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ArtifactKind, DetectorMatch, PathSegment } from '../types.js';
import { JsonTokenizer, type JsonVisitor, type MarkQuery } from '../artifacts/stream-json.js';
import { ChunkReader, STREAM_TUNING } from './stream-read.js';
import type { CompiledRules } from './compile.js';
import type { PathState } from './paths.js';
import { detectValue, MANIFEST_COLLECTIONS, META_KEY, nodeAt, nodeInfo, ruleIndexOf, type NodeInfo, type NodeRef, type ValueHit, type WalkStats } from './walk.js';

/** What to keep of a value in the sparse document. A spec on a scalar keeps the scalar. */
interface Spec {
  /** Keep the whole value. */
  full: boolean;
  /** Object keys to keep, and what to keep of each, by key length. */
  fields?: readonly (readonly (readonly [string, Spec])[] | undefined)[];
  /** What to keep of any other key or array element. */
  others?: Spec;
  /** Its children are dbt nodes (a manifest collection, results, a disabled entry). */
  nodes?: boolean;
}

const FULL: Spec = { full: true };
const NO_FIELDS: readonly (readonly [string, Spec])[] = [];
const SHELL: Spec = { full: false };
const fields = (entries: (readonly [string, Spec])[], others?: Spec): Spec => {
  const byLength: (readonly [string, Spec])[][] = [];
  for (const entry of entries) (byLength[entry[0].length] ??= []).push(entry);
  return { full: false, fields: byLength, ...(others ? { others } : {}) };
};
const META = fields([[META_KEY, FULL]]);
const NODE_FIELDS: (readonly [string, Spec])[] = [
  ['unique_id', FULL],
  ['original_file_path', FULL],
  ['patch_path', FULL],
  ['fqn', FULL],
  ['meta', META],
  ['config', fields([['meta', META]])],
];
const NODE = fields([...NODE_FIELDS, ['node', fields(NODE_FIELDS)]]);
/** A node that may come first in its collection also keeps its keys (recognition looks at them). */
const FIRST_NODE = fields([...NODE_FIELDS, ['node', fields(NODE_FIELDS)]], SHELL);
const COLLECTION: Spec = { full: false, nodes: true };
const DISABLED = fields([], COLLECTION);
const ROOT = fields(
  [['metadata', FULL], ['generated_at', FULL], ...[...MANIFEST_COLLECTIONS, 'results'].map((k) => [k, COLLECTION] as const), ['disabled', DISABLED]],
  SHELL,
);

const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/** A container that is a dbt node in some artifact kind (decided once the kind is known). */
interface Candidate {
  path: PathSegment[];
  /** What was kept of it; dropped when it closes without hits (its NodeInfo is kept for a manifest). */
  value: object | undefined;
  hits: boolean;
  node?: NodeRef | undefined;
}

/** The manifest collections whose nodes give run results and catalog entries their context (see collectNodes). */
const COLLECTED = ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests'];

interface Frame {
  isArray: boolean;
  /** This container's key or index in its parent; a key is decoded when first needed (or when its window goes). */
  seg: PathSegment | undefined;
  /** `seg` is still to be decoded from the current window (segStart…segEnd). */
  segPending: boolean;
  /** How `state` follows keys, when the walk reads this container. */
  lookup: KeyLookup | undefined;
  segStart: number;
  segEnd: number;
  segEscaped: boolean;
  walk: boolean;
  state: PathState;
  target: Record<string, unknown> | unknown[] | undefined;
  spec: Spec | undefined;
  candidate: Candidate | undefined;
  /** Key of the child that JSON.parse would list first (collections only). */
  firstKey: string | undefined;
  /** This container is `candidate` itself (not inside it). */
  owns: boolean;
}

/** How one automaton state follows a key, without decoding it. */
interface KeyLookup {
  /** The state's literal keys by length, and the state each leads to. */
  byLength: (string[] | undefined)[];
  next: (PathState[] | undefined)[];
  /** Some literal cannot be compared on raw bytes: decode every key. */
  decode: boolean;
  /** Some literal is an array index. */
  indexes: boolean;
  other: PathState | undefined;
}

/** A key that is no selector's literal (unless `decode`): stepping with it follows the "any other key" edge. */
const OTHER_KEY = '\u0000';

interface PendingHit {
  hit: ValueHit;
  candidate: Candidate | undefined;
}

export class StreamWalk implements JsonVisitor {
  readonly tokenizer: JsonTokenizer;
  /** The sparse document (see above). */
  document: unknown = undefined;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private readonly pending: PendingHit[] = [];
  /** NodeInfo of each node of the COLLECTED collections, by collection. */
  private readonly collected: (Map<string, NodeInfo> | undefined)[] = [];
  private readonly lookups = new Map<PathState, KeyLookup>();
  private readonly keyOf = () => this.nearestKey();
  /** Keyword starts found ahead by the reader; undefined: every value a rule reads is decoded. */
  private readonly keywords: MarkQuery | undefined;
  /** The next keyword start at or after `keywordFrom` in the window `keywordText` (-1: none). */
  private keywordText = '';
  private keywordFrom = 0;
  private keywordNext = -1;

  // what the last key() or element() decided for the value that follows
  private pWalk = true;
  private pState: PathState;
  private pSpec: Spec | undefined = ROOT;
  private pIndex = -1;
  private pKeyStart = 0;
  private pKeyEnd = 0;
  private pKeyEscaped = false;
  /** The key, once decoded. */
  private pKeyString: string | undefined;
  /** Open frames whose key is still only offsets in the current window. */
  private undecoded = 0;

  constructor(
    private readonly rules: CompiledRules,
    private readonly stats: WalkStats,
    options: { bomBytes: number; keywords: MarkQuery | undefined; controls: MarkQuery | undefined },
  ) {
    this.tokenizer = new JsonTokenizer(this, { bomBytes: options.bomBytes, ...(options.controls ? { controls: options.controls } : {}) });
    this.pState = rules.matcher.start;
    this.keywords = options.keywords;
  }

  /** The hits, with node context, once the artifact's kind (and its directory's manifest) is known. */
  finish(kind: ArtifactKind, knownNodes: ReadonlyMap<string, NodeInfo> | undefined): ValueHit[] {
    const hits: ValueHit[] = [];
    for (const { hit, candidate } of this.pending) {
      if (candidate) candidate.node ??= nodeAt(kind, candidate.path, candidate.value!, knownNodes);
      hits.push({ ...hit, node: candidate?.node });
    }
    return hits;
  }

  key(start: number, end: number, escaped: boolean): boolean {
    const frame = this.frames[this.depth - 1]!;
    this.pIndex = -1;
    this.pKeyStart = start;
    this.pKeyEnd = end;
    this.pKeyEscaped = escaped;
    this.pKeyString = undefined;
    let walk = false;
    if (frame.walk) {
      const state = this.stepKey(frame.state, frame.lookup!, start, end, escaped);
      this.pState = state;
      walk = this.reads(state);
    }
    this.pWalk = walk;
    this.pSpec = frame.spec ? this.childSpec(frame, start, end, escaped) : undefined;
    return walk || this.pSpec !== undefined;
  }

  element(index: number): boolean {
    const frame = this.frames[this.depth - 1]!;
    this.pIndex = index;
    let walk = false;
    if (frame.walk) {
      const lookup = frame.lookup!;
      const state = lookup.indexes || lookup.decode ? this.rules.matcher.step(frame.state, index) : (lookup.other ??= this.rules.matcher.step(frame.state, OTHER_KEY));
      this.pState = state;
      walk = this.reads(state);
    }
    this.pWalk = walk;
    const spec = frame.spec;
    this.pSpec = spec === undefined ? undefined : spec.full ? FULL : spec.nodes ? (index === 0 ? FIRST_NODE : NODE) : spec.others;
    return walk || this.pSpec !== undefined;
  }

  open(isArray: boolean): void {
    const parent = this.depth > 0 ? this.frames[this.depth - 1] : undefined;
    const spec = this.pSpec;
    let target: Frame['target'];
    let candidate = parent?.candidate;
    const owns = parent?.spec?.nodes === true && spec !== undefined;
    if (spec) {
      target = isArray ? [] : {};
      // a node goes into the document only when it may come first in its collection (recognition reads that one)
      if (!owns || spec === FIRST_NODE) this.keep(target);
      if (owns) candidate = { path: this.pathWith(this.segment()), value: target, hits: false };
    }
    let frame = this.frames[this.depth];
    if (!frame) this.frames.push((frame = {} as Frame));
    frame.isArray = isArray;
    frame.seg = this.pIndex >= 0 ? this.pIndex : this.pKeyString;
    frame.segPending = frame.seg === undefined && parent !== undefined;
    if (frame.segPending) this.undecoded++;
    frame.segStart = this.pKeyStart;
    frame.segEnd = this.pKeyEnd;
    frame.segEscaped = this.pKeyEscaped;
    frame.walk = this.pWalk;
    frame.state = this.pState;
    frame.lookup = this.pWalk ? this.lookupOf(this.pState) : undefined;
    frame.target = target;
    frame.spec = spec;
    frame.candidate = candidate;
    frame.firstKey = undefined;
    frame.owns = owns;
    this.depth++;
  }

  close(): void {
    this.depth--;
    const frame = this.frames[this.depth]!;
    if (frame.segPending) this.undecoded--;
    if (frame.owns) {
      const candidate = frame.candidate!;
      // what a manifest's run results will ask of it; the rest is dropped unless a hit needs it
      const collection = candidate.path.length === 2 ? COLLECTED.indexOf(candidate.path[0] as string) : -1;
      if (collection >= 0) (this.collected[collection] ??= new Map()).set(candidate.path[1] as string, nodeInfo(candidate.value as Record<string, unknown>));
      if (!candidate.hits) candidate.value = undefined;
    }
  }

  /** The nodes of the manifest by id, as collectNodes gives them for a parsed one. */
  collectedNodes(): Map<string, NodeInfo> {
    const out = new Map<string, NodeInfo>();
    for (const collection of this.collected) for (const [id, info] of collection ?? []) out.set(id, info);
    return out;
  }

  release(): void {
    // the key of a value not seen yet, and keys of open containers in this window: decode them before it goes
    if (this.pIndex < 0 && this.depth > 0) this.keyString();
    for (let d = this.depth - 1; d >= 1 && this.undecoded > 0; d--) this.segOf(this.frames[d]!);
  }

  string(start: number, end: number, escaped: boolean): void {
    const tok = this.tokenizer;
    let value: string | undefined;
    if (this.pSpec) this.keep((value = tok.decodeString(start, end, escaped)));
    if (!this.pWalk || this.depth === 0) return;
    this.stats.values++;
    const ruleIndex = ruleIndexOf(this.rules, this.pState);
    if (ruleIndex < 0) return;
    const set = this.rules.detectorSets[ruleIndex];
    if (!set) return;
    // the raw text shows every keyword of the decoded value, unless an escape spells part of one
    if (this.keywords && !tok.asciiEscape && !this.keywordIn(start + 1, end - 1) && (!set.runsOnEveryValue || !set.findsWithoutKeyword(this.nearestKey()))) return;
    value ??= tok.decodeString(start, end, escaped);
    const matches = detectValue(this.rules, set, value, this.keyOf);
    if (matches) this.hit(ruleIndex, value, matches, start, tok.rawToken(start, end));
  }

  number(start: number, end: number): void {
    if (this.pSpec) this.keep(Number(this.tokenizer.text.slice(start, end)));
    if (!this.pWalk || this.depth === 0) return;
    this.stats.values++;
    const ruleIndex = ruleIndexOf(this.rules, this.pState);
    if (ruleIndex < 0) return;
    const set = this.rules.numericSets[ruleIndex];
    if (!set) return;
    const value = String(Number(this.tokenizer.text.slice(start, end)));
    const matches = detectValue(this.rules, set, value, this.keyOf);
    if (matches) this.hit(ruleIndex, value, matches, start, undefined);
  }

  literal(value: boolean | null): void {
    if (this.pSpec) this.keep(value);
  }

  private hit(ruleIndex: number, value: string, matches: DetectorMatch[], start: number, raw: string | undefined): void {
    const at = this.tokenizer.positionOf(start);
    const frame = this.frames[this.depth - 1]!;
    const hit: ValueHit = { ruleIndex, path: this.pathWith(this.segment()), value, matches, node: undefined, at: { ...at, raw } };
    if (frame.candidate) frame.candidate.hits = true;
    this.pending.push({ hit, candidate: frame.candidate });
  }

  /** Follow a key without decoding it: its raw bytes against the state's literals, by length. */
  private stepKey(state: PathState, lookup: KeyLookup, start: number, end: number, escaped: boolean): PathState {
    if (escaped || lookup.decode) return this.rules.matcher.step(state, this.keyString());
    const literals = lookup.byLength[end - start - 2];
    if (literals) {
      const text = this.tokenizer.text;
      for (let i = 0; i < literals.length; i++) if (text.startsWith(literals[i]!, start + 1)) return lookup.next[end - start - 2]![i]!;
    }
    return (lookup.other ??= this.rules.matcher.step(state, OTHER_KEY));
  }

  private lookupOf(state: PathState): KeyLookup {
    let lookup = this.lookups.get(state);
    if (lookup) return lookup;
    lookup = { byLength: [], next: [], decode: state.literals.has(OTHER_KEY), indexes: false, other: undefined };
    for (const literal of state.literals) {
      // a literal that raw bytes cannot spell the same way: compare decoded keys instead
      if (!/^[\x20-\x7e]*$/.test(literal) || literal.includes('"') || literal.includes('\\')) lookup.decode = true;
      if (INDEX_KEY.test(literal)) lookup.indexes = true;
      (lookup.byLength[literal.length] ??= []).push(literal);
      (lookup.next[literal.length] ??= []).push(this.rules.matcher.step(state, literal));
    }
    this.lookups.set(state, lookup);
    return lookup;
  }

  /** What to keep of the value under this key, in a frame that keeps something. */
  private childSpec(frame: Frame, start: number, end: number, escaped: boolean): Spec | undefined {
    const spec = frame.spec!;
    if (spec.full) return FULL;
    if (spec.nodes) return firstInOrder(frame, this.keyString()) ? FIRST_NODE : NODE;
    if (spec.fields) {
      if (escaped) {
        const key = this.keyString();
        for (const [name, child] of spec.fields[key.length] ?? NO_FIELDS) if (name === key) return child;
      } else {
        const text = this.tokenizer.text;
        const candidates = spec.fields[end - start - 2];
        if (candidates) for (const [name, child] of candidates) if (text.startsWith(name, start + 1)) return child;
      }
    }
    return spec.others;
  }

  /** Whether the walk reads values at this state (the in-memory walk's two skip tests). */
  private reads(state: PathState): boolean {
    const rules = this.rules;
    if (state.group === rules.skipGroup && !state.canImprove) return false;
    return !(state.group < 0 && rules.fallback < 0 && state.items.length === 0);
  }

  /** This value's own path segment. */
  private segment(): PathSegment {
    return this.pIndex >= 0 ? this.pIndex : this.keyString();
  }

  private keyString(): string {
    return (this.pKeyString ??= this.tokenizer.keyString());
  }

  private segOf(frame: Frame): PathSegment {
    if (frame.seg === undefined) {
      frame.seg = this.tokenizer.decodeString(frame.segStart, frame.segEnd, frame.segEscaped);
      frame.segPending = false;
      this.undecoded--;
    }
    return frame.seg;
  }

  private pathWith(last: PathSegment): PathSegment[] {
    const path: PathSegment[] = [];
    for (let d = 1; d < this.depth; d++) path.push(this.segOf(this.frames[d]!));
    path.push(last);
    return path;
  }

  private nearestKey(): string | undefined {
    if (this.pIndex < 0) return this.keyString();
    for (let d = this.depth - 1; d >= 1; d--) {
      const seg = this.segOf(this.frames[d]!);
      if (typeof seg === 'string') return seg;
    }
    return undefined;
  }

  /** Whether a keyword starts in [start, end) of the current window (asked in increasing order). */
  private keywordIn(start: number, end: number): boolean {
    const tok = this.tokenizer;
    if (this.keywordText !== tok.text || this.keywordFrom > start || (this.keywordNext >= 0 && this.keywordNext < start)) {
      const next = this.keywords!.next(tok.fileOffset(start)) - tok.fileOffset(0);
      this.keywordNext = next < tok.text.length ? next : -1;
      this.keywordFrom = start;
      this.keywordText = tok.text;
    }
    return this.keywordNext >= 0 && this.keywordNext < end;
  }

  /** Put a kept value where JSON.parse would have put it. */
  private keep(value: unknown): void {
    if (this.depth === 0) {
      this.document = value;
      return;
    }
    const target = this.frames[this.depth - 1]!.target!;
    if (Array.isArray(target)) target[this.pIndex] = value;
    else {
      const key = this.keyString();
      if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      else target[key] = value;
    }
  }
}

/** Whether the child under `key` could be the first of Object.values(collection): integer-like keys come first. */
function firstInOrder(frame: Frame, key: string): boolean {
  const first = frame.firstKey;
  // most keys start with a letter: no regex for them
  const isIndex = (k: string) => k.charCodeAt(0) <= 57 && INDEX_KEY.test(k) && Number(k) < 4294967295;
  if (first === undefined || (isIndex(key) && (!isIndex(first) || Number(key) < Number(first)))) {
    frame.firstKey = key;
    return true;
  }
  return false;
}

/** The file is not a regular file (any more): the in-memory path reports it. */
export class NotStreamable extends Error {}

export interface StreamedDocument {
  walk: StreamWalk;
  bytes: number;
  /** 1 when the file starts with a UTF-8 byte order mark. */
  bomLength: number;
}

/** Read and walk one artifact file in chunks. Throws JsonStreamError on input that is not valid JSON or UTF-8. */
export function walkFile(
  file: string,
  rules: CompiledRules,
  stats: WalkStats,
  options: { size: number; helper: boolean; onBytes?: ((bytes: number) => void) | undefined },
): StreamedDocument {
  // non-blocking, then checked: a FIFO swapped in after the caller's stat must not hang the scan
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let reader: ChunkReader | undefined;
  try {
    if (!fstatSync(fd).isFile()) throw new NotStreamable();
    const head = Buffer.alloc(3);
    const headBytes = readSync(fd, head, 0, 3, 0);
    const bom = headBytes === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    reader = new ChunkReader(fd, options.size, rules.rawKeywords, { helper: options.helper && options.size >= STREAM_TUNING.helperMinBytes });
    const walk = new StreamWalk(rules, stats, { bomBytes: bom ? 3 : 0, keywords: rules.rawKeywords ? reader.keywords : undefined, controls: reader.controls });
    while (walk.tokenizer.pull(reader.nextWindow)) options.onBytes?.(walk.tokenizer.fileOffset(walk.tokenizer.text.length));
    walk.tokenizer.end();
    return { walk, bytes: options.size, bomLength: bom ? 1 : 0 };
  } finally {
    reader?.close();
    closeSync(fd);
  }
}
