/**
 * The one pass: visit every value of a parsed artifact once, with an explicit stack (no
 * recursion, so deep nesting cannot overflow), ask the path automaton which rule reads it, and
 * run only the detectors that rule applies and the keyword pre-filter lets through.
 */
import type { PreparedMatch } from '../findings/build.js';
import type { ArtifactKind, Detector, DetectorContext, DetectorMatch, EnvVarCall, PathSegment } from '../types.js';
import { detectWrapped } from '../detectors/decode.js';
import { ENTRY_NAME, ENTRY_VALUE, entryKeyKind, entryNameOf, isChildKey, isChildKeyList, isPassKey, isUserKey, ROW_CELL, wrappingSecretName } from '../detectors/key-names.js';
import { statColumn } from '../detectors/column-samples.js';
import { internString } from '../util/strings.js';
import { SEMANTIC_ENTRIES } from '../artifacts/recognize.js';
import type { PathState } from './paths.js';
import type { CompiledRules } from './compile.js';
import type { AnchoredPlaces, DetectorSet, FoundKeywords } from './prefilter.js';
import { envVarsInNode, envVarsOfNode, envVarsOfResult, type NodeCalls } from './rendered.js';

/** What the engine knows of the dbt node a value sits in. */
export interface NodeRef extends NodeInfo {
  uniqueId: string;
}

export interface NodeInfo {
  originalFilePath: string | undefined;
  /** The YAML file that documents the node (its meta, columns, description), project-relative. */
  patchPath: string | undefined;
  fqn: readonly string[] | undefined;
  /** `meta: {"dbt-tools-lint": {"ignore": [rule ids], "reason": "…", "expires": "2027-01-31"}}` on the node. */
  ignore: { rules: readonly string[]; reason: string; expires?: string } | undefined;
  /** A manifest node's: the secret-named env_var() calls of its raw code, for its compiled code in run results (see rendered.ts). */
  envVars?: readonly EnvVarCall[] | undefined;
}

/** The key under a node's meta that holds suppressions. */
export const META_KEY = 'dbt-tools-lint';

/** Detector matches in one value, before positions are known. */
export interface ValueHit {
  ruleIndex: number;
  path: PathSegment[];
  /** The value, or '' once `prepared` holds what the findings read of it. */
  value: string;
  matches: DetectorMatch[];
  node: NodeRef | undefined;
  /** Where the value's token is, when the walk knew it (streaming): the text is not kept. */
  at?: TokenAt;
  /** What each match's finding reads of the value (see findings/build.ts), when the walk keeps no value. */
  prepared?: PreparedMatch[];
  /** The matches are in the key the path ends with (`value` is that key), not in its value: a token written as a name (CompiledRules.keySets). */
  inKey?: boolean;
}

/** A token's place in the artifact text (UTF-16 units, without a byte order mark). */
export interface TokenAt {
  offset: number;
  line: number;
  column: number;
  /**
   * Start and end of each match (in the order of the hit's matches) in the string token as
   * written, quotes and escapes counted: the token itself is not kept. Undefined for a number.
   */
  rawSpans: number[] | undefined;
}

export interface WalkStats {
  values: number;
}

interface Frame {
  container: unknown[] | Record<string, unknown>;
  keys: string[] | undefined;
  next: number;
  size: number;
  state: PathState;
  node: NodeRef | undefined;
  /** A key of this object is a user key (see DetectorContext.userBeside), once asked. */
  user: boolean | undefined;
}

export const MANIFEST_COLLECTIONS: ReadonlySet<string> = new Set([
  'nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'docs', 'groups', 'functions', 'selectors',
]);

/**
 * @param knownNodes nodes of the manifest in the same target directory, to give run results and
 *   catalog entries their source file and meta suppressions.
 */
