/**
 * The one pass: visit every value of a parsed artifact once, with an explicit stack (no
 * recursion, so deep nesting cannot overflow), ask the path automaton which rule reads it, and
 * run only the detectors that rule applies and the keyword pre-filter lets through.
 */
import type { ArtifactKind, DetectorMatch, PathSegment } from '../types.js';
import type { PathState } from './paths.js';
import type { CompiledRules } from './compile.js';

export interface NodeRef {
  uniqueId: string;
  originalFilePath: string | undefined;
}

/** Detector matches in one value, before positions are known. */
export interface ValueHit {
  ruleIndex: number;
  path: PathSegment[];
  value: string;
  matches: DetectorMatch[];
  node: NodeRef | undefined;
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
}

const MANIFEST_COLLECTIONS = new Set([
  'nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'docs', 'groups', 'functions', 'selectors',
]);

export function walkDocument(document: unknown, kind: ArtifactKind, rules: CompiledRules, stats: WalkStats): ValueHit[] {
  const hits: ValueHit[] = [];
  const path: PathSegment[] = [];
  const stack: Frame[] = [];
  const { matcher } = rules;

  const push = (container: unknown, state: PathState, node: NodeRef | undefined) => {
    if (Array.isArray(container)) stack.push({ container, keys: undefined, next: 0, size: container.length, state, node });
    else {
      const keys = Object.keys(container as object);
      stack.push({ container: container as Record<string, unknown>, keys, next: 0, size: keys.length, state, node });
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

    if (typeof value === 'string') {
      stats.values++;
      inspect(value, state, frame.node);
    } else if (typeof value === 'number') {
      stats.values++;
      inspect(String(value), state, frame.node, true);
    } else if (typeof value === 'object' && value !== null) {
      push(value, state, nodeAt(kind, path, value) ?? frame.node);
    }
  }
  return hits;

  function inspect(value: string, state: PathState, node: NodeRef | undefined, numeric = false) {
    const ruleIndex = state.group < 0 ? rules.fallback : rules.ruleOfGroup[state.group]!;
    if (ruleIndex === undefined || ruleIndex < 0) return;
    const set = numeric ? rules.numericSets[ruleIndex] : rules.detectorSets[ruleIndex];
    if (!set) return;
    const detectors = set.select(value);
    if (detectors.length === 0) return;
    const context = { key: nearestKey(path) };
    let matches: DetectorMatch[] = [];
    for (const d of detectors) {
      const found = d.detect(value, context);
      if (found.length > 0) matches = matches.concat(found);
    }
    if (matches.length === 0) return;
    hits.push({ ruleIndex, path: path.slice(), value, matches: rules.resolveOverlaps(matches), node });
  }
}

function nearestKey(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return seg;
  }
  return undefined;
}

/** The dbt node an object is, when it is one: manifest collections, results, catalog entries. */
function nodeAt(kind: ArtifactKind, path: readonly PathSegment[], value: object): NodeRef | undefined {
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  if (path.length === 2) {
    const top = path[0] as string;
    if ((kind === 'manifest' && MANIFEST_COLLECTIONS.has(top)) || (kind === 'catalog' && (top === 'nodes' || top === 'sources'))) {
      return { uniqueId: str(v.unique_id) ?? String(path[1]), originalFilePath: str(v.original_file_path) };
    }
    if ((kind === 'run-results' || kind === 'sources') && top === 'results') {
      const embedded = typeof v.node === 'object' && v.node !== null ? (v.node as Record<string, unknown>) : undefined;
      const uniqueId = str(v.unique_id) ?? str(embedded?.unique_id);
      if (uniqueId) return { uniqueId, originalFilePath: str(embedded?.original_file_path) };
    }
  }
  if (path.length === 3 && kind === 'manifest' && path[0] === 'disabled') {
    return { uniqueId: str(v.unique_id) ?? String(path[1]), originalFilePath: str(v.original_file_path) };
  }
  return undefined;
}
