/**
 * Session 37's gaps: a secret right after its name in prose, with no `=` or `:` (password-assignment's
 * PROSE_ANCHOR). Each case names the exact secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { DETECTORS, getDetector } from '../../src/detectors/index.js';
import { DetectorSet } from '../../src/engine/prefilter.js';
import { checkDetector as check } from './detector-cases.js';

const PROSE_FOUND = [
  { label: 'the password, a value, words after it', text: 'Incident 4411: the password Xy7#kq2!pLm9 was rotated after the audit', secrets: ['Xy7#kq2!pLm9'] },
  { label: 'Spanish contraseña and a value', text: 'la contraseña Qm4$Lr8vTz2w fue cambiada', secrets: ['Qm4$Lr8vTz2w'] },
  { label: 'an API key in parentheses', text: 'pushed to the partner (API key Hk3vQ9mZr7TbX2pLw5Nc) every hour', secrets: ['Hk3vQ9mZr7TbX2pLw5Nc'] },
  { label: "Azure API Management's subscription key, 32 hex digits", text: 'Call it with subscription key 9c1e4b7a2f6d8e3c5a0b1d7f4e2c9a6b in the header', secrets: ['9c1e4b7a2f6d8e3c5a0b1d7f4e2c9a6b'] },
  { label: "a sentence's full stop is no part of the value", text: 'Use the client secret Wq8vLm3#Tz7kRp2x.', secrets: ['Wq8vLm3#Tz7kRp2x'] },
];

check(assignmentDetector, [
  ...PROSE_FOUND,
  { label: 'words after the name', text: 'the password reset flow; the password hash column; api key rotation policy; the token count', secrets: [] },
  { label: 'a snake_case and a camelCase identifier after api key', text: 'the api key customer_api_key_v2 names the column; the api key CustomerApiKeyV2Count names the metric', secrets: [] },
  { label: 'UUIDs after a row key and after an api key (its id)', text: 'row key 3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b; the api key 7d4a9c2f-3f2b-4e8b-9c1e-5a6d7e8f9a0b was revoked', secrets: [] },
  { label: 'a digest after a token, a page token', text: 'cache token 3f9a2b7c4d1e8f6a5b0c9d2e7f1a4b8c of the build; next page token CAESBggBEAEYAQxYz91', secrets: [] },
  { label: 'a checksum after secret, a timestamp and a version after token', text: 'the sealed secret sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 was pinned; the token 2026-01-01T00:00:00Z expiry; the token v1.2.3-beta.4+build', secrets: [] },
  { label: 'a table key, a URL, a placeholder and a template after the name', text: 'The primary key OrderLineItemKey9x2Q of the fact; the password https://vault.acme.io/pw/123; your API key YOUR_API_KEY_HERE12; the password ${DB_PASSWORD_2024}', secrets: [] },
  // `pw` alone, right before `=` or `:`, and a password's shape
  { label: 'pw= in a libpq-style connection string', text: 'host=db user=etl pw=Xy7kq2pLm9Zt dbname=dw', secrets: ['Xy7kq2pLm9Zt'] },
  { label: 'PW= in an ODBC-style string', text: 'Server=db;UID=etl;PW=Xy7kq2pLm9Zt;Database=dw', secrets: ['Xy7kq2pLm9Zt'] },
  { label: '--pw= on a command line', text: 'loader --pw=Kd8mQ2vXz7Lp --host db', secrets: ['Kd8mQ2vXz7Lp'] },
  { label: 'pw: in --vars text', text: "dbt run --vars '{pw: Rt5wYq9Lm2Xc}'", secrets: ['Rt5wYq9Lm2Xc'] },
  { label: "a picture's width, a size, a setting, spaces around =, pw inside a word", text: 'logo.png?pw=120&ph=80; pw=120px; pw: required; pw = Xy7kq2pLm9Zt; upw=Xy7kq2pLm9Zt', secrets: [] },
]);

check(assignmentDetector, [
  // a secret's plural name over a list, in --vars and --args text
  { label: "YAML's flow list after api_keys", text: "dbt build --vars '{api_keys: [Xq4TbN8kWm2ZrV6pLc9YdH3s, Pr7wZk2NvQ9mXc4TbL8sHy3D]}'", secrets: ['Xq4TbN8kWm2ZrV6pLc9YdH3s', 'Pr7wZk2NvQ9mXc4TbL8sHy3D'] },
  { label: "JSON's list after api_keys, an env var's name beside the key", text: 'dbt build --vars \'{"api_keys": ["Xq4TbN8kWm2ZrV6pLc9YdH3s", "DBT_API_KEY_OLD"], "start_date": "2024-01-01"}\'', secrets: ['Xq4TbN8kWm2ZrV6pLc9YdH3s'] },
  { label: 'the list escaped in a JSON string', text: '{\\"tokens\\": [\\"Zw5kRq9TmX2vLp7NcB4yHs8d\\"]}', secrets: ['Zw5kRq9TmX2vLp7NcB4yHs8d'] },
  { label: "a lexer's tokens, a job's secret names, a column's name", text: "dbt build --vars '{tokens: [tok_a, tok_b], secrets: [DB_PASSWORD], api_keys: [dbt_cloud_api_key_old]}'", secrets: [] },
]);

check(httpAuthDetector, [
  { label: "Opsgenie's GenieKey and its UUID, the whole value", text: 'GenieKey 7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c', secrets: ['7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c'] },
  { label: 'GenieKey as a curl header without its name', text: "curl -H 'GenieKey 7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c' https://api.opsgenie.com/v2/alerts", secrets: ['7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c'] },
  { label: 'after the header name it is found once', text: 'Authorization: GenieKey 7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c', secrets: ['7c1e9b3a-4d2f-4a8e-b6c5-2f9d8e7a1b3c'] },
  { label: 'a word after the UUID, a zero UUID', text: 'The GenieKey 3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b column holds it; GenieKey 00000000-0000-0000-0000-000000000000', secrets: [] },
]);

t.test("token formats: Meta's EAAG and EAAB, GCS HMAC keys; PostHog's phc_ stays silent", async (t) => {
  const found = (id: string, text: string) => getDetector(id)!.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));
  const eaag = 'EAAGk7Rz2QvX9mWp4LtN8bYc3HdJ6fUe1Sa5GhT0nB2cV4xQ7mZr9KpLw3Ty8Ns6Md1Jf5Hb2Gv4Xc7Zq9Wk3Rp8Lt2Ny6Bm4Vd1Sh5Fg0Jc7Ue3Qa9';
  t.same(found('facebook-page-access-token', `system user token ${eaag} (never expires)`), [eaag], 'EAAG after words');
  t.same(found('facebook-page-access-token', `MIIBCgKCAQEAx/${eaag}+Q0wIDAQAB`), [], 'EAAG inside base64');
  const id = 'GOOG1EIVWBGJEKPS6BLSINHK3AWREDOKZ4UEMFTCNP47WRCMTARBQ4OVWNXHX';
  t.same(found('gcs-hmac-access-id', `HMAC key ${id} for the loader`), [id], 'a GCS access ID');
  t.same(found('gcs-hmac-secret-after-id', `${id}:V/3zulS6fc34SlMwHdOLnGFjeF/gwsHTKzUo7Zs6`), ['V/3zulS6fc34SlMwHdOLnGFjeF/gwsHTKzUo7Zs6'], 'its secret after a colon');
  const phc = 'phc_Xq7mT2vK9pLw4RzN8bY3cHd6JfUe1Sa5GhT0nB2cV4x';
  t.same(DETECTORS.flatMap((d) => d.detect(`api_key: ${phc}; the PostHog API key ${phc} is public`, { key: undefined })), [], 'a PostHog project key after a generic name');
});

t.test('the pre-filter sends such prose to password-assignment, and not prose that goes on with words', async (t) => {
  const set = new DetectorSet(DETECTORS);
  const selects = (text: string) => set.select(text).some((d) => d.id === 'password-assignment');
  for (const c of PROSE_FOUND) t.ok(selects(c.text), `${c.label}: selected`);
  t.ok(selects('host=db user=etl pw=Xy7kq2pLm9Zt'), 'a bare pw=: selected');
  for (const prose of ['the password reset flow sends a link', 'api key rotation policy applies to every vendor', 'the token count of each prompt', 'the secret configuration lives elsewhere']) t.notOk(selects(prose), `${prose}: not selected`);
});
