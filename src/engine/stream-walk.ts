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
 * NodeInfo for the run results in its folder (only its id when nothing else in the folder is
 * scanned: a node id is the one thing the halves of a split must compare). Memory stays flat
 * however large the file, but for those ids and NodeInfo.
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { openArtifact } from '../sources/index.js';
import { prepareMatches } from '../findings/build.js';
import { DEFAULT_SALT, hashManySoon, offerChoice, shareSlowHashes } from '../findings/fingerprint.js';
import { internString } from '../util/strings.js';
import { HIT_LOG_TUNING, HitLog, type LoggedHit, type PortableLog, type Shift } from './hit-log.js';
import { closeSpill, openSpill, type Spill } from '../util/spill-file.js';
import type { ArtifactKind, DetectorContext, DetectorMatch, EnvVarCall, PathSegment } from '../types.js';
import { envVarsOf, isCompiledCodeKey, keyKindAt, PASS_KEY, RAW_CODE_KEY, RAW_CODE_KEYS, USER_KEY } from './rendered.js';
import { JsonStreamError, JsonTokenizer, keyHash, type JsonVisitor, type MarkQuery } from '../artifacts/stream-json.js';
import { RawIndexer } from '../artifacts/json-text.js';
import { ChunkReader, MarkIndex, STREAM_TUNING } from './stream-read.js';
import { MOST_FOUND } from './keyword-scan.js';
import { isFailure, SyncWorkers, type WorkerFailure } from './worker-sync.js';
import type { CompiledRules, PortableRules } from './compile.js';
import type { DetectorSet, FoundKeywords } from './prefilter.js';
import type { PathState } from './paths.js';
import { mayHoldWrapped } from '../detectors/decode.js';
import { namesSecretColumn, statColumn } from '../detectors/column-samples.js';
import { mayCallVars } from '../detectors/env-var-calls.js';
import { ENTRY_NAME, ENTRY_VALUE, entryKeyKind, entryNameOf, isChildKey, isChildKeyList, isPassKey, isUserKey, mayBeEntryKey, ROW_CELL, wrappingSecretName } from '../detectors/key-names.js';
import { detectValue, isOverriddenInput, keyContext, keywordlessAt, MANIFEST_COLLECTIONS, mayBeTokenKey, MIN_TOKEN_KEY, META_KEY, nodeAt, nodeFields, nodeInfo, ruleIndexOf, type NodeInfo, type NodeRef, type TokenAt, type ValueHit, type WalkStats } from './walk.js';

/** What to keep of a value in the sparse document. A spec on a scalar keeps the scalar. */
interface Spec {
  /** Keep the whole value. */
  full: boolean;
  /** Object keys to keep, and what to keep of each, by the tokenizer's keyHash (no two of these few names share one: `fields` refuses that). */
  fields?: ReadonlyMap<number, readonly [string, Spec]>;
  /** What to keep of any other key or array element. */
  others?: Spec;
  /** Its children are dbt nodes (a manifest collection, results, a disabled entry). */
  nodes?: boolean;
}

const FULL: Spec = { full: true };
const SHELL: Spec = { full: false };
const fields = (entries: (readonly [string, Spec])[], others?: Spec): Spec => {
  const byHash = new Map<number, readonly [string, Spec]>();
  for (const entry of entries) {
    const hash = keyHash(entry[0]);
    if (byHash.has(hash)) throw new Error(`internal: kept fields ${byHash.get(hash)![0]} and ${entry[0]} share a key hash`);
    byHash.set(hash, entry);
  }
  return { full: false, fields: byHash, ...(others ? { others } : {}) };
};
const META = fields([[META_KEY, FULL]]);
const NODE_FIELDS: (readonly [string, Spec])[] = [
  ['unique_id', FULL],
  ['name', FULL],
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
  [['metadata', FULL], ['generated_at', FULL], ['meta', FULL], ...[...MANIFEST_COLLECTIONS, 'results'].map((k) => [k, COLLECTION] as const), ['disabled', DISABLED]],
  SHELL,
);

const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/** A container that is a dbt node in some artifact kind (decided once the kind is known). */
interface Candidate {
  path: PathSegment[];
  /** What was kept of it while it is open; when it closes, what its hits read of it goes to the hit log after them (its NodeInfo is kept for a manifest). */
  value: object | undefined;
  hits: boolean;
  /** Its number in the walk's hit log, once it has a hit. */
  index?: number;
}

/** The manifest collections whose nodes give run results and catalog entries their context (see collectNodes). */
const COLLECTED = ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests'];
/** The nodes of one collection by id: their NodeInfo, or null where the walk keeps only ids (see StreamWalk's `nodeInfo`). */
type Collected = Map<string, NodeInfo | null> | undefined;

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
  /** The env_var() calls of the raw code read in this object so far (see rendered.ts). */
  envVars: readonly EnvVarCall[] | undefined;
  /** A user key came before the current one in this object (see DetectorContext.userBeside). */
  userSeen: boolean;
  /** Values under `pass` or `pw` read before any user key of this object: decided when one comes, or when the object closes. */
  undecided: Undecided[] | undefined;
  /** This object is an element of a list: a list entry, whose `value` may be read under its `name` (see ENTRY_NAME). */
  inList: boolean;
  /** The secret's name (entryNameOf) the entry's last `name` or `key` so far gave: its `value`'s, before the value or after it. */
  entryName: string | undefined;
  /** A `name` or `key` came in this entry (whether or not it named a secret). */
  entryNamed: boolean;
  /** The entry's `value`, read before any `name` or `key` in it: held until one comes, or the entry closes. */
  entryValue: EntryValue | undefined;
  /** A catalog stat's `label` so far (see statColumn). */
  statLabel: string | undefined;
}

/** A frame with every field, so that all frames share one shape (fields added one by one made a chain of shapes). */
function newFrame(): Frame {
  return {
    isArray: false, seg: undefined, segPending: false, lookup: undefined, segStart: 0, segEnd: 0, segEscaped: false, walk: false,
    state: undefined as unknown as PathState, target: undefined, spec: undefined, candidate: undefined, firstKey: undefined, owns: false,
    envVars: undefined, userSeen: false, undecided: undefined, inList: false, entryName: undefined, entryNamed: false, entryValue: undefined, statLabel: undefined,
  };
}

/**
 * A list entry's `value` read before its `name` (`[{value: …, name: DB_PASSWORD}]`): the streaming walk
 * cannot look ahead, so it holds the value (one string an open entry, of at most ENTRY_VALUE_MOST
 * characters) with what it gives alone, and reads it again under the name when that names a secret.
 */
interface EntryValue {
  ruleIndex: number;
  value: string;
  /** Its JSON token, when it holds escapes (for the findings' raw spans). */
  raw: string | undefined;
  /** Its key (`value`, `Value`): its path is made only for a hit, while the entry is still the innermost frame (a path held per entry would cost the square of a nesting's depth). */
  key: string;
  candidate: Candidate | undefined;
  at: { offset: number; line: number; column: number };
  alone: DetectorMatch[] | undefined;
}

/** The longest entry value held for a name after it (a secret is far shorter; a longer value is read alone). */
const ENTRY_VALUE_MOST = 1024;

/**
 * A value under `pass` or `pw` with no user key before it in its object, whose matches a user key
 * after it would change (DetectorContext.userBeside): the streaming walk cannot look ahead, so it
 * holds both outcomes until a user key comes (then the first) or the object closes (the second).
 * An object has at most 20 such keys (`pass`, `pw` in either case; duplicates are refused), and
 * only those whose value reads as a password are held: a few strings per open object.
 */
