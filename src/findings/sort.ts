import { SEVERITY_RANK, type Finding, type Severity } from '../types.js';

/** Deterministic order: file, then position, then rule. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => cmp(a.file, b.file) || a.charOffset - b.charOffset || cmp(a.ruleId, b.ruleId) || cmp(a.detectorId, b.detectorId),
  );
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
