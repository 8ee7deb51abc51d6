/**
 * Red team 131 (false positives and negatives of session 79's own rules: 204 cases): the Sentry DSN's test took any
 * host's URL that ended in a number, the hash words of a column's docs any mention of one before the sample, a store's
 * short scheme any `-kv:` or `-sm:` pair, `see` any run after it; `shared_secret` read as a stored form's name.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { columnSampleDetector } from '../../src/detectors/column-samples.js';

t.test("a token as the user of a URL ending in a number, on a host that is no Sentry's: a token", async (t) => {
  const token = 'Ab3dE5fG7hJ9kL1mN3pQx7Yz';
  ruleProbe('description').finds(t, 'free-text', [
    `git clone https://${token}@git.acme.io/analytics/2024`,
    `https://${token}@jenkins.acme.io/job/dbt-prod/42`,
    `https://${token}@hooks.acme.io/services/42?channel=data`,
    `https://${token}@hooks.acme.io:8443/42#dbt`,
  ].map((text) => [text, token]));
});

t.test('a hex sample after prose that says it is raw, not hashed, a signing secret or hash-like: the secret', async (t) => {
  const sample = (column: string, text: string) => columnSampleDetector.detect(text, { key: 'description', parent: column }).map((m) => text.slice(m.start, m.end));
  const H64 = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
  const H32 = '03c7c0ace395d80182db07ae2c30f034';
  t.same(sample('api_key', `The raw API key, not hashed. e.g. ${H64}`), [H64]);
  t.same(sample('secret', `HMAC-SHA256 signing secret used to verify webhooks, e.g. ${H64}`), [H64]);
  t.same(sample('api_key', `The raw key (we store its sha256 in api_key_sha256): ${H64}`), [H64]);
  t.same(sample('api_key', `Datadog API key, 32 hex (looks like an md5), e.g. ${H32}`), [H32]);
  t.same(sample('api_key', `Mailchimp API key (hash-like hex), e.g. ${H32}`), [H32]);
  t.same(sample('session_token', `md5 of session id, e.g. ${H32}`), [], 'still: the md5 of an id');
});

t.test('a password after a user with a `-kv` or `-sm` name, or after `see:` alone, is a password', async (t) => {
  ruleProbe('password').finds(t, 'config-meta', [
    ['svc-kv:Kx9mQ2vLp7wZ', 'svc-kv:Kx9mQ2vLp7wZ'],
    ['etl-sm:Kx9mQ2vLp7wZ', 'etl-sm:Kx9mQ2vLp7wZ'],
    ['See: Kx9#mQ2v!Lp7w', 'See: Kx9#mQ2v!Lp7w'],
  ]);
});

t.test("a secret's name with `shared` in it before a single-quoted value; any beacon's token", async (t) => {
  const T = 'Qv3nLx8KmR2pZt7WbY4cHd9J';
  ruleProbe('message').finds(t, 'run-messages', [[`invalid shared_secret '${T}'`, T]]);
  for (const key of ['eth_beacon_api_key', 'beacon_auth_token', 'pendo_access_token']) ruleProbe(key).finds(t, 'config-meta', [[T, T]]);
});
