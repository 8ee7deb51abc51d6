/**
 * One self-contained HTML page for a CI artifact or an email: inline style and script, nothing
 * fetched (a Content-Security-Policy forbids it), readable from file://. The summary, a rotation
 * checklist of distinct secrets (the most urgent first), then the findings grouped by secret, by
 * dbt node or by rule, with filters that work offline. Like every format it sees masked previews
 * only; every string from the findings is escaped.
 */
import type { Finding, Severity } from '../types.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { byUrgency, groupBySecret, remediationFor, runTimes, seenLabel, urgencyOf, URGENCY_TITLE, type SecretGroup, type Urgency } from '../findings/urgency.js';
import { headline, plural } from './summary.js';
import { fileAndPosition } from './locations.js';
import { listedOnce, repeatsLine } from './repeats.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import type { Formatter } from './types.js';
import { controlsEscaped } from '../util/strings.js';

const URGENCY_LABEL: Record<Urgency, string> = { static: 'static', 'short-lived': 'short-lived, valid', expired: 'expired' };

export const formatHtml: Formatter = (result, context) => {
  const s = result.summary;
  const head = headline(result.findings);
  const help = new Map(context.rules.map(({ rule }) => [rule.id, { uri: rule.helpUri, title: rule.title }]));
  const open = result.findings.filter((f) => !f.suppressed);
  const times = runTimes(s.artifacts);
  const groups = groupBySecret(result.findings, times);
  const byUrgency = (u: Urgency) => groups.filter((g) => g.urgency === u).length;
  // (a row made once for the three views; a finding repeated in its file is one row, as listedOnce lists it)
  const rows = new Map<Finding, string>();
  const rowsOf = (list: readonly Finding[]) => listedOnce(list).map(({ finding, more }) => rows.get(finding) ?? rows.set(finding, findingRow(finding, more, help.get(finding.ruleId)?.uri)).get(finding)!);

  // findings outside any node (metadata, logs) after the nodes, under their file
  const byNode = groupOf(open, (f) => (f.uniqueId ? `0${f.uniqueId}` : `1${f.file}`));
  const byRule = groupOf(open, (f) => f.ruleId);
  const section = (view: string, title: (key: string) => string, map: Map<string, Finding[]>) =>
    `<div class="view" data-view="${view}"${view === 'secret' ? '' : ' hidden'}>${[...map]
      .map(([key, list]) => `<details class="group" open><summary>${title(key)} <span class="count">${plural(list.length, 'finding')}</span></summary>${table(rowsOf(list))}</details>`)
      .join('\n')}</div>`;
  const bySecret = new Map(groups.map((g) => [g.secretId, g.findings]));
  const problems = open.filter((f) => f.secretId === undefined);
  if (problems.length > 0) bySecret.set('', problems);
  const secretTitle = (id: string) => {
    const g = groups.find((x) => x.secretId === id);
    return g ? `<code>${esc(g.preview)}</code> ${badge(g.urgency)} <span class="muted">secret ${esc(id)}</span>` : 'Artifact problems (no secret)';
  };

  // the artifacts read are not all there was: the run failed, never a clean tick
  const unread = context.unreadable?.length ? `<p class="unread"><strong>${plural(context.unreadable.length, 'artifact')} could not be read whole</strong> (each named in the run's error output): this report covers what could be read.</p>` : '';
  const body = s.findings === 0
    ? unread
      ? `${unread}<p>No secrets found in the ${plural(s.filesScanned, 'artifact')} read${s.suppressed ? ` (${s.suppressed} suppressed)` : ''}.</p>`
      : `<p class="clean">✔ No secrets found in ${plural(s.filesScanned, 'artifact')}${s.suppressed ? ` but the ${s.suppressed} suppressed` : ''}.</p>`
    : [
        unread,
        `<section class="cards" aria-label="Summary">${[
          card(String(head.secrets), plural(head.secrets, 'distinct secret').replace(/^\d+ /, ''), 'to rotate or revoke'),
          card(String(byUrgency('static')), 'static', 'work until rotated', 'static'),
          card(String(byUrgency('short-lived')), 'short-lived', 'valid until they expire', 'short-lived'),
          card(String(byUrgency('expired')), 'expired', 'reported, lowest rank', 'expired'),
          card(String(head.findings), plural(head.findings, 'finding').replace(/^\d+ /, ''), (['error', 'warning', 'note'] as const).filter((k) => s.bySeverity[k] > 0).map((k) => plural(s.bySeverity[k], k)).join(', ')),
        ].join('')}</section>`,
        groups.length > 0 ? checklist(groups, times) : '',
        `<section id="findings"><h2>Findings</h2>${filters(open, help)}<p class="muted" id="shown" aria-live="polite">Showing ${open.length} of ${open.length} findings</p>`,
        section('secret', secretTitle, bySecret),
        section('node', (key) => (key.startsWith('0') ? `<code>${esc(key.slice(1))}</code>` : `<span class="muted">no dbt node:</span> <code>${esc(key.slice(1))}</code>`), byNode),
        section('rule', (key) => `${ruleLink(key, help.get(key)?.uri)} <span class="muted">${esc(help.get(key)?.title ?? '')}</span>`, byRule),
        `</section>`,
      ].join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${esc(TOOL_NAME)}: ${esc(head.text)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>${esc(TOOL_NAME)} report</h1><p class="headline">${esc(head.text)}</p>
<p class="muted">${plural(s.filesScanned, 'artifact')} scanned: ${s.artifacts.map((a) => `<code>${esc(a.file)}</code>`).join(', ')}${s.suppressed ? ` · ${s.suppressed} suppressed` : ''} · ${esc(TOOL_NAME)} ${esc(VERSION)} · secrets appear as masked previews only</p></header>
<main>
${body}
</main>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
};

function checklist(groups: readonly SecretGroup[], times: ReadonlyMap<string, string> | undefined): string {
  const item = (g: SecretGroup, i: number) => {
    const expiry = g.expiresAt ? `<span class="muted">${g.urgency === 'expired' ? 'expired' : 'expires'} <time datetime="${esc(g.expiresAt)}">${esc(readableTime(g.expiresAt))}</time></span>` : '';
    const nodes = g.nodes.length > 0 ? ` · ${listed(g.nodes.map((n) => `<code>${esc(n)}</code>`), 3)}` : '';
    return `<li class="secret ${g.urgency}" data-secret="${esc(g.secretId)}"><label><input type="checkbox" aria-label="rotated ${i + 1}"> <span class="rank">${i + 1}</span>
<code class="preview">${esc(g.preview)}</code> ${badge(g.urgency)} ${sev(g.severity)} ${expiry}</label>
<div class="what">${g.detectorIds.map((d) => `<code>${esc(d)}</code>`).join(', ')} · ${plural(g.findings.length, 'finding')} in ${plural(g.files.length, 'file')}${nodes}${esc(seenLabel(g, times, ' · '))} · <a href="#" class="show-secret" data-secret="${esc(g.secretId)}">show findings</a> <span class="muted">secret ${esc(g.secretId)}</span></div>
</li>`;
  };
  let rank = 0;
  const classes = byUrgency(groups).map(
    ([urgency, list]) =>
      `<h3 class="${urgency}">${esc(URGENCY_TITLE[urgency])} <span class="count">${plural(list.length, 'secret')}</span></h3><p class="fix">${codeSpans(remediationFor(urgency))}</p>
<ol class="checklist" start="${rank + 1}">\n${list.map((g) => item(g, rank++)).join('\n')}\n</ol>`,
  );
  return `<section id="checklist"><h2>Rotation checklist</h2><p class="muted">Each secret once, the most urgent first. Tick what you have rotated (the ticks are not saved).</p>${classes.join('\n')}</section>`;
}

function filters(findings: readonly Finding[], help: Map<string, { uri: string; title: string }>): string {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const check = (name: string, value: string, label: string) => `<label><input type="checkbox" name="${name}" value="${value}" checked> ${label}</label>`;
  return `<form id="filters" class="filters" onsubmit="return false">
<label class="search">Search <input type="search" id="q" placeholder="file, node, path, detector, secret id" autocomplete="off"></label>
<fieldset><legend>Severity</legend>${(['error', 'warning', 'note'] as const).map((s) => check('severity', s, s)).join('')}</fieldset>
<fieldset><legend>Lifetime</legend>${(['static', 'short-lived', 'expired'] as const).map((u) => check('urgency', u, u)).join('')}</fieldset>
<label>Rule <select id="rule"><option value="">all rules</option>${rules.map((r) => `<option value="${esc(r)}">${esc(r)}</option>`).join('')}</select></label>
<fieldset><legend>Group by</legend>${['secret', 'node', 'rule'].map((v) => `<label><input type="radio" name="view" value="${v}"${v === 'secret' ? ' checked' : ''}> ${v === 'node' ? 'dbt node' : v}</label>`).join('')}</fieldset>
<button type="button" id="clear-filters">Reset</button>
</form>`;
}

function findingRow(f: Finding, more: readonly Finding[], helpUri: string | undefined): string {
  const urgency = f.secretId ? urgencyOf(f) : '';
  const text = [f.file, f.jsonPath, f.uniqueId ?? '', f.originalFilePath ?? '', f.detectorId, f.ruleId, f.secretId ?? '', f.message].join(' ').toLowerCase();
  const source = f.source ? `<div class="muted">source <code>${esc(f.source.file)}${f.source.start ? `:${f.source.start.line}` : ''}</code></div>` : '';
  const expiry = f.expiresAt ? `<div class="muted">${f.expired ? 'expired' : 'expires'} ${esc(readableTime(f.expiresAt))}</div>` : '';
  const repeats = more.length > 0 ? `<div class="muted">${esc(repeatsLine(more))}</div>` : '';
  return `<tr data-severity="${f.severity}" data-urgency="${urgency}" data-rule="${esc(f.ruleId)}" data-secret="${esc(f.secretId ?? '')}" data-count="${1 + more.length}" data-text="${esc(text)}">
<td>${sev(f.severity)}</td><td>${ruleLink(f.ruleId, helpUri)}<div class="muted">${esc(f.detectorId)}</div></td><td><code class="preview">${esc(f.preview)}</code>${urgency ? ` ${badge(urgency)}` : ''}${expiry}</td>
<td><code>${esc(fileAndPosition(f))}</code><div class="path"><code>${esc(f.jsonPath)}</code></div>${repeats}${source}</td><td>${f.uniqueId ? `<code>${esc(f.uniqueId)}</code>` : ''}</td></tr>`;
}

function table(rows: readonly string[]): string {
  return `<div class="scroll"><table><thead><tr><th>Severity</th><th>Rule</th><th>Preview</th><th>Where (masked position)</th><th>dbt node</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function groupOf(findings: readonly Finding[], key: (f: Finding) => string): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    const list = map.get(k);
    if (list) list.push(f);
    else map.set(k, [f]);
  }
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function card(value: string, label: string, note: string, kind = ''): string {
  return `<div class="card ${kind}${value === '0' ? ' zero' : ''}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div><div class="muted">${esc(note)}</div></div>`;
}

function badge(u: Urgency): string {
  return `<span class="badge ${u}">${URGENCY_LABEL[u]}</span>`;
}

function sev(s: Severity): string {
  return `<span class="sev ${s}">${s}</span>`;
}

function ruleLink(ruleId: string, uri: string | undefined): string {
  return uri ? `<a href="${esc(uri)}" rel="noreferrer">${esc(ruleId)}</a>` : `<code>${esc(ruleId)}</code>`;
}

function listed(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Remediation text is ours; its `code` spans become <code>. */
function codeSpans(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** 2030-01-01T00:00:00.000Z → 2030-01-01 00:00 UTC */
function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

function esc(s: string): string {
  // (an artifact's control characters shown as escapes: HTML allows none of them in a page)
  return controlsEscaped(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