interface Undecided {
  ruleIndex: number;
  value: string;
  /** Its key: its path is made only for a hit, while its object is still the innermost frame (a path held per nested object would cost the square of the nesting's depth: 20,000 levels of `{"pass": …, "a": …}` took 10 s and 1.7 GB). */
  key: string;
  candidate: Candidate | undefined;
  at: { offset: number; line: number; column: number };
  beside: Outcome;
  alone: Outcome;
}

interface Outcome {
  matches: DetectorMatch[] | undefined;
  rawSpans: number[] | undefined;
}

/** How one automaton state follows a key, without decoding it. */
interface KeyLookup {
  /** The state's literal keys by the tokenizer's keyHash, and the state each leads to. */
  byHash: Map<number, { literal: string; next: PathState }>;
  /** Some literal cannot be compared on raw bytes, or two share a hash: decode every key. */
  decode: boolean;
  /** Some literal is an array index. */
  indexes: boolean;
  other: PathState | undefined;
}

/** A key that is no selector's literal (unless `decode`): stepping with it follows the "any other key" edge. */
const OTHER_KEY = '\u0000';

/** The back half of a split file, as its thread hands it over (see StreamWalk.part). */
export interface WalkPart {
  hits: PortableLog;
  collected: Collected[];
  document: Record<string, unknown>;
}

export class StreamWalk implements JsonVisitor {
  readonly tokenizer: JsonTokenizer;
  /** The sparse document (see above). */
  document: unknown = undefined;
  /** Each open level's frame, reused by the levels opened there later (one made at the start: a list that never held anything but frames, see open). */
  private readonly frames: Frame[] = [newFrame()];
  private depth = 0;
  /** The hits and the nodes they are in (see hit-log.ts): this walk's, then an adopted back half's. */
  private readonly logs: { log: HitLog; shift: Shift | undefined }[];
  /** How many nodes had hits (the number the next one gets in the log). */
  private nodesWithHits = 0;
  /**
   * NodeInfo of each node of the COLLECTED collections, by collection: an entry each from the start (a read past the
   * list's end, as each collection came, sent the compiled walk back).
   */
  private readonly collected: Collected[] = COLLECTED.map(() => undefined);
  /** Keep each node's NodeInfo, not only its id. */
  private readonly nodeInfo: boolean;
  private readonly contextOf = (): DetectorContext => {
    // a list entry's value under its name (`[{name: DB_PASSWORD, value: …}]`, see ENTRY_NAME)
    if (this.pEntry === ENTRY_VALUE) {
      const named = this.frames[this.depth - 1]!.entryName;
      if (named !== undefined) return { key: named, entry: true };
    }
    if (this.pIndex >= 0 && this.depth > 1) {
      const parent = this.segOf(this.frames[this.depth - 1]!);
      if (typeof parent === 'string') {
        // `{sendgrid: {keys: […]}}`: a list of keys is read with the vendor's name too
        const vendor = isChildKeyList(parent) && this.depth > 2 ? this.segOf(this.frames[this.depth - 2]!) : undefined;
        return typeof vendor === 'string' ? { key: parent, index: this.pIndex, parent: vendor } : { key: parent, index: this.pIndex };
      }
    }
    const key = this.nearestKey();
    if (key === undefined || !isCompiledCodeKey(key)) {
      // a column's description or comment: read with the column's name (see DetectorContext.parent)
      if (this.pState.group === this.rules.columnDocGroup && this.depth > 1) {
        const column = this.segOf(this.frames[this.depth - 1]!);
        if (typeof column === 'string') return { key, parent: key === 'value' ? statColumn(column, this.frames[this.depth - 1]!.statLabel) : column };
      }
      // a cell of a unit test's dict rows (see ROW_CELL), or a var or an env var a unit test overrides (isOverriddenInput)
      if (key !== undefined && this.pIndex < 0 && this.isRowCellAt(this.depth - 1)) return { key, parent: ROW_CELL };
      // a secret's value in an object that wraps it (`password: {type: SecureString, value: …}`): read as the object would
      // be, under its name (as walk.ts's contextAt reads it one level up)
      if (key === 'value' && this.pIndex < 0 && this.depth > 1) {
        const wrapping = wrappingSecretName(key, this.segOf(this.frames[this.depth - 1]!));
        if (wrapping !== undefined) return this.wrappedContext(wrapping);
      }
      if (key === undefined || key.length > 4 || this.pIndex >= 0) return { key };
      // `pass` or `pw` after a user key (before one: see Undecided): asked only of a short key
      const context: DetectorContext = this.frames[this.depth - 1]!.userSeen ? { key, userBeside: true } : { key };
      // `{sendgrid: {key: …}}`: a bare `key` or `api` is read with the key of its object (see DetectorContext.parent)
      const parent = this.childKeyParentAt(key, this.depth - 1);
      if (parent !== undefined) context.parent = parent;
      return context;
    }
    // compiled code: the env_var() calls of the raw code before it in this node, or of the manifest's node a result names
    const envVars = this.frames[this.depth - 1]!.envVars ?? this.resultEnvVars();
    return envVars ? { key, envVars } : { key };
  };
  /**
   * The context of a value a wrapper holds under a secret's name `wrapping` (see wrappingSecretName): that of a value under
   * the wrapper's key, one level up: a unit test's row cell or override (ROW_CELL), a bare `key` or `api` with its object's
   * key (isChildKey), else the name alone.
   */
  private wrappedContext(wrapping: string): DetectorContext {
    if (this.isRowCellAt(this.depth - 2)) return { key: wrapping, parent: ROW_CELL };
    const parent = this.childKeyParentAt(wrapping, this.depth - 2);
    return parent === undefined ? { key: wrapping } : { key: wrapping, parent };
  }

  /**
   * Whether the object open at frames[d] is a row of a unit test's dict rows or the vars it overrides (see ROW_CELL): its
   * key a row's index (or `vars`, `env_vars`) and its container's `rows` (or `overrides`). The container's key is decoded
   * only where the object's asks for it (segOf may decode it).
   */
  private isRowCellAt(d: number): boolean {
    if (d < 2) return false;
    const object = this.segOf(this.frames[d]!);
    const outer = typeof object === 'number' ? 'rows' : isOverriddenInput(object) ? 'overrides' : undefined;
    return outer !== undefined && this.segOf(this.frames[d - 1]!) === outer;
  }

  /** The key of the object open at frames[d], when `key` is a bare `key` or `api` read with it (see isChildKey). */
  private childKeyParentAt(key: string, d: number): string | undefined {
    if (d < 1 || !isChildKey(key)) return undefined;
    const parent = this.segOf(this.frames[d]!);
    return typeof parent === 'string' ? parent : undefined;
  }

  /** The nodes of the folder's manifest, for the compiled code of run results (see rendered.ts). */
  private readonly knownNodes: ReadonlyMap<string, NodeInfo> | undefined;
  /** When set, each hit's secrets are hashed as they are found (a back half, on its own thread). */
  private readonly salt: string | undefined;
  /** A slow hash is computed on a thread of its own meanwhile (hashSecretSoon): the front walk, when threads may be used. */
  private readonly hashLater: boolean;
  /** Keyword starts found ahead by the reader; undefined: every value a rule reads is decoded. */
  private readonly keywords: MarkIndex | undefined;
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
  /** The value is a node's raw code, whose env_var() calls the compiled code after it is read with. */
  private pRawCode = false;
  /** The key is `pass` or `pw` (see Undecided). */
  private pPassKey = false;
  /** The current key is a list entry's name or value (ENTRY_NAME, ENTRY_VALUE), or 0. */
  private pEntry = 0;
  /** Open frames whose key is still only offsets in the current window. */
  private undecoded = 0;

