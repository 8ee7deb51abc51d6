/**
 * sources.json as dbt 0.17 and earlier wrote it (found committed in a public target folder): `meta`
 * instead of `metadata`, and `sources`, a map from each source's unique id to its freshness or to
 * the error of its failed query. It was refused as "not a dbt artifact", and as sources.json is an
 * artifact name, the whole scan of its folder stopped with exit code 2.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { recognizeArtifact } from '../src/artifacts/recognize.js';
import { scan } from '../src/engine/scan.js';
import { runCli } from './cli-run.js';
import { dbtJson, expectedPosition, tempDir } from './helpers.js';

const DSN_PASSWORD = 'Lg4cy-Fr3sh!91';

const fresh = {
  max_loaded_at: '2020-03-02T07:11:09.412000+00:00',
  snapshotted_at: '2020-03-02T09:40:51.003113Z',
  max_loaded_at_time_ago_in_s: 8981.59,
  state: 'warn',
  criteria: { warn_after: { count: 1, period: 'hour' }, error_after: { count: 25, period: 'hour' } },
};

function legacySources(error: string) {
  return {
    meta: { generated_at: '2020-03-02T09:40:52.118742Z', elapsed_time: 5.2 },
    sources: {
      'source.crm.hubspot.contacts': fresh,
      'source.crm.billing.invoices': { error, state: 'runtime error' },
    },
  };
}

function writeTarget(doc: unknown): { dir: string; text: string } {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const text = dbtJson(doc);
  writeFileSync(path.join(dir, 'sources.json'), text);
  return { dir, text };
}

t.test('recognized by its shape: freshness or an error under each unique id, or no source at all', async (t) => {
  const r = recognizeArtifact(legacySources('timeout'));
  t.ok(r.ok);
  if (r.ok) t.same([r.info.kind, r.info.schemaVersion, r.info.generatedAt], ['sources', 0, '2020-03-02T09:40:52.118742Z']);
  const empty = recognizeArtifact({ meta: { generated_at: '2020-03-02T09:40:52Z', elapsed_time: 0.1 }, sources: {} });
  t.ok(empty.ok && empty.info.kind === 'sources', 'no source with freshness configured');
  t.notOk(recognizeArtifact({ meta: { generated_at: '2020-03-02T09:40:52Z' }, sources: { a: { name: 'orders' } } }).ok, 'a map of other things is not');
  t.notOk(recognizeArtifact({ meta: {}, sources: {} }).ok, 'meta without generated_at is not');
});

t.test("a DSN password in a failed freshness query's error is found by run-messages, on the source", async (t) => {
  const { dir, text } = writeTarget(legacySources(`Database Error in source invoices (models/sources.yml)\n  connection to server failed: postgresql://fresh:${DSN_PASSWORD}@billing-db:5432/billing`));
  const { findings, summary } = scan({ paths: [dir] });
  t.same(summary.artifacts.map((a) => a.kind), ['sources']);
  t.same(findings.map((f) => [f.ruleId, f.detectorId, f.jsonPath, f.uniqueId]), [
    ['run-messages', 'url-password', "$.sources['source.crm.billing.invoices'].error", 'source.crm.billing.invoices'],
  ]);
  const at = expectedPosition(text, DSN_PASSWORD);
  t.same([findings[0]!.charOffset, findings[0]!.charLength], [at.offset, DSN_PASSWORD.length]);
  const streamed = scan({ paths: [dir], stream: true });
  t.same(streamed.findings.map((f) => [f.jsonPath, f.charOffset, f.uniqueId]), findings.map((f) => [f.jsonPath, f.charOffset, f.uniqueId]), 'streamed: the same');
});

t.test('a clean legacy sources.json is scanned, not refused: exit code 0', async (t) => {
  const { dir } = writeTarget(legacySources('FATAL:  password authentication failed for user "fresh"'));
  const r = await runCli([dir]);
  t.equal(r.code, 0, r.stderr);
});
