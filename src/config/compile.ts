/**
 * Compile a parsed config into what the engine uses, checking meaning on the way: rule and
 * detector ids exist, regexes compile and cannot backtrack catastrophically (regex-audit.ts), custom
 * patterns match their own examples, globs and JSONPath selectors compile.
 */
import micromatch from 'micromatch';
import { ConfigError } from '../errors.js';
import { DETECTORS, DETECTOR_GROUPS, getDetector } from '../detectors/index.js';
import { shannonEntropy } from '../detectors/entropy.js';
import { isPlaceholder } from '../detectors/placeholders.js';
import { compileSelector, SelectorError, type CompiledSelector } from '../engine/paths.js';
import type { ActiveRule, ExtraDetector } from '../engine/compile.js';
import { RULES } from '../rules/index.js';
import type { Detector, DetectorMatch, Severity } from '../types.js';
import { ALLOWLIST_ENTRY_KEY, EXPIRES_FORMAT, type AllowlistConfig, type AllowlistList, type ConfigFile, type CustomDetectorConfig } from './schema.js';
import { closest } from '../util/did-you-mean.js';
import { expiryOf } from '../util/expiry.js';
import { auditRegex } from './regex-audit.js';

/** What allowlist.nodes matches of a finding's node. */
type AllowlistNode = { uniqueId: string; fqn: readonly string[] | undefined };

/** One allowlist entry, compiled: what it matches, and the reason its object form gives (the suppression's justification). */
export interface AllowlistEntry<Matcher> {
  matches: Matcher;
  reason?: string | undefined;
}

/** The entries in force: an entry whose `expires` passed is left out (and said in ResolvedConfig.warnings). */
export interface CompiledAllowlist {
  paths: AllowlistEntry<(file: string) => boolean>[];
  nodes: AllowlistEntry<(node: AllowlistNode) => boolean>[];
  jsonPaths: AllowlistEntry<CompiledSelector>[];
  values: AllowlistEntry<RegExp>[];
  /** Each fingerprint with its entry's reason. */
  fingerprints: Map<string, string | undefined>;
}

export interface ResolvedConfig {
  files: string[];
  rules: ActiveRule[];
  disabledDetectors: Set<string>;
  extraDetectors: ExtraDetector[];
  allowlist: CompiledAllowlist;
  failOn: Severity | 'none' | undefined;
  salt: string | undefined;
  maxFileSize: number | undefined;
  /**
   * What the config turns off of the gate, said on each run so that it is not done without a word (red team 97): every
   * rule off, an allowlist.paths glob that matches every target's artifacts, an allowlist entry that expired. (failOn
   * none: see runScan, where the command line may set it again.)
   */
  warnings: string[];
}

/** `now`: when the allowlist entries' `expires` are read against (the run's --now in tests). */
export function compileConfig(config: ConfigFile, files: string[], now: Date = new Date()): ResolvedConfig {
  const where = files[0] ?? 'config';
  const fail = (keyPath: string, message: string): never => {
    throw new ConfigError(`${where}: ${keyPath}: ${message}`);
  };

  for (const id of Object.keys(config.rules ?? {})) {
    if (!RULES.some((r) => r.id === id)) fail(`rules.${id}`, `unknown rule${didYouMean(id, RULES.map((r) => r.id))}; known rules: ${RULES.map((r) => r.id).join(', ')}`);
  }
  const rules: ActiveRule[] = [];
  for (const rule of RULES) {
    const setting = config.rules?.[rule.id];
    if (setting === 'off') continue;
    rules.push({ rule, severity: setting ?? rule.severity });
  }

  const customIds = new Set((config.customDetectors ?? []).map((d) => d.id));
  const disabledDetectors = new Set<string>();
  for (const [ref, setting] of Object.entries(config.detectors ?? {})) {
    const ids = ref.startsWith('@') ? DETECTOR_GROUPS[ref.slice(1)] : getDetector(ref) || customIds.has(ref) ? [ref] : undefined;
    if (!ids) {
      const known = [...DETECTORS.map((d) => d.id), ...Object.keys(DETECTOR_GROUPS).map((g) => `@${g}`), ...customIds];
      fail(`detectors.${ref}`, `unknown detector${didYouMean(ref, known)}; run "dbt-tools-lint rules" for the list`);
    }
    if (setting === 'off') ids!.forEach((id) => disabledDetectors.add(id));
  }

  const extraDetectors = (config.customDetectors ?? []).map((d, i) => compileCustomDetector(d, `customDetectors[${i}]`, fail));
  const warnings: string[] = [];
  if (rules.length === 0) warnings.push(`${where}: every rule is off: no secret is looked for`);
  const lists = Object.keys(ALLOWLIST_ENTRY_KEY) as AllowlistList[];
  const inForce = Object.fromEntries(lists.map((list) => [list, entriesInForce(config.allowlist ?? {}, list, now, fail, (message) => warnings.push(`${where}: ${message}`))])) as Record<AllowlistList, WrittenEntry[]>;
  const allowlist = compileAllowlist(inForce, fail);
  inForce.paths.forEach(({ entry: glob, place }) => {
    if (!glob.startsWith('!') && ANY_TARGET.every(pathGlob(glob))) warnings.push(`${where}: ${place} (${glob}) matches every target's artifacts: it allowlists every secret a scan finds in them`);
  });
  return {
    files,
    rules,
    disabledDetectors,
    extraDetectors: extraDetectors.filter((e) => !disabledDetectors.has(e.detector.id)),
    allowlist,
    failOn: config.failOn,
    salt: config.salt,
    maxFileSize: config.maxFileSize,
    warnings,
  };
}