export function walkDocument(
  document: unknown,
  kind: ArtifactKind,
  rules: CompiledRules,
  stats: WalkStats,
  knownNodes?: ReadonlyMap<string, NodeInfo>,
): ValueHit[] {
  const hits: ValueHit[] = [];
  const path: PathSegment[] = [];
  const stack: Frame[] = [];
  const { matcher } = rules;
  const nodeCalls: NodeCalls = { node: undefined, calls: undefined, rawIndex: -1 };

  const push = (container: unknown, state: PathState, node: NodeRef | undefined) => {
    if (Array.isArray(container)) stack.push({ container, keys: undefined, next: 0, size: container.length, state, node, user: false });
    else {
      const keys = Object.keys(container as object);
      stack.push({ container: container as Record<string, unknown>, keys, next: 0, size: keys.length, state, node, user: undefined });
    }
  };

  if (typeof document !== 'object' || document === null) return hits;
  push(document, matcher.start, undefined);

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.size) {
      stack.pop();
      continue;
    }
    const depth = stack.length - 1;
    const i = frame.next++;
    const key: PathSegment = frame.keys ? frame.keys[i]! : i;
    const value = frame.keys ? (frame.container as Record<string, unknown>)[key as string] : (frame.container as unknown[])[i];
    const state = matcher.step(frame.state, key);
    if (state.group === rules.skipGroup && !state.canImprove) continue;
    if (state.group < 0 && rules.fallback < 0 && state.items.length === 0) continue;
    path.length = depth;
    path.push(key);

    if (frame.keys && (key as string).length >= MIN_TOKEN_KEY) inspectKey(key as string, state, frame);
    if (typeof value === 'string') {
      stats.values++;
      inspect(value, state, frame, i);
    } else if (typeof value === 'number') {
      stats.values++;
      inspect(String(value), state, frame, i, true);
    } else if (typeof value === 'object' && value !== null) {
      push(value, state, nodeAt(kind, path, value, knownNodes) ?? frame.node);
    }
  }
  return hits;

  function inspectKey(key: string, state: PathState, frame: Frame) {
    const ruleIndex = ruleIndexOf(rules, state);
    const set = ruleIndex < 0 ? undefined : rules.keySets[ruleIndex];
    if (!set || !mayBeTokenKey(key)) return;
    const matches = detectValue(rules, set, key, keyContext);
    if (matches) hits.push({ ruleIndex, path: path.slice(), value: key, matches, node: frame.node, inKey: true });
  }

  function inspect(value: string, state: PathState, frame: Frame, index: number, numeric = false) {
    const ruleIndex = ruleIndexOf(rules, state);
    if (ruleIndex < 0) return;
    const set = numeric ? rules.numericSets[ruleIndex] : rules.detectorSets[ruleIndex];
    if (!set) return;
    const contextOf = () => {
      // a list entry's value under its name (`[{name: DB_PASSWORD, value: …}]`, see ENTRY_NAME)
      const named = frame.keys && typeof path[path.length - 2] === 'number' ? entryNameOfValue(frame.container as Record<string, unknown>, frame.keys, index) : undefined;
      if (named !== undefined) return { key: named, entry: true };
      const context = contextAt(path, state.group === rules.columnDocGroup);
      // a catalog stat's value: the column its label before it names (see statColumn)
      if (context.parent !== undefined && context.key === 'value' && state.group === rules.columnDocGroup && frame.keys) context.parent = statColumn(context.parent, labelBefore(frame.container as Record<string, unknown>, frame.keys, index));
      // `pass` beside a user key, before or after it: the object's keys are looked at once, when its `pass` is read
      if (frame.keys && isPassKey(frame.keys[index]!) && (frame.user ??= frame.keys.some(isUserKey))) context.userBeside = true;
      // compiled code: the env_var() calls of the node's raw code, when it came first (see rendered.ts)
      // …or, in run results, of the manifest's node (see rendered.ts)
      const envVars = frame.keys && !numeric ? (envVarsInNode(frame.container as Record<string, unknown>, frame.keys, index, nodeCalls) ?? envVarsOfResult(path, frame.node)) : undefined;
      return envVars ? { ...context, envVars } : context;
    };
    const matches = detectValue(rules, set, value, contextOf, undefined, keywordlessAt(rules, set, state));
    if (matches) hits.push({ ruleIndex, path: path.slice(), value, matches, node: frame.node });
  }
}

