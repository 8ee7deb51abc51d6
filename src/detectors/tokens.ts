/**
 * The token table as detectors: one compiled regex per format, run only when one of the format's
 * keywords occurs in the value, with placeholders and low-entropy candidates dropped.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { patternAnchor } from './anchors.js';
import { shannonEntropy } from './entropy.js';
import { hasBase62Checksum, isSampleJwt, looksRandom, randomInOneCase } from './formats/structure.js';
import { holdsCountingRun, isPlaceholder } from './placeholders.js';
import { charge, scanAll } from './work.js';
import { TOKEN_FORMATS, type TokenFormat } from './token-formats.js';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One digit 16 times in a row. */
const SAME_DIGIT_RUN = /(\d)\1{15}/;

/**
 * The format's match of `secret` (start…end in the value; the secret is that slice, unless it was
 * joined from pieces: see literalJoins), unless its checks drop it: a placeholder, too little entropy,
 * a failed structure or checksum.
 */
function judged(format: TokenFormat, value: string, start: number, end: number, secret = value.slice(start, end)): DetectorMatch | undefined {
  // (a made-up body counting `12345678` is a sample's, never a generated token's; jwt.io's sample JWT is published,
  // whatever carries it: a curl command's `Authorization: Bearer` header in a docs block)
  // (nor a body filled with one digit, `dapi0000…`: a generated body holds 16 of one digit in a row once in 10^15 places)
  // (a CRC over the body that verifies outweighs all of these: a body filled in by hand verifies once in 5 × 10^10, red
  // team 100; not a PyPI macaroon's structure, which a made-up body after a real token's first characters keeps)
  const checked = format.checksum?.(secret);
  const crcVerifies = checked === true && format.checksum === hasBase62Checksum;
  if (!crcVerifies && (isPlaceholder(secret) || holdsCountingRun(secret, 8, true) || SAME_DIGIT_RUN.test(secret) || (secret.startsWith('eyJ') && isSampleJwt(secret)))) return undefined;
  if (format.entropy !== undefined && shannonEntropy(secret) < format.entropy) return undefined;
  if (format.verify && !format.verify(secret)) return undefined;
  if (checked === true) return { detectorId: format.id, start, end, description: `${format.title}, checksum verifies`, confidence: 'high' };
  if (checked === false) {
    // a random body with a wrong checksum: a test token or a mistyped one, still a leak; in one case, made up from a
    // peer's pattern (`npm_[a-z0-9]{36}`) or lower-cased on its way: what the peers report, so reported too
    const body = bodyOf(format, secret);
    if (!looksRandom(body) && !randomInOneCase(body)) return undefined;
    return { detectorId: format.id, start, end, description: `${format.title}, checksum does not match (a test value or a mistyped token)`, confidence: 'medium' };
  }
  if (format.keyStructure && !format.keyStructure(secret)) {
    return { detectorId: format.id, start, end, description: `${format.title}, its body not a key's structure (made up, cut or damaged)`, confidence: 'medium' };
  }
  return { detectorId: format.id, start, end, description: format.title };
}

/** The random part of a token: what follows the longest keyword it begins with (`npm_`, `pypi-AgEIcHlwaS5vcmc`), else its first `_`. */
function bodyOf(format: TokenFormat, secret: string): string {
  const lower = secret.toLowerCase();
  let prefix = -1;
  for (const keyword of format.keywords) if (keyword.length > prefix && lower.startsWith(keyword)) prefix = keyword.length;
  return secret.slice(prefix >= 0 ? prefix : secret.indexOf('_') + 1);
}

function keywordGateOf(format: TokenFormat): RegExp | undefined {
  return format.keywords.length > 0 ? new RegExp(format.keywords.map(escapeRegex).join('|'), 'i') : undefined;
}

