/**
 * Issue 18 end to end: realistic artifacts written to a temp folder, scanned in memory and
 * streamed. Every planted value — wrapped (base64, JSON in a string, percent-encoded, escaped
 * PEM), named only by its key, in a Python model — is found exactly at its encoded span; every
 * decoy (placeholders, Jinja seams, lookups, harmless base64, public keys) is silent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { dbtJson, expectedPosition, manifest, runResults, tempDir } from './helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const pem = (label: string, body: string, nl = '\n') => [`-----BEGIN ${label}-----`, ...(body.match(/.{1,64}/g) ?? []), `-----END ${label}-----`].join(nl);
// Bodies are whole base64 (a length that is a multiple of 4), as every real key is: the private-key row checks that.
const BODY_A = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC0QZ6heJzHpuxa3AkO+r9Zx0BU0GLvN2Rwt/VKYzNXqzR6fcH8TQPjjKycbx3BkjO+9hil39HYT49FjmasMy5z5epIuByttW8hrg/d2UXY/TmwbVYpZVBSIhlX24no4LqQxx1sL9apEMCKF99Ngx2X79SPi9w0klNiBCmbqUAktSwiDiUuhuidcejRoXsETI8';
const BODY_B = 'MIIEowIBAAKCAQEAWXRQr8wpa09mYRGKMMq4+n5p4zRj4Un+Z3crpQrrt8UaEgaWm2NMNkyE+nAbGbGlcioJX+W/WdCkw20Z6VfxrHq2OXRgCNwltU0QPgN0Ctqr4Xe/N8OQl04tQAm/Qd0EfP4jdD/7hBl2mIUkPWIMiA6GTPSYZwFFhmkXU9PJzeLXTcoiGz8El+3H7vb8';
const BODY_C = 'MHcCAQEEIBq7Zx3Kf9Lm2Np4Qr6St8Uv0Wx1Yz3Ab5Cd7Ef9Gh1joAoGCCqGSM49AwEHoUQDQgAE4Kx2Lm9Rt4Vw7Yb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5Rg6Yh2Nj8Ql4Zx0Cv1Bn2Mq3';
const BODY_D = 'b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABD7Kx2Lm9Rt4Vw7Yb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5Rg6Yh2Nj8Ql4Zx0Cv1Bn2Mq3Wx5Ey';
const BODY_E = 'MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI3Kx2Lm9Rt4VwAgIIADAdBglghkgBZQMEASoEEJb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5Rg6Yh2Nj8Ql4Zx0Cv1Bn2Mq3Wx5Ey7Tz';

const keyfile = (privateKey: string) =>
  JSON.stringify({ type: 'service_account', project_id: 'acme-dw', private_key_id: '260337081d41ea980033191294c06a886b81afdd', private_key: privateKey, client_email: 'dbt@acme-dw.iam.gserviceaccount.com', client_id: '109876543210987654321', token_uri: 'https://oauth2.googleapis.com/token' });
const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: 'https://k8s.acme.io'}\n  name: prod\nusers:\n- name: dbt\n  user:\n    client-key-data: ${b64(pem('RSA PRIVATE KEY', BODY_B) + '\n')}\n`;

interface Planted {
  /** The value as the artifact holds it at its encoded span (before JSON escaping). */
  secret: string;
  detector: string;
  rule: string;
}

const SA_B64 = b64(keyfile(pem('PRIVATE KEY', BODY_A) + '\n'));
const DOTENV_B64 = b64('DB_HOST=db.internal\nDB_USER=etl\nDB_PASSWORD=Zq8kLm2vX9-dotenv\n');
const KUBE_B64 = b64(kubeconfig);
const BASIC_B64 = b64('etl:S3cretPass99x');
const KEYFILE_IN_VAR = pem('PRIVATE KEY', BODY_E.slice(0, 128) + BODY_A.slice(0, 128), '\\n');
const PEM_TWICE = pem('RSA PRIVATE KEY', BODY_B, '\\\\n');
const PEM_EC = pem('EC PRIVATE KEY', BODY_C);
const PEM_OPENSSH = pem('OPENSSH PRIVATE KEY', BODY_D, '\\n');
const PEM_ENCRYPTED = pem('ENCRYPTED PRIVATE KEY', BODY_E);
const PPK_PRIVATE = 'AAAAIFQz8Kx2Lm9Rt4Vw7Yb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5\nRg6Yh2Nj8Ql4';
const PPK = `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nAAAAC3NzaC1lZDI1NTE5AAAAIMJv7q3Rk9Xz2Lm4\nPrivate-Lines: 2\n${PPK_PRIVATE}\nPrivate-MAC: 5d1c3e0b7a9f2c4e6d8b0a1f3e5c7a9b`;

