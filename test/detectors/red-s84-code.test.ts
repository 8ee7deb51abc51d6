/**
 * Red team 84's misses in code, command lines and names: requests' auth tuple in a docs block, the Databricks CLI's
 * `--string-value`, a Vault AppRole's secret_id, a user and password under an *_AUTH variable, a URL's query key after a
 * Jinja expression in its path, and a password procedure's argument echoed in dbt.log. Beside each, the decoys of the
 * same form that stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const sql = ruleProbe('compiled_code');
const macro = ruleProbe('macro_sql');
const log = ruleProbe('message');

t.test("the second of an auth=(user, password) tuple in a docs block's code is a password", async (t) => {
  prose.finds(t, 'free-text', [
    ['Quick check:\n\n```python\nrequests.get(\'https://partner.orbit.io/v1/health\', auth=("orbit", "OJcaODN3femUgQ$Vr2"), timeout=5)\n```\n', 'OJcaODN3femUgQ$Vr2'],
    ["httpx.get(url, auth=('svc_dbt', 'Tq7#mWz2pLx9'))", 'Tq7#mWz2pLx9'],
    ['session.auth = HTTPBasicAuth("svc", "Kx9!mQ2wLp")', 'Kx9!mQ2wLp'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'requests.get(url, auth=("user", "password"))',
    'requests.get(url, auth=(user, password))',
    'requests.get(url, auth=("orbit", os.environ["ORBIT_PASSWORD"]))',
    'requests.get(url, auth=("orbit", "<your-password>"))',
    'requests.get(url, auth=("orbit", "********"))',
    'requests.get(url, auth=("api", ""))',
    'Cited in (Smith, "2019") and the author=("Jones", "2021") note',
    'spark.conf.set("spark.sql.shuffle.partitions", "200")',
    'os.environ["DB_PASSWORD"] = "changeme"',
  ]);
});

t.test("the value of --string-value after databricks secrets put-secret (or put) is a secret", async (t) => {
  prose.finds(t, 'free-text', [
    ["Seed it once: `databricks secrets put-secret analytics erp-password --string-value 'Saffron#Cobalt7423'`.", 'Saffron#Cobalt7423'],
    ['databricks secrets put --scope analytics --key erp-password --string-value "Lantern#Quartz5521"', 'Lantern#Quartz5521'],
    ['databricks secrets put-secret analytics api-token --string-value dapi8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d', 'dapi8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d'],
  ]);
  sql.finds(t, 'compiled-code', [["-- databricks secrets put-secret etl sftp --string-value 'Harbor!Mint8831'\nselect 1", 'Harbor!Mint8831']]);
  prose.findsNothing(t, 'free-text', [
    'databricks secrets put-secret analytics erp-password --string-value "$ERP_PASSWORD"',
    'databricks secrets put-secret analytics erp-password --string-value <password>',
    'databricks secrets put-secret analytics erp-password (it prompts for the value; --string-value puts it in your shell history)',
    'databricks secrets list-secrets analytics --string-value Saffron#Cobalt7423',
    'mytool config set --string-value Saffron#Cobalt7423',
    'aws ssm put-parameter --name /etl/label --string-value Release#2024Q3',
  ]);
});

t.test("a Vault AppRole's secret_id is a secret under a Vault name or beside its role_id; Azure's secret id and a lone secret_id are ids", async (t) => {
  ruleProbe('VAULT_SECRET_ID').finds(t, 'env-metadata', [['e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3', 'e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3']]);
  ruleProbe('VAULT_APPROLE_SECRET_ID').finds(t, 'env-metadata', [['5b2c7d1e-9a4f-4e3b-8c6d-2f1a0e9b7c34', '5b2c7d1e-9a4f-4e3b-8c6d-2f1a0e9b7c34']]);
  ruleProbe('AIRFLOW__SECRETS__BACKEND_KWARGS').finds(t, 'env-metadata', [
    ['{"auth_type": "approle", "role_id": "7c1b2d9e-2f7a-4c41-9d0e-3b7f3e2a9c11", "secret_id": "0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512"}', '0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512'],
    ['{"secret_id": "0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512", "role_id": "7c1b2d9e-2f7a-4c41-9d0e-3b7f3e2a9c11"}', '0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512'],
  ]);
  prose.finds(t, 'free-text', [['vault write auth/approle/login role_id=7c1b2d9e-2f7a-4c41-9d0e-3b7f3e2a9c11 secret_id=0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512', '0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512']]);
  for (const name of ['AZURE_CLIENT_SECRET_ID', 'SECRET_ID', 'KV_SECRET_ID', 'KEY_VAULT_SECRET_ID', 'AWS_SECRET_ID']) {
    ruleProbe(name).findsNothing(t, 'env-metadata', ['e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3']);
  }
  // a path or a URL under a Vault name is where the secret id is kept, not it
  ruleProbe('VAULT_SECRET_ID').findsNothing(t, 'env-metadata', ['/etc/vault/secret-id', 'https://myvault.vault.azure.net/secrets/etl-password/4d1c', 'approle-secret-id']);
  ruleProbe('SECRETS_BACKEND_KWARGS').findsNothing(t, 'env-metadata', [
    '{"secret_id": "0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512", "version": 3}',
    '{"tenant_id": "72f988bf-86f1-41af-91ab-2d7cd011db47", "secret_id": "0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512"}',
    '{"role_id": "7c1b2d9e-2f7a-4c41-9d0e-3b7f3e2a9c11", "secret_id": "{{ var(\'vault_secret_id\') }}"}',
    '{"role_id": "7c1b2d9e-2f7a-4c41-9d0e-3b7f3e2a9c11", "secret_id_ttl": "24h"}',
  ]);
  prose.finds(t, 'free-text', [['export VAULT_SECRET_ID=e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3', 'e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3']]);
  prose.findsNothing(t, 'free-text', [
    'Each secret_id = 0b7e4a55-3f8e-4d0c-a2b9-91d3c6e8f512 names the Key Vault secret; see the role table',
    'export AZURE_CLIENT_SECRET_ID=e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3',
    'VAULT_SECRET_ID: /etc/vault/secret-id',
  ]);
  sql.findsNothing(t, 'compiled-code', ["select role_id, secret_id from secrets_inventory where secret_id = 'e1f9aec9-b2db-400a-ba4b-c6f4f52f37c3'"]);
});

t.test('a user:password under an *_AUTH variable holds a password; a mechanism or a switch does not', async (t) => {
  ruleProbe('SMTP_AUTH').finds(t, 'env-metadata', [['alerts@orbit.io:Summit+Anchor8542', 'Summit+Anchor8542']]);
  ruleProbe('PROXY_AUTH').finds(t, 'env-metadata', [['svc_proxy:Kite#Marble2210', 'Kite#Marble2210']]);
  ruleProbe('REGISTRY_AUTH').finds(t, 'env-metadata', [['deploy:Cedar7!Lagoon', 'Cedar7!Lagoon']]);
  ruleProbe('SMTP_CREDENTIALS').finds(t, 'env-metadata', [['alerts@orbit.io:Basil?Orchid771', 'alerts@orbit.io:Basil?Orchid771']]);
  ruleProbe('AUTH').findsNothing(t, 'env-metadata', ['oauth2', 'login:plain', 'oauth2:client_credentials', 'PLAIN:LOGIN:CRAM-MD5', 'scram-sha-256:md5']);
  ruleProbe('AUTH_TYPE').findsNothing(t, 'env-metadata', ['basic', 'svc_proxy:userpass']);
  ruleProbe('SMTP_AUTH').findsNothing(t, 'env-metadata', ['true', 'login', 'proxy.corp.local:8080', 'user:password', 'alerts@orbit.io:${SMTP_PASSWORD}', 'ldap://ldap.corp:389', '2024-11-03T10:15:00+00:00']);
  ruleProbe('PROXY_AUTH').findsNothing(t, 'env-metadata', ['ntlm:negotiate', 'Basic:Digest', 'kerberos:SPNEGO']);
});

t.test("a query key after a Jinja expression in a URL's path is read as without it", async (t) => {
  macro.finds(t, 'raw-code', [
    ["{% macro fx_rates_url(day) -%}\n  'https://openexchangerates.org/api/historical/{{ day }}.json?app_id=dac112a0b1575801eac51bba3d34d155&base=USD'\n{%- endmacro %}", 'dac112a0b1575801eac51bba3d34d155'],
    ["'https://openexchangerates.org/api/historical/{{ var(\"day\") }}.json?app_id=dac112a0b1575801eac51bba3d34d155'", 'dac112a0b1575801eac51bba3d34d155'],
    ["'https://openexchangerates.org/api/latest.json?app_id=6f1b9c2e0d7a4e8b9c3f5a1d2e7b4c60&base=USD'", '6f1b9c2e0d7a4e8b9c3f5a1d2e7b4c60'],
  ]);
  macro.findsNothing(t, 'raw-code', [
    "'https://openexchangerates.org/api/historical/{{ day }}.json?app_id={{ env_var(\"OXR_APP_ID\") }}'",
    "'https://openexchangerates.org/api/historical/{{ day }}.json?app_id=00000000000000000000000000000000'",
    "'https://openexchangerates.org/api/historical/{{ day }}.json?app_id=YOUR_APP_ID'",
    // a template's tag is no expression: the URL ends at its space
    "'https://openexchangerates.org/api/{% if x %}.json' ~ ' app_id=dac112a0b1575801eac51bba3d34d155'",
  ]);
});

t.test("a password procedure's last literal is its password; the user alone, a check or a hash is none", async (t) => {
  log.finds(t, 'run-messages', [
    ["BigQuery adapter: Unhandled error while running:\nCALL `orbit-prod-analytics.ops.sp_rotate_password`('svc_tableau', 'Paprika+Harbor936')", 'Paprika+Harbor936'],
    ["CALL admin.sp_rotate_password('svc_tableau', 'Paprika+Harbor936')", 'Paprika+Harbor936'],
    ["select admin.set_password('svc_looker', 'Juniper#Falcon42')", 'Juniper#Falcon42'],
    ["EXEC dbo.usp_change_password 'svc_bi', 'Old#Pass2023', 'Nova!Ridge7781'", 'Nova!Ridge7781'],
  ]);
  sql.finds(t, 'compiled-code', [["call ops.reset_password('svc_fivetran', 'Copper$Delta915', true)", 'Copper$Delta915']]);
  // a word between the verb and `password`: a macro called from a hook, with the password by position (red team 93)
  macro.finds(t, 'raw-code', [
    ["{{ set_service_password('svc_sigma', 'Yp2G-vQ7mLx9Tz') }}", 'Yp2G-vQ7mLx9Tz'],
    ["{% do rotate_db_password('svc_loader', 'Harbor#Quill2291') %}", 'Harbor#Quill2291'],
    ["CALL admin.ResetUserPassword('svc_bi', 'Nova!Ridge7781')", 'Nova!Ridge7781'],
  ]);
  // PL/pgSQL's dynamic statement: the argument the placeholder after PASSWORD takes (red team 93)
  sql.finds(t, 'compiled-code', [
    ["do $$ begin execute format('ALTER ROLE %I WITH PASSWORD %L', 'airflow_rw', 'XqHQ-v7mLp2Rt9'); end $$", 'XqHQ-v7mLp2Rt9'],
    ["execute format('alter user %s password %2$L valid until %L', 'svc_bi', 'Nova!Ridge7781', '2026-12-31')", 'Nova!Ridge7781'],
    ["execute format('create role %I login password %L', 'svc_x', 'Harbor#Quill2291')", 'Harbor#Quill2291'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    "execute format('ALTER ROLE %I WITH PASSWORD %L', 'airflow_rw', new_password)",
    "execute format('ALTER ROLE %I WITH PASSWORD %L', 'airflow_rw', '{{ env_var(\"PW\") }}')",
    "execute format('ALTER ROLE %I VALID UNTIL %L', 'airflow_rw', 'Nova!Ridge7781')",
    "execute format('ALTER ROLE %I WITH PASSWORD NULL', 'airflow_rw', 'Nova!Ridge7781')",
    "select format('%s%% of %s', 'Nova!Ridge7781', 'x')",
  ]);
  macro.findsNothing(t, 'raw-code', [
    "{{ set_service_password('svc_sigma', var('sigma_pw')) }}",
    "{{ set_service_password('svc_sigma', 'svc_sigma_ro') }}",
    "select reset_password_hash('svc', 'Harbor#Quill2291')",
    "{{ check_service_password('svc_sigma', 'Yp2G-vQ7mLx9Tz') }}",
  ]);
  log.findsNothing(t, 'run-messages', [
    "CALL sp_rotate_password('svc_tableau')",
    "CALL admin.sp_rotate_password('svc_tableau', NULL)",
    "select check_password_strength('Paprika+Harbor936')",
    "select password_hash('svc', 'Paprika+Harbor936')",
    "select validate_password('svc', 'Paprika+Harbor936')",
    "CALL admin.sp_rotate_password('svc_tableau', 'svc_tableau_ro')",
    "CALL admin.sp_rotate_password('svc_tableau', '{{ var(\"new_pw\") }}')",
    "CALL admin.sp_rotate_password('svc_tableau', 'temporary')",
    'CALL admin.sp_rotate_password(:user_name, :new_password)',
  ]);
});
