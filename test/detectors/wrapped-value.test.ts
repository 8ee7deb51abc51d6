/**
 * A secret's value in an object that only wraps it is read under the object's name: Azure Data Factory's and
 * Synapse's linked services (`"password": {"type": "SecureString", "value": "…"}`, red team 162, pasted into a
 * model's meta), Terraform's outputs (`"db_password": {"sensitive": true, "type": "string", "value": "…"}`). The
 * streamed walk and the parsed one read it alike, as the object would be read (a unit test's row cell's test data as
 * such: review 164); a placeholder, a Key Vault reference (no value), a number or a wrapper under a name that names no
 * secret are not reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { plainFinding } from '../../src/findings/record.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';

const PASSWORD = 'Kq8w3nz7x2pdQ4vR';
const PRINCIPAL = 'Zk8~Q2vX9pgT4wRmN3bL5cD7fH1jK0sA';
const OUTPUT = 'Xv7#pQ2mL9wZ4kR8';

const meta = {
  adf_linked_service: {
    name: 'ls_sql',
    properties: {
      type: 'AzureSqlDatabase',
      typeProperties: {
        connectionString: 'Server=tcp:x.database.windows.net;Database=db;User ID=etl',
        password: { type: 'SecureString', value: PASSWORD },
        servicePrincipalKey: { type: 'SecureString', value: PRINCIPAL },
      },
    },
  },
  terraform_outputs: { db_password: { sensitive: true, type: 'string', value: OUTPUT }, warehouse: { sensitive: false, type: 'string', value: 'COMPUTE_WH' } },
  decoys: {
    masked: { password: { type: 'SecureString', value: '**********' } },
    templated: { api_key: { type: 'SecureString', value: "{{ env_var('DBT_ENV_SECRET_API_KEY') }}" } },
    key_vault: { password: { type: 'AzureKeyVaultSecret', store: { referenceName: 'ls_kv', type: 'LinkedServiceReference' }, secretName: 'sql-password' } },
    lifetime: { token: { value: 3600, unit: 'seconds' } },
    not_a_secret: { description: { value: 'Kq8w3nz7x2pdQ4vRz' } },
  },
};

t.test("a wrapped secret is read under its object's name, streamed or parsed", async (t) => {
  const node = { unique_id: 'model.p.a', resource_type: 'model', original_file_path: 'models/a.sql', config: { meta } };
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir, { recursive: true });
  // a unit test's fixture rows: a weak password there is test data, wrapped or not (review 164)
  const unitTest = {
    unique_id: 'unit_test.p.a.t',
    resource_type: 'unit_test',
    original_file_path: 'models/a.yml',
    given: [{ input: "ref('users')", rows: [{ id: 4, password: 'hunter2' }, { id: 5, password: { value: 'hunter2' } }] }],
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: { 'model.p.a': node }, unit_tests: { 'unit_test.p.a.t': unitTest } })));
  const runs = [false, true].map((stream) => scan({ paths: [dir], stream }).findings.map(plainFinding));
  const paths = (findings: typeof runs[0]) => findings.map((f) => f.jsonPath).sort();
  t.same(paths(runs[0]!), [
    "$.nodes['model.p.a'].config.meta.adf_linked_service.properties.typeProperties.password.value",
    "$.nodes['model.p.a'].config.meta.adf_linked_service.properties.typeProperties.servicePrincipalKey.value",
    "$.nodes['model.p.a'].config.meta.terraform_outputs.db_password.value",
  ], "the three secrets, and no decoy (nor a fixture row's test data, wrapped or not)");
  t.same(runs[1], runs[0], 'the same findings streamed');
  t.ok(runs[0]!.every((f) => f.ruleId === 'config-meta' && f.detectorId === 'secret-key-name'), "config-meta's, by the name");
  // the preview names the wrapper, as the value was read under it, not `value`
  t.same(runs[0]!.map((f) => f.preview.split('=')[0]).sort(), ['db_password', 'password', 'servicePrincipalKey'], "each preview under its wrapper's name");
  for (const f of runs[0]!) t.notOk(f.preview.includes(PASSWORD) || f.preview.includes(PRINCIPAL) || f.preview.includes(OUTPUT), 'masked');
});
