/**
 * dbt-secret-placeholder: dbt's stand-in for a `DBT_ENV_SECRET` variable, `$$$DBT_SECRET_START$$$<name>$$$DBT_SECRET_END$$$`,
 * which DBT-ARTIFACTS.md says never belongs in an artifact. Found wherever a rule reads text, reported as a note (the
 * name is no secret; a default gate passes), its preview the marker and the name.
 */
import t from 'tap';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { dbtSecretPlaceholderDetector } from '../../src/detectors/dbt-placeholders.js';
import { checkDetector as check } from './detector-cases.js';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';

const MARK = (name: string) => `$$$DBT_SECRET_START$$$${name}$$$DBT_SECRET_END$$$`;

check(dbtSecretPlaceholderDetector, [
  { label: 'in compiled SQL', text: `select * from x where token = '${MARK('DBT_ENV_SECRET_API_TOKEN')}'`, secrets: [MARK('DBT_ENV_SECRET_API_TOKEN')] },
  { label: "in a package's clone URL", text: `https://${MARK('DBT_ENV_SECRET_GIT_TOKEN')}@github.com/acme/dbt-utils.git`, secrets: [MARK('DBT_ENV_SECRET_GIT_TOKEN')] },
  { label: 'the prefix of dbt 1.7 and later, no underscore', text: MARK('DBT_ENV_SECRETPASSWORD'), secrets: [MARK('DBT_ENV_SECRETPASSWORD')] },
  { label: 'two in one value', text: `${MARK('DBT_ENV_SECRET_USER')}:${MARK('DBT_ENV_SECRET_PASS')}`, secrets: [MARK('DBT_ENV_SECRET_USER'), MARK('DBT_ENV_SECRET_PASS')] },
  { label: 'cut before its end marker', text: 'password=$$$DBT_SECRET_START$$$DBT_ENV_SECRET_PG_PASSWORD', secrets: ['$$$DBT_SECRET_START$$$DBT_ENV_SECRET_PG_PASSWORD'] },
  { label: 'the marker named in prose', text: 'dbt writes DBT_SECRET_START around a secret variable', secrets: [] },
  { label: 'the marker with no name after it', text: 'grep for "$$$DBT_SECRET_START$$$" in the logs', secrets: [] },
  { label: "dbt's scrubbed value", text: 'password=*****', secrets: [] },
]);

t.test('a placeholder in an artifact is a note: found in every place, masked to its name, and no default gate fails on it', async (t) => {
  const dir = tempDir('placeholder-');
  const node = {
    unique_id: 'model.p.orders',
    resource_type: 'model',
    original_file_path: 'models/orders.sql',
    compiled_code: `select * from read_csv('s3://b/x.csv', token='${MARK('DBT_ENV_SECRET_S3_TOKEN')}')`,
    config: { meta: { conn: `postgresql://etl:${MARK('DBT_ENV_SECRET_PG_PASSWORD')}@pg.acme.io/dw` } },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: { 'model.p.orders': node } })));
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { api_key: MARK('DBT_ENV_SECRET_API_KEY') } } })));
  const text = await runCli([dir]);
  t.equal(text.code, 0, `notes only: the default gate (warning) passes\n${text.stderr}`);
  t.match(text.stdout, /3 findings of 3 distinct secrets \(3 notes\)/);
  const failing = await runCli([dir, '--fail-on', 'note']);
  t.equal(failing.code, 1, '--fail-on note fails on them');
  const json = JSON.parse((await runCli([dir, '--format', 'json'])).stdout) as { findings: { ruleId: string; severity: string; preview: string }[] };
  t.same(json.findings.map((f) => [f.ruleId, f.severity]).sort(), [['cli-vars', 'note'], ['compiled-code', 'note'], ['config-meta', 'note']]);
  t.same(json.findings.map((f) => f.preview).sort(), ['$$$DBT_SECRET_START$$$DBT_ENV_SECRET_API_KEY…', '$$$DBT_SECRET_START$$$DBT_ENV_SECRET_PG_PASSWORD…', '$$$DBT_SECRET_START$$$DBT_ENV_SECRET_S3_TOKEN…']);
  const sarif = JSON.parse((await runCli([dir, '--format', 'sarif'])).stdout) as { runs: { results: { level: string }[] }[] };
  t.same(sarif.runs[0]!.results.map((r) => r.level), ['note', 'note', 'note'], "SARIF's level");
  // a rule's own severity still holds for its other findings
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ args: { vars: { api_key: MARK('DBT_ENV_SECRET_API_KEY'), db_password: 'Kq8#vLm2Tz9pWx' } } })));
  const mixed = JSON.parse((await runCli([dir, '--format', 'json'])).stdout) as { findings: { detectorId: string; severity: string }[] };
  t.same(mixed.findings.filter((f) => f.detectorId !== 'dbt-secret-placeholder').map((f) => f.severity), ['error'], 'a password beside it: an error');
});
