/**
 * What JSON.parse accepts but a secrets gate must refuse: duplicate keys (JSON.parse keeps the
 * last value, so an earlier one — a secret — stays in the file unseen) and numbers beyond the
 * range of a double (1e400 silently becomes Infinity). The check is two cheap counts; the exact
 * place is searched for only when they disagree.
 */
import type { PathSegment } from '../types.js';
import { readString, skipString } from './json-text.js';

export type IntegrityProblem =
  | { kind: 'duplicate-key'; offset: number; path: PathSegment[] }
  | { kind: 'number-out-of-range'; offset: number; path: PathSegment[] };

export function findIntegrityProblem(text: string, document: unknown): IntegrityProblem | undefined {
  const census = documentCensus(document);
  if (!census.nonFinite && census.keys === keysInText(text)) return undefined;
  // A string value that starts with ':' inflates the text count; the exact search settles it.
  return locateProblem(text);
}

/**
 * Keys in the text, or a few more: every unescaped quote followed by whitespace and a colon.
 * Every key ends so; an opening quote of a string like ":00" does too, which only costs a search.
 */
export function keysInText(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let k = colon - 1;
    let c = text.charCodeAt(k);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--k);
    if (c !== 34) continue;
    let backslashes = 0;
    while (text.charCodeAt(k - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

/** Keys of every object in the parsed document, and whether some number overflowed to ±Infinity. */
export function documentCensus(document: unknown): { keys: number; nonFinite: boolean } {
  let keys = 0;
  let nonFinite = false;
  if (typeof document !== 'object' || document === null) return { keys, nonFinite: typeof document === 'number' && !Number.isFinite(document) };
  const stack: object[] = [document];
  while (stack.length > 0) {
    const container = stack.pop()!;
    let values: unknown[];
    if (Array.isArray(container)) values = container;
    else {
      values = Object.values(container);
      keys += values.length;
    }
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (typeof v === 'object' && v !== null) stack.push(v);
      else if (typeof v === 'number' && v - v !== 0) nonFinite = true;
    }
  }
  return { keys, nonFinite };
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first duplicate key or out-of-range number in text that JSON.parse accepted (failure path only). */
export function locateProblem(text: string): IntegrityProblem | undefined {
  const keySets: (Set<string> | undefined)[] = []; // one per open container; undefined for arrays
  const path: PathSegment[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const depth = keySets.length;
    if (c === 34) {
      if (!expectKey) {
        i = skipString(text, i);
        continue;
      }
      const { value, end } = readString(text, i);
      const keys = keySets[depth - 1]!;
      path[depth - 1] = value;
      if (keys.has(value)) return { kind: 'duplicate-key', offset: i, path: path.slice(0, depth) };
      keys.add(value);
      expectKey = false;
      i = end;
    } else if (c === 123 || c === 91) {
      keySets.push(c === 123 ? new Set() : undefined);
      if (c === 91) path[depth] = 0;
      expectKey = c === 123;
      i++;
    } else if (c === 125 || c === 93) {
      keySets.pop();
      path.length = keySets.length;
      i++;
    } else if (c === 44) {
      if (keySets[depth - 1]) expectKey = true;
      else path[depth - 1] = (path[depth - 1] as number) + 1;
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)?.[0] ?? text[i]!;
      if (!Number.isFinite(Number(token))) return { kind: 'number-out-of-range', offset: i, path: path.slice(0, depth) };
      i += token.length;
    } else i++;
  }
  return undefined;
}

/**
 * A JSONPath for an error message. Keys are names, not values, but one could still be a token
 * pasted as a key: a segment is shown only when it reads as a name (no long alphanumeric run).
 */
export function describePath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!/^[A-Za-z0-9_.:/ -]{1,80}$/.test(seg) || /[A-Za-z0-9]{16}/.test(seg)) out += "['…']";
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += `.${seg}`;
    else out += `['${seg}']`;
  }
  return out;
}
