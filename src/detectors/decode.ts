/**
 * Secrets wrapped in another layer: base64 of a key file, an .env file, a kubeconfig or
 * `user:password`; JSON written into a JSON string (`{\"password\": \"…\"}`); a connection URL
 * percent-encoded into another (`?dsn=postgresql%3A%2F%2Fetl%3A…%40db`). Each layer is decoded, the
 * decoded text is scanned with the same detectors (the caller's `scan`), and a finding is reported
 * at its encoded span in the value: the whole base64 run, or exactly the escaped characters.
 *
 * Linear by construction: runs are found in one forward pass, base64 is decoded only when its
 * first bytes are text, at most MAX_DEPTH layers deep, and all layers of one value together
 * decode at most DECODE_BUDGET characters.
 */
import type { DetectorMatch } from '../types.js';
import { isRegionAndUlid } from './formats/structure.js';
import { isRealSecretValue } from './key-names.js';
import { charge } from './work.js';

/** What runs on decoded text: the detectors the caller applies, their overlaps resolved. */
export type DecodedScan = (text: string) => DetectorMatch[];

/** 15 bytes: the shortest `user:password` worth decoding. */
const MIN_BASE64_RUN = 20;
const MAX_DEPTH = 3;
const DECODE_BUDGET = 4 * 1024 * 1024;
const PROBE = 64;

/** 1 for the standard base64 alphabet, by char code. */
const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;

/**
 * A cheap gate on raw or decoded text: a base64 run long enough to hold a credential, with both
 * letter cases (hex digests and upper-case ids have one), a hex run that writes printable characters
 * (a digest's bytes are not: its digits are read until the first byte that is not), or a percent-encoded URL (`%3A%2F%2F`) or
 * ODBC string (`PWD%3D`).
 * It tells which values must reach the decoder although no keyword shows in them, and it runs on
 * every value a rule reads: a run of MIN_BASE64_RUN characters covers one of every MIN_BASE64_RUN
 * positions, so only those are probed, and each probe reads on only while the run may be long
 * enough (about a third of the characters of SQL or prose are read, each at most twice).
 */
export function mayHoldWrapped(text: string, from = 0, to = text.length): boolean {
  if (to - from < MIN_BASE64_RUN) return false;
  for (let probe = from + MIN_BASE64_RUN - 1; probe < to; probe += MIN_BASE64_RUN) {
    if (!isBase64At(text, probe)) continue;
    let start = probe;
    while (start > from && isBase64At(text, start - 1)) start--;
    let end = probe + 1;
    while (end < to && isBase64At(text, end)) end++;
    if (end - start >= MIN_BASE64_RUN && mayWrap(text, start, end)) return true;
    probe = end - 1; // the next probe is past this run
  }
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  return (slice.includes('%3') || slice.includes('-----BEGIN')) && isPercentEncodedConnection(slice);
}

/**
 * A connection string percent-encoded into a URL: another URL (an encoded `://`), or an ODBC string
 * whose password setting's `=` is encoded, as SQLAlchemy takes one (`mssql+pyodbc:///?odbc_connect=…PWD%3D…`); or JSON
 * whose secret's name and `:` are encoded, as an OAuth `state` or a `config` parameter carries it
 * (`?state=%7B%22password%22%3A%22…%22%7D`: red team 135).
 */
const ENCODED_SCHEME_SEPARATOR = /%3a%2f%2f/i;
const ENCODED_PASSWORD_SETTING = /(?:pwd|password)%3d/i;
const ENCODED_JSON_SECRET = /%22[A-Za-z_-]{0,32}(?:password|passwd|pwd|passphrase|secret|token|api_?key|apikey|private_?key)%22(?:%20){0,2}%3a/i;
/**
 * A PEM block in a URL's query, as Python's quote_plus writes one (`?private_key_content=-----BEGIN+PRIVATE+KEY-----%0AMIIE…`:
 * an Airflow connection's URI, red team 159): `+` for a space, `%0A` for a line's end.
 */
const ENCODED_PEM = /-----BEGIN(?:\+|%20)[A-Z0-9+%]{1,64}-----(?:%0D)?%0A/i;

/** JSON whose spaces a form's encoding wrote as `+` (after a `:` or a `,`). */
const ENCODED_JSON_PLUS = /%22(?:%3A|%2C)\+%22/i;

function isPercentEncodedConnection(text: string): boolean {
  return ENCODED_SCHEME_SEPARATOR.test(text) || ENCODED_PASSWORD_SETTING.test(text) || ENCODED_JSON_SECRET.test(text) || ENCODED_PEM.test(text);
}

