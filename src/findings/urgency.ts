/**
 * What to rotate first. Findings are grouped by secret (one value, wherever it leaked) and the
 * groups ordered by how long the credential stays useful: a static credential first, then a
 * short-lived one still valid, then one already expired (still reported: it shows where values leak).
 */
import { SEVERITY_RANK, type Finding, type Lifetime, type Severity } from '../types.js';

/** An expired credential is reported at this severity whatever its rule says. */
export const EXPIRED_SEVERITY: Severity = 'note';

/** Mark the findings whose credential expired before `now`, and lower their severity. In place. */
export function markExpired(findings: Finding[], now: Date): void {
  for (const f of findings) {
    if (f.expiresAt === undefined || Date.parse(f.expiresAt) >= now.getTime()) continue;
    f.expired = true;
    f.severity = EXPIRED_SEVERITY;
  }
}

/** The class a finding's credential is in, most urgent first. */
export type Urgency = 'static' | 'short-lived' | 'expired';

export function urgencyOf(f: Pick<Finding, 'lifetime' | 'expired'>): Urgency {
  return f.expired ? 'expired' : f.lifetime === 'short-lived' ? 'short-lived' : 'static';
}

const URGENCY_RANK: Record<Urgency, number> = { static: 3, 'short-lived': 2, expired: 1 };

/**
 * GitHub's security-severity (0.1–10) of one finding, from its rule's: a static credential keeps
 * the rule's; a short-lived one still valid is high (7.0–8.0); an expired one is low.
 */
export function securitySeverityOf(f: Pick<Finding, 'lifetime' | 'expired' | 'secretId'>, ruleScore: number): number {
  if (f.secretId === undefined) return ruleScore; // a finding about files, not a credential
  const urgency = urgencyOf(f);
  if (urgency === 'expired') return Math.min(ruleScore, 2.0);
  if (urgency === 'short-lived') return Math.max(7.0, Math.min(ruleScore - 1, 8.0));
  return ruleScore;
}

/** One secret value and every place it leaked. */
export interface SecretGroup {
  secretId: string;
  /** Every finding of this value, in report order. */
  findings: Finding[];
  urgency: Urgency;
  lifetime: Lifetime;
  expiresAt?: string;
  /** The highest severity among its findings. */
  severity: Severity;
  preview: string;
  /** The detectors that recognized it (the most specific first). */
  detectorIds: string[];
  /** Distinct artifact files and dbt nodes it appears in. */
  files: string[];
  nodes: string[];
}

/**
 * Findings (not suppressed) grouped by secret, the most urgent first. Findings about files are left out. `times` (see
 * runTimes: a scan of runs of more than one day): of two secrets of one class, the one seen last the later day comes
 * first — the value still in use before the one its rotation replaced in July (red team 98: ranked by findings alone,
 * an audit's checklist put an AWS key pair in use below its two retired versions).
 */
export function groupBySecret(findings: readonly Finding[], times?: ReadonlyMap<string, string>): SecretGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed || f.secretId === undefined) continue;
    const list = groups.get(f.secretId);
    if (list) list.push(f);
    else groups.set(f.secretId, [f]);
  }
  const out = [...groups].map(([secretId, list]) => toGroup(secretId, list));
  if (!times) return out.sort(compareGroups);
  const lastDay = new Map(out.map((g) => [g, seenBetween(g, times)?.last.slice(0, 10) ?? '']));
  return out.sort((a, b) => URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] || compareText(lastDay.get(b)!, lastDay.get(a)!) || compareGroups(a, b));
}

/** Two texts in code-unit order (ISO days, secret ids). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The first and last time a secret was seen, by when its artifacts were generated (`generatedAt`: each file's
 * metadata.generated_at): in an archive of runs, a rotated password is two secrets, the old one last seen before the
 * new one first was (red team 72). Undefined when none of its files has a time.
 */
