/**
 * target/semantic_manifest.json (dbt 1.6+): no metadata, recognized by its shape, found in a target
 * folder, its meta and config read by config-meta and the rest by free-text, at exact positions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { runCli } from './cli-run.js';
import { dbtJson, expectedPosition, tempDir } from './helpers.js';

const WEBHOOK_TOKEN = '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';
const FILTER_PASSWORD = 'pg-Wq8sLz2vNf4R';
const EXPORT_TOKEN = 'xoxb-615641922931-3297886596462-Zq8vLw3xKt9pR2mN4bH7as1r';

function semanticManifest(leaky: boolean) {
  return {
    semantic_models: [
      {
        name: 'orders',
        defaults: { agg_time_dimension: 'ordered_at' },
        description: 'Order fact table.',
        node_relation: { alias: 'orders', schema_name: 'analytics', database: 'dw', relation_name: '"dw"."analytics"."orders"' },
        primary_entity: null,
        entities: [{ name: 'order_id', type: 'primary', expr: null }],
        measures: [{ name: 'order_total', agg: 'sum', expr: 'amount' }],
        dimensions: [{ name: 'ordered_at', type: 'time', type_params: { time_granularity: 'day' } }],
        metadata: { repo_file_path: 'models/marts/orders.yml', file_slice: { filename: 'orders.yml', content: '', start_line_number: 1, end_line_number: 30 } },
        config: { meta: { owner: 'finance', alert_token: leaky ? WEBHOOK_TOKEN : '{{ env_var("DBT_ENV_SECRET_ALERT_TOKEN") }}' } },
      },
    ],
    metrics: [
      {
        name: 'large_orders',
        description: 'Orders over 100.',
        type: 'simple',
        type_params: { measure: { name: 'order_total', filter: null, alias: null } },
        filter: { where_filters: [{ where_sql_template: leaky ? `{{ Dimension('order_id__source') }} != 'postgresql://etl:${FILTER_PASSWORD}@db:5432/dw'` : "{{ Dimension('order_id__amount') }} > 100" }] },
        metadata: null,
        label: 'Large orders',
        config: { meta: {} },
      },
    ],
    project_configuration: { time_spine_table_configurations: [], metadata: null, dsi_package_version: { major_version: '0', minor_version: '7', patch_version: '1' }, time_spines: [] },
    saved_queries: [
      {
        name: 'daily_orders',
        query_params: { metrics: ['large_orders'], group_by: ["TimeDimension('metric_time', 'day')"], where: null },
        exports: [{ name: 'daily_orders', config: { export_as: 'table', schema_name: 'exports', alias: null, slack_token: leaky ? EXPORT_TOKEN : 'SLACK_TOKEN' } }],
      },
    ],
  };
}

function writeTarget(doc: unknown): { dir: string; file: string; text: string } {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const file = path.join(dir, 'semantic_manifest.json');
  const text = dbtJson(doc);
  writeFileSync(file, text);
  return { dir, file, text };
}

t.test('a directory scan reads semantic_manifest.json: meta, filters and exports, at exact positions', async (t) => {
  const { dir, text } = writeTarget(semanticManifest(true));
  const { findings, summary } = scan({ paths: [dir] });
  t.same(summary.artifacts.map((a) => [path.basename(a.file), a.kind]), [['semantic_manifest.json', 'semantic-manifest']]);
  const expected: [string, string, string][] = [
    ['$.semantic_models[0].config.meta.alert_token', 'config-meta', WEBHOOK_TOKEN],
    ["$.metrics[0].filter.where_filters[0].where_sql_template", 'free-text', FILTER_PASSWORD],
    ['$.saved_queries[0].exports[0].config.slack_token', 'config-meta', EXPORT_TOKEN],
  ];
  t.same(findings.map((f) => [f.jsonPath, f.ruleId]).sort(), expected.map(([p, r]) => [p, r]).sort());
  for (const [jsonPath, , secret] of expected) {
    const f = findings.find((x) => x.jsonPath === jsonPath)!;
    const at = expectedPosition(text, secret);
    t.same([f.charOffset, f.start], [at.offset, { line: at.line, column: at.column }], jsonPath);
    t.equal(text.slice(f.charOffset, f.charOffset + f.charLength), secret);
  }
  const streamed = scan({ paths: [dir], stream: true });
  t.same(streamed.findings.map((f) => [f.jsonPath, f.charOffset]), findings.map((f) => [f.jsonPath, f.charOffset]), 'streamed: the same findings');
});

t.test('a clean semantic manifest is silent; an explicit path is accepted, other JSON still refused', async (t) => {
  const { file } = writeTarget(semanticManifest(false));
  const clean = await runCli([file]);
  t.equal(clean.code, 0, clean.stderr);
  const other = writeTarget({ semantic_models: [], metrics: [] });
  const refused = await runCli([other.file]);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /semantic_manifest\.json: not a dbt artifact: no metadata\.dbt_schema_version/);
});
