/**
 * static_index.html around its embedded artifacts: the page's markup, comments, attribute values
 * and inline scripts, read by the static-html-page rule with positions in the HTML file. dbt's own
 * script bundle (the script the artifacts are inlined in) is code full of `token`, `key` and
 * `password`: only the rule's high-confidence token formats read it, without decoding layers.
 */
import type { Detector, DetectorMatch, Finding } from '../types.js';
import { pagePieces, type EmbeddedSegment } from '../artifacts/html.js';
import { DETECTOR_GROUPS } from '../detectors/index.js';
import type { Suppressor } from '../findings/suppress.js';
import type { CompiledRules } from './compile.js';
import type { DetectorSet } from './prefilter.js';
import { keywordForms } from './keyword-forms.js';
import { KeywordScanner } from './keyword-scan.js';
import { textFindings, type TextPlace } from './text-scan.js';
import { detectValue, NO_CONTEXT } from './walk.js';

export const PAGE_RULE = 'static-html-page';

const HIGH = new Set(DETECTOR_GROUPS['tokens-high']);

/** Around a keyword, what a token format reads of the bundle: the name before it, and the longest token after it (a PEM key). */
const BEFORE = 256;
const AFTER = 8192;

/**
 * dbt's bundle as the high-confidence token formats read it: one search for their keywords only
 * (the registry's, `key`, `token`, `password`, come thousands of times in the bundle and each was
 * tested), then each format only in windows around its keywords (a generic word such as `-us` or
 * `authorization` selected a format that then scanned all 1.7 MB).
 */
class BundleReader {
  private readonly scanner: KeywordScanner;
  /** For each keyword searched (by index), the formats with a keyword inside it. */
  private readonly owners: (readonly Detector[])[];

  constructor(readonly detectors: readonly Detector[]) {
    const keywords = [...new Set(detectors.flatMap((d) => d.keywords.flatMap(keywordForms)))].sort();
    this.scanner = new KeywordScanner(keywords);
    this.owners = keywords.map((k) => detectors.filter((d) => d.keywords.some((own) => keywordForms(own).some((form) => k.includes(form)))));
  }

  detect(value: string): DetectorMatch[] {
    const ids: number[] = [];
    const starts: number[] = [];
    // (not every place listed: each format found reads the whole bundle once)
    const everyPlace = this.scanner.scanString(value, ids, starts);
    // each format's windows, merged as they come (keywords are found in order)
    const windows = new Map<Detector, number[]>();
    for (let i = 0; i < ids.length; i++) {
      if (!everyPlace) {
        for (const d of this.owners[ids[i]!]!) windows.set(d, [0, value.length]);
        continue;
      }
      const from = Math.max(0, starts[i]! - BEFORE);
      const to = Math.min(value.length, starts[i]! + AFTER);
      for (const d of this.owners[ids[i]!]!) {
        const spans = windows.get(d);
        if (!spans) windows.set(d, [from, to]);
        else if (from <= spans[spans.length - 1]!) spans[spans.length - 1] = to;
        else spans.push(from, to);
      }
    }
    let matches: DetectorMatch[] = [];
    for (const [d, spans] of windows) {
      const found: DetectorMatch[] = [];
      let whole = false;
      for (let w = 0; w < spans.length && !whole; w += 2) {
        const from = spans[w]!;
        const to = spans[w + 1]!;
        for (const m of d.detect(value.slice(from, to), NO_CONTEXT)) {
          // a match at a window's edge may be cut there, or its boundary test fooled: the format reads the whole bundle once
          if ((m.start === 0 && from > 0) || (m.end === to - from && to < value.length)) whole = true;
          else found.push({ ...m, start: m.start + from, end: m.end + from });
        }
      }
      matches = matches.concat(whole ? d.detect(value, NO_CONTEXT) : found);
    }
    return matches;
  }
}

/** For each rule's set, a reader of its high-confidence token formats (undefined: none), made once. */
const BUNDLE_READERS = new WeakMap<DetectorSet, BundleReader | undefined>();

function bundleReader(set: DetectorSet): BundleReader | undefined {
  if (!BUNDLE_READERS.has(set)) {
    const high = set.detectors.filter((d) => HIGH.has(d.id) && d.keywords.length > 0);
    BUNDLE_READERS.set(set, high.length > 0 ? new BundleReader(high) : undefined);
  }
  return BUNDLE_READERS.get(set);
}

export interface PageScanContext {
  file: string;
  text: string;
  segments: readonly EmbeddedSegment[];
  compiled: CompiledRules;
  salt: string;
  suppressor: Suppressor;
}

export function scanPage(ctx: PageScanContext): Finding[] {
  const ruleIndex = ctx.compiled.rules.findIndex(({ rule }) => rule.id === PAGE_RULE);
  const set = ruleIndex >= 0 ? ctx.compiled.detectorSets[ruleIndex] : undefined;
  if (!set) return [];
  const bundle = bundleReader(set);
  const matches: DetectorMatch[] = [];
  const places = new Map<DetectorMatch, TextPlace>();
  for (const piece of pagePieces(ctx.text, ctx.segments)) {
    const value = ctx.text.slice(piece.start, piece.end);
    let found: readonly DetectorMatch[] | undefined;
    if (!piece.tokensOnly) found = detectValue(ctx.compiled, set, value, () => (piece.key === undefined ? NO_CONTEXT : { key: piece.key }));
    else if (bundle) found = ctx.compiled.resolveOverlaps(bundle.detect(value));
    for (const m of found ?? []) {
      const at = { ...m, start: m.start + piece.start, end: m.end + piece.start };
      matches.push(at);
      places.set(at, { location: piece.where, where: piece.where });
    }
  }
  if (matches.length === 0) return [];
  return textFindings({ ...ctx, kind: 'static-html', projectDir: undefined }, ctx.compiled.rules[ruleIndex]!, matches, (m) => places.get(m)!);
}
