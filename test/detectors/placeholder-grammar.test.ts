/**
 * Issue 18, classes 3 and 4: one placeholder grammar for every detector. Each style of template,
 * reference or instruction is silent in every detector that would otherwise report it, and the
 * same shape with a real value is still found.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { holdsCountingRun, isPlaceholder } from '../../src/detectors/placeholders.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';

const STYLES = [
  '{DB_PASSWORD}', '{{ var }}', "{{ env_var('DBT_PW') }}", '${DB_PASSWORD}', '${DB_PASSWORD:-default}', '$(DB_PASSWORD)', '$DB_PASSWORD',
  '%DB_PASSWORD%', '%(password)s', ':password', '#{db_password}', '<%= ENV["DB_PW"] %>', '@DB_PASSWORD@', '<your-token>', '<password>',
  '[API_KEY]', 'YOUR_PASSWORD', 'your-api-token', 'REPLACE_WITH_PASSWORD', 'replace-me', 'enter_your_key', 'paste-the-token-here',
  'changeme', 'xxxx', '1111', '****', 'op://prod/snowflake/password', 'vault:secret/data/db#password',
  // the nil UUID and the one documentation shows
  '00000000-0000-0000-0000-000000000000', '123E4567-E89B-12D3-A456-426614174000', 'ffff-ffff-ffff',
  // a value shown cut off or redacted in a log or a doc
  'ops_eyJzaWduSW5B..[Redacted]', 'Zq8kLm2vX9[REDACTED]', 'eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6..', 'sk-proj-Zq8kLm2…',
];

t.test('every placeholder style is a placeholder', async (t) => {
  for (const v of STYLES) t.ok(isPlaceholder(v), v);
});

t.test('real values are not placeholders', async (t) => {
  for (const v of ['Zq8kLm2vX9', 'p%40ss%2Fw0rd99', 'Tr0ub4dor&3', 'correct-horse-battery-9', 'S3cret{x}Pw', 'hunter2-prod', 'Your9Pass!x']) t.notOk(isPlaceholder(v), v);
});

t.test('url-password: every style in the password slot is silent, a real one is found', async (t) => {
  for (const v of STYLES.filter((s) => !/[\s/@:#?]/.test(s) || s.startsWith(':'))) {
    t.same(urlPasswordDetector.detect(`postgres://etl:${v}@db.internal:5432/dw`, { key: undefined }), [], v);
  }
  t.same(urlPasswordDetector.detect('postgres://postgres:postgres@localhost:5432/x', { key: undefined }), [], 'password equal to the user name');
  t.same(urlPasswordDetector.detect('mysql://root:ROOT@127.0.0.1/x', { key: undefined }), [], 'same name in another case');
  const text = 'postgres://etl:Zq8kLm2vX9@db.internal:5432/dw';
  t.same(urlPasswordDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end)), ['Zq8kLm2vX9']);
});

t.test('secret-key-name and password-assignment: every style is silent', async (t) => {
  for (const v of STYLES) {
    t.same(secretKeyNameDetector.detect(v, { key: 'DB_PASSWORD' }), [], `DB_PASSWORD=${v}`);
    t.same(assignmentDetector.detect(`{"db_password": "${v.replace(/"/g, "'")}"}`, { key: undefined }), [], `"db_password": "${v}"`);
  }
});

t.test('a value equal to its key name, an elided PEM, a cut template, a concatenated fragment: silent', async (t) => {
  for (const key of ['SFTP_PASSWORD', 'sftpPassword', 'sftp.password']) t.same(secretKeyNameDetector.detect('SFTP_PASSWORD', { key }), [], `${key}=SFTP_PASSWORD`);
  t.equal(secretKeyNameDetector.detect('Sftp-Pa55word', { key: 'SFTP_PASSWORD' }).length, 1, 'a real value under the same key');
  for (const pem of ['-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n', '-----BEGIN RSA PRIVATE KEY-----\n<your key>\n-----END RSA PRIVATE KEY-----'])
    t.ok(isPlaceholder(pem), pem);
  t.notOk(isPlaceholder(`-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(3)}\n-----END PRIVATE KEY-----`), 'key material is not a placeholder');
  const silent = [
    'https://bi.acme.io/connect?dsn=postgresql://replicator:${REPLICA_PASSWORD}@pg.internal/app',
    'https://bi.acme.io/connect?dsn=postgresql%3A%2F%2Freplicator%3Ahunter2-prod%40pg.internal%2Fapp',
    `{%- set dsn = "postgresql://crm_reader:" ~ env_var('DBT_ENV_SECRET_CRM_PW') ~ "@crm-db.internal/crm" %}`,
    `token = "Bearer " + token`,
  ];
  for (const text of silent) t.same(assignmentDetector.detect(text, { key: undefined }), [], text);
  const text = 'x?dsn=postgresql://replicator:Zq8kLm2vX9@pg/app&token=Zq8kLm2vX9tok';
  t.same(assignmentDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end)), ['postgresql://replicator:Zq8kLm2vX9@pg/app', 'Zq8kLm2vX9tok'], 'real values are still found');
});

t.test('Jinja seams in SQL literals are templates (class 3)', async (t) => {
  const silent = [
    `{% set q = "create user reporting identified by '" ~ var('reporting_pw') ~ "'" %}`,
    `{% do run_query("alter user etl with password '" ~ env_var('DBT_ENV_SECRET_ETL_PW') ~ "'") %}`,
    `{% set sql = "create user " ~ name ~ " password '" ~ secret('svc_pw') ~ "'" %}`,
    `{% set stmt = 'create user x identified by "' ~ pw ~ '"' %}`,
    `sql = "create user bi identified by '" + password + "'"`,
    `create user bi password '{{ var("bi_password") }}'`,
  ];
  for (const text of silent) t.same(sqlCredentialDetector.detect(text, { key: undefined }), [], text);
  const text = `{% set q = "create user reporting identified by 'Rep0rt-Pw-2291'" %}`;
  t.same(sqlCredentialDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end)), ['Rep0rt-Pw-2291']);
});

t.test('a token shape filled by counting (12345678, abcdefgh) is a sample: token formats stay silent, a generated body is found', async (t) => {
  for (const v of ['12345678', 'abcdefgh', 'HGFEDCBA', '98765432', 'AKIA1234567890ABCDEF', 'x-abcdefghij-y']) t.ok(holdsCountingRun(v), v);
  // seven, a break in the count, a change of case or class, a step of two: no run of eight
  for (const v of ['1234567', '1234567 8', 'abcdEFGH', '1234abcd', '13579bdf', 'aZ8kLm2vX9qR4tY7', '']) t.notOk(holdsCountingRun(v), v);
  // as token formats ask: letters in either case (the alphabet in turns of case fills a shape too; red team 111)
  for (const v of ['abcdEFGH', 'AbCdEfGhIjKlMnOp', 'AKIDAbCdEfGhIjKlMnOpQrStUvWxYz012345']) t.ok(holdsCountingRun(v, 8, true), `any case: ${v}`);
  for (const v of ['AbCdEfG', 'aZ8kLm2vX9qR4tY7', 'AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEa']) t.notOk(holdsCountingRun(v, 8, true), `any case: ${v}`);
  const counted = ['AKIA1234567890ABCDEF', 'sk_live_1234567890abcdefghijklmn', 'xoxb-1234567890-1234567890-abcdefghijklmnopqrstuvwx', 'AIzaSyA-1234567890abcdefghijklmnopqrstu'];
  const generated = ['AKIAQ3EGRT5LMB7YVWX2', 'sk_live_51Hx9qKZbT3mVw8LpQ2rYs4d', 'xoxb-2918460372-7304918265-Zq8kLm2vX9qR4tY7wE3nB6cJ', 'AIzaSyD4kQ9xLm2vT7pR3nW8zY5cJ1bH6gF0sEa'];
  for (const [i, v] of counted.entries()) {
    t.same(detectTokens(`owner note: ${v}`), [], `${v}: silent`);
    t.equal(detectTokens(`owner note: ${generated[i]}`).length, 1, `${generated[i]}: found`);
  }
});