/** Artifacts of any target, a project's and a run's in an archive: a path glob that matches them all matches every one (see ResolvedConfig.warnings). */
const ANY_TARGET = ['target/manifest.json', 'prod/target/run_results.json', 'runs/2026-12-01/target/catalog.json'];

/** A regex from a config file: must compile and must not backtrack catastrophically (see regex-audit.ts). */
function safeRegex(source: string, flags: string, keyPath: string, fail: (k: string, m: string) => never): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch {
    return fail(keyPath, 'not a valid JavaScript regular expression');
  }
  const verdict = auditRegex(source, flags);
  if (!verdict.safe) fail(keyPath, verdict.by === 'built-in' ? `${verdict.why}; bound its repetitions (such as {1,64}), or install recheck for the full audit: npm i -D recheck` : verdict.why);
  return re;
}

function compileCustomDetector(d: CustomDetectorConfig, keyPath: string, fail: (k: string, m: string) => never): ExtraDetector {
  if (getDetector(d.id)) fail(`${keyPath}.id`, `"${d.id}" is a built-in detector id; choose another`);
  for (const r of d.rules ?? []) {
    if (!RULES.some((rule) => rule.id === r)) fail(`${keyPath}.rules`, `unknown rule "${r}"${didYouMean(r, RULES.map((x) => x.id))}`);
  }
  const flags = `g${d.flags ?? ''}`;
  const re = safeRegex(d.regex, flags, `${keyPath}.regex`, fail);
  const keywords = d.keywords.map((k) => k.toLowerCase());
  const group = d.secretGroup;
  if (typeof group === 'string' && !d.regex.includes(`(?<${group}>`)) fail(`${keyPath}.secretGroup`, `the regex has no group named "${group}"`);
  if (typeof group === 'number') {
    const groups = new RegExp(`${d.regex}|`).exec('')!.length - 1;
    if (group > groups) fail(`${keyPath}.secretGroup`, `the regex has ${groups} capture group(s), not ${group}`);
  }
  const detector: Detector = {
    id: d.id,
    title: d.title ?? d.id,
    keywords,
    detect(value): DetectorMatch[] {
      const out: DetectorMatch[] = [];
      re.lastIndex = 0;
      for (const m of value.matchAll(re)) {
        const secret = typeof group === 'string' ? m.groups?.[group] : group !== undefined ? m[group] : m[0];
        if (!secret || isPlaceholder(secret)) continue;
        if (d.entropy !== undefined && shannonEntropy(secret) < d.entropy) continue;
        const within = typeof group === 'undefined' ? 0 : m[0].indexOf(secret);
        out.push({ detectorId: d.id, start: m.index + within, end: m.index + within + secret.length, description: d.title ?? d.id });
      }
      return out;
    },
  };
  d.examples.forEach((example, i) => {
    if (!keywords.some((k) => example.toLowerCase().includes(k))) fail(`${keyPath}.examples[${i}]`, 'contains none of the keywords, so the pattern would never run on it');
    if (detector.detect(example, { key: undefined }).length === 0) fail(`${keyPath}.examples[${i}]`, 'the pattern does not match this example (or the match is a placeholder or below the entropy floor)');
  });
  return { detector, rules: d.rules };
}

/** An allowlist entry as written, its place in the config (`allowlist.values[2]`) and the reason given with it. */
interface WrittenEntry {
  entry: string;
  place: string;
  reason: string | undefined;
}

/**
 * A list's entries that hold at `now`: a string for ever, an object until its `expires` (read as a node's meta
 * suppression's is: expiryOf). One that expired allowlists nothing and is said once, by its place and date only (a value
 * pattern may hold the secret it accepted); a policy's "accept this test key until the end of the quarter" lasted for
 * ever (red team 97).
 */
function entriesInForce(a: AllowlistConfig, list: AllowlistList, now: Date, fail: (k: string, m: string) => never, warn: (message: string) => void): WrittenEntry[] {
  const key = ALLOWLIST_ENTRY_KEY[list];
  const inForce: WrittenEntry[] = [];
  (a[list] ?? []).forEach((written: string | Record<string, string>, i) => {
    const place = `allowlist.${list}[${i}]`;
    if (typeof written === 'string') return void inForce.push({ entry: written, place, reason: undefined });
    const entry = written[key]!;
    // an exception that lapsed would widen what its list allowlists: an exception is written as a string, for as long as the list holds
    if (entry.startsWith('!') && (list === 'paths' || list === 'nodes')) fail(`${place}.${key}`, 'an exception (!GLOB) cannot expire: write it as a string, and give the entries it is an exception to their expires');
    const until = expiryOf(written.expires!);
    if (Number.isNaN(until)) fail(`${place}.expires`, `not a date: ${EXPIRES_FORMAT}`);
    if (until > now.getTime()) inForce.push({ entry, place, reason: written.reason });
    else warn(`${place} expired (${written.expires}): it allowlists nothing; renew or remove it`);
  });
  return inForce;
}

