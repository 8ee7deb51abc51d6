/** Printable forms of a path: normalized JSONPath and RFC 6901 JSON Pointer. */
import type { PathSegment } from '../types.js';
import { previewOfKey } from './preview.js';
import { joinOwn } from '../util/strings.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** (Both paths are joined into flat strings of their own: each finding keeps them for the whole run.) */
export function toJsonPath(path: readonly PathSegment[]): string {
  const pieces = ['$'];
  for (const seg of path) {
    if (typeof seg === 'number') pieces.push(`[${seg}]`);
    else if (IDENTIFIER.test(seg)) pieces.push(`.${seg}`);
    else pieces.push(`['${seg.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);
  }
  return joinOwn(pieces);
}

/**
 * The segments of a path that toJsonPath wrote (its inverse): `.key`, `[index]`, `['key']` with
 * `\\` and `\'` escaped. A finding keeps only its JSON path; its pointer and location come from here.
 */
export function jsonPathSegments(jsonPath: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 1; // after '$'
  while (i < jsonPath.length) {
    if (jsonPath[i] === '.') {
      let end = i + 1;
      while (end < jsonPath.length && jsonPath[end] !== '.' && jsonPath[end] !== '[') end++;
      segments.push(jsonPath.slice(i + 1, end));
      i = end;
    } else if (jsonPath[i + 1] === "'") {
      // the key between the quotes, in slices between its escapes (a backslash keeps the character after it)
      let key = '';
      let at = i + 2;
      let from = at;
      for (; jsonPath[at] !== "'"; at++) {
        if (jsonPath[at] !== '\\') continue;
        key += jsonPath.slice(from, at);
        from = ++at;
      }
      segments.push(key + jsonPath.slice(from, at));
      i = at + 2; // past "']"
    } else {
      const end = jsonPath.indexOf(']', i);
      segments.push(Number(jsonPath.slice(i + 1, end)));
      i = end + 1;
    }
  }
  return segments;
}

export function toJsonPointer(path: readonly PathSegment[]): string {
  return joinOwn(path.map((seg) => '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1')));
}

/**
 * The path as findings show it: a key that is itself a secret (a token pasted as a `meta` or
 * `vars` key, a connection string as a map key) is masked like any value, so no output prints it.
 * Names (model ids, column names, config keys) pass every detector untouched.
 */
export function maskPath(path: readonly PathSegment[]): PathSegment[] {
  return path.map((seg) => (typeof seg === 'string' ? previewOfKey(seg) : seg));
}