export function seenBetween(group: SecretGroup, generatedAt: ReadonlyMap<string, string>): { first: string; last: string } | undefined {
  let first: string | undefined;
  let last: string | undefined;
  for (const file of group.files) {
    const at = generatedAt.get(file);
    if (at === undefined) continue;
    // (ISO times in UTC, as dbt writes them: in order as strings)
    if (first === undefined || at < first) first = at;
    if (last === undefined || at > last) last = at;
  }
  return first === undefined ? undefined : { first, last: last! };
}

/**
 * When each artifact was generated, by file, where the scan holds artifacts of more than one day (an archive of runs,
 * a glob over target folders); else undefined: one day's artifacts (a target's manifest, catalog and sources, each of
 * its own command) say nothing of when a secret was first or last seen, which is said in days.
 */
export function runTimes(artifacts: readonly { file: string; generatedAt?: string }[]): ReadonlyMap<string, string> | undefined {
  const times = new Map<string, string>();
  for (const a of artifacts) if (a.generatedAt !== undefined) times.set(a.file, a.generatedAt);
  return new Set([...times.values()].map((at) => at.slice(0, 10))).size > 1 ? times : undefined;
}

/** `seen 2026-06-28 … 2026-09-21` after `separator`: the days a secret's artifacts were generated, first and last; '' without. */
export function seenLabel(group: SecretGroup, times: ReadonlyMap<string, string> | undefined, separator: string): string {
  const seen = times && seenBetween(group, times);
  if (!seen) return '';
  const [first, last] = [seen.first.slice(0, 10), seen.last.slice(0, 10)];
  return `${separator}seen ${first === last ? first : `${first} … ${last}`}`;
}

/** How many different secrets the findings (not suppressed) are. */
export function countDistinctSecrets(findings: readonly Finding[]): number {
  return new Set(findings.filter((f) => !f.suppressed && f.secretId !== undefined).map((f) => f.secretId)).size;
}

function toGroup(secretId: string, findings: Finding[]): SecretGroup {
  // The most urgent reading wins: a value one detector saw as static is static.
  const lead = [...findings].sort((a, b) => URGENCY_RANK[urgencyOf(b)] - URGENCY_RANK[urgencyOf(a)] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])[0]!;
  const expiresAt = findings.map((f) => f.expiresAt).find((e) => e !== undefined);
  return {
    secretId,
    findings,
    urgency: urgencyOf(lead),
    lifetime: lead.lifetime ?? 'static',
    ...(expiresAt ? { expiresAt } : {}),
    severity: lead.severity,
    preview: lead.preview,
    detectorIds: unique(findings.map((f) => f.detectorId)),
    files: unique(findings.map((f) => f.file)),
    nodes: unique(findings.map((f) => f.uniqueId).filter((n): n is string => n !== undefined)),
  };
}

function compareGroups(a: SecretGroup, b: SecretGroup): number {
  return (
    URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    b.findings.length - a.findings.length ||
    compareText(a.secretId, b.secretId)
  );
}

/** The groups by class, most urgent class first (classes without a secret left out). */
export function byUrgency(groups: readonly SecretGroup[]): Array<[Urgency, SecretGroup[]]> {
  return (['static', 'short-lived', 'expired'] as const)
    .map((u): [Urgency, SecretGroup[]] => [u, groups.filter((g) => g.urgency === u)])
    .filter(([, list]) => list.length > 0);
}

/** A class's heading in reports. */
export const URGENCY_TITLE: Record<Urgency, string> = {
  static: 'Static credentials: rotate now',
  'short-lived': 'Short-lived credentials still valid: revoke',
  expired: 'Expired credentials: fix the leak',
};

/** What to do about a secret of this class (markdown: `code` only). */
export function remediationFor(urgency: Urgency): string {
  switch (urgency) {
    case 'static':
      return 'Rotate it now (it works until rotated), then keep it out of dbt: read it with `env_var()` from a `DBT_ENV_SECRET_*` variable, or replace the key by OIDC / workload identity federation.';
    case 'short-lived':
      return 'Revoke the session or token now (it is valid until it expires), shorten the lifetime it is issued with, and stop the value from being rendered into the project.';
    case 'expired':
      return 'Expired, so no rotation is needed; but the place it leaked from will leak the next one: stop rendering it into the project.';
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
