/**
 * A bad and a good example of every rule, as small dbt artifacts (or a static_index.html): the rule pages show them and
 * test/docs.test.ts scans them (the bad one must trigger the rule, the good one nothing at all).
 * `allowlist` is the config that accepts the bad example's finding, shown on the page and tested.
 * Every value is made up; none has the shape of a real provider token.
 */
import type { AllowlistConfig } from '../../src/config/schema.js';

export type ArtifactFileName = 'manifest.json' | 'run_results.json' | 'catalog.json' | 'sources.json';

/** One target folder: artifact file name → content (a JSON document, or the page of a static_index.html). */
export type ExampleFiles = Partial<Record<ArtifactFileName, Record<string, unknown>>> & { 'static_index.html'?: string };

export interface RuleExample {
  bad: ExampleFiles;
  good: ExampleFiles;
  allowlist?: AllowlistConfig;
}

const SCHEMA = 'https://schemas.getdbt.com/dbt';
const INVOCATION = '6f1c2a9e-4b7d-4e3a-9c15-0d8b2f7a3e61';
const OTHER_INVOCATION = '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f';

const metadata = (kind: string, version: number, extra: Record<string, unknown> = {}) => ({
  dbt_schema_version: `${SCHEMA}/${kind}/v${version}.json`,
  dbt_version: '1.9.0',
  invocation_id: INVOCATION,
  env: {},
  ...extra,
});

