/**
 * Red team 125 (what the peers themselves call no secret — gitleaks' samples and allowlists, detect-secrets' filters and
 * tests, trufflehog's — planted in dbt's places: 276 decoys, 14 reported that are clearly none): an alphabet or a count
 * typed as a value, a prefix and a run said over, a JWT that is none (a header alone, a first part of no JSON), a vendor's
 * prefix with no body, signs alone, and Vault's legacy prefix before a word in capitals. A secret under each name is
 * still found, and JSON in base64 (a key file) is still read as a value.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('an alphabet, a count, a run said over, a prefix alone, signs alone: no secret under any name', async (t) => {
  for (const key of ['api_key', 'secret', 'token', 'password', 'DBT_ENV_CUSTOM_ENV_API_TOKEN']) {
    const rule = key.startsWith('DBT_ENV') ? 'env-metadata' : 'config-meta';
    ruleProbe(key).findsNothing(t, rule, [
      '1234567890', 'abcdef0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'GR134894112312312312312312312',
      'sk_live_', '.,:,-,@,*,?,!',
    ]);
    ruleProbe(key).finds(t, rule, [['Xk9mPq2vLr7wNs4tZ2', 'Xk9mPq2vLr7wNs4tZ2']]);
  }
});

t.test('a JWT that is none: a header alone, a header and a payload, a first part of no JSON', async (t) => {
  ruleProbe('jwt').findsNothing(t, 'config-meta', ['eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0', 'eyJAAAA.eyJBBB']);
  // a service account's key file in base64 opens as `eyJ` too: a value
  const keyFile = 'eyJ0eXBlIjoic2VydmljZV9hY2NvdW50IiwicHJpdmF0ZV9rZXkiOiJLeDcjcW1OOXBMNCJ9';
  ruleProbe('keyfile_b64').finds(t, 'config-meta', [[keyFile, keyFile]]);
  // a generated password that opens as a header would (`{` and a tab), then decodes to no text: a value (found in
  // session 79's budget test, one of 4,000 random passwords); a header cut short still is none
  ruleProbe('description').finds(t, 'free-text', [['password=ewkZeRDAp50986', 'ewkZeRDAp50986'], ['password=eyA7kQx9Lm2Pw', 'eyA7kQx9Lm2Pw']]);
  ruleProbe('jwt').findsNothing(t, 'config-meta', ['eyJhbGciOiJIUzI1NiIsInR5cCI6']);
});

t.test("Vault's legacy prefix before a word in capitals, in a description: a sample", async (t) => {
  ruleProbe('description').findsNothing(t, 'free-text', ['vault_token: s.THISSTRINGISALLUPPERCASE', 'vault_token: s.thisstringisalllowercase']);
  ruleProbe('VAULT_TOKEN').finds(t, 'config-meta', [['s.AdStUWO1M07Kewkve5ldgD6f', 's.AdStUWO1M07Kewkve5ldgD6f']]);
});
