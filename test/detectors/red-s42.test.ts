/**
 * Session 42's red team (44th round): a SQL literal whose quote is written twice was cut at it (and
 * `redact` kept the rest), a connection string's pairs with spaces around `=` and a name in mixed case
 * were not read, nor Snowflake's dollar-quoted password; Datadog's browser client token was taken for
 * a secret. The 45th round: 1Password's name read as a password's, a digest named by its algorithm and a note of
 * where the secret is managed under secret names; an Asana token in a description. Each case names the exact
 * secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { isRealSecretValue, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { checkDetector as check } from './detector-cases.js';

// SQL (and YAML's single-quoted scalars) write a quote of the value twice: the literal goes on to its closing quote
check(sqlCredentialDetector, [
  { label: 'create role … password', text: "create role etl_writer login password 'fobLXl''6Fn27MEM';", secrets: ["fobLXl''6Fn27MEM"] },
  { label: 'two doubled quotes', text: "alter user x password 'ab''''cdefgh12' valid until 'infinity'", secrets: ["ab''''cdefgh12"] },
  { label: 'a typed declaration', text: "declare @pwd nvarchar(50) = 'Xk9''mQ2vLp7z';", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'a literal selected as a secret', text: "select 'Xk9''mQ2vLp7z' as db_password", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'a literal a secret is looked up in', text: "where api_key in ('Xk9''mQ2vLp7z')", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'the second literal of an in list', text: "where password <> '' and token in ('', 'Xk9''mQ2vLp7z')", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "a literal given to a setting's name", text: "select set_config('api_token', 'Xk9''mQ2vLp7z', false)", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "ClickHouse's postgresql() password", text: "select * from postgresql('pg:5432', 'db', 't', 'etl', 'Xk9''mQ2vLp7z')", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'an empty literal and a sentence stay silent', text: "select '' as password, 'it''s' as note where token <> ''", secrets: [] },
]);

check(assignmentDetector, [
  { label: 'SQL SET with a doubled quote', text: "set db_password = 'Xk9''mQ2vLp7z';", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "YAML's single-quoted scalar", text: "db_password: 'Xk9''mQ2vLp7z'\nschema: raw", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'an empty value then another literal', text: "password = '' and x = 'abcdefgh12'", secrets: [] },
]);

// ODBC and ADO.NET let spaces stand around `=` and read names in any case
check(assignmentDetector, [
  {
    label: "an ODBC string's spaced, mixed-case PWD",
    text: 'DRIVER={ODBC Driver 18 for SQL Server};SERVER=erp.acme.local;UID = erp_ro ; pWd = xYJn7vRdFDWyr0I.Pn ;',
    secrets: ['xYJn7vRdFDWyr0I.Pn'],
  },
  { label: "an ADO.NET string's spaced Password, a dot in it", text: "conn = 'Data Source=erp;user id=dbt_reader;PASSWORD  =  zEvVqBTl39p9e7M.hD;'", secrets: ['zEvVqBTl39p9e7M.hD'] },
  { label: 'code after a statement stays silent', text: 'let a = 1; token = getTokenValue(); x = y;', secrets: [] },
  { label: 'a variable after a statement stays silent', text: 'x = 1; password = pw_from_env;', secrets: [] },
  { label: "a for loop's condition stays silent", text: 'for (i = 0; token = next(i); i++) {}', secrets: [] },
  { label: 'a column after a statement stays silent', text: 'a=b; password = src.password;', secrets: [] },
  { label: 'a spaced pair not after another stays silent', text: 'then pWd = xYJn7vRdFDWyr0I.Pn ;', secrets: [] },
]);

// Snowflake's and PostgreSQL's dollar quotes
check(assignmentDetector, [
  { label: "Snowflake's dollar-quoted password", text: 'alter user LOADER_SVC set password = $$msgUKM5AIhoKjd^w7d$$;', secrets: ['msgUKM5AIhoKjd^w7d'] },
  { label: "Make's escaped dollar before a variable", text: 'password = $${DB_PASSWORD}', secrets: [] },
  { label: 'an unclosed dollar quote', text: 'password = $$msgUKM5AIhoKjd^w7d', secrets: [] },
  { label: 'a function body', text: 'create function f() returns text as $$ select 1 $$; token = $$ select 2 $$', secrets: [] },
]);

t.test("Datadog's browser client token is public by design", async (t) => {
  t.notOk(isRealSecretValue('pub1f2e3d4c5b6a79881726354a5b6c7d8e', 'clientToken'), 'pub and 32 hex');
  t.ok(isRealSecretValue('1f2e3d4c5b6a79881726354a5b6c7d8e', 'clientToken'), 'without pub: a key');
  t.same(assignmentDetector.detect('DD_RUM.init({clientToken: "pub1f2e3d4c5b6a79881726354a5b6c7d8e", site: "datadoghq.eu"})', { key: undefined }), [], 'in a page');
});

// red team 45: notes under secret names
check(secretKeyNameDetector, [
  { key: 'api_key', text: 'sha256:5edab5e7d3b2a1c0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a0bd6 (hash only; the key lives in Secrets Manager)', secrets: [] },
  { key: 'API_KEY', text: 'sha256:5edab5e7d3b2a1c0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a0bd6', secrets: [] },
  { key: 'REDSHIFT_PASSWORD', text: 'managed by AWS Secrets Manager (prod/dbt/redshift)', secrets: [] },
  { key: 'api_key', text: 'sha256Xk9mQ2vLp7zWv3Lp6xTb4Qz8nM1sD5fG7hJ9k', secrets: ['sha256Xk9mQ2vLp7zWv3Lp6xTb4Qz8nM1sD5fG7hJ9k'] },
  { key: 'REDSHIFT_PASSWORD', text: 'managed-Xk9mQ2vLp7z', secrets: ['managed-Xk9mQ2vLp7z'] },
]);

check(assignmentDetector, [
  { label: "1Password's name is no password's", text: "Stored in 1Password: 'Snowflake prod / dbt_svc'", secrets: [] },
  { label: 'nor written in lower case', text: 'item "1password": "Snowflake prod / dbt_svc"', secrets: [] },
  { label: 'a password beside it still is', text: "Stored in 1Password: 'Snowflake prod'; password: 'Xk9mQ2vLp7z#'", secrets: ['Xk9mQ2vLp7z#'] },
]);

t.test("an Asana token after its name in a column's description", async (t) => {
  const dir = tempDir('asana-');
  const token = '2/5261988260210103/9641396919008674:18e0d8129e866a3bf6ac46bdc3f34437';
  const node = {
    resource_type: 'model', unique_id: 'model.shop.clients', name: 'clients', package_name: 'shop', original_file_path: 'models/clients.sql', raw_code: 'select 1',
    columns: {
      id: { name: 'id', description: `Populated by the ingestion job (ASANA_PAT: ${token}).` },
      project: { name: 'project', description: 'Asana project 1/1206318745923107:board of the team' },
    },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  const { findings } = scan({ paths: [dir], jobs: 1 });
  t.same(findings.map((f) => [f.ruleId, f.detectorId, f.jsonPointer]), [['free-text', 'asana-pat', '/nodes/model.shop.clients/columns/id/description']]);
});

// red team 45: a Stripe object's id where a token would be, and a sample's words after Bearer
check(assignmentDetector, [
  { label: "a customer's id as a URL's token", text: 'GET https://api.acme.io/v1/export?token=cus_ovWF7NCtyp8dx8 returned 404', secrets: [] },
  { label: "a charge's id after credentials", text: 'loaded with credentials ch_3pptccfj5tdQ6QtoPLcpW8Rk', secrets: [] },
  { label: 'a token of its own shape still is', text: 'GET https://api.acme.io/v1/export?token=Xk9mQ2vLp7zWv3Lp6xTb4Q returned 404', secrets: ['Xk9mQ2vLp7zWv3Lp6xTb4Q'] },
]);

t.test("curl's Authorization header: words joined are a stand-in", async (t) => {
  const ids = new Set(['curl-auth-header']);
  t.same(detectTokens("curl -H 'Authorization: Bearer ample_brisk' https://api.acme.io/v1/x", ids), [], 'two words');
  t.same(detectTokens("curl -H 'Authorization: Bearer your-api-token' https://api.acme.io/v1/x", ids), [], 'three');
  const found = detectTokens("curl -H 'Authorization: Bearer ample_brisk7' https://api.acme.io/v1/x", ids);
  t.equal(found.length, 1, 'with a digit: a token');
});
