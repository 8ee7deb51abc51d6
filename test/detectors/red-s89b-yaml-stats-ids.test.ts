/**
 * Red team 89: `--vars` recorded as YAML with a block scalar (`password: |`), a catalog stat whose id or label names a
 * secret's column, and one Mailgun key counted as two secrets (one id from its format, another from its name). Beside
 * each, the decoys that stay silent.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/types.js';
import { dbtJson, manifest, SCHEMA, tempDir } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

const vars = ruleProbe('vars');
const command = ruleProbe('invocation_command');
const PW = 'HTl0lpmv53#LxnBwdzg%L';

t.test("a YAML block scalar's value, or a plain value on the next line, under a secret's name in --vars", async (t) => {
  vars.finds(t, 'cli-vars', [
    [`target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n`, PW],
    [`snowflake_password: >-\n  ${PW}`, PW],
    [`a: 1\nsnowflake_password: |2+ # the loader's\n\n    ${PW}  \nb: 2\n`, PW],
    [`snowflake_password:\n  ${PW}\n`, PW],
    [`db:\n  password:\n    ${PW}\n  user: dbt\n`, PW],
  ]);
  command.finds(t, 'cli-vars', [
    [`dbt build --vars 'target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n'`, PW],
    [`dbt build --vars 'snowflake_password: |\n  ${PW}\n'`, PW],
  ]);
  vars.findsNothing(t, 'cli-vars', [
    // an empty block, a template, a placeholder, a word
    'snowflake_password: |\ntarget_db: ANALYTICS\n',
    "snowflake_password: |\n  {{ env_var('SF_PASSWORD') }}\n",
    'snowflake_password: |\n  <your-password>\n',
    'snowflake_password: >\n  changeme\n',
    // a block of several lines (a query, a note), a nested mapping, a list
    `snowflake_password: |\n  ${PW}\n  second line\n`,
    'snowflake_password:\n  user: dbt\n  role: loader\n',
    'snowflake_passwords:\n  - a\n  - b\n',
    // code after a colon: Python's blocks
    'except KeyError:\n    pass\n',
    'if not token:\n    continue\n',
  ]);
});

/** The findings of a catalog scanned in memory and streamed, which must agree. */
function catalogFindings(t: Test, stats: Record<string, unknown>): { text: string; findings: Finding[] } {
  const dir = tempDir();
  const catalog = {
    metadata: { dbt_schema_version: SCHEMA('catalog', 1), dbt_version: '1.10.8', generated_at: '2026-01-01T00:00:00Z', invocation_id: '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f', env: {} },
    nodes: { 'seed.r.partners': { unique_id: 'seed.r.partners', metadata: { type: 'BASE TABLE', schema: 'PROD', name: 'PARTNERS', database: 'DW', comment: null, owner: null }, columns: {}, stats } },
    sources: {},
    errors: null,
  };
  const text = dbtJson(catalog);
  writeFileSync(path.join(dir, 'catalog.json'), text);
  const inMemory = scan({ paths: [dir], stream: false, jobs: 1 }).findings;
  const streamed = scan({ paths: [dir], stream: true, jobs: 1 }).findings;
  t.same(streamed.map((f) => [f.charOffset, f.charLength, f.detectorId]), inMemory.map((f) => [f.charOffset, f.charLength, f.detectorId]), 'streamed as in memory');
  return { text, findings: inMemory };
}

const stat = (id: string, label: string, value: unknown) => ({ [id]: { id, label, value, include: true, description: 'sample value' } });

t.test("a catalog stat's value under a stat id or a label that names a secret's column", async (t) => {
  const twilio = '9f6a6a7396ce591d29d75a485e3a16e2';
  const auth0 = '1J_7jsYVUvLLB4wCpwLwNramNb3Mah23KchMBEKX48qy95abp8q_ApqLjw6snjcd';
  for (const [stats, secret] of [
    [stat('twilio_auth_token', 'twilio_auth_token', twilio), twilio],
    [stat('sample_value', 'Sample auth0_client_secret', auth0), auth0],
  ] as const) {
    const { text, findings } = catalogFindings(t, { has_stats: { id: 'has_stats', label: 'Has Stats?', value: true, include: false, description: '' }, ...stats });
    t.same(
      findings.map((f) => text.slice(f.charOffset, f.charOffset + f.charLength)),
      [secret],
      `found: ${Object.keys(stats)[0]}`,
    );
  }
  // ordinary stats, ids and values of no secret, a secret's name with a placeholder, a hash or a number
  for (const stats of [
    { ...stat('num_bytes', 'Approximate Size', 123456789), ...stat('num_rows', '# Rows', 42), ...stat('partitioning_type', 'Partitioned By', 'DAY') },
    stat('sample_value', 'Sample surrogate_key', '566bd43fb6b04b70410c5f15e6ae4525'),
    stat('sample_value', 'Sample checksum', 'c2ae6ffcd03c7e9a3fbf2a2fdbb461404735586c2d16cb23ebd201b84625e398'),
    stat('sample_value', 'Sample git_sha', 'a97afa232cffe084085ee7a83d39d6e7034679f7'),
    stat('sample_value', 'Sample password', '${SNOWFLAKE_PASSWORD}'),
    stat('sample_value', 'Sample api_token', '<databricks-pat>'),
    stat('sample_value', 'Sample password_hash', '$argon2id$v=19$m=65536,t=3,p=4$MviIB767z+iyUeNz2ZsjYA$onu8KWBmKCKokBBm'),
    stat('twilio_auth_token', 'twilio_auth_token', 12345678901234),
    // a label that names a secret after the value (dbt writes it before): the value is read alone
    { sample_value: { id: 'sample_value', value: twilio, label: 'Sample twilio_auth_token', include: true, description: '' } },
  ]) {
    t.same(catalogFindings(t, stats).findings, [], `nothing: ${JSON.stringify(stats).slice(0, 80)}`);
  }
});

t.test('one value found by its format and under its name is one secret; two values are two', async (t) => {
  const mailgun = 'key-f8d3391c71c1edd5db2541b3433522fb';
  const other = 'key-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  const dir = tempDir();
  writeFileSync(
    path.join(dir, 'manifest.json'),
    dbtJson(
      manifest({
        macros: { 'macro.r.send': { unique_id: 'macro.r.send', macro_sql: `select mailgun_send('api', '${mailgun}', 'ops@acme.io')` } },
        metrics: { 'metric.r.m': { unique_id: 'metric.r.m', meta: { mailgun_api_key: mailgun, backup_mailgun_api_key: other } } },
      }),
    ),
  );
  const { findings, summary } = scan({ paths: [dir], jobs: 1 });
  const ids = (detector: string) => [...new Set(findings.filter((f) => f.detectorId === detector).map((f) => f.secretId))];
  t.same(ids('mailgun-api-key').length, 1);
  t.same(ids('secret-key-name').length, 2, 'the two values under their names');
  t.ok(ids('secret-key-name').includes(ids('mailgun-api-key')[0]!), "the format's value has the name's id");
  t.equal(summary.distinctSecrets, 2);
});
