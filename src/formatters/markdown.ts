/**
 * Markdown for a GitHub job summary ($GITHUB_STEP_SUMMARY, which takes at most 1 MiB per step)
 * or a merge-request comment: a headline, the rotation checklist (each secret once, the most
 * urgent first) and a table of findings cut short, with a count, when it is long.
 */
import type { Finding, Severity } from '../types.js';
import { TOOL_NAME } from '../version.js';
import { byUrgency, groupBySecret, remediationFor, runTimes, seenLabel, URGENCY_TITLE, type SecretGroup } from '../findings/urgency.js';
import { headline, plural } from './summary.js';
import { fileAndPosition } from './locations.js';
import type { Formatter } from './types.js';
import { oneLine } from '../util/strings.js';

/** GitHub refuses a job summary over 1 MiB; stay well under it. */
export const MARKDOWN_LIMIT = 1024 * 1024 - 16 * 1024;
export const MAX_CHECKLIST = 100;
export const MAX_TABLE_ROWS = 200;

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', note: '🔵' };

export const formatMarkdown: Formatter = (result, context) => {
  const s = result.summary;
  const head = headline(result.findings);
  const help = new Map(context.rules.map(({ rule }) => [rule.id, rule.helpUri]));
  const out: string[] = [];
  // the artifacts read are not all there was: the run failed, never a clean tick
  const unread = context.unreadable?.length ? `${plural(context.unreadable.length, 'artifact')} could not be read whole (each named in the run's error output): this report covers what could be read.` : undefined;
  if (s.findings === 0) {
    if (unread) out.push(`## 🔴 ${TOOL_NAME}: ${plural(context.unreadable!.length, 'artifact')} could not be read whole`, '', `No secrets found in the ${plural(s.filesScanned, 'artifact')} read. ${unread}`, '');
    else out.push(`## ✅ ${TOOL_NAME}: no secrets found${s.suppressed ? ` but the ${s.suppressed} suppressed` : ''}`, '', `${plural(s.filesScanned, 'artifact')} scanned${s.suppressed ? `, ${plural(s.suppressed, 'finding')} suppressed (a baseline's, an allowlist's or an ignore's): the secrets are still in the artifacts` : ''}.`, '');
    return out.join('\n');
  }
  out.push(`## ${s.bySeverity.error > 0 ? '🔴' : '🟠'} ${TOOL_NAME}: ${head.text}`, '');
  const counts = (['error', 'warning', 'note'] as const).filter((k) => s.bySeverity[k] > 0).map((k) => plural(s.bySeverity[k], k));
  out.push(`${counts.join(', ')} in ${plural(s.filesScanned, 'artifact')}${s.suppressed ? `; ${s.suppressed} suppressed` : ''}. Previews show only what is public of a secret (a format's prefix, the name it is set to), never a character of its own.`, '');
  if (unread) out.push(`**${unread}**`, '');

  // (over many runs: when each secret was first and last seen, the one seen last first)
  const times = runTimes(s.artifacts);
  const groups = groupBySecret(result.findings, times);
  if (groups.length > 0) {
    out.push('### Rotation checklist', '', 'Each secret once, the most urgent first.', '');
    for (const [urgency, list] of byUrgency(groups.slice(0, MAX_CHECKLIST))) {
      out.push(`**${URGENCY_TITLE[urgency]}** (${list.length}). ${escapeText(remediationFor(urgency))}`, '');
      for (const g of list) out.push(checklistItem(g, times));
      out.push('');
    }
    if (groups.length > MAX_CHECKLIST) out.push('', `…and ${plural(groups.length - MAX_CHECKLIST, 'more secret')} (the JSON or HTML report lists them all).`);
    out.push('');
  }

  const open = result.findings.filter((f) => !f.suppressed);
  out.push('### Findings', '', '| | Rule | Preview | Secret | Where | dbt node |', '|---|---|---|---|---|---|');
  let shown = 0;
  let size = out.join('\n').length;
  for (const f of open) {
    const row = tableRow(f, help.get(f.ruleId));
    if (shown >= MAX_TABLE_ROWS || size + row.length > MARKDOWN_LIMIT - 1024) break;
    out.push(row);
    size += row.length + 1;
    shown++;
  }
  if (shown < open.length) out.push('', `…and ${plural(open.length - shown, 'more finding')} not shown (${shown} of ${open.length}); the JSON, SARIF or HTML report has them all.`);
  out.push('');
  return fitToLimit(out.join('\n'));
};

function checklistItem(g: SecretGroup, times: ReadonlyMap<string, string> | undefined): string {
  const expiry = g.expiresAt ? (g.urgency === 'expired' ? ` · expired ${g.expiresAt}` : ` · expires ${g.expiresAt}`) : '';
  const files = g.files.length === 1 ? `in ${code(short(g.files[0]!))}` : `in ${g.files.length} artifacts`;
  const nodes = g.nodes.length > 0 ? ` · ${listed(g.nodes.map((n) => code(short(n))), 2)}` : '';
  return `- [ ] ${ICON[g.severity]} ${code(g.preview)} ${g.detectorIds.map((d) => cell(d)).join(', ')}${expiry} · ${plural(g.findings.length, 'finding')} ${files}${nodes}${seenLabel(g, times, ' · ')} · secret ${code(g.secretId)}`;
}

function tableRow(f: Finding, helpUri: string | undefined): string {
  const rule = helpUri ? `[${cell(f.ruleId)}](${helpUri})` : cell(f.ruleId);
  const where = `${code(fileAndPosition(f, short(f.file)))}${f.jsonPointer ? ` ${code(short(f.jsonPath))}` : ''}`;
  const secret = f.secretId ? `${code(f.secretId.slice(0, 8))}${f.expired ? ' expired' : ''}` : '';
  return `| ${ICON[f.severity]} | ${rule} | ${code(f.preview)} | ${secret} | ${where} | ${f.uniqueId ? code(short(f.uniqueId)) : ''} |`;
}

/** A code span that survives a table: pipes escaped, no line breaks or other control characters, backticks fenced by longer runs. */
function code(s: string): string {
  const text = oneLine(s.replace(/[\r\n]+/g, ' ')).replace(/\|/g, '\\|');
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${text} ` : text}${fence}`;
}

function cell(s: string): string {
  return escapeText(s).replace(/\|/g, '\\|');
}

/** Text outside code spans: no HTML, no line breaks or other control characters. Backticks in remediation text are code spans on purpose. */
function escapeText(s: string): string {
  return oneLine(s.replace(/[\r\n]+/g, ' ')).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function short(s: string, max = 100): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function listed(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** The checklist alone could pass the limit with thousands of long node ids: cut at a line. */
function fitToLimit(text: string): string {
  if (Buffer.byteLength(text) <= MARKDOWN_LIMIT) return text;
  let cut = text.slice(0, MARKDOWN_LIMIT);
  while (Buffer.byteLength(cut) > MARKDOWN_LIMIT - 256) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n…cut here: the summary reached GitHub's 1 MiB limit; the JSON, SARIF or HTML report has everything.\n`;
}