// (whole artifacts: a manifest always has its nodes, run results their results, as dbt writes them)
const manifest = (parts: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({ metadata: metadata('manifest', 12, meta), nodes: {}, ...parts });
const runResults = (parts: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({ metadata: metadata('run-results', 6, meta), results: [], ...parts });

const model = (name: string, fields: Record<string, unknown>) => ({
  [`model.jaffle_shop.${name}`]: {
    unique_id: `model.jaffle_shop.${name}`,
    resource_type: 'model',
    original_file_path: `models/${name}.sql`,
    ...fields,
  },
});

const PASSWORD = 'Tr0ub4dor&3-prod';
const PG_PASSWORD = 'pG-9vKq2xLm';
const SIGNED_URL =
  'https://storage.googleapis.com/acme-raw/events/2024-05-01.parquet?X-Goog-Algorithm=GOOG4-RSA-SHA256' +
  '&X-Goog-Credential=loader%40acme-data.iam.gserviceaccount.com%2F20240501%2Fauto%2Fstorage%2Fgoog4_request' +
  '&X-Goog-Date=20240501T120000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host' +
  '&X-Goog-Signature=5f0c3a9be27d14c86a0f9e3b7d21c45a8e6f0b19c3d7a52e8f41b06d9c2e7a3f';

/** dbt docs generate --static's page, shortened: a template's additions in its head, an empty manifest inlined in dbt's script. */
const staticPage = (head: string) =>
  [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>dbt Docs</title>',
    head,
    '</head>',
    '<body>',
    '<div ui-view></div>',
    '<script>',
    `angular.module("dbt").factory("project", ["$q", function (e) { var n = { manifest: ${JSON.stringify(manifest({ nodes: {} }))}, catalog: {} }; return n; }]);`,
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');

export const RULE_EXAMPLES: Readonly<Record<string, RuleExample>> = {
  'env-metadata': {
    bad: { 'manifest.json': manifest({ nodes: {} }, { env: { JOB_ID: '8812', DB_PASSWORD: PASSWORD } }) },
    good: { 'manifest.json': manifest({ nodes: {} }, { env: { JOB_ID: '8812', GIT_BRANCH: 'main' } }) },
    allowlist: { jsonPaths: ['$.metadata.env.DB_PASSWORD'] },
  },
  'cli-vars': {
    bad: { 'run_results.json': runResults({ results: [], elapsed_time: 12.4, args: { which: 'run', vars: { start_date: '2024-01-01', warehouse_password: PASSWORD } } }) },
    good: { 'run_results.json': runResults({ results: [], elapsed_time: 12.4, args: { which: 'run', vars: { start_date: '2024-01-01', DBT_ENV_SECRET_WAREHOUSE_PASSWORD: '*****' } } }) },
    allowlist: { jsonPaths: ['$.args.vars.warehouse_password'] },
  },
  'compiled-code': {
    bad: {
      'manifest.json': manifest({
        nodes: model('stg_orders', {
          raw_code: "{{ attach_raw(env_var('RAW_DB_URL')) }}\nselect * from raw.orders",
          compiled_code: `attach 'postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw' as raw;\nselect * from raw.orders`,
        }),
      }),
    },
    good: {
      'manifest.json': manifest({
        nodes: model('stg_orders', {
          raw_code: "{{ attach_raw(env_var('RAW_DB_HOST')) }}\nselect * from raw.orders",
          compiled_code: "attach 'postgresql://loader@db.internal:5432/raw' as raw;\nselect * from raw.orders",
        }),
      }),
    },
    allowlist: { nodes: ['model.jaffle_shop.stg_orders'] },
  },
  'raw-code': {
    bad: {
      'manifest.json': manifest({
        macros: {
          'macro.jaffle_shop.grant_reporter': {
            unique_id: 'macro.jaffle_shop.grant_reporter',
            original_file_path: 'macros/grant_reporter.sql',
            macro_sql: `{% macro grant_reporter() %}\n  create user reporter password '${PASSWORD}';\n{% endmacro %}`,
          },
        },
      }),
    },
    good: {
      'manifest.json': manifest({
        macros: {
          'macro.jaffle_shop.grant_reporter': {
            unique_id: 'macro.jaffle_shop.grant_reporter',
            original_file_path: 'macros/grant_reporter.sql',
            macro_sql: '{% macro grant_reporter() %}\n  grant select on all tables in schema analytics to role reporter;\n{% endmacro %}',
          },
        },
      }),
    },
    allowlist: { nodes: ['macro.jaffle_shop.grant_reporter'] },
  },
  'run-messages': {
    bad: {
      'run_results.json': runResults({
        results: [{ unique_id: 'model.jaffle_shop.stg_orders', status: 'error', message: `Database Error in model stg_orders\n  could not connect to postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw: timeout` }],
        elapsed_time: 3.1,
        args: {},
      }),
    },
    good: {
      'run_results.json': runResults({
        results: [{ unique_id: 'model.jaffle_shop.stg_orders', status: 'error', message: 'Database Error in model stg_orders\n  connection to server at "db.internal", port 5432 failed: timeout' }],
        elapsed_time: 3.1,
        args: {},
      }),
    },
    allowlist: { values: ['^pG-'] },
  },
  'locations-urls': {
    bad: {
      'manifest.json': manifest({
        sources: {
          'source.jaffle_shop.events.web_events': {
            unique_id: 'source.jaffle_shop.events.web_events',
            original_file_path: 'models/sources.yml',
            external: { location: SIGNED_URL, file_format: 'parquet' },
          },
        },
      }),
    },
    good: {
      'manifest.json': manifest({
        sources: {
          'source.jaffle_shop.events.web_events': {
            unique_id: 'source.jaffle_shop.events.web_events',
            original_file_path: 'models/sources.yml',
            external: { location: 'gs://acme-raw/events/*.parquet', file_format: 'parquet' },
          },
        },
      }),
    },
    allowlist: { jsonPaths: ['$.sources.*.external.location'] },
  },
  'config-meta': {
    bad: { 'manifest.json': manifest({ nodes: model('orders', { meta: { owner: 'data-platform', alert_webhook_token: PASSWORD } }) }) },
    good: { 'manifest.json': manifest({ nodes: model('orders', { meta: { owner: 'data-platform', alert_channel: '#data-alerts' } }) }) },
    allowlist: { jsonPaths: ['$.nodes.*.meta.alert_webhook_token'] },
  },
  'free-text': {
    bad: { 'manifest.json': manifest({ nodes: model('customers', { description: `One row per customer, loaded hourly from postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw.` }) }) },
    good: { 'manifest.json': manifest({ nodes: model('customers', { description: 'One row per customer, loaded hourly from the raw Postgres database.' }) }) },
    allowlist: { nodes: ['model.jaffle_shop.customers'] },
  },
  'stale-artifacts': {
    bad: {
      'manifest.json': manifest({ nodes: {} }, { generated_at: '2024-05-02T08:00:00Z' }),
      'run_results.json': runResults({ results: [], elapsed_time: 12.4, args: {} }, { invocation_id: OTHER_INVOCATION, generated_at: '2024-04-28T08:00:00Z' }),
    },
    good: {
      'manifest.json': manifest({ nodes: {} }, { generated_at: '2024-05-02T08:00:00Z' }),
      'run_results.json': runResults({ results: [], elapsed_time: 12.4, args: {} }, { generated_at: '2024-05-02T08:03:00Z' }),
    },
  },
  'static-html-page': {
    bad: { 'static_index.html': staticPage(`<script>window.DOCS_FEEDBACK_PASSWORD = "${PASSWORD}";</script>`) },
    good: { 'static_index.html': staticPage('<script>window.DOCS_FEEDBACK_URL = "https://feedback.acme-data.io/docs";</script>') },
    allowlist: { paths: ['**/static_index.html'] },
  },
};
