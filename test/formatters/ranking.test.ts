/**
 * Distinct secrets and what to rotate first, end to end: one static PAT leaked in two artifacts is
 * one secret; an expired JWT and an expired SAS URL in the same run rank below it (severity note,
 * last in the checklist, lowest SARIF rank and security-severity) and are still reported.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, runResults } from '../helpers.js';
import { scratch } from '../hostile/harness.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const PAT = 'ghp_Zq8kLm2vX9aBcDeF4gH6jK1pQ3rS5tU7wY0z';
const EXPIRED_JWT = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'svc-loader', iss: 'https://auth.acme.io', exp: 1704067200 })}.Qm9ndXNTaWduYXR1cmVGb3JBVGVzdE9ubHkxMjM0NTY`;
const SAS_SIG = 'NLdPRWb0j9QMmqLzFiuMZWxIm5Q01o61cGpU8uwy2Lk%3D';
const EXPIRED_SAS = `https://acmelake.blob.core.windows.net/raw/orders.parquet?sv=2022-11-02&sr=b&sp=r&st=2023-12-01T00:00:00Z&se=2024-01-01T00:00:00Z&spr=https&sig=${SAS_SIG}`;
const NOW = '2026-06-01T00:00:00Z';

const { dir, write } = scratch();
mkdirSync(path.join(dir, 'target'));
mkdirSync(path.join(dir, 'salted'));
write('target/manifest.json', dbtJson(manifest({}, { GITHUB_TOKEN: PAT, LOADER_JWT: EXPIRED_JWT, EXPORT_URL: EXPIRED_SAS })));
write('target/run_results.json', dbtJson(runResults({}, { GITHUB_TOKEN: PAT })));
const target = path.join(dir, 'target');

interface JsonFinding {
  detectorId: string;
  severity: string;
  secretId?: string;
  fingerprint: string;
  lifetime?: string;
  expiresAt?: string;
  expired?: boolean;
  file: string;
}

t.test('JSON: secretId, lifetime and expiresAt; an expired credential is a note', async (t) => {
  const r = await runCli([target, '--json', '--now', NOW]);
  t.equal(r.code, 1, r.stderr);
  const { summary, findings } = JSON.parse(r.stdout) as { summary: { findings: number; distinctSecrets: number }; findings: JsonFinding[] };
  const pat = findings.filter((f) => f.detectorId === 'github-classic-pat');
  const jwt = findings.find((f) => f.detectorId === 'jwt');
  const sas = findings.find((f) => f.detectorId === 'azure-sas-token');
  t.equal(pat.length, 2, 'the PAT in both artifacts');
  t.equal(pat[0]!.secretId, pat[1]!.secretId, 'one secret id for one value, across artifacts');
  t.not(pat[0]!.fingerprint, pat[1]!.fingerprint, 'two findings all the same');
  t.match(pat[0], { lifetime: 'static', severity: 'error' });
  t.notOk('expiresAt' in pat[0]!);
  t.match(jwt, { lifetime: 'short-lived', expiresAt: '2024-01-01T00:00:00.000Z', expired: true, severity: 'note' });
  t.match(sas, { lifetime: 'short-lived', expiresAt: '2024-01-01T00:00:00.000Z', expired: true, severity: 'note' });
  t.equal(summary.distinctSecrets, new Set(findings.map((f) => f.secretId)).size);
  t.ok(summary.distinctSecrets < summary.findings, 'fewer secrets than findings');
  for (const f of findings) t.match(f.secretId, /^[0-9a-f]{16}$/);

  const again = JSON.parse((await runCli([target, '--json', '--now', NOW])).stdout) as { findings: JsonFinding[] };
  t.same(again.findings.map((f) => f.secretId), findings.map((f) => f.secretId), 'stable across runs');
  const before = JSON.parse((await runCli([target, '--json', '--now', '2023-12-15T00:00:00Z'])).stdout) as { findings: JsonFinding[] };
  t.match(before.findings.find((f) => f.detectorId === 'jwt'), { expired: undefined, severity: 'error' }, 'still valid before it expires');
});

t.test('the same value under another salt gets another id', async (t) => {
  const config = write('salted/.dbt-tools-lint.json', JSON.stringify({ salt: 'another-salt-for-this-test' }));
  const salted = JSON.parse((await runCli([target, '--json', '--config', config, '--now', NOW])).stdout) as { findings: JsonFinding[] };
  const plain = JSON.parse((await runCli([target, '--json', '--now', NOW])).stdout) as { findings: JsonFinding[] };
  t.not(salted.findings[0]!.secretId, plain.findings[0]!.secretId);
});

t.test('the expired JWT and SAS URL rank below the static PAT in every ranked view', async (t) => {
  const md = (await runCli([target, '--format', 'markdown', '--now', NOW])).stdout;
  const items = md.split('\n').filter((l) => l.startsWith('- [ ]'));
  const at = (what: string) => items.findIndex((l) => l.includes(what));
  t.ok(at('github-classic-pat') >= 0 && at('jwt') >= 0 && at('azure-sas-token') >= 0, 'all three in the checklist');
  t.ok(at('github-classic-pat') < at('jwt') && at('github-classic-pat') < at('azure-sas-token'), 'the PAT first');
  t.match(md, /Expired credentials: fix the leak/);

  const text = (await runCli([target, '--group-by', 'secret', '--now', NOW])).stdout;
  t.ok(text.indexOf('github-classic-pat') < text.indexOf('jwt'), 'text, by secret: the PAT first');
  t.match(text, /findings of \d+ distinct secrets/);

  const sarif = JSON.parse((await runCli([target, '--format', 'sarif', '--now', NOW])).stdout);
  const results = sarif.runs[0].results as Array<{ rank: number; level: string; correlationGuid: string; properties: Record<string, string> }>;
  const of = (id: string) => results.filter((r) => r.properties['detectorId'] === id);
  const [pat, jwt, sas] = [of('github-classic-pat'), of('jwt'), of('azure-sas-token')];
  t.ok(pat[0]!.rank > jwt[0]!.rank && pat[0]!.rank > sas[0]!.rank, 'SARIF rank');
  t.ok(Number(pat[0]!.properties['security-severity']) > Number(jwt[0]!.properties['security-severity']), 'security-severity');
  t.equal(jwt[0]!.level, 'note');
  t.equal(pat[0]!.correlationGuid, pat[1]!.correlationGuid, 'one correlationGuid per secret');
  t.match(pat[0]!.correlationGuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.not(pat[0]!.correlationGuid, jwt[0]!.correlationGuid);
  t.match(sarif.runs[0].properties, { distinctSecrets: Number, summary: /findings of \d+ distinct secrets/ });
});

t.test('--json is --format json; with another --format it is a usage error', async (t) => {
  const a = await runCli([target, '--json', '--now', NOW]);
  const b = await runCli([target, '--format', 'json', '--now', NOW]);
  t.same(JSON.parse(a.stdout).findings, JSON.parse(b.stdout).findings);
  const both = await runCli([target, '--json', '--format', 'sarif']);
  t.equal(both.code, 2);
  t.match(both.stderr, /--json and --format sarif disagree/);
  const badNow = await runCli([target, '--now', 'soon']);
  t.equal(badNow.code, 2);
  t.match(badNow.stderr, /--now soon: not a date/);
});
