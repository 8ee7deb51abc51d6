/**
 * Baselines let a project with findings turn the gate on: accepted findings are recorded by
 * fingerprint (a salted hash, never the value) and hidden; new ones fail; fixed ones are reported
 * as removable. The file is sorted and readable in a code review.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Finding } from '../types.js';
import type { Suppressor } from '../findings/suppress.js';
import { TOOL_NAME } from '../version.js';

const entry = z
  .object({
    fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    rule: z.string(),
    detector: z.string(),
    location: z.string(),
    file: z.string().optional(),
  })
  .strict();

const baselineSchema = z.object({ tool: z.literal(TOOL_NAME), version: z.literal(1), note: z.string().optional(), findings: z.array(entry) }).strict();

export type BaselineEntry = z.infer<typeof entry>;

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

export function readBaseline(file: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(`${file}: ${missing ? 'baseline file not found (create it with --update-baseline)' : 'baseline is not valid JSON'}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${file}: not a ${TOOL_NAME} baseline: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return { file, entries: parsed.data.findings };
}

export function baselineSuppressor(baseline: Baseline): Suppressor {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  return ({ fingerprint }) => (known.has(fingerprint) ? { kind: 'baseline', justification: `accepted in the baseline ${baseline.file}` } : undefined);
}

/** Baseline entries that no finding matched any more: fixed, and removable from the file. */
export function staleEntries(baseline: Baseline, findings: readonly Finding[]): BaselineEntry[] {
  const seen = new Set(findings.map((f) => f.fingerprint));
  return baseline.entries.filter((e) => !seen.has(e.fingerprint));
}

/** The baseline text for the given findings: those not suppressed otherwise (allowlist, meta). */
export function serializeBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .filter((f) => !f.suppressed || f.suppressed.kind === 'baseline')
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.ruleId, detector: f.detectorId, location: f.location, file: f.file }));
  const unique = [...new Map(entries.map((e) => [e.fingerprint, e])).values()];
  unique.sort((a, b) => cmp(a.rule, b.rule) || cmp(a.file, b.file) || cmp(a.location, b.location) || cmp(a.fingerprint, b.fingerprint));
  const doc = {
    tool: TOOL_NAME,
    version: 1,
    note: 'Accepted findings. Each is a salted hash of the secret with its place: this file holds no secret. Remove entries as you fix them.',
    findings: unique,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
