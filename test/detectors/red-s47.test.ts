/**
 * Session 47: what session 46's red teams left. Red team 55 (the brief's places): a Teams connector made before
 * 2021, posting to outlook.office.com/webhook/, under a key that says nothing (`meta.notify_url`); and a Honeycomb key
 * of 32 letters of both cases and digits after OpenTelemetry's `x-honeycomb-team=` header. Red team 54 (data values):
 * a sample of a secret column's values in its description or warehouse comment (`client_secret`: ``Sample from prod
 * sync: `jJwSxq…` ``), read with the column's name. Each case names the exact secret, or none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { columnSampleDetector } from '../../src/detectors/column-samples.js';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, manifest, SCHEMA, tempDir } from '../helpers.js';

function idsIn(text: string, key?: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

t.test("a legacy Teams connector's URL under any key", async (t) => {
  const legacy =
    'https://outlook.office.com/webhook/3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b@9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d/IncomingWebhook/8c3e5a7b9d1f2a4c6e8b0d2f4a6c8e0b/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  t.ok(idsIn(legacy, 'notify_url').includes(`microsoft-teams-webhook-url:${legacy}`), 'outlook.office.com');
  const o365 = legacy.replace('outlook.office.com', 'outlook.office365.com');
  t.ok(idsIn(`post the run's status to ${o365} when it fails`).includes(`microsoft-teams-webhook-url:${o365}`), 'outlook.office365.com, in prose');
  // Outlook's own pages, and the URL's parts left as placeholders: no webhook
  t.same(idsIn('https://outlook.office.com/mail/inbox/id/AAQkAGI2TG93AAA%3D', 'notify_url'), [], "a mail's link");
  t.same(idsIn('https://outlook.office.com/webhook/<group>@<tenant>/IncomingWebhook/<id>/<owner>', 'notify_url'), [], 'placeholders');
});

t.test("a Honeycomb key of 32 letters and digits after OpenTelemetry's header", async (t) => {
  const key = 'c7KAZKOIVZSsg3wMckaxYVayb09NzUhK';
  t.ok(idsIn(`x-honeycomb-team=${key}`, 'DBT_ENV_CUSTOM_ENV_OTEL_EXPORTER_OTLP_HEADERS').includes(`honeycomb-api-key:${key}`), 'in metadata.env');
  t.ok(idsIn(`exporter failed: OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=${key}`).includes(`honeycomb-api-key:${key}`), 'in a message');
  // words of 32 letters under the same name, one case or in title case, and 31 or 33 characters: none
  t.notOk(idsIn('honeycomb_team: DataPlatformAnalyticsEngineering').some((id) => id.startsWith('honeycomb')), 'title-case words');
  t.notOk(idsIn(`x-honeycomb-team=${key.slice(1)}`).some((id) => id.startsWith('honeycomb')), '31 characters');
  t.notOk(idsIn(`x-honeycomb-team=${key}Q`).some((id) => id.startsWith('honeycomb')), '33 characters');
});

/** The secrets column-sample-value finds in a column's description. */
function samples(column: string, text: string, key = 'description'): string[] {
  return columnSampleDetector.detect(text, { key, parent: column }).map((m) => text.slice(m.start, m.end));
}

