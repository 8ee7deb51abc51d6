/**
 * The test's reference: redact's in-memory rewrite as it was before the copies were streamed (the whole file one
 * string, JSON.parse of it), kept unchanged so that the streamed copies can be held to it byte for byte. (What the
 * secrets found are, from their spans, is redact's own secretsAmong: only how the spans are read differs.)
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../src/types.js';
import { isSecretKey } from '../src/findings/preview.js';
import { embeddedArtifacts, looksLikeHtml } from '../src/artifacts/html.js';
import { parseDbtJson } from '../src/artifacts/read.js';
import { backslashesBefore, closeCutShort, openStringAt } from '../src/artifacts/json-text.js';
import { secretsAmong } from '../src/commands/redact.js';

const MASK = '*****';

/**
 * Replace each finding's span in the raw text (escapes included) by the mask, last first. A number
 * under a secret-named key becomes the masked string "*****": same place, still valid JSON. A key
 * that is itself a secret (a token pasted as a map key) becomes "*****key-N", distinct per key so
 * the object keeps its members.
 */
export function redactText(text: string, findings: readonly Finding[], plainText = false): string {
  // offsets count the text after a byte order mark, as lines and columns do: the mark is kept, before the text redacted
  if (text.charCodeAt(0) === 0xfeff) return `\ufeff${redactText(text.slice(1), findings, plainText)}`;
  // a rendered model or a log (plainText) is no JSON document: findings are masked where they are, over whole escapes
  if (plainText) return maskSpans(text, findings.map((f) => overEscapes(text, f)), () => MASK);
  return looksLikeHtml(text) ? redactPage(text, findings) : redactJson(text, findings);
}

/**
 * static_index.html: each artifact inlined in its script redacted as the JSON document it is (a number under a secret's
 * name quoted, a secret key renamed: the page's script reads that JSON), the page around them masked where its findings
 * are. A plain mask there left `"db_password": *****` (a script that no longer runs: the docs site dead) and two secret
 * keys of one object as one key twice (red team 69).
 */
function redactPage(text: string, findings: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const segment of embeddedArtifacts(text)) {
    parts.push(maskSpans(text.slice(at, segment.start), within(findings, at, segment.start), () => MASK));
    const json = text.slice(segment.start, segment.end);
    const inside = within(findings, segment.start, segment.end);
    parts.push(inside.length === 0 ? json : redactEmbedded(json, inside));
    at = segment.end;
  }
  parts.push(maskSpans(text.slice(at), within(findings, at, text.length), () => MASK));
  return parts.join('');
}

/** An inlined artifact redacted as JSON; one that does not parse (a page cut short) masked where its findings are. */
function redactEmbedded(json: string, findings: readonly Span[]): string {
  try {
    return redactJson(json, findings);
  } catch {
    // (JSON.parse's error, which quotes the text, is never shown)
    return maskSpans(json, findings, () => MASK);
  }
}

/**
 * A span of a text file widened to whole escapes: a log written as JSON lines holds a secret's `\"` as two characters,
 * and a span that ended between them (a value read up to a quote) left `\*****"`, a line that is JSON no longer (red
 * team 69). In a rendered model a backslash is itself: the mask takes a character more.
 */
function overEscapes(text: string, f: Span): Span {
  let start = f.charOffset;
  let end = f.charOffset + f.charLength;
  if (backslashesBefore(text, start) % 2 === 1) start--;
  if (end > start && backslashesBefore(text, end) % 2 === 1) end += text.charCodeAt(end) === 117 /* u */ ? 5 : 1;
  end = Math.min(end, text.length);
  return start === f.charOffset && end === f.charOffset + f.charLength ? f : { charOffset: start, charLength: end - start, jsonPointer: f.jsonPointer };
}

/** What redaction reads of a finding: its span in the raw text, and where its value is in the JSON document. */
type Span = Pick<Finding, 'charOffset' | 'charLength' | 'jsonPointer'>;

/** The spans of the findings that start in text[from, to), their offsets from `from` (a finding's fields are read, not copied: some are getters). */
function within(findings: readonly Span[], from: number, to: number): Span[] {
  return findings.filter((f) => f.charOffset >= from && f.charOffset < to).map((f) => ({ charOffset: f.charOffset - from, charLength: f.charLength, jsonPointer: f.jsonPointer }));
}

