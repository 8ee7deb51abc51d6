/**
 * Where alerting meta, shell hooks and echoed profiles leak, through the whole scan: webhooks and
 * routing keys in meta (config-meta), client password flags in hooks (raw-code), in docs
 * (free-text) and in errors (run-messages); and the decoys beside them, names of public tokens,
 * references to secret stores and settings that only look like passwords.
 */
import { manifest, runResults } from '../helpers.js';
import { ruleTester } from './harness.js';

const MATTERMOST = 'https://chat.acme.io/hooks/xj4q9mz8bpf7dk3nq1tw6yrc5a';
const MAKE = 'https://hook.eu1.make.com/4k9xqz2lm7wpt1vr8sbn3c6yhd5fj0ga';
const ROUTING_KEY = 'R02E8Q4ZK7LX9MP3WV6TB1NC5YHJ0DFS';
const MYSQL_PW = 'S3cretPw9x';
const SQLCMD_PW = 'Qw9!zLp2Xk';
const PROFILE_PASS = 'Lq9Zp2Wx7Kv';

const model = (fields: Record<string, unknown>) => manifest({ nodes: { 'model.shop.orders': { unique_id: 'model.shop.orders', resource_type: 'model', original_file_path: 'models/orders.sql', ...fields } } });

ruleTester('config-meta', {
  valid: [
    {
      name: "a public analytics token, a secret store's reference, a routing key of a queue, unrendered env_var()",
      artifact: model({
        meta: {
          mixpanel_project_token: '3f9c8a7e2b1d4f6a8c0e2b4d6f8a1c3e',
          amplitude_api_key: '9c2e7a1f4b8d3e6a0c5f9b2d7e1a4c8f',
          env: { DB_PASSWORD: { valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } } },
          routing_key: 'orders.created.v1',
          pagerduty_routing_key: "{{ env_var('PD_ROUTING_KEY') }}",
          pagerduty_service_id: 'PX7QZ2L',
          alerts: 'https://docs.mattermost.com/developer/webhooks-incoming.html',
          api_token_masked: '****************',
          token_count: 4096,
        },
        config: { auth_pass: 'passthrough', ssl_pw: 'required', password_hash_column: 'pw_hash' },
      }),
    },
  ],
  invalid: [
    {
      name: 'Mattermost and Make webhooks and a PagerDuty routing key in meta',
      artifact: model({ meta: { on_failure: MATTERMOST, notify: MAKE, pagerduty_routing_key: ROUTING_KEY } }),
      secrets: [
        { secret: MATTERMOST, detector: 'mattermost-webhook-url' },
        { secret: MAKE, detector: 'make-webhook-url' },
        { secret: ROUTING_KEY, detector: 'secret-key-name' },
      ],
    },
  ],
});

ruleTester('env-metadata', {
  valid: [
    {
      name: 'pass-named settings and a public project token',
      artifact: manifest({}, { AUTH_PASS: 'passthrough', SSL_PASS: 'disabled', MIXPANEL_PROJECT_TOKEN: '3f9c8a7e2b1d4f6a8c0e2b4d6f8a1c3e', DB_PASSWORD_SECRET_REF: 'projects/acme/secrets/db-password/versions/latest' }),
    },
  ],
  invalid: [
    {
      name: 'a PagerDuty key under its short name',
      artifact: manifest({}, { PD_ROUTING_KEY: ROUTING_KEY }),
      secrets: [{ secret: ROUTING_KEY }],
    },
  ],
});

ruleTester('raw-code', {
  valid: [
    {
      name: 'client commands that read the password from elsewhere',
      artifact: model({
        config: {
          'post-hook': [
            { sql: "{{ run_shell('mysql -u etl -p warehouse < load.sql') }}", transaction: true },
            { sql: "{{ run_shell('sqlcmd -S sql.acme.io -U etl -P $SQLCMDPASSWORD -i refresh.sql') }}", transaction: true },
            { sql: "{{ run_shell('mysql -u etl -p' ~ env_var('DBT_ENV_SECRET_MYSQL') ~ ' warehouse') }}", transaction: true },
          ],
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'mysql and sqlcmd passwords in post-hooks',
      artifact: model({
        config: {
          'post-hook': [
            { sql: `{{ run_shell('mysql -u etl -p${MYSQL_PW} -h db.acme.io warehouse < dump.sql') }}`, transaction: true },
            { sql: `{{ run_shell("sqlcmd -S sql.acme.io -U etl -P '${SQLCMD_PW}' -i refresh.sql") }}`, transaction: true },
          ],
        },
      }),
      secrets: [
        { secret: MYSQL_PW, detector: 'cli-password-flag' },
        { secret: SQLCMD_PW, detector: 'cli-password-flag' },
      ],
    },
  ],
});

ruleTester('run-messages', {
  valid: [
    {
      name: "dbt's summary and a profile without a password",
      artifact: runResults({
        results: [
          { unique_id: 'model.shop.orders', status: 'error', message: 'Done. PASS=12 WARN=0 ERROR=1 SKIP=0 TOTAL=13' },
          { unique_id: 'model.shop.items', status: 'error', message: "Could not connect: {'type': 'postgres', 'user': 'etl', 'pass': '*****', 'host': 'db.acme.io'}" },
        ],
      }),
    },
  ],
  invalid: [
    {
      name: "an echoed dbt-postgres profile's pass",
      artifact: runResults({
        results: [{ unique_id: 'model.shop.orders', status: 'error', message: `Could not connect with profile: {'type': 'postgres', 'host': 'db.acme.io', 'user': 'etl', 'pass': '${PROFILE_PASS}', 'dbname': 'dw'}` }],
      }),
      secrets: [{ secret: PROFILE_PASS, detector: 'password-assignment' }],
    },
  ],
});

ruleTester('free-text', {
  valid: [
    {
      name: "docs that show a command's shape, a secret store's path, a Kubernetes reference and a masked URL",
      artifact: model({
        description: [
          'Example: `mysql -u root -pYOUR_PASSWORD` or `sqlcmd -P <password>`; pass it to bcp with the -P option.',
          'The password is read with `aws secretsmanager get-secret-value --secret-id prod/dbt/password`.',
          'valueFrom:\n  secretKeyRef:\n    name: dbt-secrets\n    key: snowflake_password',
          'Connect with postgres://etl:****@db.acme.io:5432/dw, see https://docs.acme.io/setup#user:admin@example.',
        ].join('\n\n'),
      }),
    },
  ],
  invalid: [
    {
      name: 'a mongosh password in a description',
      artifact: model({ description: 'Reload with `mongosh "mongodb://db.acme.io" -u etl -p Mg7Lq2Zp9Xw` after the export.' }),
      secrets: [{ secret: 'Mg7Lq2Zp9Xw', detector: 'cli-password-flag' }],
    },
  ],
});

ruleTester('compiled-code', {
  valid: [
    {
      name: 'counts, hashes, a label and an unrendered env_var() beside secret words',
      artifact: model({
        compiled_code:
          "declare token_count integer := 0; declare api_token_len int := 40;\nselect user_id, password_hash, token_count, 'api_key' as kind from users\nwhere auth_kind = decode(kind, 'password', 'Login')",
      }),
    },
  ],
  invalid: [
    {
      name: 'an Oracle wallet password declared in a block',
      artifact: model({ compiled_code: "DECLARE\n  l_wallet_pwd VARCHAR2(64) := 'Wl7#pq2Zx9Lm';\nBEGIN NULL; END;" }),
      secrets: [{ secret: 'Wl7#pq2Zx9Lm', detector: 'sql-password' }],
    },
  ],
});
