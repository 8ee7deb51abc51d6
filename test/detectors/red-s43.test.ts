/**
 * Session 43: what session 42's red teams left. A password made of words and a number under an
 * environment variable named for a password (`REDSHIFT_PASSWORD=dbt_prod_2023`) was taken for an
 * identifier; Kaggle's API key under `KAGGLE_KEY`; a PEM block cut off before its END line (a run
 * message that echoes the key) was missed. Red team 46 (adapters and pages): a quote escaped with a
 * backslash cut the password at it (and `redact` kept the rest), `{{` and `<x>` inside a password made it a
 * placeholder, ClickHouse's remote(), remoteSecure() and redis() passwords, a key pasted into commented
 * lines, a base64 DER key cut short, PGPASS; a token's body of zeros was reported. Red team 47 (a hunt for
 * false positives in five mid-size projects): tokens that sign nobody in (paging cursors, device addresses,
 * idempotency ids…) were secrets by their names, and so were digits under a token's name, public keys of Algolia
 * and Adyen, and a YAML tag as the value; a CloudFront signature was cut at its first `~`. Each case names the
 * exact secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { signedUrlDetector } from '../../src/detectors/signed-urls.js';
import { checkDetector as check } from './detector-cases.js';

check(secretKeyNameDetector, [
  { label: 'an identifier-shaped password in an env var', key: 'DBT_ENV_CUSTOM_ENV_REDSHIFT_PASSWORD', text: 'dbt_prod_2023', secrets: ['dbt_prod_2023'] },
  { label: 'PGPASSWORD, glued', key: 'PGPASSWORD', text: 'loader_2024_eu', secrets: ['loader_2024_eu'] },
  { label: 'a qualified name', key: 'DB_PWD_PROD', text: 'analytics_v2', secrets: ['analytics_v2'] },
  { label: "Kaggle's API key", key: 'DBT_ENV_CUSTOM_ENV_KAGGLE_KEY', text: '3f9a1c7e5b2d4f608a1e9c3b7d5f2a4e', secrets: ['3f9a1c7e5b2d4f608a1e9c3b7d5f2a4e'] },
  // stay silent
  { label: 'an identifier without a digit', key: 'DBT_ENV_CUSTOM_ENV_REDSHIFT_PASSWORD', text: 'dbt_prod_loader', secrets: [] },
  { label: "a hash's name under a password variable", key: 'PASSWORD_HASH_ALGORITHM', text: 'sha2_256', secrets: [] },
  { label: 'a hash named under PASSWORD itself', key: 'DBT_ENV_CUSTOM_ENV_PASSWORD', text: 'sha2_256', secrets: [] },
  { label: 'a value that names a secret in its turn', key: 'DBT_ENV_CUSTOM_ENV_DB_PASSWORD', text: 'snowflake_password_2', secrets: [] },
  { label: 'a lower-case key names a column', key: 'password', text: 'pwd_hash_v2', secrets: [] },
  { label: 'a setting beside a password', key: 'DBT_ENV_CUSTOM_ENV_PASSWORD_POLICY', text: 'min_length_12', secrets: [] },
  { label: 'a cache key is no vendor key', key: 'DBT_ENV_CUSTOM_ENV_CACHE_KEY', text: '5d41402abc4b2a76b9719d911017c592', secrets: [] },
  { label: 'a Kaggle dataset name', key: 'kaggle_dataset', text: 'zillow/zecon', secrets: [] },
]);

check(assignmentDetector, [
  { label: 'an export line', text: 'export REDSHIFT_PASSWORD=dbt_prod_2023', secrets: ['dbt_prod_2023'] },
  { label: 'KAGGLE_KEY in an env file', text: 'KAGGLE_USERNAME=acme\nKAGGLE_KEY=3f9a1c7e5b2d4f608a1e9c3b7d5f2a4e', secrets: ['3f9a1c7e5b2d4f608a1e9c3b7d5f2a4e'] },
  { label: 'a column setting in YAML stays silent', text: 'password_column: pwd_2023', secrets: [] },
]);

const PKCS8 = [
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC0QZ6heJzHpuxa3AkO+r9Zx0BU0GLvN2R',
  'wt/VKYzNXqzR6fcH8TQPjjKycbx3BkjO+9hil39HYT49FjmasMy5z5epIuByttW8',
  'hrg/d2UXY/TmwbVYpZVBSIhlX24no4LqQxx1sL9apEMCKF99Ngx2X79SPi9w0klN',
  'iBCmbqUAktSwiDiUuhuidcejRoXsETI8B6HLeUCpeBoR3fArQsCM1xj2Y1QympOu',
];
const cut = (label: string, lines: readonly string[], newline = '\n') => [`-----BEGIN ${label}-----`, ...lines].join(newline);
const ids = (text: string) => detectTokens(text).map((m) => `${m.detectorId}: ${text.slice(m.start, m.end).length}`);

t.test('a PEM block cut off before its END line', async (t) => {
  const block = cut('PRIVATE KEY', PKCS8);
  const message = `Database Error: could not deserialize key data: ${block}... (truncated)`;
  const found = detectTokens(message);
  t.same(found.map((m) => [m.detectorId, message.slice(m.start, m.end)]), [['private-key-cut', block]], 'the BEGIN line and the four lines of body');
  const partial = `${cut('ENCRYPTED PRIVATE KEY', PKCS8.slice(0, 3), '\\n')}\\nMIIFHz`;
  t.same(ids(`"private_key": "${partial}`), [`private-key-cut: ${partial.length}`], 'escaped newlines, a partial last line, the end of the text');
});

t.test('a whole block is private-key, never cut', async (t) => {
  for (const newline of ['\n', '\r\n', '\\n', '\\\\n']) {
    const whole = `${cut('PRIVATE KEY', PKCS8, newline)}${newline}iBCmbqUAkt==${newline}-----END PRIVATE KEY-----`;
    t.same(
      detectTokens(`key: ${whole}`).map((m) => m.detectorId),
      ['private-key'],
      `lines joined by ${JSON.stringify(newline)}`,
    );
  }
  const spaced = `${cut('PRIVATE KEY', PKCS8)}\n\n-----END PRIVATE KEY-----`;
  t.same(detectTokens(spaced).map((m) => m.detectorId), ['private-key'], 'a blank line before END');
});

t.test('cut blocks that stay silent', async (t) => {
  t.same(ids(`${cut('PRIVATE KEY', PKCS8.slice(0, 2))}...`), [], 'two lines: too little to tell a key');
  t.same(ids(cut('PUBLIC KEY', PKCS8)), [], 'a public key');
  t.same(ids(cut('PRIVATE KEY', ['A'.repeat(64), 'A'.repeat(64), 'A'.repeat(64)])), [], 'a run of one letter');
  t.same(ids(cut('PRIVATE KEY', PKCS8.map((l) => l.replace(/^MII/, 'xyz')))), [], 'a body that does not open as a key does');
});

// a backslash escapes a quote in MySQL's, BigQuery's and Spark's literals, where a quote could not end it
check(sqlCredentialDetector, [
  { label: 'create user … password', text: "create user bob password 'm9\\'Lp2Zt!xQ7r'", secrets: ["m9\\'Lp2Zt!xQ7r"] },
  { label: 'MySQL SET PASSWORD FOR', text: "SET PASSWORD FOR 'etl'@'%' = 'Qw3\\'rT7yU!9p';", secrets: ["Qw3\\'rT7yU!9p"] },
  { label: 'an escaped backslash, then the closing quote', text: "alter user x password 'Qw3rT7yU!9\\\\', y", secrets: ["Qw3rT7yU!9\\\\"] },
  { label: "standard SQL's backslash before the closing quote", text: "create user x password 'Qw3rT7yU!9p\\' ;", secrets: ["Qw3rT7yU!9p\\"] },
  { label: 'remote()', text: "select * from remote('ch-1.internal:9000', 'analytics', 'events', 'etl', 'c6LyAnH6v8JIq*1I')", secrets: ['c6LyAnH6v8JIq*1I'] },
  { label: 'remoteSecure() with db.table', text: "select * from remoteSecure('ch.acme.io:9440', analytics.events, 'etl', 'nNrNDkRc69Fiz_0K')", secrets: ['nNrNDkRc69Fiz_0K'] },
  { label: 'redis()', text: "select * from redis('redis.internal:6379', 'k', 'k String, v String', 0, 'aRiqzYY2ADZZF!0S')", secrets: ['aRiqzYY2ADZZF!0S'] },
  { label: 'remote() without a user', text: "select * from remote('ch-{1..3}:9000', system.one)", secrets: [] },
  { label: 'remote() with an empty password', text: "select * from remote('h:9000', db, tbl, 'default', '')", secrets: [] },
  { label: 'redis() without a password', text: "select * from redis('redis:6379', 'k', 'k String, v String', 0)", secrets: [] },
]);

check(assignmentDetector, [
  { label: 'a pair in a literal, its quote escaped', text: "select 'password=BqfDLyqv\\'s8qgjTS!9' as conn", secrets: ["BqfDLyqv\\'s8qgjTS!9"] },
  { label: 'a quoted value, its quote escaped', text: "password: 'Ab\\'cdEFgh12'", secrets: ["Ab\\'cdEFgh12"] },
]);

check(secretKeyNameDetector, [
  { label: 'two braces open in a password', key: 'TRINO_PASSWORD', text: 'Ab{{9xQz!7Lm', secrets: ['Ab{{9xQz!7Lm'] },
  { label: 'one character in angle brackets', key: 'password', text: 'Kp9<x>nBRAP54N!z', secrets: ['Kp9<x>nBRAP54N!z'] },
  { label: 'PGPASS', key: 'PGPASS', text: 'yjulXG1XeDfi0#7O', secrets: ['yjulXG1XeDfi0#7O'] },
  { label: 'a password that spells pgpass in lower case', key: 'PG_PASS', text: 'pgpass-88231', secrets: ['pgpass-88231'] },
  // stay silent
  { label: 'a Jinja expression', key: 'TRINO_PASSWORD', text: "{{ env_var('TRINO_PW') }}", secrets: [] },
  { label: 'a Jinja call cut at its quote', key: 'password', text: '{{ var(', secrets: [] },
  { label: 'a Jinja statement', key: 'password', text: '{% if target.name == "prod" %}x{% endif %}', secrets: [] },
  { label: 'a bracketed name', key: 'password', text: '<your-password>', secrets: [] },
  { label: 'BYPASS is no password', key: 'BYPASS', text: 'yjulXG1XeDfi0#7O', secrets: [] },
]);

t.test('a token whose body is one digit is a sample', async (t) => {
  t.same(ids('token: dapi00000000000000000000000000000000'), []);
  t.same(ids('token: dapi1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d'), ['databricks-token: 36']);
});

t.test('a PEM block pasted into commented lines', async (t) => {
  for (const mark of ['-- ', '# ', '    # ']) {
    const block = [`-----BEGIN PRIVATE KEY-----`, ...PKCS8, 'iBCmbqUAkt==', '-----END PRIVATE KEY-----'].join(`\n${mark}`);
    const text = `select 1\n${mark}${block}\nselect 2`;
    const found = detectTokens(text);
    t.same(found.map((m) => [m.detectorId, text.slice(m.start, m.end)]), [['private-key', block]], JSON.stringify(mark));
  }
});

t.test('a base64 DER key cut short is reported at medium confidence', async (t) => {
  const der = `MIIEvgIBADANBgkqhkiG9w0BAQEFAASC${PKCS8.join('').slice(32).repeat(6).slice(0, 1200)}`;
  const found = detectTokens(`SNOWFLAKE_PK=${der}`);
  t.same(found.map((m) => [m.detectorId, m.confidence, m.end - m.start]), [['private-key-der', 'medium', der.length]]);
});

t.test("curl's --user reads a long token whole", async (t) => {
  const token = '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';
  const text = `curl -u api:${token} https://sentry.io/api/0/`;
  const found = detectTokens(text).map((m) => [m.detectorId, text.slice(m.start, m.end)]);
  t.same(found.filter(([id]) => id === 'curl-basic-auth'), [['curl-basic-auth', token]], 'not cut at 100 characters');
});

check(secretKeyNameDetector, [
  // tokens that sign nobody in, by the word before `token`
  ...['page_token', 'next_page_token', 'pageToken', 'continuation_token', 'delta_token', 'device_token', 'fcm_registration_token', 'client_request_token', 'idempotency_token', 'correlation_token', 'resume_token', 'lock_token', 'upload_token', 'tracking_token', 'shopify_checkout_token', 'hashed_token'].map((key) => ({ label: key, key, text: 'Zq8vLm2xRt9wKp4nBc7yHd5T', secrets: [] })),
  { label: "Algolia's search-only key", key: 'search_only_api_key', text: 'c9e1f4b27a3d8e6f0b5a2c7d9e4f1a8b', secrets: [] },
  { label: "Adyen's client key", key: 'adyen_client_key', text: 'live_VJU0JYW75SP1PHO5XM8K2I1KCKOJEJG4', secrets: [] },
  { label: 'digits under a token name', key: 'sync_token', text: '1670914139', secrets: [] },
  { label: 'a YAML tag', key: 'api_key', text: '!env_var', secrets: [] },
  // still secrets
  ...['access_token', 'refresh_token', 'session_token', 'auth_token', 'api_token', 'id_token', 'invite_token', 'share_token', 'magic_link_token'].map((key) => ({ label: key, key, text: 'Zq8vLm2xRt9wKp4nBc7yHd5T', secrets: ['Zq8vLm2xRt9wKp4nBc7yHd5T'] })),
  { label: "Algolia's admin key", key: 'algolia_admin_api_key', text: 'c9e1f4b27a3d8e6f0b5a2c7d9e4f1a8b', secrets: ['c9e1f4b27a3d8e6f0b5a2c7d9e4f1a8b'] },
  { label: 'a PIN under a password name', key: 'db_password', text: '90817263', secrets: ['90817263'] },
]);

check(assignmentDetector, [
  { label: "Google's paging cursor in a URL", text: 'https://www.googleapis.com/drive/v3/files?pageToken=CkQKEgoQYWNtZV9yYXdfc2hvcGlmeRIsCiQ5ZmE3ZTFjNC0', secrets: [] },
  { label: 'a YAML tag in a comment', text: 'api_key: !env_var DBT_ENV_SECRET_API_KEY', secrets: [] },
]);

check(sqlCredentialDetector, [
  { label: 'a device token compared', text: "where device_token <> '7ec8ef286b79107e261774253c673fc18cfceddba1c796200f803ba35aaefb5d'", secrets: [] },
  { label: 'an API token looked up', text: "where api_token in ('Zq8vLm2xRt9wKp4nBc7yHd5T')", secrets: ['Zq8vLm2xRt9wKp4nBc7yHd5T'] },
]);

t.test("CloudFront's signature is read past its ~", async (t) => {
  const signature = 'Ab3dE~fG9hIjKlMnOpQrStUvWxYz0123-456_789~abcDEF';
  const text = `https://d1.cloudfront.net/a.csv?Expires=1893456000&Signature=${signature}&Key-Pair-Id=K2JCJMDEHXQW5F`;
  t.same(signedUrlDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end)), [signature]);
});
