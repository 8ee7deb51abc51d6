/**
 * Baselines let a project with findings turn the gate on: accepted findings are recorded by
 * fingerprint (a keyed hash, never the value) and hidden; new ones fail; fixed ones are reported
 * as removable. The file is sorted and readable in a code review. It records whether its
 * fingerprints were made with a secret key (DBT_TOOLS_LINT_SALT) and a check value of the key, so a
 * run with another key fails with one clear line instead of reporting every finding as new.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Finding } from '../types.js';
import type { Suppressor } from '../findings/suppress.js';
import { fingerprint as fingerprintOf, hashSecretBefore, isSecretSalt, SALT_ENV, saltCheck } from '../findings/fingerprint.js';
import { findIntegrityProblem } from '../artifacts/json-integrity.js';
import { TOOL_NAME } from '../version.js';
import { notJsonReason, readSmallFile, type RegularFileError } from '../util/small-file.js';

/** A baseline's largest size: 200,000 entries are some 40 MB. */
export const MAX_BASELINE_BYTES = 512 * 1024 * 1024;

const entry = z
  .object({
    fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    rule: z.string(),
    detector: z.string(),
    location: z.string(),
    file: z.string().optional(),
  })
  .strict();

/**
 * 2: value hashes became keyed (DBT_TOOLS_LINT_SALT) or slow (scrypt); version 1 fingerprints no longer match.
 * 3: which values are beyond guessing changed (session 44): a version 2 baseline still matches, each
 * finding whose value the two tests judge apart tried with the hash the earlier one gave (hashSecretBefore).
 */
const VERSION = 3;
/** The oldest version read. */
const OLDEST = 2;

const baselineSchema = z
  .object({
    tool: z.literal(TOOL_NAME),
    version: z.union([z.literal(OLDEST), z.literal(VERSION)]),
    note: z.string().optional(),
    key: z.enum(['secret', 'public']),
    keyCheck: z.string().regex(/^[0-9a-f]{16}$/),
    findings: z.array(entry),
  })
  .strict();

export type BaselineEntry = z.infer<typeof entry>;

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
  /** The file as read and checked (its entries are `entries`): what --prune-baseline writes back, less the fixed ones. */
  doc: z.infer<typeof baselineSchema>;
  version: number;
  /** The run's salt, for the fingerprints of an earlier version (see baselineSuppressor). */
  salt: string;
  /** Entries of an earlier version matched by the fingerprint it made (see baselineSuppressor): not stale. */
  matchedBefore: Set<string>;
}

