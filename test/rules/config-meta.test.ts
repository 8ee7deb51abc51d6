import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';
import { PASSWORD, SLACK_BOT } from './secrets.js';

const WEBHOOK = 'https://hooks.slack.com/services/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';

/** A dbt 1.11 function (UDF) as the manifest writes it, with what dbt generates for it. */
const udf = (id: string, extra: Record<string, unknown>) => ({
  unique_id: id,
  resource_type: 'function',
  name: 'geo_lookup',
  package_name: 'p',
  path: 'geo_lookup.py',
  original_file_path: 'functions/geo_lookup.py',
  fqn: ['p', 'geo_lookup'],
  checksum: { name: 'sha256', checksum: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c2b4d6f8e0a1c3e5b7d9f1a3c5e7b9d0f' },
  relation_name: '"analytics"."udfs"."geo_lookup"',
  depends_on: { macros: [], nodes: [] },
  returns: { data_type: 'string', description: 'country code' },
  ...extra,
});

/** A disabled resource: dbt's list of the resource's copies under its id. */
const disabled = (entries: Record<string, Record<string, unknown>>) => ({
  disabled: Object.fromEntries(Object.entries(entries).map(([id, entry]) => [id, [{ unique_id: id, config: { enabled: false, meta: {} }, ...entry }]])),
});

/** A run_results.json from before dbt 0.19: no metadata, each result with its node embedded whole. */
const preV1RunResults = (node: Record<string, unknown>) => ({
  results: [{
    node: {
      unique_id: 'model.jaffle_shop.stg_orders',
      resource_type: 'model',
      root_path: '/Users/pat/jaffle_shop',
      original_file_path: 'models/staging/stg_orders.sql',
      checksum: { name: 'sha256', checksum: '0f9c2880de17f71511eee5542c29b9990f9c2880de17f71511eee5542c29b999' },
      config: { enabled: true, materialized: 'view' },
      ...node,
    },
    error: null,
    status: 'CREATE VIEW',
    execution_time: 0.4,
    thread_id: 'Thread-1',
    timing: [],
  }],
  generated_at: '2020-11-25T12:00:00.000000Z',
  elapsed_time: 1.2,
});

/** A sources.json from before dbt 0.19: each freshness result with its source embedded whole. */
const preV1Sources = (source: Record<string, unknown>) => ({
  results: [{
    node: {
      unique_id: 'source.jaffle_shop.jaffle_shop.orders',
      resource_type: 'source',
      original_file_path: 'models/sources.yml',
      source_name: 'jaffle_shop',
      loader: 'stitch',
      meta: {},
      source_meta: {},
      config: { enabled: true },
      ...source,
    },
    max_loaded_at: '2020-11-25T11:58:00+00:00',
    snapshotted_at: '2020-11-25T12:00:00+00:00',
    age: 120,
    status: 'pass',
    error: null,
    execution_time: 0.3,
    thread_id: 'Thread-1',
    timing: [],
  }],
  generated_at: '2020-11-25T12:00:00.000000Z',
  elapsed_time: 0.5,
});

ruleTester('config-meta', {
  valid: [
    {
      name: 'ordinary config and meta',
      artifact: manifest({
        nodes: {
          'model.a.b': {
            config: { materialized: 'incremental', unique_key: 'order_id', meta: { owner: 'data-team', contains_pii: true, password_policy: 'strict' } },
            meta: { token_column: 'user_token' },
            unrendered_config: { schema: "{{ env_var('DBT_SCHEMA') }}" },
            columns: { password_hash: { meta: { masking: 'sha2' } } },
          },
          'model.a.fills': { meta: { token: 'USDC', api_key: 'NONE' }, config: { meta: { token: 'WETH' } } },
        },
        unit_tests: { 'unit_test.a.b.t': { given: [{ input: "ref('users')", rows: [{ id: 1, api_key_id: 'key_7', password_hash: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', token: '****' }], format: 'dict' }] } },
        exposures: { 'exposure.a.d': { owner: { email: 'bi@acme.io', name: 'Token Team' } } },
      }),
    },
    {
      // red team 101: a pre-0.19 result's node is read as a manifest node is, so its settings under secrets' names stay silent too
      name: "a pre-0.19 result's node and a source's meta and source_meta: owners, settings, a key's name",
      file: 'run_results.json',
      artifact: preV1RunResults({ meta: { owner: 'analytics', api_key_header: 'X-API-Key', token: 'USDC' }, columns: { order_id: { name: 'order_id', meta: { password_policy: 'none' } } } }),
    },
    {
      name: "a pre-0.19 freshness result's source: a loader's settings in source_meta",
      file: 'sources.json',
      artifact: preV1Sources({ meta: { owner: 'data-eng' }, source_meta: { stitch_integration: 'shopify', api_token_env: 'STITCH_API_TOKEN' } }),
    },
    {
      // red team 96: what dbt generates for a function, and an argument's default in no secret's shape, stay silent
      name: "a function's generated fields, ordinary config and meta, argument defaults that are settings",
      artifact: manifest({
        functions: {
          'function.p.geo_lookup': udf('function.p.geo_lookup', {
            config: { enabled: true, materialized: 'function', type: 'scalar', meta: { owner: 'geo-team', token: 'WETH' } },
            meta: { api_key: 'NONE' },
            arguments: [
              { name: 'api_key_header', data_type: 'string', default_value: 'X-API-Key' },
              { name: 'token_type', data_type: 'string', default_value: 'bearer' },
              { name: 'password_min_length', data_type: 'integer', default_value: 12 },
            ],
          }),
        },
      }),
    },
    {
      // red team 96: the same in the disabled copies of a unit test, a semantic model, an exposure and a function
      name: 'disabled resources: generated fields, fixture ids and codes, ordinary owners and meta',
      artifact: manifest(
        disabled({
          'unit_test.a.orders.t': {
            checksum: { name: 'sha256', checksum: '0f9c2880de17f71511eee5542c29b9990f9c2880de17f71511eee5542c29b999' },
            given: [{ input: "ref('stg_checkouts')", rows: [{ id: 1, token: 'a165dfd11226', api_key_id: 'key_7' }], format: 'dict' }],
            overrides: { vars: { api_token_header: 'Authorization' }, env_vars: {}, macros: {} },
          },
          'semantic_model.a.s': { measures: [{ name: 'm', agg: 'sum', config: { meta: { token: 'USDC' } } }] },
          'exposure.a.e': { owner: { email: 'bi@acme.io', name: 'Token Team' }, url: 'https://bi.acme.io/dashboards/42' },
          'function.a.f': udf('function.a.f', { arguments: [{ name: 'api_key', data_type: 'string', default_value: 'none' }] }),
        }),
      ),
    },
    {
      // red team 66: dbt_shopify's seed rows as a unit test's fixture; a checkout's token, a payment's authorization code
      name: "ids and codes in a unit test's token and authorization columns, dict and CSV rows",
      artifact: manifest({
        unit_tests: {
          'unit_test.shop.orders.t': {
            given: [
              { input: "ref('stg_checkouts')", rows: [{ id: 1, token: 'a165dfd11226', taxes_included: 'false' }, { id: 2, token: 'l1abddd111c0211f2021c', abandoned_checkout_url: 'https://kitties.com/1111311610/checkouts/f050eda125a10cca513162f01101b261/recover?key=bd0fdf1dc1a1af01aecbdaa3101ec063' }], format: 'dict' },
              { input: "ref('stg_transactions')", rows: 'id,authorization,amount\n1,abcd999999,415\n2,f050eda12f111b261,10', format: 'csv' },
            ],
            expect: { rows: [{ id: 1, authorization: 'abcd999999', api_key: 'key_7' }, { id: 2, token: '0f9c2880de17f71511eee5542c29b999' }], format: 'dict' },
          },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'a webhook in meta and an api key in config',
      artifact: manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', original_file_path: 'models/b.sql', meta: { owner_webhook: WEBHOOK }, config: { api_key: PASSWORD } } } }),
      secrets: [{ secret: WEBHOOK, uniqueId: 'model.a.b' }, { secret: PASSWORD, detector: 'secret-key-name' }],
    },
    {
      name: 'unit-test env_vars override',
      artifact: manifest({ unit_tests: { 'unit_test.a.b.t': { overrides: { env_vars: { DBT_API_TOKEN: SLACK_BOT }, vars: {}, macros: {} } } } }),
      secrets: [{ secret: SLACK_BOT, uniqueId: 'unit_test.a.b.t' }],
    },
    {
      // session 35: these places held their keys' names unread (the fallback rule reads only distinctive formats)
      name: "a semantic model's entity config, a unit test's given and expected rows, an exposure's and a group's owner",
      artifact: manifest({
        semantic_models: { 'semantic_model.a.orders': { entities: [{ name: 'order', config: { meta: { api_token: 'Sm4eKq8vRt2LpWz6NbY3cHd7JfUa9Gx1' } } }] } },
        unit_tests: {
          'unit_test.a.b.t': {
            given: [{ input: "ref('stg')", rows: [{ id: 1, webhook_secret: 'Wh5nLx2QpR8vZt3KmY7cJd4FbS9eGa6U' }], format: 'dict' }],
            expect: { rows: [{ id: 1, client_secret: 'Cs6pWx1MkR9vQz4LtB8nHy3JdF5sUe2G' }], format: 'dict' },
          },
        },
        exposures: { 'exposure.a.d': { owner: { email: 'bi@acme.io', name: 'BI', alert_api_token: 'Ex3pR7mKw9QzLt2VnB5cHy8JdF4sUa6G' } } },
        groups: { 'group.a.g': { owner: { email: 'ops@acme.io', name: 'Ops', pagerduty_routing_key: 'c3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4' } } },
      }),
      secrets: [
        { secret: 'Sm4eKq8vRt2LpWz6NbY3cHd7JfUa9Gx1', detector: 'secret-key-name' },
        { secret: 'Wh5nLx2QpR8vZt3KmY7cJd4FbS9eGa6U', detector: 'secret-key-name' },
        { secret: 'Cs6pWx1MkR9vQz4LtB8nHy3JdF5sUe2G', detector: 'secret-key-name' },
        { secret: 'Ex3pR7mKw9QzLt2VnB5cHy8JdF4sUa6G', detector: 'secret-key-name' },
        { secret: 'c3d5f7e9a2c4b6d8f0e1a3c5b7d9f2e4' },
      ],
    },
    {
      name: "a unit test's rows: a password column whatever it reads, a token column in a token's shape",
      artifact: manifest({
        unit_tests: {
          'unit_test.a.users.t': {
            given: [
              { input: "ref('stg_users')", rows: [{ id: 1, password: 'Maple-Falcon-61', token: 'a165dfd11226' }, { id: 2, api_token: 'Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W', client_secret: 'Xk9$mP2!qL' }], format: 'dict' },
              { input: "ref('stg_keys')", rows: 'id,api_key,db_password\n1,Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E,Birch-Otter-47\n2,key_7,', format: 'csv' },
            ],
          },
        },
      }),
      secrets: [
        { secret: 'Maple-Falcon-61', detector: 'secret-key-name' },
        { secret: 'Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W', detector: 'secret-key-name' },
        { secret: 'Xk9$mP2!qL', detector: 'secret-key-name' },
        { secret: 'Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E', detector: 'secret-key-name' },
        { secret: 'Birch-Otter-47', detector: 'secret-key-name' },
      ],
    },
    {
      // red team 101: before dbt 0.19 each result embeds its node, meta and columns as the manifest has them; only its
      // config was read by this rule, its meta as free text (distinctive token formats only)
      name: "a pre-0.19 result's node meta, column meta and config",
      file: 'run_results.json',
      artifact: preV1RunResults({
        config: { enabled: true, materialized: 'view', api_key: 'Ak7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W' },
        meta: { snowflake_password: 'Winter2025!' },
        columns: { email: { name: 'email', meta: { hashing_salt_secret: 'Sl3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E' } } },
      }),
      secrets: [
        { secret: 'Ak7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W', detector: 'secret-key-name', uniqueId: 'model.jaffle_shop.stg_orders' },
        { secret: 'Winter2025!', detector: 'secret-key-name', uniqueId: 'model.jaffle_shop.stg_orders', originalFilePath: 'models/staging/stg_orders.sql' },
        { secret: 'Sl3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E', detector: 'secret-key-name', uniqueId: 'model.jaffle_shop.stg_orders' },
      ],
    },
    {
      // red team 101: a pre-0.19 freshness result's source, its meta and its source's meta (source_meta)
      name: "a pre-0.19 freshness result's source meta and source_meta",
      file: 'sources.json',
      artifact: preV1Sources({
        meta: { snowflake_password: 'Winter2025!' },
        source_meta: { stitch_api_token: 'a4c123b1612dd272d1371c17149d439536b3216fdaeeb975729fae923d5a4fd1' },
      }),
      secrets: [
        { secret: 'Winter2025!', detector: 'secret-key-name', uniqueId: 'source.jaffle_shop.jaffle_shop.orders', originalFilePath: 'models/sources.yml' },
        { secret: 'a4c123b1612dd272d1371c17149d439536b3216fdaeeb975729fae923d5a4fd1', detector: 'secret-key-name', uniqueId: 'source.jaffle_shop.jaffle_shop.orders' },
      ],
    },
    {
      // red team 96: dbt 1.11 functions keep a node's config and meta, and each argument's default as written in YAML
      name: "a function's config.meta, meta and an argument's default",
      artifact: manifest({
        functions: {
          'function.p.geo_lookup': udf('function.p.geo_lookup', {
            config: { enabled: true, materialized: 'function', meta: { ipinfo_token: '4f7c1e9a2b6d08', hf_endpoint_secret: 'Zq8Lk2Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru' } },
            meta: { geo_api_token: 'Gq4Wd7Ks2Px9Lm3Nv8Rt6Yb1Hc5Jf0Za' },
            arguments: [{ name: 'api_key', data_type: 'string', description: 'Mailgun key', default_value: 'key-3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e' }],
          }),
        },
      }),
      secrets: [
        { secret: '4f7c1e9a2b6d08', detector: 'secret-key-name', uniqueId: 'function.p.geo_lookup', originalFilePath: 'functions/geo_lookup.py' },
        { secret: 'Zq8Lk2Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru', detector: 'secret-key-name' },
        { secret: 'Gq4Wd7Ks2Px9Lm3Nv8Rt6Yb1Hc5Jf0Za', detector: 'secret-key-name' },
        { secret: 'key-3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e', detector: 'secret-key-name' },
      ],
    },
    {
      // red team 96: a disabled resource is read where its enabled copy is: a unit test's rows and overrides, a semantic
      // model's measures, an exposure's owner, a function's argument defaults
      name: 'disabled unit test, semantic model, exposure and function',
      artifact: manifest(
        disabled({
          'unit_test.p.stg_partners.t': {
            given: [
              { input: "ref('x')", rows: [{ id: 1, client_secret: 'Kq7Lm2Xv9Rk4Nw8Yc3Hd6Tz9Pq2Ws5E' }], format: 'dict' },
              { input: "ref('y')", rows: 'id,api_key\n1,Hd6Tz9Pq2Ws5EKq7Lm2Xv9Rk4Nw8Yc3\n', format: 'csv' },
            ],
            expect: { rows: [{ id: 1, webhook_secret: 'Wb3Kx7Lm2Qp9Rt4Vz8Nc1Hd6Yf5Js0Ga' }], format: 'dict' },
            overrides: { vars: { partner_api_token: 'Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2RuZq8Lk2' }, env_vars: { DBT_PARTNER_PASSWORD: 'Pn4-Otter-Birch-83' }, macros: {} },
          },
          'semantic_model.p.s': { measures: [{ name: 'm', agg: 'sum', config: { meta: { census_api_key: 'Ap3Ow5Ei2RuZq8Lk2Vb7Nm4Hj6Gf1Ds9' } } }] },
          'saved_query.p.q': { exports: [{ name: 'e', config: { export_as: 'table', warehouse_password: 'Sq5-Heron-Maple-27' } }] },
          'exposure.p.e': { owner: { email: 'ops@acme.io', pagerduty_integration_key: '3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e' } },
          'function.p.old': udf('function.p.old', { arguments: [{ name: 'ipinfo_token', data_type: 'string', default_value: 'Ip5Tk8Lm2Qx7Rv4Nz9Wc3Hd6Yb1Fs0Ge' }] }),
        }),
      ),
      secrets: [
        { secret: 'Kq7Lm2Xv9Rk4Nw8Yc3Hd6Tz9Pq2Ws5E', detector: 'secret-key-name', uniqueId: 'unit_test.p.stg_partners.t' },
        { secret: 'Hd6Tz9Pq2Ws5EKq7Lm2Xv9Rk4Nw8Yc3', detector: 'secret-key-name' },
        { secret: 'Wb3Kx7Lm2Qp9Rt4Vz8Nc1Hd6Yf5Js0Ga', detector: 'secret-key-name' },
        { secret: 'Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2RuZq8Lk2', detector: 'secret-key-name' },
        { secret: 'Pn4-Otter-Birch-83', detector: 'secret-key-name' },
        { secret: 'Ap3Ow5Ei2RuZq8Lk2Vb7Nm4Hj6Gf1Ds9', detector: 'secret-key-name', uniqueId: 'semantic_model.p.s' },
        { secret: 'Sq5-Heron-Maple-27', detector: 'secret-key-name' },
        { secret: '3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e', detector: 'secret-key-name', uniqueId: 'exposure.p.e' },
        { secret: 'Ip5Tk8Lm2Qx7Rv4Nz9Wc3Hd6Yb1Fs0Ge', detector: 'secret-key-name', uniqueId: 'function.p.old' },
      ],
    },
    {
      name: 'a numeric password in source meta',
      artifact: manifest({ sources: { 'source.a.raw.t': { meta: { loader_password: 73920418 } } } }),
      secrets: [{ secret: '73920418', detector: 'secret-key-name' }],
    },
  ],
});
