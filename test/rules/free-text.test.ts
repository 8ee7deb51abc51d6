import { manifest, runResults, SCHEMA } from '../helpers.js';
import { ruleTester } from './harness.js';
import { GH, PG_PASSWORD, SLACK_BOT } from './secrets.js';

/** One GitHub token per column name (its last characters vary; the format has no checksum to keep). */
const GENERATED_NAMED = ['Aa', 'Bb', 'Cc', 'Dd', 'Ee', 'Ff', 'Gg'].map((tail) => GH.slice(0, -2) + tail);

ruleTester('free-text', {
  valid: [
    {
      name: 'generated ids, hashes and prose about secrets',
      artifact: manifest({
        nodes: {
          'test.shop.not_null_orders_order_id.4cb17f787b': {
            unique_id: 'test.shop.not_null_orders_order_id.4cb17f787b',
            checksum: { name: 'sha256', checksum: '4f9a0c2e7b1d3f5a8c6e9b2d4f7a1c3e5b8d0f2a4c6e8b1d3f5a7c9e2b4d6f8a' },
            alias: 'source_not_null_raw_arbitrum_a_973c3fe1ec36931e0b1bd7840b19a424',
            description: 'Rotate the API token weekly; the password column is hashed with bcrypt.',
          },
        },
        docs: {
          'doc.shop.auth': { block_contents: 'Set `DBT_ENV_SECRET_TOKEN` to your token, e.g. `<your-token>` or ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.' },
          'doc.shop.api': { block_contents: 'Call it with `curl -u $API_USER:$API_PASSWORD https://api.acme.io`, `curl -u user:password …` or `curl -u admin:admin …` locally.' },
          // the token's shape without the word Telegram: a Telegram bot's format is read only beside its name
          'doc.shop.ids': { block_contents: 'Shard 8391756602:AAH7kQz3Xv9LmP2wRt5Yb8Nc4Df6Gh1Jk0s of the event log.' },
          // a Mailgun key's shape without the word Mailgun; beside it, a hex digest in a longer name
          'doc.shop.cache': { block_contents: 'Cached under key-8504af3948dd0b61cd376b65b76980d5 for a day.' },
          'doc.shop.bounces': { block_contents: 'Mailgun bounces are keyed by cache-key-8504af3948dd0b61cd376b65b76980d5.' },
        },
      }),
    },
  ],
  invalid: [
    {
      // session 35: a timing entry's name and times are dbt's; a field beside them (a wrapper's note) is read
      name: 'a note added to a timing entry of run_results.json',
      file: 'run_results.json',
      artifact: runResults({
        results: [
          {
            unique_id: 'model.a.b',
            status: 'success',
            timing: [
              { name: 'compile', started_at: '2024-09-19T20:01:47.341277Z', completed_at: '2024-09-19T20:01:47.383878Z' },
              { name: 'execute', started_at: '2024-09-19T20:01:47.402722Z', completed_at: '2024-09-19T20:01:47.979828Z', notes: `retried with https://svc_dbt:${PG_PASSWORD}@sf.acme.io` },
            ],
          },
        ],
      }),
      secrets: [{ secret: PG_PASSWORD, detector: 'url-password' }],
    },
    {
      name: "curl's --user in a docs block, and an Airflow connection URI whose host is empty",
      artifact: manifest({
        docs: { 'doc.shop.api': { block_contents: '```sh\ncurl -u svc_dbt:Qm7-vX2kLp9!w https://api.acme.io/v1/export\n```' } },
        nodes: { 'model.a.b': { unique_id: 'model.a.b', original_file_path: 'models/b.sql', description: 'Loaded by AIRFLOW_CONN_SNOWFLAKE_DEFAULT=snowflake://LOADER:Zt4-pQ8wRm2x@/ANALYTICS?account=xy12345' } },
      }),
      secrets: [
        { secret: 'Qm7-vX2kLp9!w', detector: 'curl-basic-auth' },
        { secret: 'Zt4-pQ8wRm2x', detector: 'url-password', uniqueId: 'model.a.b' },
      ],
    },
    {
      // session 36: dbt's generated fields were skipped at any depth, so a column named like one went unread
      name: 'descriptions of columns named created_at, unique_id, checksum, refs, fqn, depends_on and doc_blocks',
      artifact: manifest({
        nodes: {
          'model.a.b': {
            unique_id: 'model.a.b',
            original_file_path: 'models/b.sql',
            checksum: { name: 'sha256', checksum: '4f9a0c2e7b1d3f5a8c6e9b2d4f7a1c3e5b8d0f2a4c6e8b1d3f5a7c9e2b4d6f8a' },
            created_at: 1777764270.747394,
            columns: Object.fromEntries(
              ['created_at', 'unique_id', 'checksum', 'refs', 'fqn', 'depends_on', 'doc_blocks'].map((name, i) => [name, { name, description: `Synced with ${GENERATED_NAMED[i]}.` }]),
            ),
          },
        },
      }),
      secrets: GENERATED_NAMED.map((secret) => ({ secret, detector: 'github-classic-pat', uniqueId: 'model.a.b' })),
    },
    {
      // session 40's red team: a runbook names the bot alerts go through, and its token
      name: "a Telegram bot's token in a docs block that names Telegram",
      artifact: manifest({ docs: { 'doc.shop.alerts': { block_contents: "Alerts go to Telegram via bot '8391756602:AAH7kQz3Xv9LmP2wRt5Yb8Nc4Df6Gh1Jk0s' (chat -100123456789)." } } }),
      secrets: [{ secret: '8391756602:AAH7kQz3Xv9LmP2wRt5Yb8Nc4Df6Gh1Jk0s', detector: 'telegram-bot-token' }],
    },
    {
      // session 45's red team: a format read only right after its vendor's name is as telling in prose
      name: "a DeepSeek key right after DeepSeek's name in a description",
      artifact: manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', original_file_path: 'models/b.sql', description: 'The deepseek sk-38f1c2d9e0a7b6c5d4e3f2a1b0c9d8e7 is used by the sync.' } } }),
      secrets: [{ secret: 'sk-38f1c2d9e0a7b6c5d4e3f2a1b0c9d8e7', detector: 'deepseek-api-key' }],
    },
    {
      // session 41's red team: a model's description names the mail service and its key
      name: 'a Mailgun key in a description that names Mailgun',
      artifact: manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', original_file_path: 'models/b.sql', description: 'Receipts are sent through Mailgun (api key key-8504af3948dd0b61cd376b65b76980d5).' } } }),
      secrets: [{ secret: 'key-8504af3948dd0b61cd376b65b76980d5', detector: 'mailgun-api-key', originalFilePath: 'models/b.sql' }],
    },
    {
      name: 'a GitHub token in a model description',
      artifact: manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', original_file_path: 'models/b.sql', patch_path: 'shop://models/schema.yml', description: `Loaded with ${GH} by the CI bot.` } } }),
      secrets: [{ secret: GH, detector: 'github-classic-pat', originalFilePath: 'models/b.sql' }],
    },
    {
      name: 'a Slack token in a catalog comment',
      file: 'catalog.json',
      artifact: { metadata: { dbt_schema_version: SCHEMA('catalog', 1), env: {} }, nodes: { 'model.a.b': { unique_id: 'model.a.b', metadata: { type: 'table', comment: null }, columns: { c: { name: 'c', comment: `notify ${SLACK_BOT}` } }, stats: {} } }, sources: {}, errors: null },
      secrets: [{ secret: SLACK_BOT, uniqueId: 'model.a.b' }],
    },
  ],
});