const planted: Planted[] = [
  { secret: SA_B64, detector: 'gcp-service-account-key', rule: 'env-metadata' },
  { secret: DOTENV_B64, detector: 'password-assignment', rule: 'env-metadata' },
  { secret: KUBE_B64, detector: 'private-key', rule: 'env-metadata' },
  { secret: BASIC_B64, detector: 'encoded-credentials', rule: 'env-metadata' },
  { secret: 'Zq8kLm2vX9pg', detector: 'secret-key-name', rule: 'env-metadata' },
  { secret: 'Zq8kLm2vX9my', detector: 'secret-key-name', rule: 'env-metadata' },
  { secret: 'Zq8kLm2vX9az+k/w==', detector: 'secret-key-name', rule: 'env-metadata' },
  { secret: 'Zq8kLm2vX9cc', detector: 'secret-key-name', rule: 'env-metadata' },
  { secret: KEYFILE_IN_VAR, detector: 'gcp-service-account-key', rule: 'cli-vars' },
  { secret: 'Zq8kLm2vX9fl', detector: 'password-assignment', rule: 'cli-vars' },
  { secret: 'Zq8kLm2vX9%21u', detector: 'url-password', rule: 'locations-urls' },
  { secret: PEM_TWICE, detector: 'private-key', rule: 'raw-code' },
  { secret: PEM_EC, detector: 'private-key', rule: 'raw-code' },
  { secret: PEM_OPENSSH, detector: 'private-key', rule: 'raw-code' },
  { secret: PEM_ENCRYPTED, detector: 'private-key', rule: 'raw-code' },
  { secret: PPK_PRIVATE, detector: 'putty-private-key', rule: 'raw-code' },
  { secret: 'Zq8kLm2vX9PyAz+k/w1Yb3Nc5==', detector: 'code-secret-argument', rule: 'compiled-code' },
  { secret: 'Zq8kLm2vX9hdr7', detector: 'password-assignment', rule: 'compiled-code' },
  { secret: 'Zq8kLm2vX9env7', detector: 'code-secret-argument', rule: 'compiled-code' },
];

const pyModel = `import requests\n\ndef model(dbt, session):\n    dbt.config(materialized="table")\n    spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", "Zq8kLm2vX9PyAz+k/w1Yb3Nc5==")\n    key = dbutils.secrets.get(scope="kv-prod", key="lake-key")\n    r = requests.get("https://api.acme.io/v1", headers={"X-API-Key": "Zq8kLm2vX9hdr7"})\n    os.environ["SNOWFLAKE_PASSWORD"] = "Zq8kLm2vX9env7"\n    pw = os.getenv("PGPASSWORD", "")\n    return session.table("raw.orders")\n`;

const env = {
  SA_KEY_B64: SA_B64,
  DOTENV: DOTENV_B64,
  KUBECONFIG_DATA: KUBE_B64,
  UPSTREAM_AUTH: BASIC_B64,
  PGPASSWORD: 'Zq8kLm2vX9pg',
  MYSQL_PWD: 'Zq8kLm2vX9my',
  'fs.azure.account.key.acmelake.dfs.core.windows.net': 'Zq8kLm2vX9az+k/w==',
  azureClientSecret: 'Zq8kLm2vX9cc',
  // decoys
  GREETING_B64: b64('Hello world, this is only a description of the nightly job.'),
  DOTENV_EXAMPLE: b64('DB_HOST=localhost\nDB_PASSWORD=changeme\nAPI_TOKEN=${API_TOKEN}\n'),
  LOCAL_DB: b64('postgres:postgres'),
  rsa_public_key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0',
  SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxk8Zq2vX9pRt4mQ ana@acme',
  DB_PASSWORD_PATH: '/run/secrets/db', SECRET_ID: 'db-prod-01', TOKEN_TTL: '3600', PASSWORD_MIN_LENGTH: '12', TOKEN_EXPIRES_AT: '2026-01-01T00:00:00Z', KEY_ROTATED_AT: '2026-01-01',
  DB_PASSWORD: 'https://kv-acme-prod.vault.azure.net/secrets/db-password',
  DB_URL: 'postgres://postgres:postgres@localhost:5432/dev',
  DB_URL_TEMPLATE: 'postgresql://etl:${DB_PASSWORD:-x}@db/dw', DB_URL_MAKE: 'postgresql://etl:$(DB_PASSWORD)@db/dw', DB_URL_BRACES: 'postgresql://etl:{DB_PASSWORD}@db/dw',
  DB_URL_PY: 'postgresql://etl:%(password)s@db/dw', DB_URL_BIND: 'postgresql://etl::password@db/dw', DB_URL_YOUR: 'postgresql://etl:YOUR_PASSWORD@db/dw', DB_URL_REPLACE: 'postgresql://etl:REPLACE_WITH_PASSWORD@db/dw',
};

