/**
 * Red team 104: prose and keys that name what a credential has, or where it is kept, beside the credential itself.
 * `Id of the API key: <uuid>`, `Scope of the token: read:orders`, `Fingerprint of the deploy key: SHA256:…` name an
 * attribute of the key, not the key; a secret said to be absent (`public, no secret for SPAs`) is none; a Vault path
 * with its `#field` is an address; a Google Sheets id under `sheet_key` is a document's id.
 */
import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');

const KEY = 'Xk29fJs83jdK2LmQp7Rt4Wz9';

t.test("what prose names of a key before `of the <key's name>:` is the key's attribute, not the key", async (t) => {
  prose.findsNothing(t, 'free-text', [
    'Audit trail of the key used by the loader. Id of the API key: 7f3e2a8c-1e4b-4d5e-8f6a-9b0c1d2e3f4a',
    'Hash of the API key: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'Scope of the token: read:orders write:refunds',
    'Fingerprint of the deploy key: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
    'Fingerprint of the deploy key: 3a:5f:91:0c:aa:12:7e:4b:19:d2:88:c0:5e:31:7f:02',
    'Fingerprint of the signing key: 3471CBCAB679407E',
    'Last four of the token: 9f3a',
    'Last 4 of the API key: 9f3a',
    'Expiration date of your token: 2025-01-01',
  ]);
  // the key itself, a password of an account, a secret's word before `of`, the value or a copy of the key
  prose.finds(t, 'free-text', [
    [`The API key: ${KEY}`, KEY],
    [`API key for the loader: ${KEY}`, KEY],
    ['Password of the service account: Kx7#vLq2!mW9', 'Kx7#vLq2!mW9'],
    [`Secret of the OAuth app: ${KEY}`, KEY],
    [`Token of the service account: ${KEY}`, KEY],
    [`Value of the API key: ${KEY}`, KEY],
    [`Copy of the token: ${KEY}`, KEY],
    // a new version or a rotation of a key is the key (red team 105)
    [`New version of the API key: ${KEY}`, KEY],
    [`Latest rotation of the token: ${KEY}`, KEY],
    [`Id of the token: 7f3e2a8c-1e4b-4d5e-8f6a-9b0c1d2e3f4a. The token: ${KEY}`, KEY],
  ]);
});

t.test('a secret that prose says is not there or not one names no value after it', async (t) => {
  const clientId = 'HRNB4nDLdsB9EwAjofR2jCwYeqGPHbvK';
  prose.findsNothing(t, 'free-text', [
    `Auth0 SPA client id (public, no secret for SPAs): ${clientId}`,
    `The Auth0 client id (there is no client secret for SPAs): ${clientId}`,
    `Not a secret: ${clientId}`,
    `Without a client secret: ${clientId}`,
  ]);
  // an imperative's `not` before the secret, and the secret named after its own negation
  prose.finds(t, 'free-text', [
    [`Do not share the API key: ${KEY}`, KEY],
    [`Do not paste the client secret: ${KEY}`, KEY],
    ['Do not commit the password: Kx7#vLq2!mW9', 'Kx7#vLq2!mW9'],
    [`Auth0 client (no secret for SPAs, but the M2M app's client secret: ${KEY})`, KEY],
  ]);
});

t.test("a Vault KV path with the entry's field after a `#` is an address, as the path alone is", async (t) => {
  ruleProbe('password').findsNothing(t, 'config-meta', ['secret/data/analytics/snowflake#password', 'secret/data/analytics/snowflake', 'op://Analytics/Snowflake/password']);
  prose.findsNothing(t, 'free-text', ['password: secret/data/analytics/snowflake#password']);
  // a password after a `#`, or in letters and digits a path's words are not written in
  ruleProbe('password').finds(t, 'config-meta', [['Kx7#vLq2!mW9', 'Kx7#vLq2!mW9'], ['s3cr3t/dat4/x#Kx7vLq2mW9', 's3cr3t/dat4/x#Kx7vLq2mW9']]);
});

t.test("a Google Sheets document's id under `sheet_key` is an id, as in the sheet's URL beside it", async (t) => {
  const sheetId = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
  for (const key of ['sheet_key', 'spreadsheet_key', 'gsheet_key', 'google_sheet_key']) ruleProbe(key).findsNothing(t, 'config-meta', [sheetId]);
  ruleProbe('sheet_url').findsNothing(t, 'config-meta', [`https://docs.google.com/spreadsheets/d/${sheetId}/edit#gid=0`]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [`select * from budgets where sheet_key = '${sheetId}'`]);
  // the Sheets API's key, and its service account's key file
  const apiKey = 'AIzaSyD8Kq2mV8pL4wR7zN3cY6bT1fJ5dXk29fJ';
  ruleProbe('sheets_api_key').finds(t, 'config-meta', [[apiKey, apiKey], [sheetId, sheetId]]);
  ruleProbe('sheet_key').finds(t, 'config-meta', [[apiKey, apiKey]]);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyFile = JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: 'f3a9c2e17b4d5a6c8e9f0a1b2c3d4e5f6a7b8c9d', private_key: pem, client_email: 'sheets@acme-prod.iam.gserviceaccount.com' });
  t.ok(ruleProbe('google_sheets_service_account_key').found(keyFile, 'config-meta').length > 0, "the service account's key file under its name");
});