/**
 * Whether a set's keywordless detectors may read a value at this state: one that reads every value, or one that reads
 * only a column's documentation (COLUMN_DOC_DETECTORS) in it. Elsewhere a value without a keyword builds no context
 * (its env_var() calls looked up, its key's words read): 6.6 % of a 4 MB manifest's instructions when it did.
 */
export function keywordlessAt(rules: CompiledRules, set: DetectorSet, state: PathState): boolean {
  return set.runsOnEveryValue || state.group === rules.columnDocGroup;
}

/** The rule that reads a value at this automaton state, or -1. */
export function ruleIndexOf(rules: CompiledRules, state: PathState): number {
  const ruleIndex = state.group < 0 ? rules.fallback : rules.ruleOfGroup[state.group];
  return ruleIndex === undefined ? -1 : ruleIndex;
}

/**
 * Run the detectors the pre-filter selects on one value, and the same detectors on what the value
 * wraps (base64, escaped JSON, an encoded URL; see detectors/decode.ts); their matches without
 * overlaps, or undefined.
 */
export function detectValue(
  rules: CompiledRules,
  set: DetectorSet,
  value: string,
  contextOf: () => DetectorContext,
  raw?: FoundKeywords,
  /** The set's keywordless detectors may read this value (see keywordlessAt): when not, a value without a keyword builds no context. */
  keywordless = true,
  /** JSON escaped into the value is read unescaped (see detectWrapped): not where the caller reads it so. */
  jsonEscapes = true,
): DetectorMatch[] | undefined {
  if (value.indexOf('\x1b') >= 0 && TERMINAL_ESCAPE.test(value)) return detectColoured(rules, set, value, contextOf, keywordless, jsonEscapes);
  const places = PLACES;
  places.clear();
  const detectors = set.select(value, raw, places);
  let matches = detectWrapped(value, (text) => rules.resolveOverlaps(runDetectors(set.select(text), text, NO_CONTEXT)), detectors !== set.always, jsonEscapes);
  if (detectors.length > 0 && (keywordless || detectors !== set.always)) {
    const context = contextOf();
    // no keyword in the value: only keywordless detectors run, and those gated by context find nothing in this one
    // (the value's own matches first: of two by one detector from the same place, the value as written is read rather
    // than a decoding of it, which unescapes a `\"` that was a quote of a value, not JSON's escaped into a string)
    if (detectors !== set.always || set.findsWithoutKeyword(context, value.length)) matches = runDetectors(detectors, value, context, places.size > 0 ? places : undefined).concat(matches);
  }
  return matches.length === 0 ? undefined : rules.resolveOverlaps(matches);
}