/** A JSON artifact redacted: see redactText. */
function redactJson(text: string, findings: readonly Span[]): string {
  const { document, cut } = parseWholeOrCut(text);
  // the string a cut left open is masked whole: a secret cut in two is part of one, and no detector reads it so (red team 75)
  const open = cut ? openStringAt(text) : -1;
  if (open >= 0 && open + 1 < text.length) findings = [...findings, { charOffset: open + 1, charLength: text.length - open - 1, jsonPointer: '' }];
  let n = 0;
  // a secret in a key is masked with a number of its own: two keys masked alike would be one key twice
  let out = maskSpans(text, findings, (f) =>
    inKey(text, f.charOffset + f.charLength) ? `${MASK}key-${++n}` : typeof valueAt(document, f.jsonPointer) === 'number' ? `"${MASK}"` : MASK,
  );
  for (const key of secretKeys(document)) out = out.split(JSON.stringify(key)).join(JSON.stringify(`${MASK}key-${++n}`));
  return out;
}

/**
 * The document the text holds, or for one cut short (an upload that stopped: the scan read it up to its cut and says it
 * is not whole) the document closed where it was cut, as the scan read it (closeCutShort): its copy is masked as written.
 */
function parseWholeOrCut(text: string): { document: unknown; cut: boolean } {
  try {
    return { document: parseDbtJson(text), cut: false };
  } catch (error) {
    const closed = closeCutShort(text);
    if (closed === undefined) throw error;
    return { document: parseDbtJson(closed), cut: true };
  }
}

/** Whether the JSON string that `from` is inside of (a finding's end) is an object's key: a `:` follows its closing quote. */
function inKey(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c === 58;
  }
  return false;
}

/**
 * The text with each finding's span replaced, in one pass (a copy of the text per finding was quadratic: 300,000 findings
 * in 12 MB). Spans that overlap are masked as one, with the first one's replacement.
 */
function maskSpans(text: string, findings: readonly Span[], replacement: (f: Span) => string): string {
  const parts: string[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.charOffset - b.charOffset || b.charLength - a.charLength)) {
    const end = f.charOffset + f.charLength;
    if (f.charOffset < at) {
      at = Math.max(at, end);
      continue;
    }
    parts.push(text.slice(at, f.charOffset), replacement(f));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Keys anywhere in the document that read as secrets (iterative: documents may nest deeply). */
function secretKeys(document: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      if (isSecretKey(key)) found.add(key);
      stack.push(child);
    }
  }
  return found;
}

function valueAt(document: unknown, pointer: string): unknown {
  let v = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The shortest secret whose copies are masked too: a shorter one would match text that merely holds it. */
const COPY_MIN = 8;

/** The found secrets (see secretsAmong) of each finding's span of its file, the file read whole. */
export function foundSecrets(files: readonly string[], findings: readonly Finding[]): { inJson: string[]; inText: string[] } {
  const raws: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    for (const f of findings) if (f.file === file && f.charLength >= COPY_MIN) raws.push(text.slice(f.charOffset, f.charOffset + f.charLength));
  }
  return secretsAmong(raws);
}

/**
 * Every other place the text holds one of the secrets, masked; how many there were. One pass over the
 * text whatever the number of secrets (a findings-heavy run has thousands): a rolling hash of each
 * window of COPY_MIN characters is looked up among the secrets' first COPY_MIN characters', and a hit
 * is confirmed on the text (the longest secret there first).
 */
export function maskCopies(text: string, secrets: readonly string[]): { text: string; count: number } {
  if (secrets.length === 0 || text.length < COPY_MIN) return { text, count: 0 };
  const byStart = new Map<number, string[]>();
  for (const secret of secrets) {
    const h = windowHash(secret, 0);
    const list = byStart.get(h);
    if (list) list.push(secret);
    else byStart.set(h, [secret]);
  }
  // the first character's weight in a window's hash: B^(COPY_MIN - 1), modulo 2^32 as the hash is
  let first = 1;
  for (let k = 1; k < COPY_MIN; k++) first = Math.imul(first, HASH_BASE);
  const pieces: string[] = [];
  let count = 0;
  let copied = 0;
  let h = windowHash(text, 0);
  for (let i = 0; ; i++) {
    const candidates = i >= copied ? byStart.get(h) : undefined;
    if (candidates) {
      const secret = candidates.find((c) => text.startsWith(c, i));
      if (secret !== undefined) {
        pieces.push(text.slice(copied, i), MASK);
        copied = i + secret.length;
        count++;
      }
    }
    if (i + COPY_MIN >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), first), HASH_BASE) + text.charCodeAt(i + COPY_MIN)) | 0;
  }
  if (count === 0) return { text, count: 0 };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), count };
}

const HASH_BASE = 0x01000193;

/** The hash of text[at, at + COPY_MIN), as maskCopies rolls it. */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < COPY_MIN; k++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(at + k)) | 0;
  return h;
}