  constructor(
    private readonly rules: CompiledRules,
    private readonly stats: WalkStats,
    options: {
      bomBytes: number;
      keywords: MarkIndex | undefined;
      controls: MarkQuery | undefined;
      startAt?: { fileOffset: number; lead: number };
      salt?: string | undefined;
      /** Slow hashes on a thread of their own (default false: on this one). */
      hashLater?: boolean | undefined;
      /** The spill file opened for a back half's hits by the thread that adopts them, and its front half's HIT_LOG_TUNING. */
      spill?: { spill: Spill; bufferChars: number } | undefined;
      /** Keep each node's NodeInfo for collectedNodes (default true); false: only the ids, for conflictWith. */
      nodeInfo?: boolean | undefined;
      /** The nodes of the manifest in the same folder, when it was scanned first. */
      knownNodes?: ReadonlyMap<string, NodeInfo> | undefined;
      /** Where the text walked begins in the file's text, when not at its start (an artifact inlined in a page: see walkRange). */
      shift?: Shift | undefined;
    },
  ) {
    this.knownNodes = options.knownNodes;
    this.logs = [{ log: new HitLog(options.spill?.spill, options.spill?.bufferChars), shift: options.shift }];
    this.tokenizer = new JsonTokenizer(this, {
      bomBytes: options.bomBytes,
      ...(options.controls ? { controls: options.controls } : {}),
      ...(options.startAt ? { startAt: options.startAt } : {}),
    });
    this.pState = rules.matcher.start;
    this.keywords = options.keywords;
    this.salt = options.salt;
    this.hashLater = options.hashLater ?? false;
    this.nodeInfo = options.nodeInfo ?? true;
  }

  /**
   * The hits, with node context, once the artifact's kind (and its directory's manifest) is known:
   * read back one at a time, each let go once its findings are built. A node's line follows its
   * hits in the log (hits come in document order and nodes do not nest), so the hits of one node
   * wait for it here: what is held is one node's hits, whatever the file's size.
   */
  *finish(kind: ArtifactKind, knownNodes: ReadonlyMap<string, NodeInfo> | undefined, cut = false): Generator<ValueHit> {
    const hit = ({ ruleIndex, path, at, matches, prepared }: LoggedHit, node: NodeRef | undefined): ValueHit => ({ ruleIndex, path, value: '', matches, node, at, prepared });
    for (const { log, shift } of this.logs) {
      let waiting: LoggedHit[] = [];
      for (const entry of log.read(shift)) {
        if ('fields' in entry) {
          if (waiting.some((h) => h.candidate !== entry.candidate)) throw new Error(`internal: hits of another node before node ${entry.candidate}'s line`);
          const node = nodeAt(kind, entry.path, entry.fields, knownNodes);
          for (const h of waiting) yield hit(h, node);
          waiting = [];
        } else if (entry.candidate >= 0) waiting.push(entry);
        else if (waiting.length > 0) throw new Error(`internal: a hit outside a node before node ${waiting[0]!.candidate}'s line`);
        else yield hit(entry, undefined);
      }
      // (a walk cut short inside a node: its hits, without the node's fields)
      if (waiting.length > 0 && cut) for (const h of waiting) yield hit(h, undefined);
      else if (waiting.length > 0) throw new Error(`internal: node ${waiting[0]!.candidate} has hits but no line`);
    }
  }

  /** Let the hits go without reading them (and delete their spill files). */
  dispose(): void {
    for (const { log } of this.logs) log.dispose();
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
    // a list entry's `name` or `value` (only there: short keys, in an object of a list)
    this.pEntry = frame.inList && mayBeEntryKey(end - start - 2) ? entryKeyKind(this.keyString()) : 0;
    if (frame.inList && (this.pEntry !== 0 || frame.entryValue)) this.entryKey(frame);
    // a token written as a name (`meta: {"xoxb-…": "#data-alerts"}`): as walkDocument reads keys (inspectKey)
    if (walk && end - start - 2 >= MIN_TOKEN_KEY) this.keyHit(start, end, escaped);
    this.pSpec = frame.spec ? this.childSpec(frame, start, end, escaped) : undefined;
    if (escaped) {
      // a key written with an escape (`"\u0075ser"`) is what JSON.parse makes of it, as in memory
      const key = this.keyString();
      this.pRawCode = this.rules.readsEnvVars && RAW_CODE_KEYS.includes(key);
      if (frame.walk && isUserKey(key)) this.userKey(frame);
      this.pPassKey = isPassKey(key);
    } else {
      // one look at the key for both: raw code (its env_var() calls), a user key or `pass` (see DetectorContext.userBeside)
      const kind = keyKindAt(this.tokenizer.text, start, end);
      this.pRawCode = kind === RAW_CODE_KEY && this.rules.readsEnvVars;
      if (kind === USER_KEY && frame.walk) this.userKey(frame);
      this.pPassKey = kind === PASS_KEY;
    }
    return walk || this.pSpec !== undefined || this.pRawCode;
  }

  element(index: number): boolean {
    const frame = this.frames[this.depth - 1]!;
    this.pIndex = index;
    this.pEntry = 0;
    this.pRawCode = false;
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
    // (never read past the list's end, and the list never made of numbers first: either sent the compiled walk back)
    if (this.depth === this.frames.length) this.frames.push(newFrame());
    const frame = this.frames[this.depth]!;
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
    frame.envVars = undefined;
    frame.userSeen = false;
    frame.undecided = undefined;
    frame.inList = !isArray && this.pIndex >= 0;
    frame.entryName = undefined;
    frame.entryNamed = false;
    frame.entryValue = undefined;
    frame.statLabel = undefined;
    this.depth++;
  }

  close(): void {
    // what waited in the object for a key after it, its paths made while it is the innermost frame:
    // no user key came, so `pass` alone is a word; no name came, so the entry's value is read alone
    const closing = this.frames[this.depth - 1]!;
    if (closing.undecided || closing.entryValue) this.settleWaiting(closing);
    this.depth--;
    const frame = this.frames[this.depth]!;
    if (frame.segPending) this.undecoded--;
    if (frame.owns) {
      const candidate = frame.candidate!;
      // what a manifest's run results will ask of it; the rest is dropped unless a hit needs it
      const collection = candidate.path.length === 2 ? COLLECTED.indexOf(candidate.path[0] as string) : -1;
      if (collection >= 0) (this.collected[collection] ??= new Map()).set(candidate.path[1] as string, this.nodeInfo ? this.infoOf(frame) : null);
      // a node with hits goes to the log after them: only what nodeAt will read of it
      if (candidate.hits) this.logs[0]!.log.addNode({ candidate: candidate.index!, path: candidate.path, fields: nodeFields(candidate.value as Record<string, unknown>, candidate.path[1]) });
      candidate.value = undefined;
    }
  }

  /** Inside the top-level `name` object, between its members (see JsonTokenizer.atMemberEnd). */
  betweenMembersOf(name: string): boolean {
    return this.depth === 2 && this.tokenizer.atMemberEnd(2) && this.segOf(this.frames[1]!) === name;
  }