/** A terminal's control sequence (ECMA-48's CSI: colours, bold, a cursor's move). */
const TERMINAL_ESCAPE = /\x1b\[[0-9;?]{0,32}[@-~]/;
const TERMINAL_ESCAPES = new RegExp(TERMINAL_ESCAPE.source, 'g');

/**
 * detectValue of a value with a terminal's colours in it (`token=\x1b[1mghp_…\x1b[0m`, a console's output saved as a log
 * or copied into a description: red team 112, where the escape's last letter stood before the token as a word's and
 * hid it): read without them, each match put back at its place in the value (its secret without them, where one ran
 * through the token).
 */
function detectColoured(rules: CompiledRules, set: DetectorSet, value: string, contextOf: () => DetectorContext, keywordless: boolean, jsonEscapes: boolean): DetectorMatch[] | undefined {
  // where each run of the plain text starts, in it and in the value
  const plainAt: number[] = [0];
  const valueAt: number[] = [0];
  let plain = '';
  let last = 0;
  for (const escape of value.matchAll(TERMINAL_ESCAPES)) {
    plain += value.slice(last, escape.index);
    last = escape.index + escape[0].length;
    plainAt.push(plain.length);
    valueAt.push(last);
  }
  plain += value.slice(last);
  const placed = (at: number, end: boolean): number => {
    // (an end is put after the character before it: never past an escape that follows the match)
    const probe = end ? at - 1 : at;
    let lo = 0;
    for (let hi = plainAt.length - 1; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      if (plainAt[mid]! <= probe) lo = mid;
      else hi = mid - 1;
    }
    return valueAt[lo]! + probe - plainAt[lo]! + (end ? 1 : 0);
  };
  return detectValue(rules, set, plain, contextOf, undefined, keywordless, jsonEscapes)?.map((m) => {
    const start = placed(m.start, false);
    const end = m.end > m.start ? placed(m.end, true) : start;
    const secret = m.secret ?? plain.slice(m.start, m.end);
    return { ...m, start, end, ...(secret === value.slice(start, end) ? {} : { secret }) };
  });
}

export const NO_CONTEXT: DetectorContext = { key: undefined };
/** A key read for a token has no key of its own. */
export const keyContext = (): DetectorContext => NO_CONTEXT;

/** The shortest key read for a token (AWS's key ids are 20 characters; GitHub's, Slack's and Stripe's longer). */
export const MIN_TOKEN_KEY = 20;
const MAX_TOKEN_KEY = 4096;

/**
 * Whether a key may be a token written as a name (`meta: {"xoxb-…": "#data-alerts"}`): as long as the shortest
 * token read so and with a digit in it, as random bodies have, or a URL (a connection string's password). The names
 * of meta, vars and env are words (`owner`, `refresh_webhook_url`, `DBT_ENV_CUSTOM_ENV_RUN_ID`): few are asked further.
 */
export function mayBeTokenKey(key: string): boolean {
  if (key.length < MIN_TOKEN_KEY || key.length > MAX_TOKEN_KEY) return false;
  // a URL (with its user's password, url-password's: the password of a person need hold no digit)
  if (key.includes('://')) return true;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** What select fills for detectValue: one map for every value (its detectors run before the next value is selected; detectWrapped's selections fill none). */
const PLACES: AnchoredPlaces = new Map();

function runDetectors(detectors: readonly Detector[], value: string, context: DetectorContext, places?: AnchoredPlaces): DetectorMatch[] {
  let matches: DetectorMatch[] = [];
  for (const d of detectors) {
    const at = places?.get(d);
    const found = at ? d.detectAt!(value, context, at.length > 1 ? at.sort((a, b) => a - b) : at) : d.detect(value, context);
    if (found.length > 0) matches = matches.concat(found);
  }
  return matches;
}

/**
 * When keys[index] is a list entry's `value`: the secret's name (entryNameOf), if any, that the entry's
 * `name` or `key` gives: the nearest before the value, else the first after it (`[{value: …, name:
 * DB_PASSWORD}]`, as a YAML author may order them; the streamed walk holds such a value until then).
 */
function entryNameOfValue(entry: Record<string, unknown>, keys: readonly string[], index: number): string | undefined {
  if (entryKeyKind(keys[index]!) !== ENTRY_VALUE) return undefined;
  let k = index - 1;
  while (k >= 0 && entryKeyKind(keys[k]!) !== ENTRY_NAME) k--;
  if (k < 0) for (k = index + 1; k < keys.length && entryKeyKind(keys[k]!) !== ENTRY_NAME; k++);
  if (k >= keys.length) return undefined;
  const name = entry[keys[k]!];
  return typeof name === 'string' ? entryNameOf(name) : undefined;
}

/** The `label` before keys[index] in an object, if a string. */
function labelBefore(object: Record<string, unknown>, keys: readonly string[], index: number): string | undefined {
  const at = keys.indexOf('label');
  const label = at >= 0 && at < index ? object.label : undefined;
  return typeof label === 'string' ? label : undefined;
}

/** The value's key, and its index when it is an element of an array right under that key (or its object's key: DetectorContext.parent). */
function contextAt(path: readonly PathSegment[], columnDoc: boolean): DetectorContext {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof last !== 'string') {
    if (typeof last !== 'number' || typeof parent !== 'string') return { key: nearestKey(path) };
    // `{sendgrid: {keys: […]}}`: a list of keys is read with the vendor's name too
    const vendor = path[path.length - 3];
    return isChildKeyList(parent) && typeof vendor === 'string' ? { key: parent, index: last, parent: vendor } : { key: parent, index: last };
  }
  // a column's description or comment (COLUMN_DOC_FIELDS, as the streamed walk knows it): read with the column's name (see DetectorContext.parent)
  if (columnDoc && typeof parent === 'string') return { key: last, parent };
  // a cell of a unit test's dict rows (see ROW_CELL), or a var or an env var a unit test overrides: its fixture too
  if ((typeof parent === 'number' && path[path.length - 3] === 'rows') || (isOverriddenInput(parent) && path[path.length - 3] === 'overrides')) return { key: last, parent: ROW_CELL };
  // a secret's value in an object that wraps it (`password: {type: SecureString, value: …}`): read as the object would be,
  // under its name (a unit test's row cell's too: review 164)
  if (wrappingSecretName(last, parent) !== undefined) return contextAt(path.slice(0, -1), false);
  // `{sendgrid: {key: …}}`: a bare `key` or `api` is read with the key of its object (see DetectorContext.parent)
  return isChildKey(last) && typeof parent === 'string' ? { key: last, parent } : { key: last };
}

/**
 * A unit test's `overrides.vars` and `overrides.env_vars` (red team 122: `db_password: postgres` for a test's run): values
 * a test gives its model, read as its fixture rows are (ROW_CELL: a textbook password is a test's data).
 */
export function isOverriddenInput(segment: PathSegment | undefined): boolean {
  return segment === 'vars' || segment === 'env_vars';
}

export function nearestKey(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return seg;
  }
  return undefined;
}

/**
 * The key a finding's preview shows for a value at `path`: its nearest key, but for a secret's value in an object that
 * wraps it (`password: {type: SecureString, value: …}`, see wrappingSecretName) the wrapper's name, which the value is read
 * under, not `value`.
 */
export function previewKeyOf(path: readonly PathSegment[]): string | undefined {
  const last = path.length - 1;
  return path[last] === 'value' && last > 0 ? (wrappingSecretName('value', path[last - 1]) ?? 'value') : nearestKey(path);
}

/** The dbt node an object is, when it is one: manifest collections, results, catalog entries. */
export function nodeAt(kind: ArtifactKind, path: readonly PathSegment[], value: object, knownNodes: ReadonlyMap<string, NodeInfo> | undefined): NodeRef | undefined {
  const v = value as Record<string, unknown>;
  const withInfo = (uniqueId: string, own: NodeInfo): NodeRef => {
    const known = knownNodes?.get(uniqueId);
    return {
      uniqueId,
      originalFilePath: own.originalFilePath ?? known?.originalFilePath,
      patchPath: own.patchPath ?? known?.patchPath,
      fqn: own.fqn ?? known?.fqn,
      ignore: own.ignore ?? known?.ignore,
      ...(known?.envVars ? { envVars: known.envVars } : {}),
    };
  };
  if (path.length === 2) {
    const top = path[0] as string;
    if ((isManifestLike(kind) && MANIFEST_COLLECTIONS.has(top)) || (kind === 'catalog' && (top === 'nodes' || top === 'sources'))) {
      return withInfo(str(v.unique_id) ?? String(path[1]), nodeInfo(v));
    }
    // sources.json before dbt 0.19: each source's freshness under its unique id
    if (kind === 'sources' && top === 'sources') return withInfo(String(path[1]), { originalFilePath: undefined, patchPath: undefined, fqn: undefined, ignore: undefined });
    if ((kind === 'run-results' || kind === 'sources') && top === 'results') {
      const embedded = isRecord(v.node) ? v.node : undefined;
      const uniqueId = str(v.unique_id) ?? str(embedded?.unique_id);
      if (uniqueId) return withInfo(uniqueId, embedded ? nodeInfo(embedded) : { originalFilePath: undefined, patchPath: undefined, fqn: undefined, ignore: undefined });
    }
  }
  // semantic_manifest.json's entries are arrays: each is known by its name, as dbt's id names it less the package
  // (`semantic_model.orders`), so that its place stays its own when the entries move
  if (path.length === 2 && kind === 'semantic-manifest' && typeof path[1] === 'number') {
    const singular = SEMANTIC_ENTRIES.get(path[0] as string);
    const name = str(v.name);
    if (singular && name) return withInfo(`${singular}.${name}`, nodeInfo(v));
  }
  if (path.length === 3 && isManifestLike(kind) && path[0] === 'disabled') {
    return withInfo(str(v.unique_id) ?? String(path[1]), nodeInfo(v));
  }
  return undefined;
}

/** manifest.json, and dbt's Manifest object itself in partial_parse.msgpack: the same collections. */
const isManifestLike = (kind: ArtifactKind) => kind === 'manifest' || kind === 'partial-parse';

/** Each node of a manifest by its key in its collection, to give run results and catalog entries their context. */
export function collectNodes(document: unknown): Map<string, NodeInfo> {
  const out = new Map<string, NodeInfo>();
  const doc = document as Record<string, unknown>;
  for (const collection of ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests']) {
    const entries = doc[collection];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [id, node] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof node !== 'object' || node === null) continue;
      const info = nodeInfo(node as Record<string, unknown>);
      const envVars = envVarsOfNode(node as Record<string, unknown>);
      out.set(id, envVars ? { ...info, envVars } : info);
    }
  }
  return out;
}

