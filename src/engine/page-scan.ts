/**
 * static_index.html around its embedded artifacts: the page's markup, comments, attribute values
 * and inline scripts, read by the static-html-page rule with positions in the HTML file. dbt's own
 * script bundle (the script the artifacts are inlined in) is code full of `token`, `key` and
 * `password`: only the rule's high-confidence token formats read it, without decoding layers.
 */
import type { DetectorMatch, Finding } from '../types.js';
import { pagePieces, type EmbeddedSegment } from '../artifacts/html.js';
import { DETECTOR_GROUPS } from '../detectors/index.js';
import type { Suppressor } from '../findings/suppress.js';
import type { CompiledRules } from './compile.js';
import { DetectorSet } from './prefilter.js';
import { textFindings, type TextPlace } from './text-scan.js';
import { detectValue, runDetectors, NO_CONTEXT } from './walk.js';

export const PAGE_RULE = 'static-html-page';

const HIGH = new Set(DETECTOR_GROUPS['tokens-high']);

/** For each rule's set, its high-confidence token formats (undefined: none), made once. */
const TOKENS_ONLY = new WeakMap<DetectorSet, DetectorSet | undefined>();

function tokensOnly(set: DetectorSet): DetectorSet | undefined {
  if (!TOKENS_ONLY.has(set)) {
    const high = set.detectors.filter((d) => HIGH.has(d.id));
    TOKENS_ONLY.set(set, high.length > 0 ? new DetectorSet(high) : undefined);
  }
  return TOKENS_ONLY.get(set);
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
  const high = tokensOnly(set);
  const matches: DetectorMatch[] = [];
  const places = new Map<DetectorMatch, TextPlace>();
  for (const piece of pagePieces(ctx.text, ctx.segments)) {
    const value = ctx.text.slice(piece.start, piece.end);
    let found: readonly DetectorMatch[] | undefined;
    if (!piece.tokensOnly) found = detectValue(ctx.compiled, set, value, () => (piece.key === undefined ? NO_CONTEXT : { key: piece.key }));
    else if (high) found = ctx.compiled.resolveOverlaps(runDetectors(high.select(value), value, NO_CONTEXT));
    for (const m of found ?? []) {
      const at = { ...m, start: m.start + piece.start, end: m.end + piece.start };
      matches.push(at);
      places.set(at, { location: piece.where, where: piece.where });
    }
  }
  if (matches.length === 0) return [];
  return textFindings({ ...ctx, kind: 'static-html', projectDir: undefined }, ctx.compiled.rules[ruleIndex]!, matches, (m) => places.get(m)!);
}