function tokenDetector(format: TokenFormat): Detector {
  // 'd' gives the offsets of the `secret` group. matchAll copies the regex, so `regex` itself is
  // never advanced and concurrent or re-entrant calls cannot share a lastIndex.
  const regex = new RegExp(format.pattern.source, format.pattern.flags.includes('i') ? 'gdi' : 'gd');
  // The keywords are part of the contract, not only a speed-up: for 'medium' formats they are the
  // context (a Twilio SID counts only where "twilio" is said), so detect() checks them itself and
  // gives the same answer whether or not the engine's pre-filter ran first.
  const keywordGate = keywordGateOf(format);
  const anchor = format.anchor ?? patternAnchor(format.pattern, format.keywords);
  return {
    id: format.id,
    title: format.title,
    keywords: format.keywords,
    ...(anchor ? { anchor } : {}),
    detect(value): DetectorMatch[] {
      // (a native search: `bearer_share` in every column list of a model's SQL wakes salesforce-access-token)
      if (format.contains !== undefined && !value.includes(format.contains) && !mayJoin(value)) return [];
      if (keywordGate) charge(value.length);
      if (keywordGate && !keywordGate.test(value)) return [];
      const out: DetectorMatch[] = [];
      for (const m of scanAll(regex, value)) {
        const [start, end] = m.indices?.groups?.['secret'] ?? [m.index, m.index + m[0].length];
        const match = judged(format, value, start, end);
        if (match) out.push(match);
      }
      // `{% set key = 'sk_live_' ~ '…' %}`: the token as Jinja renders the literals it joins (Python's `+` and SQL's `||` too)
      if (mayJoin(value)) for (const join of literalJoins(value)) for (const m of joinedMatches(format, regex, value, join)) out.push(m);
      return out;
    },
  };
}

/**
 * String literals that Jinja joins with `~` (`'sk_live_' ~ '4eC3…'`, `"AKIA" ~ "…"`), as it renders
 * them: what a template that splits a token to hide it from scanners means; Python's `+`, SQL's `||`
 * and its `concat()` join literals the same way (`"hf_" + "…"`, `'xoxb-' || '…'`, `concat('ghp_', '…')`,
 * red team 57). Two to eight literals of at most 256 characters, without escapes, one operator between
 * each two (a comma only in the arguments of `concat`, every one a literal).
 */
const LITERAL = `(?:'[^'\\\\\\n]{0,256}'|"[^"\\\\\\n]{0,256}")`;
const JOINED = new RegExp(`${LITERAL}(?:[ \\t]{0,4}(?:~|\\+|\\|\\|)[ \\t]{0,4}${LITERAL}){1,7}|(?<![A-Za-z0-9_])concat\\s{0,4}\\(\\s{0,4}${LITERAL}(?:\\s{0,4},\\s{0,4}${LITERAL}){1,7}\\s{0,4}\\)`, 'gi');
const PIECE = new RegExp(LITERAL, 'g');

/** Whether `value` may join literals (a `~`, a `+`, a `||` or SQL's `concat(`: native searches). */
function mayJoin(value: string): boolean {
  return value.includes('~') || value.includes('+') || value.includes('||') || value.includes('oncat') || value.includes('ONCAT');
}

interface Join {
  /** The literals' contents, joined. */
  text: string;
  /** Where each piece's content begins in the value, and in `text`. */
  at: number[];
  offsets: number[];
}

/** The last value's joins: every format selected for a value asks for them. */
let joinsOf: { value: string; joins: Join[] } | undefined;

function literalJoins(value: string): Join[] {
  if (joinsOf?.value === value) return joinsOf.joins;
  const joins: Join[] = [];
  for (const m of scanAll(JOINED, value)) {
    const join: Join = { text: '', at: [], offsets: [] };
    for (const piece of scanAll(PIECE, m[0])) {
      join.at.push(m.index + piece.index + 1);
      join.offsets.push(join.text.length);
      join.text += piece[0].slice(1, -1);
    }
    joins.push(join);
  }
  // (a value of megabytes is not kept past its scan)
  joinsOf = value.length <= 1 << 20 ? { value, joins } : undefined;
  return joins;
}

/** The piece of a join that holds `offset` of its text (the last whose content begins at or before it). */
function pieceAt(join: Join, offset: number): number {
  let i = 0;
  while (i + 1 < join.offsets.length && join.offsets[i + 1]! <= offset) i++;
  return i;
}