/** Source file, fqn and meta suppressions of a node object. */
export function nodeInfo(node: Record<string, unknown>): NodeInfo {
  const fqn = Array.isArray(node.fqn) && node.fqn.every((x) => typeof x === 'string') ? (node.fqn as string[]) : undefined;
  // patch_path is "package://models/schema.yml" since dbt 0.21, a plain path before (many nodes share one file: one copy)
  const patch = str(node.patch_path);
  const patchPath = patch === undefined ? undefined : internString(patch.replace(/^[^:/]+:\/\//, ''));
  return { originalFilePath: str(node.original_file_path), patchPath, fqn, ignore: metaIgnore(node) };
}

/**
 * What nodeAt reads of a node's object and nothing else, for a node that must wait for the end of
 * its file (a streamed node with hits; 600 MB of findings-heavy manifest hold 89,000): its id, files
 * and fqn, the suppressing entry of its meta and config.meta, the same of an embedded `node`. The
 * strings that nodes repeat (package and folder names, YAML files) are kept once; an id equal to
 * the node's key (`key`) is that string.
 */
export function nodeFields(node: Record<string, unknown>, key?: PathSegment): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.unique_id !== undefined) out.unique_id = node.unique_id === key ? key : node.unique_id;
  // (an entry of semantic_manifest.json has a name, no id)
  else if (typeof node.name === 'string') out.name = node.name;
  if (node.original_file_path !== undefined) out.original_file_path = node.original_file_path;
  if (node.patch_path !== undefined) out.patch_path = typeof node.patch_path === 'string' ? internString(node.patch_path) : node.patch_path;
  const fqn = node.fqn;
  if (fqn !== undefined) out.fqn = Array.isArray(fqn) ? fqn.map((x, i) => (typeof x === 'string' && i < fqn.length - 1 ? internString(x) : x)) : fqn;
  const config = isRecord(node.config) ? node.config : undefined;
  const own = suppressingEntry(node.meta);
  const configured = suppressingEntry(config?.meta);
  if (own !== undefined) out.meta = own;
  if (configured !== undefined) out.config = { meta: configured };
  if (isRecord(node.node)) out.node = nodeFields(node.node);
  return out;
}

/** A meta object reduced to the entry metaIgnore reads, or undefined when it has none. */
function suppressingEntry(meta: unknown): Record<string, unknown> | undefined {
  return isRecord(meta) && isRecord(meta[META_KEY]) ? { [META_KEY]: meta[META_KEY] } : undefined;
}

function metaIgnore(node: Record<string, unknown>): NodeInfo['ignore'] {
  const config = isRecord(node.config) ? node.config : undefined;
  for (const meta of [node.meta, config?.meta]) {
    if (!isRecord(meta)) continue;
    const entry = meta[META_KEY];
    if (!isRecord(entry)) continue;
    const ignore = entry.ignore;
    const rules = typeof ignore === 'string' ? [ignore] : Array.isArray(ignore) ? ignore.filter((x): x is string => typeof x === 'string') : [];
    const expires = str(entry.expires);
    if (rules.length > 0) return { rules, reason: str(entry.reason) ?? 'suppressed in the node\'s meta', ...(expires === undefined ? {} : { expires }) };
  }
  return undefined;
}

const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