function isBase64At(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 && BASE64[c] === 1;
}

/** A base64 run of MIN_BASE64_RUN or more that may wrap text: both cases, or hex that writes printable characters. */
function mayWrap(text: string, start: number, end: number): boolean {
  return hasBothCases(text, start, end) || (end - start >= MIN_HEX_RUN && holdsHexText(text, start, end));
}

function hasBothCases(text: string, start: number, end: number): boolean {
  let cases = 0;
  for (let i = start; i < end && cases !== 3; i++) {
    const c = text.charCodeAt(i);
    cases |= c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : 0;
  }
  return cases === 3;
}

/**
 * Wrapped secrets in `value`, each at its encoded span. `keywords`: whether a detector keyword
 * occurs in the value; escaped JSON shows its keywords (`\\"password\\"`), so without one it is not read.
 * `jsonEscapes`: whether JSON escaped into the value is read unescaped here (a JSON-lines log reads its strings
 * decoded one by one instead: see text-scan.ts).
 */
export function detectWrapped(value: string, scan: DecodedScan, keywords = true, jsonEscapes = true): DetectorMatch[] {
  if (!mayHoldWrapped(value) && !(keywords && jsonEscapes && value.includes('\\"'))) return [];
  return layers(value, scan, MAX_DEPTH, { left: DECODE_BUDGET }, jsonEscapes ? ALL_DECODERS : NOT_JSON);
}

const ALL_DECODERS = [unescapeJson, unescapePercent, unprefixPem];
const NOT_JSON = [unescapePercent, unprefixPem];

function layers(text: string, scan: DecodedScan, depth: number, budget: { left: number }, decoders = ALL_DECODERS): DetectorMatch[] {
  if (depth === 0) return [];
  const out = base64Layer(text, scan, depth, budget);
  for (const m of hexLayer(text, scan, depth, budget)) out.push(m);
  for (const decoder of decoders) {
    const decoded = decoder(text);
    if (!decoded || decoded.text.length > budget.left) continue;
    budget.left -= decoded.text.length;
    for (const m of scanAll(decoded.text, scan, depth - 1, budget)) {
      // (the key without the log's prefixes is the secret: the same one however the lines were logged)
      out.push(atEncodedPlace(m, decoded, 0, m.secret ?? (decoder === unprefixPem ? decoded.text.slice(m.start, m.end) : undefined)));
    }
  }
  return out;
}

/** Detectors, then the decoded layers inside, then a bare `user:password`. */
function scanAll(text: string, scan: DecodedScan, depth: number, budget: { left: number }): DetectorMatch[] {
  const found = scan(text);
  // (one by one: a value may hold more matches than a call takes arguments)
  if (mayHoldWrapped(text) || text.includes('\\"')) for (const m of layers(text, scan, depth, budget)) found.push(m);
  const pair = userPassword(text);
  if (pair) found.push(pair);
  return found;
}

/**
 * Each base64 run that decodes to text holding a secret: one match over the whole run. A run wrapped
 * in lines (GNU base64 wraps at 76 characters, openssl and PEM at 64: a key file encoded into an
 * environment variable) is one run: lines of the same length, whole quanta of at least WRAP_MIN
 * characters, a line break between; when the lines do not decode to text together, each is tried alone
 * (as any run is).
 */
function base64Layer(text: string, scan: DecodedScan, depth: number, budget: { left: number }): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  let runStart = 0;
  // the end of the last wrapped run that did not decode to a secret: its lines are not read on from again (each line
  // of it read on to its end: a PEM header over 640 KB of lines and no END line took 23 s), only tried alone
  let triedUntil = -1;
  charge(text.length);
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c < 128 && BASE64[c] === 1) continue;
    const start = runStart;
    runStart = i + 1;
    // a line of a wrapped run: read on over the lines after it (most runs are words, and end here)
    if (i - start >= WRAP_MIN && (c === 10 || c === 13) && i > triedUntil) {
      const wrapped = wrappedRun(text, start, i);
      if (wrapped) {
        const found = base64Run(wrapped, text, scan, depth, budget);
        if (found) {
          out.push({ ...found, start, end: wrapped[wrapped.length - 1]! });
          i = wrapped[wrapped.length - 1]!;
          runStart = i + 1;
          continue;
        }
        triedUntil = wrapped[wrapped.length - 1]!;
      }
    }
    if (i - start < MIN_BASE64_RUN || (i - start) % 4 === 1) continue;
    let end = i;
    while (end < text.length && end - i < 2 && text[end] === '=') end++;
    const found = base64Run([start, end], text, scan, depth, budget);
    if (found) out.push({ ...found, start, end });
  }
  return out;
}

