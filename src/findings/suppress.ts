/**
 * Suppression: a finding that a team accepted stays visible as suppressed, is counted in the
 * summary, and does not fail the run. Decided before masking, because an allowlist may match on
 * the value itself.
 */
import type { PathSegment, Suppression } from '../types.js';
import type { AllowlistEntry, CompiledAllowlist } from '../config/compile.js';
import path from 'node:path';
import { PathMatcher } from '../engine/paths.js';
import { isRemote } from '../sources/url.js';
import type { NodeRef } from '../engine/walk.js';
import { closest } from '../util/did-you-mean.js';
import { expiryOf } from '../util/expiry.js';
import { maskSecretsIn } from './preview.js';

export interface SuppressionInput {
  file: string;
  path: readonly PathSegment[];
  node: NodeRef | undefined;
  ruleId: string;
  secret: string;
  fingerprint: string;
  /** What the fingerprint was made of besides the secret and the rule: to make it again as an earlier version did (see hashSecretBefore). */
  made?: { detectorId: string; place: string; occurrence: number } | undefined;
}

export type Suppressor = (input: SuppressionInput) => Suppression | undefined;

/**
 * `meta: {"dbt-tools-lint": {"ignore": ["raw-code"], "reason": "…", "expires": "2027-01-31"}}` on the node, written in the
 * project's YAML (`all`: every rule; `expires`: a day, through which it holds, or a time). `warn`: once a node, where its
 * list names no rule (`raw_code`), which suppresses nothing, or where it expired (or its `expires` is no date): said where
 * the node has a finding the list was meant for, not left to look like a suppression that failed or one that holds for
 * ever (red team 97: an `expires` was passed over and the suppression lasted).
 */
export function inlineSuppressor(knownRules: readonly string[], warn?: (message: string) => void, now: Date = new Date()): Suppressor {
  const told = new Set<string>();
  return ({ node, ruleId }) => {
    const ignore = node?.ignore;
    if (!ignore) return undefined;
    const until = ignore.expires === undefined ? Infinity : expiryOf(ignore.expires);
    const lapsed = !(until > now.getTime());
    if (warn && !told.has(node.uniqueId)) {
      told.add(node.uniqueId);
      const unknown = ignore.rules.filter((rule) => rule !== 'all' && !knownRules.includes(rule));
      for (const rule of unknown) {
        const hint = closest(rule, knownRules);
        warn(maskSecretsIn(`${node.uniqueId}: its meta's dbt-tools-lint ignore names "${rule}", which is no rule${hint ? ` (did you mean "${hint}"?)` : ''}: it suppresses nothing`));
      }
      if (lapsed) warn(maskSecretsIn(`${node.uniqueId}: its meta's dbt-tools-lint ignore ${Number.isNaN(until) ? `has an expires that is no date ("${ignore.expires}": a day such as 2027-01-31)` : `expired (${ignore.expires})`}: it suppresses nothing; renew or remove it`));
    }
    if (lapsed || !(ignore.rules.includes(ruleId) || ignore.rules.includes('all'))) return undefined;
    return { kind: 'inline', justification: ignore.reason };
  };
}

/**
 * `cwd`: the folder the run's paths are relative to. A file is matched by its path as the run names it and by its path
 * from the config file's folder, so that a glob means the same from wherever the scan runs: from `ci/`, a scan of
 * `../transform/target` named its files `../transform/…`, which no glob matches (`**` never matches `..`: red team 90).
 */
export function allowlistSuppressor(allowlist: CompiledAllowlist, configFile: string, cwd: string): Suppressor {
  // a group for each selector: the first that covers a value names the entry (and its reason)
  const jsonPaths = allowlist.jsonPaths.length > 0 ? new PathMatcher(allowlist.jsonPaths.map(({ matches }) => [matches])) : undefined;
  const configDir = path.dirname(path.resolve(cwd, configFile));
  // (the config named from the working directory, not by the runner's absolute path: the reports are shared, red team 97)
  const shownConfig = path.relative(cwd, path.resolve(cwd, configFile)).split(path.sep).join('/') || configFile;
  // (an entry's reason after the list's name, masked as a line the user wrote may need: made once an entry, not a finding)
  const because = (what: string, reason: string | undefined): Suppression => ({ kind: 'allowlist', justification: `allowlisted by ${what} in ${shownConfig}${reason === undefined ? '' : `: ${maskSecretsIn(reason)}`}` });
  const justified = <M>(what: string, entries: readonly AllowlistEntry<M>[]) => entries.map(({ matches, reason }) => ({ matches, suppression: because(what, reason) }));
  const paths = justified('allowlist.paths', allowlist.paths);
  const nodes = justified('allowlist.nodes', allowlist.nodes);
  const jsonPathSuppressions = justified('allowlist.jsonPaths', allowlist.jsonPaths).map(({ suppression }) => suppression);
  const values = justified('allowlist.values', allowlist.values);
  const fingerprints = new Map([...allowlist.fingerprints].map(([fingerprint, reason]) => [fingerprint, because('fingerprint', reason)]));
  // every finding of a file asks about the same file: match its path once
  let lastFile: string | undefined;
  let lastFileAllowed: Suppression | undefined;
  const fileAllowed = (file: string) => {
    if (file !== lastFile) {
      lastFile = file;
      const fromConfig = isRemote(file) ? undefined : path.relative(configDir, path.resolve(cwd, file)).split(path.sep).join('/');
      const names = fromConfig === undefined || fromConfig.startsWith('../') || path.isAbsolute(fromConfig) ? [file] : [file, fromConfig];
      lastFileAllowed = paths.find(({ matches }) => names.some((name) => matches(name)))?.suppression;
    }
    return lastFileAllowed;
  };
  return ({ file, path, node, secret, fingerprint }) => {
    const byFingerprint = fingerprints.get(fingerprint);
    if (byFingerprint) return byFingerprint;
    const byPath = fileAllowed(file);
    if (byPath) return byPath;
    const byNode = node && nodes.find(({ matches }) => matches(node));
    if (byNode) return byNode.suppression;
    if (jsonPaths) {
      let state = jsonPaths.start;
      for (const seg of path) state = jsonPaths.step(state, seg);
      if (state.group >= 0) return jsonPathSuppressions[state.group];
    }
    return values.find(({ matches }) => matches.test(secret))?.suppression;
  };
}

export function combineSuppressors(...suppressors: (Suppressor | undefined)[]): Suppressor {
  const list = suppressors.filter((s): s is Suppressor => s !== undefined);
  return (input) => {
    for (const s of list) {
      const found = s(input);
      if (found) return found;
    }
    return undefined;
  };
}