  /** What the back half of a split file found, for the front half's walk to adopt (plain data: it crosses threads). */
  part(): WalkPart {
    const root = this.document;
    return {
      hits: this.logs[0]!.log.portable(),
      collected: this.collected,
      document: typeof root === 'object' && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>) : {},
    };
  }

  /**
   * Why the back half cannot simply follow this walk: a top-level key or a member of the split
   * collection that both halves hold (a duplicate key, which the in-memory path then reports).
   */
  conflictWith(part: WalkPart, collection: string): boolean {
    const root = this.document as Record<string, unknown>;
    for (const key of Object.keys(part.document)) if (key !== collection && Object.hasOwn(root, key)) return true;
    const index = COLLECTED.indexOf(collection);
    const mine = this.collected[index];
    const theirs = part.collected[index];
    if (mine && theirs) {
      const [small, large] = mine.size < theirs.size ? [mine, theirs] : [theirs, mine];
      for (const key of small.keys()) if (large.has(key)) return true;
    }
    return false;
  }

  /**
   * Take the back half's hits, nodes and top-level keys, after this walk has closed the document.
   * `at` is where the front half ended (just before the comma the back half starts after): the
   * back half counted its positions from the byte after that comma.
   */
  adopt(part: WalkPart, at: { offset: number; line: number; lineStart: number }, collection: string): void {
    this.logs.push({ log: HitLog.from(part.hits), shift: { base: at.offset + 1, line: at.line, lineStart: at.lineStart } });
    part.collected.forEach((theirs, index) => {
      if (!theirs) return;
      const mine = (this.collected[index] ??= new Map());
      for (const [id, info] of theirs) mine.set(id, info);
    });
    const root = this.document as Record<string, unknown>;
    for (const [key, value] of Object.entries(part.document)) if (key !== collection) root[key] = value;
  }

  /** The nodes of the manifest by id, as collectNodes gives them for a parsed one (none when the walk kept only ids). */
  collectedNodes(): Map<string, NodeInfo> {
    const out = new Map<string, NodeInfo>();
    for (const collection of this.collected) for (const [id, info] of collection ?? []) if (info) out.set(id, info);
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
    if (this.pRawCode && this.depth > 0) value = this.noteEnvVars(start, end, escaped, value);
    if (this.pEntry === ENTRY_NAME) value = this.entryNameString(start, end, escaped, value);
    if (!this.pWalk || this.depth === 0) return;
    // a catalog stat's label, for its value after it (see statColumn)
    if (this.pState.group === this.rules.columnDocGroup && this.pKeyEnd - this.pKeyStart === 7 && this.keyString() === 'label') this.frames[this.depth - 1]!.statLabel = value ??= tok.decodeString(start, end, escaped);
    this.stats.values++;
    const ruleIndex = ruleIndexOf(this.rules, this.pState);
    if (ruleIndex < 0) return;
    const set = this.rules.detectorSets[ruleIndex];
    if (!set) return;
    // a list entry's value before its name: held for the name (rare: only `value` in an entry of a list)
    if (this.pEntry === ENTRY_VALUE && this.heldEntryValue(ruleIndex, set, value, start, end, escaped)) return;
    // `pass` with no user key before it (see Undecided)
    if (this.pPassKey && this.undecidedKey()) return this.undecidedString(ruleIndex, set, value, start, end, escaped);
    // the raw text shows every keyword of the decoded value, unless an escape spells part of one
    // …and a value that may wrap a secret (a long base64 run, an encoded URL) goes to the decoder
    if (this.keywords && !tok.asciiEscape && !this.keywordIn(start + 1, end - 1) && !this.findsUnmarked(set, end - start - 2) && !mayHoldWrapped(tok.text, start + 1, end - 1)) return;
    value ??= tok.decodeString(start, end, escaped);
    const matches = detectValue(this.rules, set, value, this.contextOf, this.keywordsFound(start, end, escaped, value), keywordlessAt(this.rules, set, this.pState));
    if (matches) this.hit(ruleIndex, value, matches, start, rawSpansOf(matches, escaped ? tok.rawToken(start, end) : undefined));
  }

  /**
   * Whether a value without a keyword may give a match: a keywordless detector whose context test passes; in a
   * column's documentation, for the detectors that read only there (COLUMN_DOC_DETECTORS), a column named for a
   * secret, told from the path's state and the column's name before any context is built.
   */
  private findsUnmarked(set: DetectorSet, length: number): boolean {
    if (set.runsOnEveryValue) return set.findsWithoutKeyword(this.contextOf(), length);
    if (length < set.columnDocMin || this.pState.group !== this.rules.columnDocGroup || this.depth < 2) return false;
    const frame = this.frames[this.depth - 1]!;
    const column = this.segOf(frame);
    return typeof column === 'string' && namesSecretColumn(frame.statLabel === undefined ? column : statColumn(column, frame.statLabel));
  }

  /** number() for a value under `pass` or `pw` (see Undecided). */
  private undecidedNumber(ruleIndex: number, set: DetectorSet, value: string, start: number, end: number): void {
    this.detectUndecided(ruleIndex, value, start, (matches) => numberSpans(matches, value, end - start), (context) => detectValue(this.rules, set, value, context));
  }

  /** string() for a value under `pass` or `pw` (see Undecided): read whole (a few values), apart so that the common path makes no closures. */
  private undecidedString(ruleIndex: number, set: DetectorSet, decoded: string | undefined, start: number, end: number, escaped: boolean): void {
    const value = decoded ?? this.tokenizer.decodeString(start, end, escaped);
    const raw = escaped ? this.tokenizer.rawToken(start, end) : undefined;
    const found = this.keywordsFound(start, end, escaped, value);
    this.detectUndecided(ruleIndex, value, start, (matches) => rawSpansOf(matches, raw), (context) => detectValue(this.rules, set, value, context, found));
  }

  /** The value that follows under `pass` or `pw` is in an object with no user key so far (see Undecided). */
  private undecidedKey(): boolean {
    return this.pIndex < 0 && !this.frames[this.depth - 1]!.userSeen;
  }

  private readonly besideContext = (): DetectorContext => ({ key: this.keyString(), userBeside: true });

  /**
   * Detect a value under `pass` or `pw` both ways: with a user key beside it and without. The same
   * matches either way (most values: a word, a placeholder, a token found by its format anyway) are
   * a hit now; otherwise the value waits in its object for a user key (see Undecided).
   */
  private detectUndecided(
    ruleIndex: number,
    value: string,
    start: number,
    spansOf: (matches: readonly DetectorMatch[]) => number[] | undefined,
    detect: (context: () => DetectorContext) => DetectorMatch[] | undefined,
  ): void {
    const beside = detect(this.besideContext);
    const alone = detect(this.contextOf);
    if (sameMatches(beside, alone)) {
      if (alone) this.hit(ruleIndex, value, alone, start, spansOf(alone));
      return;
    }
    const frame = this.frames[this.depth - 1]!;
    (frame.undecided ??= []).push({
      ruleIndex,
      value,
      key: this.keyString(),
      candidate: frame.candidate,
      at: this.tokenizer.positionOf(start),
      beside: { matches: beside, rawSpans: beside && spansOf(beside) },
      alone: { matches: alone, rawSpans: alone && spansOf(alone) },
    });
  }

  /** string() for a list entry's `name` or `key`: the secret's name it gives, and the value held for it read (apart, so that string() stays small); returns the decoded string when it was decoded. */
  private entryNameString(start: number, end: number, escaped: boolean, decoded: string | undefined): string | undefined {
    const frame = this.frames[this.depth - 1]!;
    let value = decoded;
    frame.entryName = end - start <= 130 ? entryNameOf((value ??= this.tokenizer.decodeString(start, end, escaped))) : undefined;
    if (frame.entryValue) this.settleEntryValue(frame);
    return value;
  }

  /** string() for a list entry's value: when no name came before it in the entry, detected alone now and held for a name after it (see EntryValue). */
  private heldEntryValue(ruleIndex: number, set: DetectorSet, decoded: string | undefined, start: number, end: number, escaped: boolean): boolean {
    const frame = this.frames[this.depth - 1]!;
    if (frame.entryNamed || end - start - 2 > ENTRY_VALUE_MOST) return false;
    const tok = this.tokenizer;
    const value = decoded ?? tok.decodeString(start, end, escaped);
    // (`value` and `Value` both: the first goes as it reads alone)
    if (frame.entryValue) this.settleEntryValue(frame);
    frame.entryValue = {
      ruleIndex,
      value,
      raw: escaped ? tok.rawToken(start, end) : undefined,
      key: this.keyString(),
      candidate: frame.candidate,
      at: tok.positionOf(start),
      alone: detectValue(this.rules, set, value, this.contextOf, this.keywordsFound(start, end, escaped, value), keywordlessAt(this.rules, set, this.pState)),
    };
    return true;
  }

  /** What waited in a closing object for a key after it: `pass` values read alone, and the entry's value. */
  private settleWaiting(frame: Frame): void {
    if (frame.undecided) this.decide(frame, false);
    if (frame.entryValue) this.settleEntryValue(frame);
  }

  /** The entry's held value, read under the name that came (when it names a secret) or alone; the entry is the innermost frame. */
  private settleEntryValue(frame: Frame): void {
    const held = frame.entryValue!;
    frame.entryValue = undefined;
    const named = frame.entryName;
    const matches = named === undefined ? held.alone : detectValue(this.rules, this.rules.detectorSets[held.ruleIndex]!, held.value, () => ({ key: named, entry: true }));
    if (matches) this.log(held.ruleIndex, held.value, matches, this.pathWith(held.key), held.candidate, { ...held.at, rawSpans: rawSpansOf(matches, held.raw) });
  }

  /** A user key in this object: the `pass` values before it are passwords if they read as such. */
  private userKey(frame: Frame): void {
    frame.userSeen = true;
    if (frame.undecided) this.decide(frame, true);
  }

  private decide(frame: Frame, beside: boolean): void {
    for (const u of frame.undecided!) {
      const { matches, rawSpans } = beside ? u.beside : u.alone;
      if (matches) this.log(u.ruleIndex, u.value, matches, this.pathWith(u.key), u.candidate, { ...u.at, rawSpans });
    }
    frame.undecided = undefined;
  }

  /**
   * The keywords the raw text's search found in the string token at [start, end), for `select`,
   * at their places in the decoded value; undefined when that text is not ASCII or an escape may
   * spell part of a keyword (then the value is searched again). Escapes of control characters,
   * quotes and backslashes hold no keyword character: a keyword in the value is one in the text,
   * and its place is moved back by what the escapes before it save.
   */
  private keywordsFound(start: number, end: number, escaped: boolean, value: string): FoundKeywords | undefined {
    const keywords = this.rules.rawKeywords;
    const tok = this.tokenizer;
    if (!this.keywords || !keywords || tok.asciiEscape) return undefined;
    const from = start + 1;
    const to = end - 1;
    const starts: number[] = [];
    const ids: number[] = [];
    if (!this.keywords.within(tok.fileOffset(from), tok.fileOffset(to), starts, ids)) return undefined;
    const partial = ids.length >= MOST_FOUND;
    if (!escaped) return value.length === to - from ? { keywords, starts, ids, partial } : undefined;
    const text = tok.text;
    // each keyword's place moved back by what the escapes before it save (\uXXXX is six characters written for one, the
    // others two), the escapes and the places read together in order (a seam may list a place a little late), nothing
    // kept per escape (a value made of escapes: red team 113)
    const back = new Int32Array(starts.length);
    const order = orderOf(starts);
    let next = 0;
    /** The last escape read (from `from`), where it ends, and what the escapes save up to before it and through it. */
    let last = -1;
    let lastEnd = -1;
    let savedBefore = 0;
    let savedThrough = 0;
    const place = (m: number): void => {
      const at = starts[m]!;
      // a word past ASCII, escaped (keyword-forms.ts), begins with its escape: placed as that escape's character
      if (last >= 0 && at === last) back[m] = savedBefore;
      // a keyword begun inside an escape (`n` of `\n`) is none of the value's (kept in a partial list, where it may stand
      // for the keyword's later places, which are not listed: see addFound)
      else if (last >= 0 && at < lastEnd && !partial) back[m] = -1;
      else back[m] = savedThrough;
    };
    for (let i = text.indexOf('\\', from); i >= 0 && i < to; ) {
      // the places before this escape: the escapes before them are read
      while (next < order.length && starts[order[next]!]! < i - from) place(order[next++]!);
      const width = text.charCodeAt(i + 1) === 117 ? 6 : 2;
      last = i - from;
      lastEnd = last + width;
      savedBefore = savedThrough;
      savedThrough += width - 1;
      i = text.indexOf('\\', i + width);
    }
    while (next < order.length) place(order[next++]!);
    // a character of more than one byte: the bytes are not the characters
    if (value.length !== to - from - savedThrough) return undefined;
    const placed = { keywords, starts: [] as number[], ids: [] as number[], partial };
    for (let m = 0; m < starts.length; m++) {
      if (back[m] === -1) continue;
      placed.starts.push(starts[m]! - back[m]!);
      placed.ids.push(ids[m]!);
    }
    return placed;
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
    if (this.pPassKey && this.undecidedKey()) return this.undecidedNumber(ruleIndex, set, value, start, end);
    const matches = detectValue(this.rules, set, value, this.contextOf);
    if (matches) this.hit(ruleIndex, value, matches, start, numberSpans(matches, value, end - start));
  }

  literal(value: boolean | null): void {
    if (this.pSpec) this.keep(value);
  }

  /**
   * A key of a list entry (see key()): a `name` or `key` names no secret until its string does (one that is
   * no string names none, before the entry's value or after it, as in memory), and a value held for a name
   * whose own value was no string is read alone at the key after it.
   */
  private entryKey(frame: Frame): void {
    if (frame.entryValue && frame.entryNamed) this.settleEntryValue(frame);
    if (this.pEntry === ENTRY_NAME) {
      frame.entryName = undefined;
      frame.entryNamed = true;
    }
  }

  /** A closing node's NodeInfo, with its raw code's env_var() calls. */
  private infoOf(frame: Frame): NodeInfo {
    const info = nodeInfo(frame.candidate!.value as Record<string, unknown>);
    return frame.envVars ? { ...info, envVars: frame.envVars } : info;
  }

  /** For a result's own compiled code: the calls of the manifest node its unique_id (read before it) names. */
  private resultEnvVars(): readonly EnvVarCall[] | undefined {
    const frame = this.frames[this.depth - 1]!;
    if (!this.knownNodes || !frame.owns || frame.candidate!.path[0] !== 'results' || this.pIndex >= 0) return undefined;
    const result = frame.candidate!.value as Record<string, unknown> | undefined;
    const id = result?.unique_id;
    return typeof id === 'string' ? this.knownNodes.get(id)?.envVars : undefined;
  }

  /**
   * Keep the env_var() calls of a raw-code value (a bounded piece of text around each) for the
   * compiled code that follows it in the node; the value, when it was decoded.
   */
  private noteEnvVars(start: number, end: number, escaped: boolean, value: string | undefined): string | undefined {
    const tok = this.tokenizer;
    // the raw text shows "var(" or "env_var" unless an escape spells part of it
    if (value === undefined && !tok.asciiEscape && !mayCallVars(tok.text.slice(start + 1, end - 1))) return value;
    value ??= tok.decodeString(start, end, escaped);
    this.frames[this.depth - 1]!.envVars = envVarsOf(value);
    return value;
  }

  /** The key at [start, end) read for the distinctive token formats of its rule (CompiledRules.keySets). */
  private keyHit(start: number, end: number, escaped: boolean): void {
    const ruleIndex = ruleIndexOf(this.rules, this.pState);
    const set = ruleIndex < 0 ? undefined : this.rules.keySets[ruleIndex];
    if (!set) return;
    const key = this.keyString();
    if (!mayBeTokenKey(key)) return;
    const matches = detectValue(this.rules, set, key, keyContext);
    if (matches) this.hit(ruleIndex, key, matches, start, rawSpansOf(matches, escaped ? this.tokenizer.rawToken(start, end) : undefined));
  }

  private hit(ruleIndex: number, value: string, matches: DetectorMatch[], start: number, rawSpans: number[] | undefined): void {
    this.log(ruleIndex, value, matches, this.pathWith(this.segment()), this.frames[this.depth - 1]!.candidate, { ...this.tokenizer.positionOf(start), rawSpans });
  }

  private log(ruleIndex: number, value: string, matches: DetectorMatch[], path: PathSegment[], candidate: Candidate | undefined, at: TokenAt): void {
    // a description may name a key cut from the value (`value assigned to "…"`): not a view of it
    for (const m of matches) m.description = internString(m.description);
    // held until the file ends: what the findings read of the value, not the value
    let index = -1;
    if (candidate) {
      candidate.hits = true;
      index = candidate.index ??= this.nodesWithHits++;
    }
    this.logs[0]!.log.add({ ruleIndex, candidate: index, path, at, matches, prepared: prepareMatches(value, matches, path, this.salt, this.hashLater) });
  }

  /** Follow a key without decoding it: its raw bytes against the state's literals, by length. */
  private stepKey(state: PathState, lookup: KeyLookup, start: number, end: number, escaped: boolean): PathState {
    if (escaped || lookup.decode) return this.rules.matcher.step(state, this.keyString());
    // the literal with the key's hash, if any, confirmed on the raw bytes: most keys are no literal
    const entry = lookup.byHash.get(this.tokenizer.keyHash);
    if (entry !== undefined && entry.literal.length === end - start - 2 && this.tokenizer.text.startsWith(entry.literal, start + 1)) return entry.next;
    return (lookup.other ??= this.rules.matcher.step(state, OTHER_KEY));
  }

  private lookupOf(state: PathState): KeyLookup {
    let lookup = state.keyLookup as KeyLookup | undefined;
    if (lookup) return lookup;
    lookup = { byHash: new Map(), decode: state.literals.has(OTHER_KEY), indexes: false, other: undefined };
    for (const literal of state.literals) {
      // a literal that raw bytes cannot spell the same way: compare decoded keys instead
      if (!/^[\x20-\x7e]*$/.test(literal) || literal.includes('"') || literal.includes('\\')) lookup.decode = true;
      if (INDEX_KEY.test(literal)) lookup.indexes = true;
      const hash = keyHash(literal);
      if (lookup.byHash.has(hash)) lookup.decode = true;
      lookup.byHash.set(hash, { literal, next: this.rules.matcher.step(state, literal) });
    }
    state.keyLookup = lookup;
    return lookup;
  }

  /** What to keep of the value under this key, in a frame that keeps something. */
  private childSpec(frame: Frame, start: number, end: number, escaped: boolean): Spec | undefined {
    const spec = frame.spec!;
    if (spec.full) return FULL;
    if (spec.nodes) return firstInOrder(frame, this.keyString()) ? FIRST_NODE : NODE;
    if (spec.fields) {
      // the kept name with the key's hash (of its decoded text), confirmed on the raw bytes, or on the decoded key when it has escapes
      const field = spec.fields.get(this.tokenizer.keyHash);
      if (field !== undefined && (escaped ? field[0] === this.keyString() : field[0].length === end - start - 2 && this.tokenizer.text.startsWith(field[0], start + 1))) return field[1];
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
    // of its exact length: a node's path is kept while the walk runs (pushing leaves room for 17)
    PATH_COUNTS.segments += this.depth;
    const path = new Array<PathSegment>(this.depth);
    for (let d = 1; d < this.depth; d++) path[d - 1] = this.segOf(this.frames[d]!);
    path[this.depth - 1] = last;
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

/**
 * Where each match starts and ends in its string token as written (after the opening quote, past
 * escapes), so that a hit need not keep the token: without escapes, one after its decoded offset.
 */
function rawSpansOf(matches: readonly DetectorMatch[], raw: string | undefined): number[] {
  const indexer = raw === undefined ? undefined : new RawIndexer(raw, 0);
  const spans: number[] = [];
  for (const m of matches) spans.push(indexer ? indexer.rawIndexOf(m.start) : m.start + 1, indexer ? indexer.rawIndexOf(m.end) : m.end + 1);
  return spans;
}

/** Two detections of one value found the same. */
function sameMatches(a: readonly DetectorMatch[] | undefined, b: readonly DetectorMatch[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((m, i) => m.detectorId === b[i]!.detectorId && m.start === b[i]!.start && m.end === b[i]!.end && m.description === b[i]!.description && m.confidence === b[i]!.confidence);
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

/**
 * A split file's back half is not valid JSON where the front half confirmed it begins: the file
 * is invalid, whatever the front half holds. Thrown instead of reading on when the caller reads
 * the file whole for its message anyway (see walkFile's `readOnInvalid`).
 */
export class InvalidBackHalf extends Error {}

/** The indexes of `places` in the order of their values (the identity when they are in order already). */
function orderOf(places: readonly number[]): number[] {
  const order = places.map((_, m) => m);
  for (let m = 1; m < places.length; m++) if (places[m]! < places[m - 1]!) return order.sort((a, b) => places[a]! - places[b]! || a - b);
  return order;
}

export interface StreamedDocument {
  walk: StreamWalk;
  bytes: number;
  /** Where the bytes stopped being one JSON document that can be read on (see walkFile's `readOnInvalid`): the walk holds what came before. */
  cut?: JsonStreamError;
}

/** What a walk stops at and keeps what it read before: the document cut short, a value no string holds, nesting too deep. */
const CUT_KINDS: ReadonlySet<JsonStreamError['kind']> = new Set(['syntax', 'too-long', 'too-deep']);

/**
 * A small manifest with every token, separator and escape the tokenizer reads and the parts of a
 * node the walk keeps (see warmUp). Line breaks, tabs and a space before a colon are rare in
 * artifacts (dbt writes `", "` and `": "`), numbers of every shape, literals, empty containers,
 * keys past ASCII as UTF-8 and escaped (a meta key in another script).
 */
const WARM_TEXT =
  '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "env": {}},\n' +
  '\t"nodes" : {"model.p.a": {"unique_id": "model.p.a", "resource_type": "model", "original_file_path": "models/a.sql",\r\n' +
  '  "raw_code": "select 1", "compiled_code": "select \\"x\\" from y", "config": {"meta": {}, "tags": [ "t" ,"u"]},\n' +
  '  "columns": {"c": {"name": "c", "description": "d\\n\\t\\\\\\/\\u00e9 é \\ud83d\\ude00", "meta": {"clé": "v", "\\u043a\\u043b\\u044e\\u0447": "w"}}},\n' +
  '  "checksum": {"name": "sha256", "checksum": "00"}, "depends_on": {"nodes": [], "macros": []}, "created_at": 1700000000.123,\n' +
  '  "x" : [1, -2.5e-3, 1E+2, 0, true, false, null, [], {}, [[{"k": 12345678901234567890}]]]}},\n' +
  ' "sources": {}, "macros": {}, "docs": {}}\n';

let warmed = false;

/**
 * Walk WARM_TEXT once per thread, whole, in windows of 1, 3 and 7 bytes, and whole twice more
 * (V8 keeps no type feedback of a function's first few calls), before the first file: V8 then has
 * seen every path of the tokenizer and the walk when it optimizes them for a large file. Otherwise
 * the first line break or window cut it meets sends the optimized code back (the tokenizer's loop
 * was compiled 9 times over the density set), and it is compiled again.
 */
function warmUp(rules: CompiledRules): void {
  if (warmed) return;
  warmed = true;
  const bytes = Buffer.from(WARM_TEXT, 'utf8');
  for (const step of [bytes.length, 1, 3, 7, bytes.length, bytes.length]) {
    const marks = new MarkIndex();
    const walk = new StreamWalk(rules, { values: 0 }, { bomBytes: 0, keywords: marks, controls: marks });
    let at = 0;
    try {
      while (walk.tokenizer.pull((rest) => (at >= bytes.length ? undefined : Buffer.concat([rest, bytes.subarray(at, (at += step))])))) {}
      walk.tokenizer.end();
    } finally {
      walk.dispose();
    }
  }
}

/**
 * A number's matches placed over the number as written: the value read is its JavaScript string (`1E5` is `100000`,
 * `-3.5e-09` is `-3.5e-9`), whose length a finding took for the token's (red team 82: redact masked `"password": 1E5` over
 * the `}}` after it, and left the last digits of `12345678.50`). Undefined where the two are one.
 */
function numberSpans(matches: readonly DetectorMatch[], value: string, written: number): number[] | undefined {
  return written === value.length ? undefined : matches.flatMap(() => [0, written]);
}

/** Read and walk one artifact file in chunks. Throws JsonStreamError on input that is not valid JSON or UTF-8. */
export function walkFile(
  file: string,
  rules: CompiledRules,
  stats: WalkStats,
  options: {
    size: number;
    helper: boolean;
    onBytes?: ((bytes: number) => void) | undefined;
    split?: PortableRules | undefined;
    salt?: string;
    /** When the back half is invalid JSON, read on to the error here (its message needs its place), not throw InvalidBackHalf. */
    readOnInvalid?: boolean;
    /** Keep each node's NodeInfo (default true): false when no other artifact will ask for a manifest's nodes. */
    nodeInfo?: boolean | undefined;
    /** The nodes of the manifest in the same folder, when it was scanned first (run results read their compiled code with them). */
    knownNodes?: ReadonlyMap<string, NodeInfo> | undefined;
  },
): StreamedDocument {
  // a local file is checked to be a regular one; an object is read by positions (no helper threads)
  const opened = openArtifact(file);
  if (!opened) throw new NotStreamable();
  warmUp(rules);
  const { fd } = opened;
  let reader: ChunkReader | undefined;
  let back: BackHalf | undefined;
  let walk: StreamWalk | undefined;
  /** The back half's spill file, while it is not this walk's (adopted) to close; and whether its thread is done with it. */
  let backSpill: Spill | undefined;
  let backDone = false;
  try {
    const head = Buffer.alloc(3);
    const headBytes = opened.read(head, 0, 3, 0);
    const bom = headBytes === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const split = fd !== undefined && options.helper && options.split && options.size >= STREAM_TUNING.splitMinBytes ? findSplit(fd, options.size) : undefined;
    const nodeInfo = options.nodeInfo ?? true;
    if (split !== undefined) back = startBackHalf(file, (backSpill = openSpill()), { from: split + 1, size: options.size, nodeInfo }, options.split!, options.salt);
    reader = new ChunkReader(fd ?? opened.read, split ?? options.size, rules.rawKeywords, { helper: !back && options.helper && options.size >= STREAM_TUNING.helperMinBytes, anchors: rules.rawAnchors });
    if (options.helper && options.size >= STREAM_TUNING.helperMinBytes) hashManySoon();
    // secrets hashed as found, on each half's own thread: the back half's and this one's in parallel
    const front = (walk = new StreamWalk(rules, stats, {
      bomBytes: bom ? 3 : 0,
      keywords: rules.rawKeywords ? reader.keywords : undefined,
      controls: reader.controls,
      salt: options.salt,
      // (the back half hashes on its own thread, this one's guessable values on the hasher's)
      hashLater: options.helper,
      nodeInfo,
      knownNodes: options.knownNodes,
    }));
    const onWindow = () => options.onBytes?.(front.tokenizer.fileOffset(front.tokenizer.text.length));
    while (walk.tokenizer.pull(reader.nextWindow)) onWindow();
    if (back) {
      // the front half ends where the back half began: adopt it, or read on here
      const waited = walk.betweenMembersOf(SPLIT_COLLECTION);
      const part = waited ? back.result() : undefined;
      backDone = waited;
      back.stop();
      if (part && !walk.conflictWith(part.part, SPLIT_COLLECTION)) {
        const at = walk.tokenizer.endPosition();
        let closed = false;
        walk.tokenizer.pull((rest) => (closed ? undefined : ((closed = true), Buffer.concat([rest, SPLIT_CLOSE]))));
        walk.tokenizer.end();
        walk.adopt(part.part, at, SPLIT_COLLECTION);
        // the walk closes it once read
        if (part.part.hits.spill?.fd === backSpill?.fd) backSpill = undefined;
        stats.values += part.values;
        offerChoice(part.choice, options.salt ?? DEFAULT_SALT, options.helper);
        SPLIT_COUNTS.adopted++;
        options.onBytes?.(options.size);
        return { walk, bytes: options.size };
      }
      if (waited && back.invalid() && !options.readOnInvalid) {
        SPLIT_COUNTS.invalidBack++;
        throw new InvalidBackHalf();
      }
      SPLIT_COUNTS.readOn++;
      reader.extend(options.size);
      while (walk.tokenizer.pull(reader.nextWindow)) onWindow();
    }
    walk.tokenizer.end();
    return { walk, bytes: options.size };
  } catch (error) {
    // a file only the stream reads (readOnInvalid): what came before the error is read, as the in-memory path reads a
    // document cut short (the back half, if any, is not adopted: its part is after the error)
    if (walk && options.readOnInvalid && error instanceof JsonStreamError && CUT_KINDS.has(error.kind)) return { walk, bytes: options.size, cut: error };
    walk?.dispose();
    throw error;
  } finally {
    back?.stop();
    // a back half still running may write on: its file is closed once the thread has exited
    const spill = backSpill;
    if (spill && backDone) closeSpill(spill);
    else if (spill) back?.afterExit(() => closeSpill(spill));
    reader?.close();
    opened.close();
  }
}

/**
 * The JSON document in bytes [from, to) of a file, streamed: an artifact dbt inlined in static_index.html (red team
 * 77: a 60 MB page parsed in memory took 2 GB and 9 s, a minute on a busy machine, most of it collecting garbage).
 * Its positions are the file's: `at` is where the document begins in the file's text (UTF-16 offset, line, and that
 * line's start). Throws JsonStreamError where the bytes are no whole JSON document (cut short): read in memory then.
 */
export function walkRange(
  file: string,
  rules: CompiledRules,
  stats: WalkStats,
  options: { from: number; to: number; at: Shift; salt?: string | undefined; hashLater?: boolean | undefined; nodeInfo?: boolean | undefined; knownNodes?: ReadonlyMap<string, NodeInfo> | undefined },
): StreamWalk {
  const opened = openArtifact(file);
  if (!opened) throw new NotStreamable();
  warmUp(rules);
  let reader: ChunkReader | undefined;
  let walk: StreamWalk | undefined;
  try {
    reader = new ChunkReader(opened.fd ?? opened.read, options.to, rules.rawKeywords, { helper: false, from: options.from, anchors: rules.rawAnchors });
    walk = new StreamWalk(rules, stats, {
      bomBytes: 0,
      keywords: rules.rawKeywords ? reader.keywords : undefined,
      controls: reader.controls,
      startAt: { fileOffset: options.from, lead: 0 },
      salt: options.salt,
      hashLater: options.hashLater,
      nodeInfo: options.nodeInfo ?? true,
      knownNodes: options.knownNodes,
      shift: options.at,
    });
    while (walk.tokenizer.pull(reader.nextWindow));
    walk.tokenizer.end();
    return walk;
  } catch (error) {
    walk?.dispose();
    throw error;
  } finally {
    reader?.close();
    opened.close();
  }
}

// ---- one large file on two threads
//
// A manifest is mostly its `nodes` object. The back half of a large one is walked by a worker
// thread from a node boundary near the middle, as if the file began there with `{"nodes":{`;
// the front half is walked here up to that boundary and closed with `}}`. The boundary is only
// guessed from the bytes (`}, "model.…": {`); the front half's walk confirms it — the tokenizer
// stands right after a member of the top-level `nodes` object there — or reads on by itself, as
// it also does when the back half fails (invalid JSON, a duplicate key across the halves): the
// one-thread path then reports the file exactly as it always has.

/** Path segments the streamed walks made, over the process (for tests: they grow with the hits and the nodes, not with a nesting's depth squared). */
export const PATH_COUNTS = { segments: 0 };

/**
 * How often a back half was adopted, and how often the front half read on instead; how many
 * back-half threads were started early (see startSplitEarly) and how many of them a split took
 * (for tests and tracing).
 */
export const SPLIT_COUNTS = { adopted: 0, readOn: 0, invalidBack: 0, startedEarly: 0, takenEarly: 0 };

/** The collection a split falls in, and the made-up text around the back half. */
const SPLIT_COLLECTION = 'nodes';
const SPLIT_OPEN = Buffer.from(`{"${SPLIT_COLLECTION}":{`);
const SPLIT_CLOSE = Buffer.from('}}');
/** A member of `nodes` starts with a node id: `}, "model.shop.orders": {` (any whitespace). */
const NODE_BOUNDARY = /\}\s*,\s*"(?:model|test|seed|snapshot|analysis|operation|sql_operation|unit_test)\.[^"\\]{1,500}"\s*:\s*\{/g;

export interface SplitRequest {
  file: string;
  /** Where the back half spills its hits (opened, and closed unless adopted, by the front half's thread), and from how many characters. */
  spill: { spill: Spill; bufferChars: number };
  /** The first byte after the comma between the halves. */
  from: number;
  size: number;
  /** Keep each node's NodeInfo (see StreamWalk). */
  nodeInfo: boolean;
}

/** `invalid`: the back half's bytes are not valid JSON (not a changed file, nor a failed thread). */
export type SplitReply = { ok: true; part: WalkPart; values: number; /** the guessable values the back half's slow-hash budget kept, by their fast hashes (see takeFileChoice) */ choice: [fast: string, secret: string][] } | { ok: false; invalid: boolean };

/**
 * The offset of a comma between two members of `nodes`, a little past the middle (the back half
 * starts later: its thread loads first), or undefined when none is near.
 */
function findSplit(fd: number, size: number): number | undefined {
  const window = Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, size));
  for (const share of [STREAM_TUNING.splitShare, 0.4, 0.65]) {
    const from = Math.floor(size * share);
    const n = readSync(fd, window, 0, Math.min(window.length, size - from), from);
    const text = window.toString('latin1', 0, n);
    NODE_BOUNDARY.lastIndex = 0;
    const m = NODE_BOUNDARY.exec(text);
    if (m) return from + m.index + m[0].indexOf(',');
  }
  return undefined;
}