/**
 * The lines of a wrapped base64 run whose first line is text[start, end) and ends at a line break, as
 * [start, end) pairs (the last with its padding); undefined when no line of the same length follows.
 */
function wrappedRun(text: string, start: number, end: number): number[] | undefined {
  const width = end - start;
  if (width % 4 !== 0) return undefined;
  const pieces = [start, end];
  let i = end;
  for (;;) {
    const lineBreak = text.charCodeAt(i) === 10 ? 1 : text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 0;
    if (lineBreak === 0 || !isBase64At(text, i + lineBreak)) break;
    const lineStart = i + lineBreak;
    i = lineStart;
    while (i < text.length && isBase64At(text, i)) i++;
    charge(i - lineStart + lineBreak);
    if (i - lineStart > width) break;
    let lineEnd = i;
    while (lineEnd < text.length && lineEnd - i < 2 && text[lineEnd] === '=') lineEnd++;
    pieces.push(lineStart, lineEnd);
    // a shorter line is the last
    if (i - lineStart < width) break;
  }
  return pieces.length > 2 ? pieces : undefined;
}

/** 16 bytes: the shortest text written in hex worth decoding (a token's body, a password and its name). */
const MIN_HEX_RUN = 32;

function isHexAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/**
 * Whether the hex digits text[start, end) (an even number) write printable characters, as isText tells of bytes:
 * read in place, no buffer made, until the first byte that is not (a digest's bytes are all printable once in
 * some 30,000 for eight of them).
 */
function writesText(text: string, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i += 2) {
    const b = (nibble(text.charCodeAt(i)) << 4) | nibble(text.charCodeAt(i + 1));
    if (b > 126 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) return false;
  }
  return end > start;
}

/** A hex digit's value (the caller knows it is one). */
function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/** Whether text[start, end) holds a hex run of MIN_HEX_RUN characters or more, of an even length, that writes printable characters. */
function holdsHexText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    if (!isHexAt(text, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && isHexAt(text, j)) j++;
    if (j - i >= MIN_HEX_RUN && (j - i) % 2 === 0 && writesText(text, i, j)) return true;
    i = j;
  }
  return false;
}

/**
 * Each hex run that writes text holding a secret (red team 57: a token or an AWS credentials file hex-encoded into
 * meta or an environment variable, `X'…'` and `decode('…', 'hex')` in SQL): one match over the whole run. A run of
 * an even length from MIN_HEX_RUN characters, every byte a printable character; a digest's bytes are not.
 */
function hexLayer(text: string, scan: DecodedScan, depth: number, budget: { left: number }): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  // a run of MIN_HEX_RUN covers one of every MIN_HEX_RUN positions: only those are probed (as in mayHoldWrapped)
  for (let probe = MIN_HEX_RUN - 1; probe < text.length; probe += MIN_HEX_RUN) {
    if (!isHexAt(text, probe)) continue;
    let start = probe;
    while (start > 0 && isHexAt(text, start - 1)) start--;
    let end = probe + 1;
    while (end < text.length && isHexAt(text, end)) end++;
    probe = end - 1;
    if (end - start < MIN_HEX_RUN || (end - start) % 2 === 1 || (end - start) / 2 > budget.left) continue;
    if (!writesText(text, start, end)) continue;
    const bytes = Buffer.from(text.slice(start, end), 'hex');
    budget.left -= bytes.length;
    const inner = scanAll(bytes.toString('latin1'), scan, depth - 1, budget);
    if (inner.length === 0) continue;
    const first = inner.reduce((a, b) => (b.start < a.start ? b : a));
    out.push({ detectorId: first.detectorId, start, end, description: `${first.description}, hex-encoded` });
  }
  return out;
}

/** A wrapped run's shortest line. */
const WRAP_MIN = 60;