/** The format's matches in a join's text that cross a piece (one piece alone is the value's own scan's), each spanning the value from its first character to its last. */
function joinedMatches(format: TokenFormat, regex: RegExp, value: string, join: Join): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const m of scanAll(regex, join.text)) {
    const [from, to] = m.indices?.groups?.['secret'] ?? [m.index, m.index + m[0].length];
    const first = pieceAt(join, from);
    const last = pieceAt(join, to - 1);
    if (first === last) continue;
    const start = join.at[first]! + from - join.offsets[first]!;
    const end = join.at[last]! + to - join.offsets[last]!;
    const match = judged(format, value, start, end, join.text.slice(from, to));
    if (match) out.push({ ...match, secret: join.text.slice(from, to), description: `${match.description}, joined from string literals` });
  }
  return out;
}

export const tokenDetectors: Detector[] = TOKEN_FORMATS.map(tokenDetector);

/** Every token detector (or those in `onlyIds`) over one value, by position. */
export function detectTokens(value: string, onlyIds?: ReadonlySet<string>): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const detector of tokenDetectors) {
    if (onlyIds && !onlyIds.has(detector.id)) continue;
    // (one by one: a value may hold more tokens than a call takes arguments)
    for (const m of detector.detect(value, { key: undefined })) matches.push(m);
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A format whose context a JSON key can give: one whose pattern reads a name before its secret
 * (`discord = …`, `sfdc_session: …`) and whose body is sure by itself (confidence high, or a
 * structure checked), or one whose keyword names the vendor and is no part of the token (`telegram`
 * for `123456:AA…`, `twilio` for `SK…`: no sample's secret holds a keyword). Formats whose body is
 * any 32 letters under a name are not asked: under `hubspot_form_id` or `segment` such a value is
 * as often an id.
 */
interface KeyedFormat {
  format: TokenFormat;
  regex: RegExp;
  keywordGate: RegExp | undefined;
  /** The name is read before the secret (the key written before the value), not anywhere in it. */
  lead: boolean;
}

function keyedFormat(format: TokenFormat): KeyedFormat | undefined {
  const lead = format.pattern.source.indexOf('(?<secret>') > 0;
  const keywordIsContext = !lead && format.keywords.length > 0 && format.truePositives.every((s) => !format.keywords.some((k) => s.secret.toLowerCase().includes(k)));
  if (lead ? format.confidence !== 'high' && format.verify === undefined : !keywordIsContext) return undefined;
  return { format, regex: new RegExp(format.pattern.source, format.pattern.flags.includes('i') ? 'gdi' : 'gd'), keywordGate: keywordGateOf(format), lead };
}

const KEYED: readonly KeyedFormat[] = TOKEN_FORMATS.map(keyedFormat).filter((k) => k !== undefined);

const keyedCache = new Map<string, readonly KeyedFormat[]>();
/** How much of a value is read after its key: the longest keyed format's secret, with room to spare. */
const KEYED_REACH = 8192;

/** The keyed formats that a key may name (one of their keywords is in it), worked out once per key. */
function keyedFormatsOf(key: string): readonly KeyedFormat[] {
  let found = keyedCache.get(key);
  if (found === undefined) {
    found = key.length > 128 ? [] : KEYED.filter((k) => k.keywordGate?.test(key) === true);
    if (keyedCache.size < 10_000) keyedCache.set(key, found);
  }
  return found;
}

/** Whether some token format may read its context from this key (see detectTokensUnderKey). */
export function mayNameToken(key: string): boolean {
  return keyedFormatsOf(key).length > 0;
}

/**
 * Token formats whose context is the value's key: the value read as if the key were written before
 * it (`{"discord": "<bot token>"}` as `discord: <bot token>`), as YAML or an env file would. For a
 * format with a name before its secret, only a match whose name is in the key (it then runs to the
 * key's end: the separator follows) and whose secret is in the value counts; one wholly in the
 * value is the format's own detector's to find.
 */
export function detectTokensUnderKey(key: string, value: string): DetectorMatch[] {
  const formats = keyedFormatsOf(key);
  if (formats.length === 0) return [];
  const lead = `${key}: `;
  const text = lead + value.slice(0, KEYED_REACH);
  charge(text.length);
  for (const { format, regex, lead: named } of formats) {
    regex.lastIndex = named ? 0 : lead.length;
    const m = regex.exec(text);
    const [start, end] = m?.indices?.groups?.['secret'] ?? (m ? [m.index, m.index + m[0].length] : [-1, -1]);
    if (!m || start < lead.length || (named && m.index >= key.length)) continue;
    const match = judged(format, value, start - lead.length, end - lead.length);
    if (match) return [match];
  }
  return [];
}
