/**
 * Everything the walk needs, built once per scan: the path automaton over all rules' selectors,
 * and for each rule the detectors it applies behind one keyword pre-filter.
 */
import type { Detector, DetectorMatch, Severity } from '../types.js';
import { renderedEnvVarDetector } from '../detectors/rendered-env-vars.js';
import { DETECTOR_RANK, DETECTORS, getDetector, resolveDetectors } from '../detectors/index.js';
import { COLUMN_DOC_FIELDS, findRule, GENERATED_FIELDS, RULES, type Rule } from '../rules/index.js';
import { compileSelector, PathMatcher } from './paths.js';
import { anchorsOf, DetectorSet, rawKeywords } from './prefilter.js';
import type { KeywordAnchors } from './keyword-scan.js';

/** A rule as configured for this scan. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

export interface CompiledRules {
  rules: readonly ActiveRule[];
  matcher: PathMatcher;
  /** Rule index for each selector group of the matcher. */
  ruleOfGroup: readonly number[];
  /** The group of machine-generated fields the fallback rule never reads. */
  skipGroup: number;
  /** The group of a column's documentation (COLUMN_DOC_FIELDS), which the fallback rule reads. */
  columnDocGroup: number;
  /** Index of the fallback rule (selectors: []), or -1 when it is disabled. */
  fallback: number;
  detectorSets: readonly (DetectorSet | undefined)[];
  /** For numbers: only detectors that judge by the key name. */
  numericSets: readonly (DetectorSet | undefined)[];
  /** For the keys of the objects a rule reads, when their names are the user's (RuleDefinition.readsKeys): the distinctive token formats it applies. */
  keySets: readonly (DetectorSet | undefined)[];
  /** Every keyword of every set, to search raw JSON text for (see rawKeywords); undefined: decode every value. */
  rawKeywords: readonly string[] | undefined;
  /** Anchors of the raw keywords, judged over every detector of every set (and the registry's). */
  rawAnchors: KeywordAnchors;
  /** Some rule applies env-var-rendered: the walks hand each compiled-code value its raw code's env_var() calls. */
  readsEnvVars: boolean;
  resolveOverlaps(matches: DetectorMatch[]): DetectorMatch[];
}

/** A detector from the config file, applied by the rules it names (default: every rule). */
export interface ExtraDetector {
  detector: Detector;
  rules: readonly string[] | undefined;
}

/** The rules of a scan as plain data, for a thread of its own to compile the same way. */
export interface PortableRules {
  rules: { id: string; severity: string }[] | undefined;
  disabledDetectors: string[];
}

/** The options' rules as plain data, or undefined when they cannot cross to a thread (config detectors and rules not built in are functions). */
export function portableRules(options: CompileOptions): PortableRules | undefined {
  if ((options.extraDetectors?.length ?? 0) > 0) return undefined;
  if (options.rules && !options.rules.every(({ rule }) => RULES.includes(rule))) return undefined;
  return { rules: options.rules?.map(({ rule, severity }) => ({ id: rule.id, severity })), disabledDetectors: [...(options.disabledDetectors ?? [])] };
}

/** Compile rules received as plain data (see portableRules). */
export function compilePortable(portable: PortableRules): CompiledRules {
  return compileRules({
    ...(portable.rules ? { rules: portable.rules.map(({ id, severity }) => ({ rule: findRule(id)!, severity: severity as Severity })) } : {}),
    disabledDetectors: new Set(portable.disabledDetectors),
  });
}

export interface CompileOptions {
  rules?: readonly ActiveRule[];
  disabledDetectors?: ReadonlySet<string>;
  extraDetectors?: readonly ExtraDetector[];
}

