/**
 * A password written in a SQL literal with its quote doubled (`password 'Pa''ss…'`) is the password with one
 * quote: the same secret (secret id, fingerprint's value hash) as that password in `metadata.env`, where an
 * env var put it as it is. It was hashed as written, so "what to rotate first" listed one password twice.
 * The finding's span still covers the literal's text as written.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { runCli } from '../cli-run.js';
import { dbtJson, manifest } from '../helpers.js';
import { scratch } from '../hostile/harness.js';

// made up for this test
const PASSWORD = "Pa'ss9Zq8vLm!";
const WRITTEN = PASSWORD.replace("'", "''");

t.test('the detector: the span as written, the secret undoubled', async (t) => {
  for (const [sql, quote] of [[`create user etl password '${WRITTEN}';`, "'"], [`alter user etl identified by "${PASSWORD.replace("'", '"').replace('"', '""')}"`, '"']] as const) {
    const [m] = sqlCredentialDetector.detect(sql, { key: undefined });
    t.ok(m, quote);
    t.equal(sql.slice(m!.start, m!.end), quote === "'" ? WRITTEN : PASSWORD.replace("'", '""'), 'the span covers the doubled quote');
    t.equal(m!.secret, quote === "'" ? PASSWORD : PASSWORD.replace("'", '"'), 'the secret has one');
  }
  const [plain] = sqlCredentialDetector.detect("create user etl password 'Zq8vLm2xRt9w';", { key: undefined });
  t.equal(plain!.secret, undefined, 'no quote in it: the span is the secret');
});

t.test('end to end: one secret, in the environment and in compiled SQL', async (t) => {
  const { dir, write } = scratch();
  mkdirSync(path.join(dir, 'target'));
  const nodes = { 'model.shop.users': { name: 'users', resource_type: 'model', package_name: 'shop', unique_id: 'model.shop.users', original_file_path: 'models/users.sql', compiled_code: `create user etl password '${WRITTEN}';` } };
  write('target/manifest.json', dbtJson(manifest({ nodes }, { DB_PASSWORD: PASSWORD })));
  const r = await runCli([path.join(dir, 'target'), '--json']);
  t.equal(r.code, 1, r.stderr);
  t.notMatch(r.stdout, 'ss9Zq8', 'no output holds the password');
  const { summary, findings } = JSON.parse(r.stdout) as { summary: { distinctSecrets: number }; findings: { ruleId: string; secretId: string }[] };
  t.same(findings.map((f) => f.ruleId).sort(), ['compiled-code', 'env-metadata']);
  t.equal(findings[0]!.secretId, findings[1]!.secretId, 'one secret id');
  t.equal(summary.distinctSecrets, 1);
});