function compileAllowlist(entries: Record<AllowlistList, WrittenEntry[]>, fail: (k: string, m: string) => never): CompiledAllowlist {
  const withReason = <M>(matches: M, { reason }: WrittenEntry): AllowlistEntry<M> => ({ matches, reason });
  return {
    paths: withExceptions(entries.paths, pathGlob),
    nodes: withExceptions(entries.nodes, (selector, place) => compileNodeSelector(selector, place, fail)),
    jsonPaths: entries.jsonPaths.map((written) => {
      try {
        return withReason(compileSelector(written.entry), written);
      } catch (error) {
        return fail(written.place, error instanceof SelectorError ? error.message : 'not a valid JSONPath selector');
      }
    }),
    values: entries.values.map((written) => withReason(valuePattern(written.entry, written.place, fail), written)),
    fingerprints: new Map(entries.fingerprints.map(({ entry, reason }) => [entry, reason])),
  };
}

/** An allowlist.paths glob: a path it matches, from the path's start or from any folder in it. */
function pathGlob(glob: string): (file: string) => boolean {
  // both matchers compiled once: isMatch would compile the glob again for every finding
  const match = micromatch.matcher(glob, { dot: true });
  const deep = micromatch.matcher(`**/${glob}`, { dot: true });
  return (file: string) => match(file) || deep(file);
}

/**
 * A list of globs where `!glob` is an exception, as in .gitignore and micromatch's lists: what a glob before or after
 * it allowlists is not allowlisted where the exception matches. Each glob was matched alone and the answers or-ed: a
 * negated glob matches everything it does not name, and `["**\/dbt_packages/**", "!**\/dbt_packages/acme/**"]`
 * allowlisted every file (red team 97). A list of exceptions only allowlists nothing. Each glob is an entry, with the
 * list's exceptions (its reason is the justification of what it allowlists).
 */
function withExceptions<T>(globs: readonly WrittenEntry[], compile: (glob: string, place: string) => (input: T) => boolean): AllowlistEntry<(input: T) => boolean>[] {
  const included: AllowlistEntry<(input: T) => boolean>[] = [];
  const excepted: ((input: T) => boolean)[] = [];
  for (const { entry: glob, place, reason } of globs) {
    if (glob.startsWith('!')) excepted.push(compile(glob.slice(1), place));
    else included.push({ matches: compile(glob, place), reason });
  }
  return included.map(({ matches, reason }) => ({ matches: (input: T) => matches(input) && !excepted.some((match) => match(input)), reason }));
}

/**
 * An allowlist's value pattern: safe (safeRegex), and not one that any value matches. A pattern that matches the empty
 * string (a `|` left at the end of a list, `(…)?`, `.*`) finds a match in every secret: it turned the gate off without
 * a word (red team 97). So does one that matches values of every shape, told by four that have nothing in common.
 */
function valuePattern(source: string, keyPath: string, fail: (k: string, m: string) => never): RegExp {
  const re = safeRegex(source, '', keyPath, fail);
  if (re.test('')) fail(keyPath, 'matches the empty string, so it matches every value and would allowlist every secret (an empty alternative, such as a | at the end, or a pattern that may match nothing); anchor it to the values meant, such as ^sk_test_');
  if (UNALIKE_VALUES.every((value) => re.test(value))) fail(keyPath, 'matches values of every shape (a token, a password, a key, a connection string), so it would allowlist every secret; anchor it to the values meant, such as ^sk_test_');
  return re;
}

/** Four secrets with no part in common (see valuePattern). */
const UNALIKE_VALUES = ['ghp_Zq8kLm2vX9Wp4tR7yB3nC6dF1gH5jK0sA2eQ', 'Tr0ub4dor&3', 'AKIAQ3EGRXLBV7NEXAMP', 'postgresql://etl:s3cr3t@db:5432/x'];

function compileNodeSelector(selector: string, keyPath: string, fail: (k: string, m: string) => never): (node: AllowlistNode) => boolean {
  const m = /^(package|fqn):(.+)$/.exec(selector);
  if (!m) {
    const match = micromatch.matcher(selector);
    return (node: { uniqueId: string }) => match(node.uniqueId);
  }
  const [, kind, pattern] = m;
  if (kind === 'package') {
    if (!/^[A-Za-z_][\w]*$/.test(pattern!)) fail(keyPath, `"${pattern}" is not a dbt package name`);
    return (node: { uniqueId: string }) => node.uniqueId.split('.')[1] === pattern;
  }
  const match = micromatch.matcher(pattern!);
  return (node: { fqn: readonly string[] | undefined }) => node.fqn !== undefined && match(node.fqn.join('.'));
}

function didYouMean(input: string, known: readonly string[]): string {
  const best = closest(input, known);
  return best ? ` (did you mean "${best}"?)` : '';
}
