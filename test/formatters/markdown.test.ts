/**
 * The markdown report as a pure function of findings: a headline, the rotation checklist, and a
 * findings table cut short with a count, under GitHub's 1 MiB job-summary limit however many
 * findings there are; text from findings cannot break the table or inject HTML.
 */
import t from 'tap';
import { formatMarkdown, MARKDOWN_LIMIT, MAX_TABLE_ROWS } from '../../src/formatters/markdown.js';
import { RULES } from '../../src/rules/index.js';
import type { Finding, ScanResult } from '../../src/types.js';

const rules = RULES.map((rule) => ({ rule, severity: rule.severity }));
const context = { rules, color: false, exitCode: 1, cwd: '/work' };

function finding(i: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'config-meta',
    detectorId: 'github-classic-pat',
    severity: 'error',
    message: 'Secret in config/meta: GitHub personal access token',
    file: 'target/manifest.json',
    artifactKind: 'manifest',
    jsonPath: `$.nodes['model.shop.m${i}'].config.meta.token`,
    jsonPointer: `/nodes/model.shop.m${i}/config/meta/token`,
    location: `nodes.model.shop.m${i}.config.meta.token`,
    start: { line: 1, column: 10 + i },
    end: { line: 1, column: 50 + i },
    charOffset: 9 + i,
    charLength: 40,
    uniqueId: `model.shop.m${i}`,
    preview: 'ghp_****',
    fingerprint: i.toString(16).padStart(32, '0'),
    secretId: (i % 7).toString(16).padStart(16, 'a'),
    lifetime: 'static',
    ...over,
  };
}

function result(findings: Finding[]): ScanResult {
  const open = findings.filter((f) => !f.suppressed);
  return {
    findings,
    summary: {
      filesScanned: 1,
      artifacts: [],
      bytesScanned: 1,
      stringsScanned: 1,
      findings: open.length,
      suppressed: findings.length - open.length,
      bySeverity: { error: open.filter((f) => f.severity === 'error').length, warning: 0, note: open.filter((f) => f.severity === 'note').length },
      distinctSecrets: new Set(open.map((f) => f.secretId)).size,
      durationMs: 1,
    },
  };
}

t.test('headline, checklist by class, table with rule links', async (t) => {
  const findings = [finding(1), finding(2), finding(8), finding(3, { lifetime: 'short-lived', expiresAt: '2024-01-01T00:00:00.000Z', expired: true, severity: 'note', detectorId: 'jwt' })];
  const md = formatMarkdown(result(findings), context);
  t.match(md, /^## 🔴 dbt-tools-lint: 4 findings of 3 distinct secrets\n/);
  const items = md.split('\n').filter((l) => l.startsWith('- [ ]'));
  t.equal(items.length, 3, 'one item per secret');
  t.match(items[0], /`ghp_\*\*\*\*` github-classic-pat · 2 findings/, 'the secret found twice, static, first');
  t.match(items[2], /jwt · expired 2024-01-01/, 'the expired one last');
  t.ok(md.indexOf('**Static credentials: rotate now**') < md.indexOf('**Expired credentials: fix the leak**'));
  t.match(md, /\| \[config-meta\]\(https:\/\/[^)]+config-meta\.md\) \|/, 'rules link to their docs');
  t.equal(md.split('\n').filter((l) => l.startsWith('| 🔴') || l.startsWith('| 🔵')).length, 4);
});

t.test('a clean run says so', async (t) => {
  t.match(formatMarkdown(result([]), context), /^## ✅ dbt-tools-lint: no secrets found/);
});

t.test('long reports: the table is cut with a count; the whole stays under 1 MiB', async (t) => {
  const many = Array.from({ length: 5000 }, (_, i) => finding(i, { secretId: i.toString(16).padStart(16, '0') }));
  const md = formatMarkdown(result(many), context);
  t.ok(Buffer.byteLength(md) <= MARKDOWN_LIMIT, `${Buffer.byteLength(md)} bytes`);
  t.match(md, `…and 4,900 more secrets`.replace('4,900', '4900'));
  t.match(md, `…and ${5000 - MAX_TABLE_ROWS} more findings not shown (${MAX_TABLE_ROWS} of 5000)`);

  // Huge node ids push even the capped checklist and table past the limit: cut at a line, said so.
  const huge = Array.from({ length: 300 }, (_, i) => finding(i, { secretId: i.toString(16).padStart(16, '0'), uniqueId: `model.shop.${'x'.repeat(20_000)}${i}`, jsonPath: `$.${'y'.repeat(20_000)}` }));
  const cut = formatMarkdown(result(huge), context);
  t.ok(Buffer.byteLength(cut) <= MARKDOWN_LIMIT, `${Buffer.byteLength(cut)} bytes`);
});

t.test('text from findings cannot break a table row or inject HTML', async (t) => {
  const nasty = finding(1, { preview: '|`<****', uniqueId: 'model.a|b<script>alert(1)</script>', file: 'target/a|b.json', jsonPath: "$['x|y\\n<img src=x>']" });
  const md = formatMarkdown(result([nasty]), context);
  const row = md.split('\n').find((l) => l.startsWith('| 🔴'))!;
  t.equal(row.replace(/\\\|/g, '').split('|').length, 8, 'six cells: every pipe from the finding is escaped');
  const outsideCode = md.replace(/`` [^\n]*? ``/g, '').replace(/`[^`\n]*`/g, '');
  t.notMatch(outsideCode, /<script|<img/, 'no HTML outside code spans');
});
