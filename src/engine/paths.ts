/**
 * Rules name the places they read with JSONPath selectors. jsonpath-plus parses each selector once;
 * we compile the segments into one automaton over the walker's path, so a single walk of the
 * document tells for every value which selectors cover it. Evaluating `$..*` with a JSONPath engine
 * instead would materialize every node of a manifest of hundreds of MB.
 *
 * Semantics: a selector covers the value it selects and everything below it.
 */
import { JSONPath } from 'jsonpath-plus';

type Token = { kind: 'key'; key: string } | { kind: 'any' } | { kind: 'descendant' };

export interface CompiledSelector {
  source: string;
  tokens: Token[];
}

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

export function compileSelector(source: string): CompiledSelector {
  if (!source.startsWith('$')) throw new SelectorError(`selector ${source} must start with $`);
  let parts: string[];
  try {
    parts = JSONPath.toPathArray(source).slice(1);
  } catch {
    throw new SelectorError(`selector ${source} is not valid JSONPath`);
  }
  const tokens: Token[] = [];
  for (const part of parts) {
    if (part === '*') tokens.push({ kind: 'any' });
    else if (part === '..') tokens.push({ kind: 'descendant' });
    else if (/^[?(@]|[,:]|^\^|^~|^@/.test(part)) throw new SelectorError(`selector ${source}: only names, indexes, * and .. are supported (got ${part})`);
    else tokens.push({ kind: 'key', key: part });
  }
  if (tokens.length === 0) throw new SelectorError(`selector ${source} selects the whole document`);
  if (tokens.length > 60) throw new SelectorError(`selector ${source} is too long`);
  if (tokens[tokens.length - 1]!.kind === 'descendant') throw new SelectorError(`selector ${source} ends with ..`);
  return { source, tokens };
}

/** One state of the lazily built deterministic automaton. */
export interface PathState {
  /** Index of the first group (in the order given) that covers this path, or -1. */
  readonly group: number;
  /** True when a group of higher priority than `group` may still match deeper in the tree. */
  readonly canImprove: boolean;
  /** @internal */ readonly items: readonly number[];
  /** @internal */ readonly literals: ReadonlySet<string>;
  /** @internal */ readonly next: Map<string, PathState>;
  /** @internal */ other: PathState | undefined;
  /**
   * @internal What the streaming walk works out of this state once (its literal keys by length,
   * see stream-walk.ts): it depends on the state and its matcher only, so it is kept here rather
   * than looked up in a map at every object the walk opens.
   */
  keyLookup: unknown;
}

/**
 * Many groups of selectors (one group per rule, in priority order) compiled together.
 * `step(state, key)` follows one path segment; `state.group` says which group covers the value.
 */
export class PathMatcher {
  readonly start: PathState;
  private readonly tokens: Token[][] = [];
  private readonly groupOf: number[] = [];
  private readonly states = new Map<string, PathState>();

  constructor(groups: readonly (readonly CompiledSelector[])[]) {
    groups.forEach((selectors, g) => {
      for (const s of selectors) {
        this.tokens.push(s.tokens);
        this.groupOf.push(g);
      }
    });
    // item = selector index * 64 + position; position === tokens.length means "matched"
    const items = this.tokens.map((_, s) => s * 64);
    this.start = this.state(this.closure(items));
  }

  step(state: PathState, key: string | number): PathState {
    const k = typeof key === 'number' ? String(key) : key;
    if (state.literals.has(k)) {
      let next = state.next.get(k);
      if (!next) state.next.set(k, (next = this.advance(state, k)));
      return next;
    }
    return (state.other ??= this.advance(state, undefined));
  }

  /** key undefined = a key that matches no literal of this state. */
  private advance(state: PathState, key: string | undefined): PathState {
    const out: number[] = [];
    for (const item of state.items) {
      const s = item >> 6;
      const pos = item & 63;
      const toks = this.tokens[s]!;
      if (pos === toks.length) {
        out.push(item); // matched selectors cover the whole subtree
        continue;
      }
      const tok = toks[pos]!;
      if (tok.kind === 'descendant') {
        out.push(item); // '..' may absorb this key
        const after = toks[pos + 1]!;
        if (after.kind === 'any' || (after.kind === 'key' && after.key === key)) out.push(item + 2);
      } else if (tok.kind === 'any' || tok.key === key) out.push(item + 1);
    }
    return this.state(this.closure(out));
  }

  private closure(items: number[]): number[] {
    return [...new Set(items)].sort((a, b) => a - b);
  }

  private state(items: number[]): PathState {
    const id = items.join(',');
    let st = this.states.get(id);
    if (st) return st;
    const literals = new Set<string>();
    let group = -1;
    for (const item of items) {
      const s = item >> 6;
      const pos = item & 63;
      const toks = this.tokens[s]!;
      if (pos === toks.length) {
        const g = this.groupOf[s]!;
        if (group < 0 || g < group) group = g;
        continue;
      }
      const tok = toks[pos]!;
      if (tok.kind === 'key') literals.add(tok.key);
      if (tok.kind === 'descendant') {
        const after = toks[pos + 1]!;
        if (after.kind === 'key') literals.add(after.key);
      }
    }
    const canImprove = items.some((item) => {
      const s = item >> 6;
      return (item & 63) < this.tokens[s]!.length && (group < 0 || this.groupOf[s]! < group);
    });
    st = { group, canImprove, items, literals, next: new Map(), other: undefined, keyLookup: undefined };
    this.states.set(id, st);
    return st;
  }
}
