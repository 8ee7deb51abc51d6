/**
 * Secrets assigned to secret-named keys inside free text: `password=…` in a DSN or URL query,
 * `"api_key": "…"` in a JSON or YAML string (`--vars`), `pwd=…;` in ODBC connection strings,
 * `client_secret='…'` in a Python model.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';

const SECRET_WORD = /password|passwd|pwd|pass|secret|token|key|credential|creds|dsn|sas|jwt/gi;
const IDENT_CHAR = /[A-Za-z0-9_.-]/;
/** What ends an unquoted value: in a URL query also '&'; in DSNs, ODBC strings and YAML, '&' is part of it. */
const UNQUOTED_IN_QUERY = /[^\s&;'"<>,(){}[\]`|#]{1,256}/y;
const UNQUOTED_ELSEWHERE = /[^\s;'"<>,(){}[\]`|]{1,256}/y;

function looksLikeCodeOrWord(v: string): boolean {
  // Unquoted values in code are usually expressions: an identifier, a dotted call, a Jinja variable.
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(v) && !/\d/.test(v)) return true;
  // Lower-case words joined by hyphens read as prose ("secret: hashed-with-bcrypt"), not as a credential.
  return /^[a-z]+(?:-[a-z]+)+$/.test(v);
}

export const assignmentDetector: Detector = {
  id: 'password-assignment',
  title: 'Secret assigned to a secret-named key in text',
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'creds', 'dsn', 'sas', 'jwt'],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    let lastIdentEnd = -1;
    for (const m of value.matchAll(SECRET_WORD)) {
      const at = m.index;
      if (at < lastIdentEnd) continue;
      let s = at;
      while (s > 0 && IDENT_CHAR.test(value[s - 1]!)) s--;
      let e = at + m[0].length;
      while (e < value.length && IDENT_CHAR.test(value[e]!)) e++;
      lastIdentEnd = e;
      const name = value.slice(s, e);
      if (!isSecretKeyName(name)) continue;
      const inQuery = s > 0 && (value[s - 1] === '?' || value[s - 1] === '&');
      const found = valueAfter(value, e, inQuery ? UNQUOTED_IN_QUERY : UNQUOTED_ELSEWHERE);
      if (!found) continue;
      const secret = value.slice(found.start, found.end);
      if (!isRealSecretValue(secret)) continue;
      if (!found.quoted && looksLikeCodeOrWord(secret)) continue;
      out.push({ detectorId: 'password-assignment', start: found.start, end: found.end, description: `value assigned to "${name}"` });
      lastIdentEnd = found.end;
    }
    return out;
  },
};

/** After a key name: optional closing quote, `=`, `:` or `=>`, then a quoted or bare value. */
function valueAfter(text: string, i: number, unquoted: RegExp): { start: number; end: number; quoted: boolean } | undefined {
  if (text[i] === '"' || text[i] === "'") i++;
  const op = skipSpaces(text, i);
  let opEnd: number;
  if (text.startsWith('=>', op)) opEnd = op + 2;
  else if (text[op] === '=' && text[op + 1] !== '=') opEnd = op + 1;
  else if (text[op] === ':' && text[op + 1] !== ':') opEnd = op + 1;
  else return undefined;
  const v = skipSpaces(text, opEnd);
  const q = text[v];
  if (q === '"' || q === "'") {
    const close = text.indexOf(q, v + 1);
    if (close < 0 || close - v > 257) return undefined;
    if (text.lastIndexOf('\n', close) > v) return undefined; // bounded: never scans past the value
    // `?token=' || getenv(…)`: the quote closes a SQL string, it does not open a value.
    if (/^\s|\s$/.test(text.slice(v + 1, close))) return undefined;
    return { start: v + 1, end: close, quoted: true };
  }
  // A bare value after `=` only without spaces (DSNs, URL queries, ODBC strings): `password = x` in code is an expression.
  if (text[op] === '=' && (op !== i || v !== opEnd)) return undefined;
  // After `:` only with a space, as YAML maps it: `arn:…:secret:prod/db` is an identifier, not a mapping.
  if (text[op] === ':' && v === opEnd) return undefined;
  unquoted.lastIndex = v;
  const m = unquoted.exec(text);
  if (!m) return undefined;
  return { start: v, end: v + m[0].length, quoted: false };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}