t.test("a sample of a secret column's values in its documentation", async (t) => {
  t.same(samples('client_secret', 'Sample from prod sync: `jJwSxq072RWrsOXkQLhQlLYTACT5DlYW1q`'), ['jJwSxq072RWrsOXkQLhQlLYTACT5DlYW1q'], 'in backticks');
  t.same(samples('DB_PASS', 'Sample: PviqHy*BNiOq^A94', 'comment'), ['PviqHy*BNiOq^A94'], "a generator's password, in a catalog comment");
  t.same(samples('api_secret', 'Sample: ca687d10e3b94f2a8c1d5e7b9a0f3c62143e4efa.'), ['ca687d10e3b94f2a8c1d5e7b9a0f3c62143e4efa'], '40 hex, the full stop left out');
  t.same(samples('aws_secret_access_key', 'Sample from prod sync: `e2LogZy7/hsFUvIUW+Fzt77EkFOayr5Zs4+yT1+S`'), ['e2LogZy7/hsFUvIUW+Fzt77EkFOayr5Zs4+yT1+S'], 'base64 with / and +');
  t.same(samples('twilio_auth_token', 'e.g. 9c3c313e4a8b2f7d1e6c5a0b3d9f8e21 (see runbook)'), ['9c3c313e4a8b2f7d1e6c5a0b3d9f8e21'], 'after e.g.');
  t.same(samples('secret_key', 'Sample: $2hrq0r$p@b$hk$p83p)pfgciu#z8-=x23oex+zsltc=c!-8la', 'comment'), ['$2hrq0r$p@b$hk$p83p)pfgciu#z8-=x23oex+zsltc=c!-8la'], "Django's SECRET_KEY");
  // what a column's docs say of a secret, and samples that are no secret
  const silent: [string, string][] = [
    ['password', 'The user password, hashed with bcrypt before it is loaded.'],
    ['api_key', "Surrogate key, dbt_utils.generate_surrogate_key(['id']), e.g. 3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b"],
    ['api_key', 'AWS example: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['token', 'The token, e.g. `<token>`, ${API_TOKEN} or {{ env_var("API_TOKEN") }}'],
    ['secret_key', 'Stored in Vault at secret/data/analytics/app_secret_key; rotated by the platform team.'],
    ['auth_token', 'Issued by https://auth.example.com/oauth2/token?grant_type=client_credentials'],
    ['client_secret', 'Joined from stg_salesforce__connected_app_credentials and int_salesforce__oauth_clients.'],
    ['password', 'Summer2024! is what the seed uses in dev.'],
    ['password', '**************** (masked by the loader)'],
  ];
  for (const [column, text] of silent) t.same(samples(column, text), [], `${column}: ${text.slice(0, 50)}`);
  // columns that hold what is derived from a secret, or name no secret
  const value = 'Sample: `e2LogZy7/hsFUvIUW+Fzt77EkFOayr5Zs4+yT1+S`';
  for (const column of ['password_hash', 'encrypted_password', 'api_key_id', 'token_count', 'api_key_last4', 'customer_note', 'hashed_token']) t.same(samples(column, value), [], column);
  // not a column's documentation: the column's name says nothing of a model's own description
  t.same(columnSampleDetector.detect(value, { key: 'description', parent: undefined }), [], 'no column');
  t.same(columnSampleDetector.detect(value, { key: 'meta', parent: 'client_secret' }), [], 'another key');
});

t.test('a secret column sample in a manifest and a catalog, in memory and streamed, at its place', async (t) => {
  const secret = 'jJwSxq072RWrsOXkQLhQlLYTACT5DlYW1q';
  const comment = 'PviqHy*BNiOq^A94';
  const dir = tempDir('column-samples-');
  const node = {
    resource_type: 'model',
    unique_id: 'model.shop.oauth_clients',
    name: 'oauth_clients',
    package_name: 'shop',
    original_file_path: 'models/oauth_clients.sql',
    raw_code: 'select 1',
    description: 'OAuth clients of the connected apps; the secret is rotated monthly.',
    columns: {
      client_secret: { name: 'client_secret', description: `Sample from prod sync: \`${secret}\``, meta: {} },
      // a column of what is derived from the secret: its sample is no secret's
      client_secret_hash: { name: 'client_secret_hash', description: `Sample: \`${secret.replace('j', 'k')}\``, meta: {} },
    },
  };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  const catalog = {
    metadata: { dbt_schema_version: SCHEMA('catalog', 1), dbt_version: '1.9.0', generated_at: '2026-01-01T00:00:00Z', invocation_id: '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f', env: {} },
    nodes: { 'model.shop.oauth_clients': { metadata: { type: 'BASE TABLE', schema: 'shop', name: 'oauth_clients', database: 'dw', comment: null, owner: null }, columns: { DB_PASS: { type: 'TEXT', index: 1, name: 'DB_PASS', comment: `Sample: ${comment}` } }, stats: {}, unique_id: 'model.shop.oauth_clients' } },
    sources: {},
    errors: null,
  };
  writeFileSync(path.join(dir, 'catalog.json'), dbtJson(catalog));
  for (const stream of [false, true]) {
    const found = scan({ paths: [dir], stream }).findings.filter((f) => f.detectorId === 'column-sample-value');
    t.same(
      found.map((f) => [path.basename(f.file), f.ruleId, f.jsonPointer]).sort(),
      [
        ['catalog.json', 'free-text', '/nodes/model.shop.oauth_clients/columns/DB_PASS/comment'],
        ['manifest.json', 'free-text', '/nodes/model.shop.oauth_clients/columns/client_secret/description'],
      ],
      `the two samples, ${stream ? 'streamed' : 'in memory'}`,
    );
    for (const f of found) {
      const text = readFileSync(f.file, 'utf8');
      t.ok([secret, comment].includes(text.slice(f.charOffset, f.charOffset + f.charLength)), `${path.basename(f.file)}: the span is the sample`);
    }
  }
});

t.test("red team 56: decoys from the peers' own negative cases under a key's name are none", async (t) => {
  const none: [string, string][] = [
    ['stripe_key', 'https://docs.stripe.com/keys'],
    ['ANTHROPIC_API_KEY', 'claude-3-opus-20240229'],
    ['openai_api_key', 'gpt-4o-mini'],
    ['not_secret', 'notapassword'],
    ['non_secret_value', 'Kx8mQ2vLp9'],
    ['api_key', 'sk_live_AAAAAAAAAAAAAAAAAAAAAAA'],
    ['shopify_token', 'shpssSSSSS_SSSS_sssss'],
    ['anthropic_key', 'sk-ant-api05-alsonotreal'],
    ['openai_key', 'sk-openai-123456'],
    ['openai_api_key', 'sk-sUeBP9asw6GiYHXqtg70abcdefghJuLwJFco90bOpU0Ntest'],
  ];
  for (const [key, text] of none) t.same(idsIn(text, key), [], `${key}: ${text}`);
  // still found: a passphrase under a key's name, a webhook's secret path, a key in a link's query, a filled-in tail
  // that is random, a Dropbox token's run of A inside it
  const found: [string, string, string][] = [
    ['api_key', 'correct-horse-battery-staple', 'correct-horse-battery-staple'],
    ['slack_webhook', 'https://hooks.slack.com/services/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', 'https://hooks.slack.com/services/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'],
    ['api_key', 'https://api.acme.io/v1?api_key=Hq7ZmX2pLw9RtV4cN8bH3jYd', 'Hq7ZmX2pLw9RtV4cN8bH3jYd'],
    ['password', 'Welcome123456', 'Welcome123456'],
    ['DROPBOX_ACCESS_TOKEN', 'qHsiHLLx12GAAAAAAAAAAFieG_EUazn4GeWJvmFjsM2SZfNlWKfmrfGItV3iwVYX', 'qHsiHLLx12GAAAAAAAAAAFieG_EUazn4GeWJvmFjsM2SZfNlWKfmrfGItV3iwVYX'],
  ];
  for (const [key, text, secret] of found) t.ok(idsIn(text, key).some((id) => id.endsWith(`:${secret}`)), `${key}: ${text.slice(0, 40)}`);
});

t.test('red team 56: a SoftLayer endpoint with its key in the path is found in a docs block', async (t) => {
  const key = 'zcoj23k8q1m4n7p0r5t2v9x6b3d8f1h4j7l0s5u2w9y6a3c8e1g4i7k0m5o2q9s6';
  const text = `curl https://api.softlayer.com/soap/v3/${key}/SoftLayer_Account`;
  t.ok(idsIn(text).includes(`softlayer-api-key:${key}`), 'without a name');
  const docs = scan({ paths: [writeManifestWithDoc(`Call it like this: ${text}`)] }).findings;
  t.same(docs.map((f) => [f.ruleId, f.detectorId]), [['free-text', 'softlayer-api-key']], 'in a docs block, by the free-text rule');
});

/** A manifest whose one docs block holds `text`; its folder. */
function writeManifestWithDoc(text: string): string {
  const dir = tempDir('docs-block-');
  const doc = { name: 'how_to_call', resource_type: 'doc', package_name: 'shop', path: 'docs.md', original_file_path: 'models/docs.md', unique_id: 'doc.shop.how_to_call', block_contents: text };
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ docs: { [doc.unique_id]: doc } })));
  return dir;
}
