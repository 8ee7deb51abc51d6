/**
 * Human output: findings grouped by file, ESLint-style, or (--group-by secret) by secret, the most
 * urgent first; then a summary line that counts findings and the distinct secrets they are.
 */
import type { Finding, Severity } from '../types.js';
import type { Formatter } from './types.js';
import { byUrgency, groupBySecret, remediationFor, runTimes, seenLabel, URGENCY_TITLE } from '../findings/urgency.js';
import { headline, plural, staleBaselineLine } from './summary.js';
import { fileAndPosition, positionLabel } from './locations.js';
import { oneLine } from '../util/strings.js';
import { listedOnce, repeatsLine } from './repeats.js';

const ANSI = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1, green: 32, underline: 4 } as const;

export const formatText: Formatter = (result, context) => {
  const paint = (code: keyof typeof ANSI, s: string) => (context.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  const severityColor: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', note: 'cyan' };
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.suppressed && !context.includeSuppressed) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  // (line by line, and the widest label by a loop: a report may hold more findings than a call takes arguments)
  if (context.groupBy === 'secret') for (const line of bySecret(result.findings, paint, runTimes(result.summary.artifacts))) lines.push(line);
  else for (const [file, findings] of byFile) {
    lines.push(paint('underline', oneLine(file)));
    const listed = listedOnce(findings);
    let width = 0;
    for (const { finding: f } of listed) width = Math.max(width, positionLabel(f).length);
    for (const { finding: f, more } of listed) {
      const where = positionLabel(f).padEnd(width);
      const sev = paint(severityColor[f.severity], f.severity.padEnd(7));
      lines.push(`  ${paint('gray', where)}  ${sev}  ${oneLine(f.message)}  ${paint('gray', `${f.ruleId}/${f.detectorId}`)}`);
      const indent = ' '.repeat(width + 4);
      lines.push(`${indent}${paint('bold', oneLine(f.preview))}${f.jsonPointer ? `  at ${oneLine(f.jsonPath)}` : ''}`);
      if (f.suppressed) lines.push(`${indent}${paint('gray', `suppressed (${f.suppressed.kind}): ${oneLine(f.suppressed.justification)}`)}`);
      if (f.uniqueId) lines.push(`${indent}${oneLine(f.uniqueId)}${f.originalFilePath ? ` (${oneLine(f.originalFilePath)})` : ''}`);
      if (more.length > 0) lines.push(`${indent}${paint('gray', repeatsLine(more))}`);
    }
    lines.push('');
  }
  if (context.quiet) return lines.map((line) => oneLine(line, OUR_COLORS)).join('\n') + (lines.length > 0 ? '\n' : '');
  const s = result.summary;
  const size = `${(s.bytesScanned / 1024 / 1024).toFixed(1)} MB`;
  const scanned = `${s.filesScanned} artifact${s.filesScanned === 1 ? '' : 's'} (${size}) in ${(s.durationMs / 1000).toFixed(2)} s`;
  const suppressed = s.suppressed > 0 ? `, ${s.suppressed} suppressed${context.includeSuppressed ? '' : ' (--include-suppressed lists them)'}` : '';
  // the artifacts read are not all there was: never a clean tick
  const unread = context.unreadable?.length ? `; ${context.unreadable.length} could not be read whole (listed below), so the run failed` : '';
  if (s.findings === 0) {
    // every finding suppressed (a baseline's, an allowlist's): the secrets are still there, and the line says so (red team 132)
    const but = suppressed.replace(/^, /, ' but the ');
    lines.push(unread ? paint('red', `✖ No secrets found in the ${scanned}${but}${unread}`) : paint('green', `✔ No secrets found in ${scanned}${but}`));
  } else {
    const parts = (['error', 'warning', 'note'] as const)
      .filter((k) => s.bySeverity[k] > 0)
      .map((k) => `${s.bySeverity[k]} ${k}${s.bySeverity[k] === 1 ? '' : 's'}`);
    const files = new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.file)).size;
    const what = headline(result.findings).text;
    // findings below --fail-on (or with it `none`): the run passes, and the line does not say it failed (red team 132)
    const passes = context.exitCode === 0 ? '; --fail-on lets them pass (exit 0)' : '';
    lines.push(paint(s.bySeverity.error > 0 || unread ? 'red' : 'yellow', `${passes ? '⚠' : '✖'} ${what} (${parts.join(', ')}) in ${files} of ${scanned}${suppressed}${unread}${passes}`));
  }
  const stale = staleBaselineLine(context.staleBaseline);
  if (stale) lines.push(stale);
  // (each line one line, our colors kept: what an artifact holds was escaped where it went in, so that an
  // artifact's own color code (a key holding ESC[31m) cannot pass for ours)
  return lines.map((line) => oneLine(line, OUR_COLORS)).join('\n') + '\n';
};

/** The color codes `paint` writes. */
const OUR_COLORS = /\u001b\[\d{1,2}m/;

type Paint = (code: keyof typeof ANSI, s: string) => string;

/** Each secret once, the most urgent first, with what to do and every place it leaked (and, over many runs, when it was seen). */
function bySecret(findings: readonly Finding[], paint: Paint, times: ReadonlyMap<string, string> | undefined): string[] {
  const lines: string[] = [];
  let rank = 0;
  for (const [urgency, groups] of byUrgency(groupBySecret(findings, times))) {
    lines.push(paint('underline', `${URGENCY_TITLE[urgency]} (${groups.length})`), `${remediationFor(urgency).replace(/`/g, '')}`, '');
    for (const g of groups) {
      const expiry = g.expiresAt ? `  ${g.urgency === 'expired' ? 'expired' : 'expires'} ${g.expiresAt}` : '';
      lines.push(`${paint('bold', `${++rank}. ${oneLine(g.preview)}`)}  ${g.detectorIds.join(', ')}${expiry}  ${plural(g.findings.length, 'finding')}${oneLine(seenLabel(g, times, '  '))}  ${paint('gray', `secret ${g.secretId}`)}`);
      for (const { finding: f, more } of listedOnce(g.findings)) {
        lines.push(`     ${paint('gray', oneLine(fileAndPosition(f)))}  ${f.ruleId}${f.jsonPointer ? `  ${oneLine(f.jsonPath)}` : ''}${f.uniqueId ? `  (${oneLine(f.uniqueId)})` : ''}`);
        if (more.length > 0) lines.push(`       ${paint('gray', repeatsLine(more))}`);
      }
    }
    lines.push('');
  }
  return lines;
}