interface BackHalf {
  /** Wait for the back half; undefined when it failed. */
  result(): { part: WalkPart; values: number; choice: [fast: string, secret: string][] } | undefined;
  /** After result(): it failed because its bytes are not valid JSON. */
  invalid(): boolean;
  stop(): void;
  /** Run `then` once the stopped thread has exited (it may write to its spill file until then). */
  afterExit(then: () => void): void;
}

type SplitWorkers = SyncWorkers<SplitRequest, SplitReply | WorkerFailure>;

/** A back-half thread started before its file is opened, and the rules and salt it was started with. */
let early: { workers: SplitWorkers; setup: string } | undefined;

/** What a back-half thread is started with, as one comparable string. */
function splitKey(setup: PortableRules, salt: string | undefined): string {
  return JSON.stringify([setup, salt ?? null]);
}

function splitWorkers(setup: PortableRules, salt: string | undefined): SplitWorkers {
  // the salt goes along so that the back half hashes its own secrets (the slow hash of a guessable one among them)
  // and the slow hashes are shared: a password in both halves is hashed once
  return new SyncWorkers(new URL('./split-worker.js', import.meta.url), 1, { setup, salt, slowHashes: shareSlowHashes() });
}

/**
 * Start the back half's thread now, for a large manifest the scan will come to: it loads and
 * compiles its rules while this thread still starts up, instead of after the split is found. The
 * first split with the same rules and salt takes it; stopSplitEarly closes one that none took.
 */
