/**
 * A finding that its file repeats but for the place: the same secret under the same rule, detector, message, JSON path
 * and node. dbt's JSON log writes the run's custom env (`info.extra`) into every event, so one leaked
 * `DBT_ENV_CUSTOM_ENV_*` variable is one finding a line: red team 104's log of 5,819 lines made 82,000 lines of text and a
 * 95 MB page. The reports people read list such a finding once, with where the others are; the machine formats (JSON,
 * SARIF) keep each, and every count is of them all.
 */
import type { Finding } from '../types.js';
import { inBinary, positionLabel } from './locations.js';

/** Up to this many of the same finding are listed each; past it, the first and the places of the others. */
export const REPEATS_LISTED = 3;

/** Places named in a line about the repeats: line ranges or positions, then `…`. */
const PLACES_NAMED = 6;

export interface Listed {
  finding: Finding;
  /** The repeats of `finding` after it in its file (empty when it is listed alone). */
  more: readonly Finding[];
}

/** `findings` (of one file, or one secret's) as listed: a finding repeated more than REPEATS_LISTED times once, at its first place. */
export function listedOnce(findings: readonly Finding[]): Listed[] {
  // (each finding's key made once: the second loop reads its group through it)
  const groups: (Finding[] | undefined)[] = [];
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.secretId === undefined) {
      groups.push(undefined);
      continue;
    }
    const key = repeatKey(f);
    let same = byKey.get(key);
    if (same) same.push(f);
    else byKey.set(key, (same = [f]));
    groups.push(same);
  }
  const out: Listed[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const same = groups[i];
    if (!same || same.length <= REPEATS_LISTED) out.push({ finding: f, more: [] });
    else if (same[0] === f) out.push({ finding: f, more: same.slice(1) });
  }
  return out;
}

function repeatKey(f: Finding): string {
  return [f.file, f.ruleId, f.detectorId, f.secretId, f.message, f.preview, f.jsonPath, f.uniqueId ?? '', f.suppressed?.kind ?? ''].join('\u0000');
}

/** `5,818 more times in this file, on lines 2–5819` or `… at 1:81, 1:121, …`: where the repeats are. */
export function repeatsLine(more: readonly Finding[]): string {
  const lines = more.map((f) => f.start.line);
  const onOwnLines = !more.some(inBinary) && new Set(lines).size === lines.length;
  const places = onOwnLines ? `on ${lines.length === 1 ? 'line' : 'lines'} ${lineRanges(lines)}` : `at ${named(more.slice(0, PLACES_NAMED + 1).map(positionLabel))}`;
  return `and ${more.length.toLocaleString('en-US')} more ${more.length === 1 ? 'time' : 'times'} in this file, ${places}`;
}

/** Increasing line numbers as ranges (`2–4, 9, 12–5819`), the first PLACES_NAMED of them. */
function lineRanges(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return named(ranges);
}

function named(items: readonly string[]): string {
  return items.length <= PLACES_NAMED ? items.join(', ') : `${items.slice(0, PLACES_NAMED).join(', ')}, …`;
}
