/**
 * `dbt docs generate --static` writes target/static_index.html with the manifest and catalog
 * inlined verbatim into its JavaScript (`var n = { manifest: {…}, catalog: {…} }`). We scan only
 * those embedded JSON values, never the minified bundle around them, and keep positions true to
 * the HTML file.
 */
import { openArtifact } from '../sources/index.js';
import { JsonSyntaxError, skipValue } from './json-text.js';

/** An embedded artifact is a JSON object that starts with its metadata and schema version. */
const EMBEDDED_START = /\{\s*"metadata"\s*:\s*\{\s*"dbt_schema_version"\s*:/g;

export interface EmbeddedSegment {
  start: number;
  end: number;
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*<(?:!doctype|html|head|script|meta)/i.test(text.slice(0, 512));
}

/**
 * Whether a file or an object is a page with a dbt artifact inlined, whatever its name (a published docs site serves
 * `dbt docs generate --static`'s page as index.html): HTML by its head, and the start of an inlined artifact anywhere,
 * read a chunk at a time up to the first (dbt's own target/index.html, 1.7 MB of script and no data, is read once; an
 * object is streamed from its start, and let go there). False when it cannot be read (its scan, if any, says why).
 */
export function isDocsPage(file: string): boolean {
  let opened;
  try {
    opened = openArtifact(file);
  } catch {
    return false;
  }
  if (!opened) return false;
  try {
    const chunk = Buffer.allocUnsafe(PAGE_CHUNK);
    let carried = '';
    // whether the text read so far ends inside a <script> element
    let inScript = false;
    for (let at = 0; ; ) {
      const n = opened.read(chunk, 0, Math.min(chunk.length, opened.size - at), at);
      if (n <= 0) return false;
      const text = carried + chunk.toString('latin1', 0, n);
      if (at === 0 && !looksLikeHtml(text)) return false;
      EMBEDDED_START.lastIndex = 0;
      for (let m = EMBEDDED_START.exec(text); m !== null; m = EMBEDDED_START.exec(text)) if (scriptAt(text, m.index, inScript)) return true;
      inScript = scriptAt(text, text.length, inScript);
      at += n;
      // (an artifact's start cut by the chunk's end is whole in the next: the longest start spaced as dbt writes it)
      carried = text.slice(-PAGE_OVERLAP);
    }
  } catch {
    return false;
  } finally {
    opened.close();
  }
}

/**
 * Whether `text` at `end` is inside a <script> element, by the last tag that opens or closes one before it (`before`: the
 * state at the text's start). dbt inlines its artifacts in its bundle's script; an artifact's start elsewhere is a page
 * that quotes one (a team's publishing guide in a <pre>: red team 99, whose page was taken for dbt's and failed the run).
 */
function scriptAt(text: string, end: number, before: boolean): boolean {
  let state = before;
  SCRIPT_TAG.lastIndex = 0;
  for (let m = SCRIPT_TAG.exec(text); m !== null && m.index < end; m = SCRIPT_TAG.exec(text)) state = m[1] !== '/';
  return state;
}

const SCRIPT_TAG = /<(\/?)script\b/gi;

const PAGE_CHUNK = 1024 * 1024;
const PAGE_OVERLAP = 256;

/** Start and end offsets of each embedded artifact; a truncated one ends at the end of the text. */
export function embeddedArtifacts(text: string): EmbeddedSegment[] {
  const segments: EmbeddedSegment[] = [];
  EMBEDDED_START.lastIndex = 0;
  for (let m = EMBEDDED_START.exec(text); m !== null; m = EMBEDDED_START.exec(text)) {
    let end: number;
    try {
      end = skipValue(text, m.index);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      end = text.length;
    }
    segments.push({ start: m.index, end });
    EMBEDDED_START.lastIndex = end;
  }
  return segments;
}

/**
 * The segment as a JSON text of the same length up to its end: everything before it becomes spaces
 * (line breaks kept), so JSON.parse reads it and every offset, line and column is the HTML file's.
 */
export function segmentView(text: string, segment: EmbeddedSegment): string {
  return text.slice(0, segment.start).replace(/[^\n]/g, ' ') + text.slice(segment.start, segment.end);
}

/**
 * A piece of the page around the embedded artifacts, to scan as text: a comment, text between
 * tags, an attribute's value, an inline script or style. `where` says which, for people and for
 * fingerprints (tag and attribute names, never a value); `key` is the name a value is read under
 * (the attribute's, a `<meta>` tag's name or property for its content).
 */
export interface PagePiece {
  start: number;
  end: number;
  where: string;
  key?: string;
  /** dbt's own bundle (the script the artifacts are inlined in, or any script this large) or a style: only distinctive token formats are read there. */
  tokensOnly: boolean;
}

/**
 * A script at least this long is a library, not a snippet: dbt's bundle is 1.7 MB without its
 * artifacts, an analytics or tag-manager snippet a few KB. Its code is full of `token`, `key` and
 * `password` (Angular, highlight.js, lodash), so only token formats are read in it.
 */
export const BUNDLE_MIN_CHARS = 64 * 1024;

/** Attribute names longer than this are not names (a page cut mid-tag, or written to make us work). */
const MAX_NAME = 128;

/**
 * Attributes of web-analytics snippets whose value is the site's public id, in every page it counts: Cloudflare Web
 * Analytics' `data-cf-beacon='{"token": "…"}'`, Umami's `data-website-id`, Fathom's `data-site`, Plausible's
 * `data-domain`. Only distinctive token formats are read there.
 */
const PUBLIC_SITE_IDS: ReadonlySet<string> = new Set(['data-cf-beacon', 'data-website-id', 'data-site', 'data-domain']);

/** `<meta>` attributes that name what its `content` holds. */
const META_NAMES = ['name', 'property', 'http-equiv', 'itemprop'];

/**
 * The page outside the embedded artifacts, as pieces to scan: one forward pass, each character
 * read a bounded number of times. A page cut short ends its last piece at the end of the text.
 */
export function pagePieces(text: string, segments: readonly EmbeddedSegment[]): PagePiece[] {
  const pieces: PagePiece[] = [];
  const n = text.length;
  // the next embedded artifact not yet passed (segments are in order): each is looked at once
  const cursor = { next: 0 };
  let at = 0;
  // the next `<` at or after `at` (-1: none), searched again only once passed
  let lt = -2;
  while (at < n) {
    if (lt !== -1 && lt < at) lt = text.indexOf('<', at);
    while (cursor.next < segments.length && segments[cursor.next]!.end <= at) cursor.next++;
    const segment = segments[cursor.next];
    // an artifact outside any script (not dbt's page, but the JSON is data wherever it is): passed over whole
    if (segment && segment.start < (lt < 0 ? n : lt)) {
      if (segment.start > at) addText(pieces, text, at, segment.start);
      at = Math.max(at, segment.end);
      continue;
    }
    const tagAt = lt < 0 ? n : lt;
    if (tagAt > at) addText(pieces, text, at, tagAt);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      const end = close < 0 ? n : close;
      pieces.push({ start: lt + 4, end, where: 'an HTML comment', tokensOnly: false });
      at = close < 0 ? n : close + 3;
      continue;
    }
    const name = tagName(text, lt + 1);
    if (name === undefined) {
      // `a < b` in text, `</div>`, `<!doctype html>`: `<` is text here, or a tag without values
      const close = text[lt + 1] === '/' || text[lt + 1] === '!' ? text.indexOf('>', lt) : lt;
      if (close < 0) break;
      if (close === lt) addText(pieces, text, lt, lt + 1);
      at = close + 1;
      continue;
    }
    const tag = readTag(text, lt + 1 + name.length, name, pieces);
    at = tag.end;
    if ((name === 'script' || name === 'style') && !tag.selfClosed) at = rawText(text, at, name, segments, cursor, pieces);
  }
  return outside(pieces, segments);
}

/** The pieces without the embedded artifacts (a tag or comment left open before one would hold it): both are in order, one pass. */
function outside(pieces: PagePiece[], segments: readonly EmbeddedSegment[]): PagePiece[] {
  if (segments.length === 0) return pieces;
  const out: PagePiece[] = [];
  let s = 0;
  for (const piece of pieces) {
    while (s < segments.length && segments[s]!.end <= piece.start) s++;
    let start = piece.start;
    for (let k = s; k < segments.length && segments[k]!.start < piece.end; k++) {
      if (segments[k]!.start > start) out.push({ ...piece, start, end: segments[k]!.start });
      start = Math.max(start, segments[k]!.end);
    }
    if (piece.end > start) out.push({ ...piece, start });
  }
  return out;
}

/** Text between tags, when it holds more than white space. */
function addText(pieces: PagePiece[], text: string, start: number, end: number): void {
  if (/\S/.test(text.slice(start, Math.min(end, start + 256))) || (end - start > 256 && /\S/.test(text.slice(start, end)))) pieces.push({ start, end, where: 'the page text', tokensOnly: false });
}

/** The lower-case name of a start tag whose name begins at `at`, or undefined when none does. */
function tagName(text: string, at: number): string | undefined {
  const c = text.charCodeAt(at);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return undefined;
  let end = at + 1;
  while (end < text.length && end - at < MAX_NAME && /[A-Za-z0-9:-]/.test(text[end]!)) end++;
  return text.slice(at, end).toLowerCase();
}

/** A start tag's attributes from `at` to its `>`: each value a piece, read under its attribute's name (a `<meta>`'s content under its name). */
function readTag(text: string, at: number, tag: string, pieces: PagePiece[]): { end: number; selfClosed: boolean } {
  const n = text.length;
  const values: { name: string; start: number; end: number }[] = [];
  let i = at;
  let selfClosed = false;
  while (i < n) {
    const c = text[i]!;
    if (c === '>') {
      i++;
      break;
    }
    if (c === '/') {
      selfClosed = text[i + 1] === '>';
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && i - nameStart < MAX_NAME && !/[\s=>/]/.test(text[i]!)) i++;
    // a name longer than MAX_NAME goes on as another one: never more than MAX_NAME read per step
    const name = text.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && j - i < MAX_NAME && /\s/.test(text[j]!)) j++;
    if (text[j] !== '=') continue;
    j++;
    while (j < n && j - i < 2 * MAX_NAME && /\s/.test(text[j]!)) j++;
    const quote = text[j];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, j + 1);
      const end = close < 0 ? n : close;
      values.push({ name, start: j + 1, end });
      i = close < 0 ? n : close + 1;
    } else {
      let end = j;
      while (end < n && !/[\s>]/.test(text[end]!)) end++;
      values.push({ name, start: j, end });
      i = end;
    }
  }
  const metaName = tag === 'meta' ? values.find((v) => META_NAMES.includes(v.name)) : undefined;
  for (const v of values) {
    if (v.end <= v.start) continue;
    const key = v.name === 'content' && metaName ? text.slice(metaName.start, Math.min(metaName.end, metaName.start + MAX_NAME)) : v.name;
    pieces.push({ start: v.start, end: v.end, where: `a <${tag}> tag's ${v.name} attribute`, key, tokensOnly: PUBLIC_SITE_IDS.has(v.name) });
  }
  return { end: i, selfClosed };
}

