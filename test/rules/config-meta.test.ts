import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';
import { PASSWORD, SLACK_BOT } from './secrets.js';

const WEBHOOK = 'https://hooks.slack.com/services/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';

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
      name: 'a numeric password in source meta',
      artifact: manifest({ sources: { 'source.a.raw.t': { meta: { loader_password: 73920418 } } } }),
      secrets: [{ secret: '73920418', detector: 'secret-key-name' }],
    },
  ],
});