const nodes = {
  'model.a.py_model': { unique_id: 'model.a.py_model', language: 'python', original_file_path: 'models/py_model.py', compiled_code: pyModel },
  'model.a.keys': {
    unique_id: 'model.a.keys',
    original_file_path: 'models/keys.sql',
    raw_code: `-- keys\n{% set a = '${PEM_TWICE}' %}\n{% set b %}${PEM_EC}{% endset %}\n{% set c = "${PEM_OPENSSH}" %}\n/* ${PEM_ENCRYPTED} */\n/* ${PPK} */\nselect 1`,
  },
  'model.a.decoys': {
    unique_id: 'model.a.decoys',
    description: 'Logo: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    compiled_code: "select from_base64('U29tZSBoYXJtbGVzcyB0ZXh0IGluIGEgY29sdW1uIGRlZmF1bHQ=') as note, sha2('x') from t",
  },
};
const macros = {
  'macro.a.create_reporting_user': {
    unique_id: 'macro.a.create_reporting_user',
    macro_sql: `{% macro create_reporting_user() %}\n  {% set q = "create user reporting identified by '" ~ var('reporting_pw') ~ "'" %}\n  {% do run_query(q) %}\n  {% do run_query("alter user etl with password '" ~ env_var('DBT_ENV_SECRET_ETL_PW') ~ "'") %}\n{% endmacro %}`,
  },
};
const exposures = {
  'exposure.a.dash': { unique_id: 'exposure.a.dash', url: 'https://bi.acme.io/login?next=%2Fd%2F42&dsn=postgresql%3A%2F%2Fetl%3AZq8kLm2vX9%21u%40db.internal%3A5432%2Fdw', meta: { docs: 'https%3A%2F%2Fdocs.acme.io%2Fdbt' } },
};

function write(dir: string): { files: Record<string, string> } {
  const files = {
    'manifest.json': dbtJson(manifest({ nodes, macros, exposures }, env)),
    'run_results.json': dbtJson(
      runResults({
        args: {
          vars: { keyfile_json: keyfile(KEYFILE_IN_VAR.replace(/\\n/g, '\n')), start_date: '2024-01-01' },
          invocation_command: 'dbt run --vars "{db_password: Zq8kLm2vX9fl, schema: analytics}"',
        },
      }),
    ),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { files };
}

for (const stream of [false, true]) {
  t.test(`issue 18 classes end to end (${stream ? 'streamed' : 'in memory'})`, async (t) => {
    const dir = tempDir();
    const { files } = write(dir);
    const { findings } = scan({ paths: [dir], stream, jobs: 1 });
    t.equal(findings.length, planted.length, 'one finding per planted value, none for a decoy');
    for (const p of planted) {
      const file = p.rule === 'cli-vars' ? 'run_results.json' : 'manifest.json';
      // the secret as the value holds it (KEYFILE_IN_VAR's escapes are text inside the inner JSON)
      const at = expectedPosition(files[file]!, p.secret);
      const f = findings.find((x) => x.file.endsWith(file) && x.charOffset === at.offset);
      t.ok(f, `${p.detector} in ${p.rule}: found at its encoded span`);
      if (!f) continue;
      t.equal(f.charLength, dbtJson(p.secret).length - 2, `${p.detector}: the whole encoded span`);
      t.equal(f.detectorId, p.detector, `${p.detector}: detector`);
      t.equal(f.ruleId, p.rule, `${p.detector}: rule`);
      t.notOk(f.preview.includes(p.secret.slice(0, 8)) && p.secret.length > 8 && f.preview.length >= p.secret.length, 'preview is masked');
    }
    const unexpected = findings.filter((f) => !planted.some((p) => f.charLength === dbtJson(p.secret).length - 2));
    t.same(unexpected.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPath}`), [], 'no decoy reported');
  });
}

t.test('rendered SQL in target/compiled is decoded the same way', async (t) => {
  const dir = tempDir();
  const sqlDir = path.join(dir, 'target', 'compiled', 'a', 'models');
  mkdirSync(sqlDir, { recursive: true });
  const sql = `select from_base64('${DOTENV_B64}') as cfg, '${b64('Just a harmless note about the model.')}' as note\n`;
  writeFileSync(path.join(sqlDir, 'cfg.sql'), sql);
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest({})));
  const { findings } = scan({ paths: [path.join(dir, 'target')], jobs: 1 });
  t.same(findings.map((f) => [f.detectorId, f.charOffset, f.charLength]), [['password-assignment', sql.indexOf(DOTENV_B64), DOTENV_B64.length]]);
});