/** What the base64 written in text's [start, end) pieces (pairs) holds, when a secret: the detector and description of the first one in it. */
function base64Run(pieces: readonly number[], text: string, scan: DecodedScan, depth: number, budget: { left: number }): Pick<DetectorMatch, 'detectorId' | 'description'> | undefined {
  let length = 0;
  for (let k = 0; k < pieces.length; k += 2) length += pieces[k + 1]! - pieces[k]!;
  // (its base64 characters without the padding, as the run's length was always judged)
  const last = pieces[pieces.length - 1]!;
  let padding = 0;
  while (padding < 2 && text.charCodeAt(last - 1 - padding) === 61) padding++;
  const bare = length - padding;
  if (bare < MIN_BASE64_RUN || bare % 4 === 1) return undefined;
  let run = '';
  for (let k = 0; k < pieces.length; k += 2) run += text.slice(pieces[k]!, pieces[k + 1]!);
  const decoded = decodeBase64Text(run, budget);
  if (decoded === undefined) return undefined;
  const inner = scanAll(decoded, scan, depth - 1, budget);
  if (inner.length === 0) return undefined;
  const first = inner.reduce((a, b) => (b.start < a.start ? b : a));
  return { detectorId: first.detectorId, description: `${first.description}, base64-encoded` };
}

/** The text that base64 `run` encodes, when it is printable ASCII (a probe of its start first). */
function decodeBase64Text(run: string, budget: { left: number }): string | undefined {
  if (!isText(Buffer.from(run.slice(0, PROBE), 'base64'))) return undefined;
  const bytes = Buffer.from(run, 'base64');
  if (bytes.length > budget.left || !isText(bytes)) return undefined;
  budget.left -= bytes.length;
  return bytes.toString('latin1');
}

function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 126 || (b < 32 && b !== 9 && b !== 10 && b !== 13)) return false;
  return bytes.length > 0;
}

/**
 * A match in a decoded text at its place in the encoded one (which starts at `shift` in the text the caller reports on),
 * described with the layer it was found in; `secret` where the encoded span does not spell it.
 */
export function atEncodedPlace(m: DetectorMatch, decoded: Decoded, shift = 0, secret = m.secret): DetectorMatch {
  return { ...m, start: shift + decoded.offsets[m.start]!, end: shift + decoded.offsets[m.end]!, description: `${m.description}, ${decoded.layer}`, ...(secret === undefined ? {} : { secret }) };
}

/** A decoded text whose characters map back to their offsets in the encoded one (one more for the end). */
export interface Decoded {
  text: string;
  offsets: number[];
  layer: string;
}

/** Over the process, for tests: the characters of text read for JSON escaped into it (unescapeJson). */
export const DECODE_COUNTS = { jsonUnescaped: 0 };

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * JSON written into a string: `{\"password\": \"…\"}` read as `{"password": "…"}`; and JSON whose slashes are escaped
 * (`"https:\/\/etl:…@host\/x"`, as PHP's json_encode writes a URL: red team 105), read as its URL.
 */
export function unescapeJson(text: string): Decoded | undefined {
  if (!text.includes('\\"') && !text.includes('\\/')) return undefined;
  DECODE_COUNTS.jsonUnescaped += text.length;
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; ) {
    offsets.push(i);
    if (text[i] === '\\' && i + 1 < text.length) {
      const simple = JSON_ESCAPES[text[i + 1]!];
      if (simple !== undefined) {
        out += simple;
        i += 2;
        continue;
      }
      if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
    }
    out += text[i];
    i++;
  }
  offsets.push(text.length);
  return { text: out, offsets, layer: 'in JSON escaped into a string' };
}

/** A PEM block's BEGIN line from its marker; a body line's base64 at its end, behind whatever the log put before it. */
const PEM_BEGIN_LINE = /^-----BEGIN [A-Z0-9 ]{1,64}-----\r?$/;
const PREFIXED_BODY_LINE = /\s([A-Za-z0-9+/=]{4,128})\r?$/;
const PEM_END_MARKER = /-----END [A-Z0-9 ]{1,64}-----/;
/** The most blocks and body lines read: a 16,384-bit RSA key is under 200 lines of 64. */
const MAX_PEM_BLOCKS = 16;
const MAX_PEM_LINES = 256;

/**
 * A PEM block a log wrote one line at a time, each line behind the log's own prefix (Airflow's task log,
 * `[2025-03-01, 06:00:02 UTC] {subprocess.py:93} INFO - MIIEv…`, a container's timestamps): the block without the
 * prefixes, from its BEGIN marker to its END marker. Only a block whose body lines all end in base64 after a prefix and
 * that reaches an END marker is read.
 */
