/**
 * Session 37's gaps: a bare `pw=`, a secret's plural name over a list in --vars text, Opsgenie's GenieKey
 * outside the header, Meta's EAAG/EAAB and GCS HMAC formats. Each case names the exact secret, or none;
 * labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { DETECTORS, getDetector } from '../../src/detectors/index.js';
import { DetectorSet } from '../../src/engine/prefilter.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
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
  const found = (id: string, text: string) => getDetector(id)!.detect(text, {}).map((m) => text.slice(m.start, m.end));
  const eaag = 'EAAGk7Rz2QvX9mWp4LtN8bYc3HdJ6fUe1Sa5GhT0nB2cV4xQ7mZr9KpLw3Ty8Ns6Md1Jf5Hb2Gv4Xc7Zq9Wk3Rp8Lt2Ny6Bm4Vd1Sh5Fg0Jc7Ue3Qa9';
  t.same(found('facebook-page-access-token', `system user token ${eaag} (never expires)`), [eaag], 'EAAG after words');
  t.same(found('facebook-page-access-token', `MIIBCgKCAQEAx/${eaag}+Q0wIDAQAB`), [], 'EAAG inside base64');
  const id = 'GOOG1EIVWBGJEKPS6BLSINHK3AWREDOKZ4UEMFTCNP47WRCMTARBQ4OVWNXHX';
  t.same(found('gcs-hmac-access-id', `HMAC key ${id} for the loader`), [id], 'a GCS access ID');
  t.same(found('gcs-hmac-secret-after-id', `${id}:V/3zulS6fc34SlMwHdOLnGFjeF/gwsHTKzUo7Zs6`), ['V/3zulS6fc34SlMwHdOLnGFjeF/gwsHTKzUo7Zs6'], 'its secret after a colon');
  const phc = 'phc_Xq7mT2vK9pLw4RzN8bY3cHd6JfUe1Sa5GhT0nB2cV4x';
  t.same(DETECTORS.flatMap((d) => d.detect(`api_key: ${phc}; the PostHog API key ${phc} is public`, {})), [], 'a PostHog project key after a generic name');
});

t.test('the pre-filter sends a bare pw= to password-assignment', async (t) => {
  const set = new DetectorSet(DETECTORS);
  t.ok(set.select('host=db user=etl pw=Xy7kq2pLm9Zt').some((d) => d.id === 'password-assignment'), 'a bare pw=: selected');
});