export function compileRules(options: CompileOptions = {}): CompiledRules {
  const rules = options.rules ?? RULES.map((rule) => ({ rule, severity: rule.severity }));
  const disabled = options.disabledDetectors ?? new Set<string>();
  const extra = options.extraDetectors ?? [];
  const groups = [];
  const ruleOfGroup: number[] = [];
  let fallback = -1;
  rules.forEach(({ rule }, index) => {
    if (rule.scope === 'artifacts' || rule.scope === 'page') return;
    if (rule.scope === 'fallback') {
      fallback = index;
      return;
    }
    groups.push(rule.compiledSelectors);
    ruleOfGroup.push(index);
  });
  // a rule turned off keeps its places, read by no rule: else the fallback read them (`compiled-code: off` reported the
  // same token as free-text, an error where compiled-code was off; `raw-code: off` made a warning an error). After the
  // rules that are on: a place one of them reads is still theirs
  const on = new Set(rules.map(({ rule }) => rule.id));
  for (const rule of RULES) {
    if (on.has(rule.id) || rule.scope === 'artifacts' || rule.scope === 'page' || rule.scope === 'fallback') continue;
    groups.push(rule.compiledSelectors);
    ruleOfGroup.push(-1);
  }
  // user-defined detectors are the most specific: they win the overlaps where their match covers the built-in one (see resolveOverlaps)
  const customRank = new Map(extra.map((e, i) => [e.detector.id, i - extra.length]));
  const skipGroup = groups.length;
  groups.push(GENERATED_FIELDS.map(compileSelector));
  ruleOfGroup.push(-1);
  // after the skipped fields: a rule's place or a generated field is theirs first
  const columnDocGroup = groups.length;
  groups.push(COLUMN_DOC_FIELDS.map(compileSelector));
  ruleOfGroup.push(fallback);

  const detectorSets = rules.map(({ rule }) => {
    const custom = extra.filter((e) => !e.rules || e.rules.includes(rule.id)).map((e) => e.detector);
    const detectors = [...custom, ...resolveDetectors(rule.detectors, disabled)];
    return detectors.length > 0 ? new DetectorSet(detectors) : undefined;
  });
  const keyName = getDetector('secret-key-name');
  const numericSets = rules.map(({ rule }) =>
    keyName && rule.detectors.includes('secret-key-name') && !disabled.has(keyName.id) ? new DetectorSet([keyName]) : undefined,
  );

  // (and a connection string's password: a URL written as a name, `{"postgresql://etl:…@db/prod": "alerts"}`)
  const distinctive = new Set(resolveDetectors(['@tokens-high', 'url-password'], disabled));
  const keySets = rules.map(({ rule }, index) => {
    const detectors = rule.readsKeys ? (detectorSets[index]?.detectors ?? []).filter((d) => distinctive.has(d)) : [];
    return detectors.length > 0 ? new DetectorSet(detectors) : undefined;
  });

  const raw = rawKeywords(detectorSets);
  const everyDetector = new Set<Detector>(DETECTORS);
  for (const set of detectorSets) for (const d of set?.detectors ?? []) everyDetector.add(d);
  return {
    rules,
    matcher: new PathMatcher(groups),
    ruleOfGroup,
    skipGroup,
    columnDocGroup,
    fallback,
    detectorSets,
    numericSets,
    keySets,
    rawKeywords: raw,
    rawAnchors: raw ? anchorsOf([...everyDetector], raw) : {},
    readsEnvVars: detectorSets.some((set) => set?.detectors.includes(renderedEnvVarDetector) === true),
    resolveOverlaps: (matches) => resolveOverlaps(matches, customRank),
  };
}

/**
 * Two detectors may find the same secret (a GitHub token assigned to "password"): keep the most
 * specific detector's match, and never two overlapping spans. A user's detector is the most specific where its match
 * covers the built-in ones it overlaps (its own format, the same span or more); where it covers part of one only, the
 * built-in match stays: an 8-character custom match took the place of a verified 40-character GitHub token, and an
 * allowlist of the short values then passed the token (red team 97).
 */
function resolveOverlaps(matches: DetectorMatch[], customRank: ReadonlyMap<string, number>): DetectorMatch[] {
  if (matches.length < 2) return matches;
  const rank = (m: DetectorMatch) => customRank.get(m.detectorId) ?? DETECTOR_RANK.get(m.detectorId) ?? Number.MAX_SAFE_INTEGER;
  if (customRank.size === 0 || !matches.some((m) => customRank.has(m.detectorId))) return disjointByRank(matches, rank);
  const builtIn = disjointByRank(matches.filter((m) => !customRank.has(m.detectorId)), rank);
  const custom = disjointByRank(matches.filter((m) => customRank.has(m.detectorId)), rank);
  // both by start and disjoint: one pointer over the built-in matches
  const replaced = new Set<DetectorMatch>();
  const won: DetectorMatch[] = [];
  let p = 0;
  for (const c of custom) {
    while (p < builtIn.length && builtIn[p]!.end <= c.start) p++;
    let q = p;
    let covers = true;
    for (; q < builtIn.length && builtIn[q]!.start < c.end; q++) if (builtIn[q]!.start < c.start || builtIn[q]!.end > c.end) covers = false;
    if (!covers) continue;
    for (let k = p; k < q; k++) replaced.add(builtIn[k]!);
    won.push(c);
  }
  return mergeByStart(replaced.size > 0 ? builtIn.filter((m) => !replaced.has(m)) : builtIn, won);
}

/** Matches without overlaps: by rank, then by start; what is kept, by start. */
function disjointByRank(matches: DetectorMatch[], rank: (m: DetectorMatch) => number): DetectorMatch[] {
  if (matches.length < 2) return matches;
  const ordered = [...matches].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  // One rank at a time, by start: a match is checked against the kept spans (disjoint, by start;
  // one pointer moves forward) and against the last one kept of its own rank. Linear in the
  // matches per rank, where comparing each with every kept one was quadratic (1 MB of `pwd='`).
  let kept: DetectorMatch[] = [];
  for (let i = 0; i < ordered.length; ) {
    const r = rank(ordered[i]!);
    const accepted: DetectorMatch[] = [];
    let p = 0;
    for (; i < ordered.length && rank(ordered[i]!) === r; i++) {
      const m = ordered[i]!;
      while (p < kept.length && kept[p]!.end <= m.start) p++;
      if (p < kept.length && kept[p]!.start < m.end) continue;
      if (accepted.length > 0 && accepted.at(-1)!.end > m.start) continue;
      accepted.push(m);
    }
    kept = mergeByStart(kept, accepted);
  }
  return kept;
}

function mergeByStart(a: DetectorMatch[], b: DetectorMatch[]): DetectorMatch[] {
  if (b.length === 0) return a;
  const out: DetectorMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start) ? a[i++]! : b[j++]!);
  return out;
}
