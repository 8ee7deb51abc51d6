/**
 * Find where values sit in the raw artifact text. Only run for values that have findings: one
 * forward pass that descends along the wanted paths and skips every other subtree.
 */
import type { PathSegment, Position } from '../types.js';
import { readString, skipValue, skipWhitespace } from './json-text.js';

interface Trie {
  children: Map<string, Trie>;
  /** Offset of the opening quote of the string value at this path, once found. */
  offset: number;
  /** Offset of the opening quote of the key this path ends with, once found (an element's path: -1). */
  keyOffset: number;
  wanted: boolean;
}

const newTrie = (): Trie => ({ children: new Map(), offset: -1, keyOffset: -1, wanted: false });

/**
 * Offsets of the values at `paths` (the opening quote of a string, the first character of a
 * number), in the same order; where `keys` says so, of the key the path ends with (its opening
 * quote). A path that cannot be found gets -1.
 */
export function locateStrings(text: string, paths: readonly (readonly PathSegment[])[], keys?: readonly boolean[]): number[] {
  const root = newTrie();
  const leaves = paths.map((p) => {
    let node = root;
    for (const seg of p) {
      const key = String(seg);
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = newTrie()));
      node = next;
    }
    node.wanted = true;
    return node;
  });
  descend(text, skipWhitespace(text, 0), root);
  // (with `keys`: the key itself where it says so, a token found in a key: see ValueHit.inKey)
  return leaves.map((l, i) => (keys?.[i] ? l.keyOffset : l.offset));
}

/**
 * Visit the value at `start` and record offsets for wanted paths below it. The explicit stack
 * holds only containers on wanted paths, so its depth is bounded by the longest path.
 */
function descend(text: string, start: number, rootTrie: Trie): void {
  interface Frame { trie: Trie; i: number; isArray: boolean; index: number }
  const stack: Frame[] = [];
  const enter = (trie: Trie, at: number): number => {
    // returns the index after the value when it is skipped or a leaf; -1 when a frame was pushed
    at = skipWhitespace(text, at);
    const c = text.charCodeAt(at);
    if (trie.wanted) trie.offset = at;
    if (trie.children.size > 0 && (c === 123 || c === 91)) {
      stack.push({ trie, i: skipWhitespace(text, at + 1), isArray: c === 91, index: 0 });
      return -1;
    }
    return skipValue(text, at);
  };
  if (enter(rootTrie, start) >= 0) return;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    let i = skipWhitespace(text, frame.i);
    const c = text.charCodeAt(i);
    if (c === 44) i = skipWhitespace(text, i + 1); // ','
    const d = text.charCodeAt(i);
    if (d === 125 || d === 93 || Number.isNaN(d)) {
      // end of this container: resume the parent after it
      stack.pop();
      if (stack.length > 0) stack[stack.length - 1]!.i = i + 1;
      continue;
    }
    let key: string;
    const keyAt = i;
    if (frame.isArray) {
      key = String(frame.index++);
    } else {
      const k = readString(text, i);
      key = k.value;
      i = skipWhitespace(text, k.end) + 1; // past ':'
    }
    const child = frame.trie.children.get(key);
    if (!child) {
      frame.i = skipValue(text, i);
      continue;
    }
    if (!frame.isArray) child.keyOffset = keyAt;
    const after = enter(child, i);
    if (after >= 0) frame.i = after;
    else frame.i = -1; // set when the child frame closes
  }
}

/** Line starts of a text, computed once per file and only when a file has findings. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