export function startSplitEarly(setup: PortableRules, salt: string | undefined): void {
  stopSplitEarly();
  early = { workers: splitWorkers(setup, salt), setup: splitKey(setup, salt) };
  SPLIT_COUNTS.startedEarly++;
}

export function stopSplitEarly(): void {
  early?.workers.close();
  early = undefined;
}

/** Whether a thread started early is still waiting for a split (for tests). */
export function splitEarlyPending(): boolean {
  return early !== undefined;
}

function startBackHalf(file: string, spill: Spill, half: Pick<SplitRequest, 'from' | 'size' | 'nodeInfo'>, setup: PortableRules, salt: string | undefined): BackHalf {
  let workers: SplitWorkers;
  if (early && early.setup === splitKey(setup, salt)) {
    workers = early.workers;
    early = undefined;
    SPLIT_COUNTS.takenEarly++;
  } else workers = splitWorkers(setup, salt);
  workers.post(0, { file, spill: { spill, bufferChars: HIT_LOG_TUNING.bufferChars }, ...half });
  let invalid = false;
  return {
    result() {
      const { reply } = workers.next();
      if (isFailure(reply) || reply.ok) return isFailure(reply) ? undefined : reply;
      invalid = reply.invalid;
      return undefined;
    },
    invalid: () => invalid,
    stop: () => workers.close(),
    afterExit: (then) => workers.afterExit(then),
  };
}

/** The back half, in a worker thread: walked as if the file began with `{"nodes":{` just after the split's comma. */
export function walkBackHalf(request: SplitRequest, rules: CompiledRules, stats: WalkStats, onWindow: () => void, salt?: string): WalkPart {
  warmUp(rules);
  const fd = openSync(request.file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const reader = new ChunkReader(fd, request.size, rules.rawKeywords, { helper: false, from: request.from, anchors: rules.rawAnchors });
    const walk = new StreamWalk(rules, stats, {
      bomBytes: 0,
      keywords: rules.rawKeywords ? reader.keywords : undefined,
      controls: reader.controls,
      startAt: { fileOffset: request.from, lead: SPLIT_OPEN.length },
      salt,
      spill: request.spill,
      nodeInfo: request.nodeInfo,
    });
    let opened = false;
    const next = (rest: Buffer): Buffer | undefined => {
      const window = reader.nextWindow(rest);
      if (opened || !window) return window;
      opened = true;
      return Buffer.concat([SPLIT_OPEN, window]);
    };
    // on an error the spill file stays open: the front half's thread closes it
    while (walk.tokenizer.pull(next)) onWindow();
    walk.tokenizer.end();
    return walk.part();
  } finally {
    closeSync(fd);
  }
}
