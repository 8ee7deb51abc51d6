/**
 * More findings than a call takes arguments (session 54's audit: 300,000 findings of one adversarial value): the text
 * report spread them into Math.max and push, and ended in "internal error (RangeError)" with every finding lost; the
 * token search spread a value's matches the same way. Each now takes them one by one.
 */
import t from 'tap';
import { formatText } from '../../src/formatters/text.js';
import { formatGithub, MAX_ANNOTATIONS } from '../../src/formatters/github.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import type { Finding, ScanResult } from '../../src/types.js';

const MANY = 200_000;

function findings(n: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      ruleId: 'compiled-code',
      detectorId: 'url-password',
      severity: 'error',
      message: 'Secret in compiled SQL: password in a postgres:// URL',
      file: 'target/manifest.json',
      artifactKind: 'manifest',
      // (each in a node of its own: the same finding repeated in one place is listed once, see repeats.test.ts)
      jsonPath: `$.nodes['model.shop.orders_${i}'].compiled_code`,
      jsonPointer: `/nodes/model.shop.orders_${i}/compiled_code`,
      location: `nodes.model.shop.orders_${i}.compiled_code`,
      start: { line: 1, column: 40 * i + 1 },
      end: { line: 1, column: 40 * i + 9 },
      charOffset: 40 * i,
      charLength: 8,
      uniqueId: `model.shop.orders_${i}`,
      preview: 'postgres://loader:****@db',
      fingerprint: `f${i}`,
      secretId: 'a1b2c3d4e5f6a7b8',
      lifetime: 'static',
    });
  }
  return out;
}

t.test(`the text report of ${MANY} findings, by file and by secret`, async (t) => {
  const list = findings(MANY);
  const result: ScanResult = {
    findings: list,
    summary: { filesScanned: 1, artifacts: [], bytesScanned: 8_000_000, stringsScanned: 1, findings: MANY, suppressed: 0, bySeverity: { error: MANY, warning: 0, note: 0 }, distinctSecrets: 1, durationMs: 1 },
  };
  for (const groupBy of ['file', 'secret'] as const) {
    const text = formatText(result, { rules: [], color: false, exitCode: 1, cwd: '/', groupBy });
    t.match(text, new RegExp(`✖ ${MANY} findings of 1 distinct secret`), `${groupBy}: the summary`);
    t.ok(text.split('\n').length > MANY, `${groupBy}: a line for each finding`);
  }
});

t.test('a value with more tokens than a call takes arguments', async (t) => {
  const token = 'ghp_Zq8kLm2vX9aBcDeF4gH6jK1pQ3rS5tU7wY0z';
  const value = Array.from({ length: 150_000 }, () => token).join(' ');
  t.equal(detectTokens(value).filter((m) => m.detectorId.startsWith('github')).length, 150_000);
});

// GitHub's annotations (red team 90: 30,550 findings were 30,550 lines, 14 MB of a job's log): the most severe up to
// MAX_ANNOTATIONS, then one line that says how many were left out and where they all are
t.test('GitHub annotations stop at their cap, the most severe first', async (t) => {
  const n = MAX_ANNOTATIONS + 300;
  const list = findings(n).map((f, i): Finding => (i % 2 === 0 ? { ...f, severity: 'warning' } : f));
  const result: ScanResult = {
    findings: list,
    summary: { filesScanned: 1, artifacts: [], bytesScanned: 1, stringsScanned: 1, findings: n, suppressed: 0, bySeverity: { error: n / 2, warning: n / 2, note: 0 }, distinctSecrets: 1, durationMs: 1 },
  };
  const lines = formatGithub(result, { rules: [], color: false, exitCode: 1, cwd: '/' }).trimEnd().split('\n');
  const annotations = lines.filter((l) => /^::(error|warning) /.test(l));
  t.equal(annotations.length, MAX_ANNOTATIONS, 'as many as the cap');
  t.equal(annotations.filter((l) => l.startsWith('::error ')).length, n / 2, 'every error among them');
  t.match(lines.find((l) => l.startsWith('::notice ')), new RegExp(`::300 of ${n} findings are not annotated`), 'a line says how many were not');
  const few = formatGithub({ ...result, findings: list.slice(0, 10) }, { rules: [], color: false, exitCode: 1, cwd: '/' });
  t.notOk(few.includes('not annotated'), 'under the cap, no such line');
});
