/**
 * Session 65: what red teams 74 and 76–77 left or found. Here: a Cloud KMS key's resource name and an authorization
 * header's scheme before a format's field, under a key's or a token's name in a Python model, are no values.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("a KMS key's resource name and a header's scheme before a format's field are no secrets", async (t) => {
  const code = [
    'encryption_key: str = "projects/acme-prod/locations/global/keyRings/dbt/cryptoKeys/pii"',
    'kms_key = "projects/acme-prod/locations/europe-west1/keyRings/warehouse/cryptoKeys/cols/cryptoKeyVersions/3"',
    'api_token: str = "Token {token}"',
    'headers["Authorization"] = auth_token = "Bearer {0}"',
    'api_key = "Basic %s"',
  ];
  ruleProbe('raw_code').findsNothing(t, 'raw-code', code);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', code);
  ruleProbe('api_token').findsNothing(t, 'config-meta', ['Token {token}', 'Bearer {0}']);
  ruleProbe('encryption_key').findsNothing(t, 'config-meta', ['projects/acme-prod/locations/global/keyRings/dbt/cryptoKeys/pii']);
  // the credential itself after the scheme, or a password with braces in it, is still one
  ruleProbe('raw_code').finds(t, 'raw-code', [
    ['api_token = "Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0"', 'Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
    ['password = "Summer {2024}"', 'Summer {2024}'],
  ]);
});

t.test("a shell's variable after a header's scheme, and an HTTP entity tag, are no secrets (red team 77)", async (t) => {
  ruleProbe('token').findsNothing(t, 'config-meta', ['Bearer $DBT_CLOUD_TOKEN']);
  ruleProbe('authorization').findsNothing(t, 'config-meta', ['Bearer $API_TOKEN']);
  ruleProbe('api_token').findsNothing(t, 'config-meta', ['Token $X', 'token ${X}']);
  ruleProbe('etag_token').findsNothing(t, 'config-meta', ['W/"5f1c0e9b8d7a4c3e9f2b1a0d6c8e7f4a"']);
  // a password with a dollar after a word, and a token after its scheme, are still found
  ruleProbe('password').finds(t, 'config-meta', [['Summer $ecret-2024', 'Summer $ecret-2024']]);
  ruleProbe('api_token').finds(t, 'config-meta', [['Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0', '9f8e7d6c5b4a39281706f5e4d3c2b1a0']]);
});

t.test("a famous example password set where a real one goes is reported: xkcd 936's passphrase under a key's passphrase (red team 76 planted it so)", async (t) => {
  ruleProbe('SNOWFLAKE_PRIVATE_KEY_PASSPHRASE').finds(t, 'env-metadata', [['correct horse battery staple', 'correct horse battery staple']]);
  ruleProbe('password').finds(t, 'config-meta', [['hunter2', 'hunter2'], ['Tr0ub4dor&3', 'Tr0ub4dor&3'], ['P@ssw0rd', 'P@ssw0rd']]);
});

t.test("a person's password that reads like an algorithm's name, under an environment variable's name or with a year, is one (red team 78)", async (t) => {
  ruleProbe('SNOWFLAKE_PASSWORD').finds(t, 'env-metadata', [['Aes-2024', 'Aes-2024'], ['Hmac-Sha256-2024', 'Hmac-Sha256-2024'], ['Bcrypt(12)', 'Bcrypt(12)'], ['Sha512-Prod', 'Sha512-Prod']]);
  ruleProbe('MINIO_ROOT_PASSWORD').finds(t, 'env-metadata', [['minioadmin', 'minioadmin']]);
  ruleProbe('x').finds(t, 'run-messages', [['connecting with password=Aes-2024 as loader', 'Aes-2024']]);
  // how a secret is made, in prose, stays none
  ruleProbe('description').findsNothing(t, 'free-text', ['The token is RS256-signed.', 'The password is bcrypt(12).', 'the key is AES-256-CBC']);
});
