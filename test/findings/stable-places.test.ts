/**
 * A fingerprint's place survives what dbt changes from run to run and tells apart what it does not (red team 64): an
 * entry of semantic_manifest.json is known by its name, not its position (a secret moved from one semantic model to
 * another is a new finding; the models reordered are not), and its meta can suppress as a manifest node's does; a
 * node's code is the same place under dbt 1.2's names (`raw_sql`, `compiled_sql`) and 1.3's; a secret logged again
 * in dbt.log, which dbt appends to, is the finding accepted before.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, SCHEMA, tempDir } from '../helpers.js';

const TOKEN = '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';
const PASSWORD = 'Orchard-Vane-2024';

function semanticModel(name: string, meta: Record<string, unknown>) {
  return { name, description: `${name} facts.`, node_relation: { alias: name, schema_name: 'analytics', database: 'dw', relation_name: `"dw"."analytics"."${name}"` }, entities: [], measures: [], dimensions: [], config: { meta } };
}

/** Scan a semantic_manifest.json of these models (in memory and streamed: the same places): each finding's json path and fingerprint. */
function scanSemantic(models: unknown[]): { jsonPath: string; fingerprint: string; suppressed: boolean }[][] {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'semantic_manifest.json'), dbtJson({ semantic_models: models, metrics: [], project_configuration: { time_spines: [] }, saved_queries: [] }));
  return [false, true].map((stream) => scan({ paths: [dir], stream }).findings.map((f) => ({ jsonPath: f.jsonPath, fingerprint: f.fingerprint, suppressed: f.suppressed !== undefined })));
}

t.test("a semantic model's secret is placed by the model's name, not its position", async (t) => {
  const before = scanSemantic([semanticModel('orders', { api_secret: TOKEN }), semanticModel('customers', {})]);
  const reordered = scanSemantic([semanticModel('customers', {}), semanticModel('orders', { api_secret: TOKEN })]);
  const moved = scanSemantic([semanticModel('orders', {}), semanticModel('customers', { api_secret: TOKEN })]);
  for (const [i, how] of ['in memory', 'streamed'].entries()) {
    t.equal(before[i]!.length, 1, how);
    t.equal(reordered[i]![0]!.fingerprint, before[i]![0]!.fingerprint, `${how}: the models reordered, the same finding`);
    t.equal(reordered[i]![0]!.jsonPath, '$.semantic_models[1].config.meta.api_secret', `${how}: at its new position`);
    t.not(moved[i]![0]!.fingerprint, before[i]![0]!.fingerprint, `${how}: moved to another model, a new finding`);
  }
  t.same(before[0], before[1], 'the same fingerprints streamed');
  // the model's meta suppresses its findings, as a manifest node's does
  const ignored = scanSemantic([semanticModel('orders', { api_secret: TOKEN, 'dbt-tools-lint': { ignore: ['config-meta'], reason: 'a revoked token kept for the audit' } })]);
  t.same(
    ignored.map((run) => run.map((f) => f.suppressed)),
    [[true], [true]],
  );
});

t.test("a node's code is one place under dbt 1.2's field names and 1.3's", async (t) => {
  const sql = `select * from read_csv('https://files.acme.io/o.csv', password='${PASSWORD}')`;
  const fingerprints = (node: Record<string, unknown>, version: number) => {
    const dir = path.join(tempDir(), 'target');
    mkdirSync(dir);
    const doc = manifest({ nodes: { 'model.shop.orders': { resource_type: 'model', unique_id: 'model.shop.orders', name: 'orders', package_name: 'shop', original_file_path: 'models/orders.sql', ...node } } });
    (doc.metadata as Record<string, unknown>).dbt_schema_version = SCHEMA('manifest', version);
    writeFileSync(path.join(dir, 'manifest.json'), dbtJson(doc));
    return scan({ paths: [dir] })
      .findings.map((f) => [f.jsonPath.replace(/^.*\./, ''), f.fingerprint] as const)
      .sort();
  };
  const old = fingerprints({ raw_sql: sql, compiled_sql: sql }, 6);
  const renamed = fingerprints({ raw_code: sql, compiled_code: sql }, 12);
  t.same(old.map(([field]) => field), ['compiled_sql', 'raw_sql']);
  t.same(renamed.map(([field]) => field), ['compiled_code', 'raw_code']);
  t.same(
    old.map(([, fingerprint]) => fingerprint),
    renamed.map(([, fingerprint]) => fingerprint),
    'the same fingerprints',
  );
});

t.test('a secret logged again in dbt.log (dbt appends each run) keeps its fingerprint; a new one in it is new', async (t) => {
  const project = tempDir();
  writeFileSync(path.join(project, 'dbt_project.yml'), 'name: shop\n');
  mkdirSync(path.join(project, 'target'));
  writeFileSync(path.join(project, 'target', 'manifest.json'), dbtJson(manifest({})));
  mkdirSync(path.join(project, 'logs'));
  const line = (pw: string) => `06:00:02.500 [debug] [Thread-1  ]: attach 'postgresql://loader:${pw}@db.internal:5432/raw' as pg\n`;
  const logFindings = (text: string) => {
    writeFileSync(path.join(project, 'logs', 'dbt.log'), text);
    return scan({ paths: [path.join(project, 'target')] }).findings.filter((f) => f.artifactKind === 'log');
  };
  const first = logFindings(line(PASSWORD));
  const appended = logFindings(line(PASSWORD) + '06:10:00.000 [info ] [MainThread]: Running with dbt=1.9.4\n' + line(PASSWORD));
  t.equal(first.length, 1);
  t.equal(appended.length, 2, 'each line still a finding');
  t.same(
    appended.map((f) => f.fingerprint),
    [first[0]!.fingerprint, first[0]!.fingerprint],
    'both lines: the fingerprint accepted before',
  );
  const another = logFindings(line(PASSWORD) + line('Rotated-Vane-2025'));
  t.not(another[1]!.fingerprint, first[0]!.fingerprint, 'another password in the log: a new fingerprint');
});

t.test("an on-run-start hook is placed by its kind, not its position: a hook added before it changes nothing (red team 64)", async (t) => {
  const op = (i: number, sql: string) => [`operation.shop.shop-on-run-start-${i}`, { resource_type: 'operation', unique_id: `operation.shop.shop-on-run-start-${i}`, name: `shop-on-run-start-${i}`, package_name: 'shop', original_file_path: './dbt_project.yml', raw_code: sql, compiled_code: sql }] as const;
  const secret = `create or replace secret s3_loader (type s3, key_id 'AKIAKG22C7JSL34GWYIH', secret '${'Kq7/Zp+W3xVb9LmT2RcYhN4sD8fG1jL0pQ6wE5rT'}')`;
  const fingerprints = (ops: (readonly [string, unknown])[]) => {
    const dir = path.join(tempDir(), 'target');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: Object.fromEntries(ops) })));
    return scan({ paths: [dir] }).findings.map((f) => f.fingerprint).sort();
  };
  const before = fingerprints([op(0, secret)]);
  t.ok(before.length >= 2, 'the key id and its secret, in raw and compiled code');
  t.same(fingerprints([op(0, 'grant usage on schema analytics to role reporter'), op(1, secret)]), before, 'renumbered: the same fingerprints');
  const twice = fingerprints([op(0, secret), op(1, secret)]);
  t.equal(new Set(twice).size, twice.length, 'the same secret in two hooks: each its own fingerprint');
});