/** A script's or style's content from `at` to its end tag (or the end of the text), past the embedded artifacts in it; returns where the end tag ends. */
function rawText(text: string, at: number, tag: 'script' | 'style', segments: readonly EmbeddedSegment[], cursor: { next: number }, pieces: PagePiece[]): number {
  const closer = new RegExp(`</${tag}`, 'gi');
  let from = at;
  const inside: EmbeddedSegment[] = [];
  let end = text.length;
  for (;;) {
    closer.lastIndex = from;
    const m = closer.exec(text);
    const close = m ? m.index : text.length;
    // an end tag written inside an embedded artifact is data: search on past the artifact
    while (cursor.next < segments.length && segments[cursor.next]!.start < from) cursor.next++;
    const segment = segments[cursor.next];
    if (segment && segment.start < close) {
      inside.push(segment);
      cursor.next++;
      from = segment.end;
      continue;
    }
    end = close;
    break;
  }
  const bundle = inside.length > 0 || end - at >= BUNDLE_MIN_CHARS;
  const where = tag === 'style' ? 'an inline style' : bundle ? "dbt's script bundle" : 'an inline script';
  let start = at;
  for (const s of inside) {
    if (s.start > start) pieces.push({ start, end: s.start, where, tokensOnly: bundle || tag === 'style' });
    start = s.end;
  }
  if (end > start) pieces.push({ start, end, where, tokensOnly: bundle || tag === 'style' });
  const gt = text.indexOf('>', end);
  return end >= text.length || gt < 0 ? text.length : gt + 1;
}
