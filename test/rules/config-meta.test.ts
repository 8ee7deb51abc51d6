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
      name: 'a numeric password in source meta',
      artifact: manifest({ sources: { 'source.a.raw.t': { meta: { loader_password: 73920418 } } } }),
      secrets: [{ secret: '73920418', detector: 'secret-key-name' }],
    },
  ],
});