function unprefixPem(text: string): Decoded | undefined {
  let at = text.indexOf('-----BEGIN ');
  if (at < 0) return undefined;
  let out = '';
  const offsets: number[] = [];
  let end = 0;
  for (let blocks = 0; at >= 0 && blocks < MAX_PEM_BLOCKS; blocks++) {
    let lineEnd = text.indexOf('\n', at);
    charge(lineEnd < 0 ? text.length - at : lineEnd - at);
    /** Where the search for the next block goes on: the line that ended this one (it may begin another). */
    let resume = at + 11;
    const pieces: [number, number][] = [[at, lineEnd]];
    let closed = false;
    if (lineEnd >= 0 && PEM_BEGIN_LINE.test(text.slice(at, lineEnd))) {
      for (let lines = 0; lines < MAX_PEM_LINES && lineEnd >= 0; lines++) {
        const lineStart = lineEnd + 1;
        resume = lineStart;
        lineEnd = text.indexOf('\n', lineStart);
        const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
        charge(line.length);
        const marker = PEM_END_MARKER.exec(line);
        if (marker) {
          // (a prefix before the marker too: the block is the log's, not written as it is)
          closed = marker.index > 0 && pieces.length > 1;
          if (closed) pieces.push([lineStart + marker.index, (resume = lineStart + marker.index + marker[0].length)]);
          break;
        }
        // (the base64 at the line's end: only its last characters are read, however long the line)
        const tail = line.length > 140 ? line.length - 140 : 0;
        const body = PREFIXED_BODY_LINE.exec(tail > 0 ? line.slice(tail) : line);
        if (!body) break;
        pieces.push([lineStart + tail + body.index + 1, lineStart + line.length - (line.endsWith('\r') ? 1 : 0)]);
      }
    }
    if (closed) {
      if (out !== '') {
        offsets.push(pieces[0]![0]);
        out += '\n';
      }
      pieces.forEach(([from, to], i) => {
        if (i > 0) {
          // (each line break stands for the original one before the piece)
          offsets.push(text.lastIndexOf('\n', from));
          out += '\n';
        }
        for (let k = from; k < to; k++) offsets.push(k);
        out += text.slice(from, to);
      });
      end = resume;
    }
    at = text.indexOf('-----BEGIN ', resume);
  }
  if (out === '') return undefined;
  offsets.push(end);
  return { text: out, offsets, layer: "its lines behind the log's prefixes" };
}

/** A percent-encoded URL, ODBC string, JSON or PEM block inside another: decoded when an encoded `://`, `PWD=`, secret's name or PEM header shows one is there. */
function unescapePercent(text: string): Decoded | undefined {
  if (!isPercentEncodedConnection(text)) return undefined;
  // a form's encoding writes a space as `+` (and a `+` as `%2B`): so written where a PEM's header is
  // (and in JSON so written: `%7B%22passphrase%22%3A+%22…`, Python's quote_plus of json.dumps: review 161)
  const plusIsSpace = (ENCODED_PEM.test(text) && text.includes('-----BEGIN+')) || ENCODED_JSON_PLUS.test(text);
  let out = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; ) {
    offsets.push(i);
    if (plusIsSpace && text[i] === '+') {
      out += ' ';
      i++;
    } else if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      out += text[i];
      i++;
    }
  }
  offsets.push(text.length);
  return { text: out, offsets, layer: 'percent-encoded' };
}

/** A whole decoded text that is `user:password`, the payload of HTTP Basic auth and of many env vars. */
// (not `scheme://…`: a URL decoded out of another is its scheme and its path, no pair)
const USER_PASSWORD = /^([A-Za-z][\w.@+-]{0,63}):(?!\/\/)([^\s:]{4,128})$/;
function userPassword(text: string): DetectorMatch | undefined {
  const m = USER_PASSWORD.exec(text);
  if (!m || !isRealSecretValue(m[2]!, m[1]!) || /^\d+$/.test(m[2]!) || isRegionAndUlid(m[1]!, m[2]!)) return undefined;
  return { detectorId: 'encoded-credentials', start: m[1]!.length + 1, end: text.length, description: 'user:password pair' };
}

/**
 * The `user:password` pair that base64 (a Basic credential's, `etl:Au7h!pw` written as `ZXRsOkF1N2ghcHc=`) encodes,
 * when the pair is a credential; undefined when it encodes none. One too short for the decoder's runs (MIN_BASE64_RUN)
 * is worth decoding where a Basic scheme says it holds one.
 */
export function encodedPair(base64: string): { user: string; password: string } | undefined {
  const text = decodeBase64Text(base64, { left: base64.length });
  const pair = text === undefined ? undefined : userPassword(text);
  return pair && { user: text!.slice(0, pair.start - 1), password: text!.slice(pair.start, pair.end) };
}