/** Read a baseline made with the same fingerprint key as this run (`salt`, as the scan uses it). */
export function readBaseline(file: string, salt: string): Baseline {
  let text: string;
  try {
    text = readSmallFile(file, MAX_BASELINE_BYTES);
  } catch (error) {
    const { code, message, fromFileSystem } = error as RegularFileError;
    throw new ConfigError(`${file}: ${code === 'ENOENT' ? 'baseline file not found (create it with --update-baseline)' : fromFileSystem ? 'cannot read the baseline' : `${message}, expected a baseline`}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file}: the baseline is ${notJsonReason(text)}; fix it, or delete it and regenerate it with --update-baseline`);
  }
  // (a key given twice, from a merge, say: JSON.parse would keep its last value, and the other's entries unseen)
  if (findIntegrityProblem(text, raw)?.kind === 'duplicate-key') throw new ConfigError(`${file}: a key in the baseline is given twice; regenerate it with --update-baseline`);
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as { tool?: unknown; version?: unknown };
  // (a version of ours that this one does not read: what to do about it, not the schema's complaint)
  const version = head.tool === TOOL_NAME && Number.isInteger(head.version) ? (head.version as number) : undefined;
  if (version !== undefined && version >= 1 && version < OLDEST) {
    throw new ConfigError(`${file}: a version ${version} baseline, whose fingerprints this version no longer makes; regenerate it with --update-baseline`);
  }
  if (version !== undefined && version > VERSION) {
    throw new ConfigError(`${file}: a version ${version} baseline, from a newer ${TOOL_NAME} than this one (it reads versions ${OLDEST} and ${VERSION}); upgrade, or regenerate it with --update-baseline`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${file}: not a ${TOOL_NAME} baseline: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const { key, keyCheck } = parsed.data;
  if (key === 'secret' && !isSecretSalt(salt)) throw new ConfigError(`${file}: made with ${SALT_ENV} set; set it to the same key, or regenerate the baseline with --update-baseline`);
  if (key === 'public' && isSecretSalt(salt)) throw new ConfigError(`${file}: made without ${SALT_ENV}; regenerate the baseline with --update-baseline to key it`);
  if (keyCheck !== saltCheck(salt)) {
    const which = key === 'secret' ? SALT_ENV : '`salt` of the config';
    throw new ConfigError(`${file}: made with another ${which}; use the same one, or regenerate the baseline with --update-baseline`);
  }
  return { file, entries: parsed.data.findings, doc: parsed.data, version: parsed.data.version, salt, matchedBefore: new Set() };
}

export function baselineSuppressor(baseline: Baseline): Suppressor {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const accepted = { kind: 'baseline' as const, justification: `accepted in the baseline ${baseline.file}` };
  return ({ fingerprint, ruleId, secret, made }) => {
    if (known.has(fingerprint)) return accepted;
    // a version 2 baseline: the fingerprint it holds for a value whose hash changed since
    if (baseline.version >= VERSION || !made) return undefined;
    const before = hashSecretBefore(secret, baseline.salt, made.detectorId);
    if (before === undefined) return undefined;
    const earlier = fingerprintOf({ ruleId, detectorId: made.detectorId, secretHash: before, stablePath: made.place, occurrence: made.occurrence });
    if (!known.has(earlier)) return undefined;
    baseline.matchedBefore.add(earlier);
    return accepted;
  };
}

/**
 * Baseline entries that no finding matched any more: `stale` (fixed, and removable from the file) where `wasRead` says
 * the entry's artifact was read this run, `unchecked` where it may be one that could not be read (what it holds is
 * unknown, not gone).
 */
export function staleEntries(baseline: Baseline, findings: readonly Finding[], wasRead: (file: string | undefined) => boolean = () => true): { stale: BaselineEntry[]; unchecked: BaselineEntry[] } {
  const seen = new Set(findings.map((f) => f.fingerprint));
  const unmatched = baseline.entries.filter((e) => !seen.has(e.fingerprint) && !baseline.matchedBefore.has(e.fingerprint));
  return { stale: unmatched.filter((e) => wasRead(e.file)), unchecked: unmatched.filter((e) => !wasRead(e.file)) };
}

/** The baseline text for the given findings: those not suppressed otherwise (allowlist, meta). */
export function serializeBaseline(findings: readonly Finding[], salt: string): string {
  const entries = findings
    .filter((f) => !f.suppressed || f.suppressed.kind === 'baseline')
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.ruleId, detector: f.detectorId, location: f.location, file: f.file }));
  const unique = [...new Map(entries.map((e) => [e.fingerprint, e])).values()];
  unique.sort((a, b) => cmp(a.rule, b.rule) || cmp(a.file, b.file) || cmp(a.location, b.location) || cmp(a.fingerprint, b.fingerprint));
  const doc = {
    tool: TOOL_NAME,
    version: VERSION,
    note: isSecretSalt(salt)
      ? `Accepted findings. Each is a hash of the secret keyed with ${SALT_ENV} and its place: this file holds no secret and, without the key, allows no guess at one. Remove entries as you fix them.`
      : `Accepted findings. Each is a slow (scrypt) hash of the secret with its place: this file holds no secret, but a weak password could be guessed from it; set ${SALT_ENV} (a CI secret) and regenerate to prevent that. Remove entries as you fix them.`,
    key: isSecretSalt(salt) ? 'secret' : 'public',
    keyCheck: saltCheck(salt),
    findings: unique,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * The baseline as it was read, less the entries `gone` names (--prune-baseline): the rest as they were, their order,
 * its note, key and version kept; nothing added.
 */
export function prunedBaseline(baseline: Baseline, gone: ReadonlySet<string>): string {
  return JSON.stringify({ ...baseline.doc, findings: baseline.entries.filter((e) => !gone.has(e.fingerprint)) }, null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
