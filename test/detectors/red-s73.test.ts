/**
 * Session 64: red team 73 planted gitleaks' and trufflehog's own samples in dbt artifacts (gitleaks 956 of 1,120 true
 * samples found, trufflehog 2,049 of 2,604; most misses the samples' own placeholders). Here: a key of a service no list
 * knows, in text and a URL's query (`?adzuna_key=…`: trufflehog's keyword-only detectors, 20 % found in external
 * locations), the upload and registration tokens that sign in (PYPI_UPLOAD_TOKEN), and the Firebase SDKs' sample keys.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const TOKEN = 'R7kq2vL9mX4pZ8nT1wY6cB3dF5gH0jKs';
const HEX = '9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c';

t.test("a key of a service no list knows, assigned in text or a URL's query", async (t) => {
  ruleProbe('location').finds(t, 'locations-urls', [[`https://api.adzuna.com/v1/api/jobs/gb/search/1?app_id=4f2a&adzuna_key=${TOKEN}&what=data`, TOKEN]]);
  ruleProbe('description').finds(t, 'free-text', [
    [`Jobs feed: ADZUNA_KEY = "${HEX}" (rotated yearly)`, HEX],
    [`const adzunaKey = '${TOKEN}';`, TOKEN],
  ]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[`select * from table(http_get('https://x.io', headers => {'CENSUS_KEY': '${TOKEN}'}))`, TOKEN]]);
  // a table's, a cache's, a digest's key, and values that are no token
  ruleProbe('description').findsNothing(t, 'free-text', [
    `cache_key = "${HEX}"`,
    `primary_key = '${TOKEN}'`,
    "unique_key='order_id'",
    `etag_key: ${HEX}`,
    'adzuna_key = "see the vault"',
    // hex digits under a name in code: a dimension's surrogate key as often (red team 74)
    `where f.invoice_key != '${HEX}'`,
    `?store_key=${HEX}&format=csv`,
    'adzuna_key = exports/2024/Daily01.tar.gz',
  ]);
});

t.test('an upload or registration token signs in when a CI or package service names it', async (t) => {
  for (const name of ['PYPI_UPLOAD_TOKEN', 'CODECOV_UPLOAD_TOKEN', 'GITLAB_RUNNER_REGISTRATION_TOKEN', 'BUILDKITE_AGENT_REGISTRATION_TOKEN']) ruleProbe(name).finds(t, 'env-metadata', [[TOKEN, TOKEN]]);
  // a push service's registration token is a device's address, an upload's token a handle
  for (const name of ['fcm_registration_token', 'device_registration_token', 'upload_token']) ruleProbe(name).findsNothing(t, 'env-metadata', [TOKEN]);
});

t.test("the Firebase SDKs' sample API keys are published samples, a key of the same shape is not", async (t) => {
  ruleProbe('description').findsNothing(t, 'free-text', ['google-services.json: "current_key": "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"']);
  const key = 'AIzaSyC4fQ2mL7vR3tY8wZ1bN4cD6xH0jK9pQ2r';
  ruleProbe('description').finds(t, 'free-text', [[`google-services.json: "current_key": "${key}"`, key]]);
});
