/**
 * Session 58: red team 58's set (a Snowflake and a Databricks project, 157 secrets and 164 decoys). Decoys reported:
 * the API key every Google Chat webhook URL carries (Google's, public; the webhook's secret is its `token`), an
 * Application Insights connection string (an instrumentation key, no secret by Microsoft's word) under
 * APPLICATIONINSIGHTS_CONNECTION_STRING, and a user's name after `creds:` (`creds: user=legacy_ftp pass=…`). Missed:
 * a Rocket.Chat webhook, an IFTTT Webhooks key, and a GitHub token of 40 hex digits as a clone URL's user. Each case
 * names the exact secret found, or that nothing is, through the rule's keyword search and anchors.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const meta = ruleProbe('alert_webhook');
const comment = ruleProbe('comment');
const insights = ruleProbe('APPLICATIONINSIGHTS_CONNECTION_STRING');
const storage = ruleProbe('AZURE_STORAGE_CONNECTION_STRING');

const CHAT_TOKEN = 'Xk3v9Qm2Lp7Wz4Rt8Yb1Nc6Hd0Fg5Js2Ke9Ua3Vi7Oq';
const INSIGHTS =
  'InstrumentationKey=3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';

t.test("a Google Chat webhook: its token, not Google's key that every such URL carries", async (t) => {
  const url = `https://chat.googleapis.com/v1/spaces/AAAAb3xYz1Q/messages?key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI&token=${CHAT_TOKEN}`;
  meta.finds(t, 'config-meta', [[url, CHAT_TOKEN]]);
  meta.finds(t, 'free-text', [[`alerts post to ${url}`, CHAT_TOKEN]]);
  // another Google API key in the same place is still one
  meta.finds(t, 'config-meta', [['https://maps.googleapis.com/maps/api/geocode/json?key=AIzaz4ZIJCyeZqHIy_Nbg2leEcOcbYvPAAVfo3K', 'AIzaz4ZIJCyeZqHIy_Nbg2leEcOcbYvPAAVfo3K']]);
});

t.test("Application Insights' connection string is no secret; a storage account's key beside it is", async (t) => {
  insights.findsNothing(t, 'env-metadata', [INSIGHTS]);
  insights.findsNothing(t, 'config-meta', [INSIGHTS]);
  comment.findsNothing(t, 'free-text', [`Telemetry goes to ${INSIGHTS}`]);
  insights.findsNothing(t, 'env-metadata', [INSIGHTS.toLowerCase()]);
  const key = 'c2VjcmV0S2V5Rm9yQWNtZVN0b3JhZ2VBY2NvdW50MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDRA==';
  const found = storage.found(`DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=${key};EndpointSuffix=core.windows.net;InstrumentationKey=3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b`, 'env-metadata');
  t.ok(found.length > 0 && found.every((f) => f.includes(key)), `the account key is reported: ${found.length} finding(s)`);
});

t.test("after `creds:`, a user's name assigned in its turn is not the secret; the password after it is", async (t) => {
  comment.finds(t, 'free-text', [
    ['Legacy loader; creds: user=legacy_ftp pass=Anchor$Bay7', 'Anchor$Bay7'],
    ['credentials: username=etl_loader password=Quartz-Lagoon#58', 'Quartz-Lagoon#58'],
  ]);
});

t.test('a Rocket.Chat webhook and an IFTTT Webhooks key', async (t) => {
  const rocket = 'https://chat.tidewater.io/hooks/6Kc2tMWxsgBvaJWac/PiA4bxd7wmYYaXA5HT5Y6w3ByDTwEWDQNQWxgo8dGG5Sgyzz';
  meta.finds(t, 'config-meta', [
    [rocket, rocket],
    ['https://maker.ifttt.com/trigger/dbt_failed/with/key/dQw4w9WgXcQk2Lp7Wz4Rt8', 'dQw4w9WgXcQk2Lp7Wz4Rt8'],
  ]);
  meta.findsNothing(t, 'config-meta', [
    'https://chat.tidewater.io/hooks/6Kc2tMWxsgBvaJWac/<webhook-token>',
    'https://maker.ifttt.com/trigger/dbt_failed/with/key/{your_key}',
    'https://gitlab.acme.io/api/v4/projects/42/hooks/17',
  ]);
});

t.test('a GitHub token of 40 hex digits as a clone URL\'s user; a commit after the repository is none', async (t) => {
  const packages = ruleProbe('packages');
  packages.finds(t, 'config-meta', [
    ['git+https://4d8023e77fa9c812e60d6922cf462c27c09aff07@github.com/tidewater/tide-utils.git@v1.2.0', '4d8023e77fa9c812e60d6922cf462c27c09aff07'],
  ]);
  packages.findsNothing(t, 'config-meta', [
    'git+https://github.com/dbt-labs/dbt-utils.git@4d8023e77fa9c812e60d6922cf462c27c09aff07',
    'https://git@github.com/acme/dbt-shared.git',
  ]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    ["-- installed from https://15ba2b26d01d5d01e1bbe313b21d7677a8f5c24c@github.com/acme/dbt-shared.git\nselect 1", '15ba2b26d01d5d01e1bbe313b21d7677a8f5c24c'],
  ]);
});

t.test('a private key as a JSON Web Key: its d (or an oct key\'s k), in any order of its members; a public one is none', async (t) => {
  const env = ruleProbe('SIGNING_JWK');
  const d = 'dikplee8jkh8LueGW9k7_04p1MI5WPJsXxT-WdkYNBI';
  env.finds(t, 'env-metadata', [
    [`{"kty":"EC","x":"0C-BUO1fjQwlXQofEm3wqg4EnNdLdU91rI3J_KWgfKU","y":"9LsnBmhXqExg3u6BAjlyNn3BsJjwtWLjx1fP_jLSbXU","crv":"P-256","d":"${d}"}`, d],
    [`{"crv":"P-256","d":"${d}","kty":"EC","x":"0C-BUO1fjQwlXQofEm3wqg4EnNdLdU91rI3J_KWgfKU","y":"9LsnBmhXqExg3u6BAjlyNn3BsJjwtWLjx1fP_jLSbXU"}`, d],
  ]);
  env.findsNothing(t, 'env-metadata', [
    '{"kty":"EC","x":"nPjcIvQ4oF7vBILk0ul7e8gR1b08mlV9CgMwmLfw6js","y":"Ka91D1-NXDx5icGbvdkxK6LTDZqwyBvqrS00RggSmF4","crv":"P-256"}',
    '{"kty":"EC","crv":"P-256","d":"<base64url private key>"}',
  ]);
  ruleProbe('description').finds(t, 'free-text', [[`Signing key (rotate yearly): {"kty":"oct","k":"lQFUpND23a2cEejHVX0afImUFyYfSH3vXc84Cm2b1iU"}`, 'lQFUpND23a2cEejHVX0afImUFyYfSH3vXc84Cm2b1iU']]);
});
