/**
 * Red team 79 (the modern data stack): a vendor's ids in text under names that say so (`airbyte_client_id: <uuid>` in a
 * log line and in --vars) were read as its secrets, and a Basic credential too short for the decoder, under a key that
 * says nothing (`"auth": "Basic <base64 of etl:Au7h!pw>"`), was missed. Beside each, the secrets and the decoys.
 */
import t from 'tap';
import { namesTheVendor } from '../../src/detectors/formats/define.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { tokenDetectors } from '../../src/detectors/tokens.js';
import { ruleProbe } from './rule-probe.js';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

t.test("a vendor's id under a name that ends in id, uuid or slug is no secret of the vendor's, in a log line or in --vars", async (t) => {
  const log = ruleProbe('message');
  const vars = ruleProbe('vars');
  const lines = [
    '06:00:00.1 [debug] [MainThread]: airbyte_connection_id: db5b5fab-8f4d-4e27-9da1-494c73cf256d',
    '06:00:01.1 [debug] [MainThread]: airbyte_workspace_id: 73ab4876-7734-47c1-87fd-e805ec99108d',
    '06:00:02.1 [debug] [MainThread]: airbyte_client_id: 309d6b79-965e-4a32-9ae4-45508201e2bd',
    '06:00:04.1 [debug] [MainThread]: hightouch_workspace_id: 320094ea-d7a9-4ded-9749-1e2370c6a5b8',
    '06:00:06.1 [debug] [MainThread]: lightdash_project_uuid: 15c1d2df-a996-4aef-812d-0ea67ff12229',
    'AIRBYTE_WORKSPACE_ID=73ab4876-7734-47c1-87fd-e805ec99108d',
    'fivetran_connector_slug: 4CZP011xfaUIaw5NSba6vMiIuji1Iu9n',
  ];
  log.findsNothing(t, 'run-messages', lines);
  vars.findsNothing(t, 'cli-vars', [`{${lines.map((l) => l.slice(l.indexOf(': ') + 2)).join(', ')}}`]);
  // the client's secret beside its id is still found, and only it
  const secret = 'GTd7FguoV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU1';
  vars.finds(t, 'cli-vars', [[`{airbyte_client_id: c891f1c4-1b96-485c-a938-2e44aeceea2d, airbyte_client_secret: ${secret}, lookback_days: 3}`, secret]]);
  log.finds(t, 'run-messages', [['06:00:04.1 [debug] [MainThread]: hightouch_api_key: 320094ea-d7a9-4ded-9749-1e2370c6a5b8', '320094ea-d7a9-4ded-9749-1e2370c6a5b8']]);
});

t.test("every format read under a vendor's name refuses that name ending in _id", async (t) => {
  // each true sample with `_id` glued to the name before its secret (`HEROKU_API_KEY_ID=…`, `{"heroku_token_id": …}`)
  for (const format of TOKEN_FORMATS.filter((f) => namesTheVendor(f.pattern))) {
    const detector = tokenDetectors.find((d) => d.id === format.id)!;
    for (const sample of format.truePositives) {
      const at = sample.text.indexOf(sample.secret);
      const before = sample.text.slice(0, at);
      const nameEnd = before.search(/[A-Za-z0-9]["'`\\]{0,2}[\s:=>,.?]{0,8}["'`\\]{0,2}$/) + 1;
      if (nameEnd === 0) continue;
      const text = `${before.slice(0, nameEnd)}_id${sample.text.slice(nameEnd)}`;
      const found = detector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));
      t.notOk(found.includes(sample.secret), `${format.id}: ${text.slice(0, 100)}`);
    }
  }
});

t.test('Basic and the base64 of a user and a password is a credential under any key, however short', async (t) => {
  const found = (value: string): string[] => httpAuthDetector.detect(value, { key: 'auth' }).map((m) => value.slice(m.start, m.end));
  for (const pair of ['etl:Au7h!pw', 'a:Tr0ub4dor&3x', 'svc_loader:L0ader#Pw9']) t.same(found(`Basic ${base64(pair)}`), [base64(pair)], pair);
  t.same(found(`curl -H "X-Upstream: Basic ${base64('etl:Au7h!pw')}" https://api.acme.io`), [base64('etl:Au7h!pw')]);
  for (const decoy of [
    'Basic realm="dbt Cloud"',
    // RFC 7617's example, and user:password, the documentation's
    'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    'Basic dXNlcjpwYXNzd29yZA==',
    `Basic ${base64('admin:admin')}`,
    `Basic ${base64('user:changeme')}`,
    'Basic <token>',
    'Basic {{ b64 }}',
    'Basic $CREDS',
    'basic information about the loader',
    `Basic ${base64('etl:12345678')}`,
  ]) t.same(found(decoy), [], decoy);
  const vars = ruleProbe('vars');
  vars.finds(t, 'cli-vars', [[`Basic ${base64('etl:Au7h!pw')}`, base64('etl:Au7h!pw')], [`Basic ${base64('a:Tr0ub4dor&3x')}`, base64('a:Tr0ub4dor&3x')]]);
});

t.test("a Shopify app's API key is its public client id, as Shopify's API key is; the app's secret stays one", async (t) => {
  const key = '1889ac0a83cc538a213d6d41b88837bb';
  for (const name of ['shopify_app_api_key', 'SHOPIFY_APP_API_KEY', 'shopifyAppApiKey']) ruleProbe(name).findsNothing(t, 'config-meta', [key]);
  for (const name of ['shopify_app_api_secret', 'shopify_app_secret_key']) ruleProbe(name).finds(t, 'config-meta', [[key, key]]);
});

t.test("Basic and the base64 of two fields' names (id:name, user_id:email) is how a request is made, not a credential (red team 81)", async (t) => {
  const prose = ruleProbe('description');
  prose.findsNothing(t, 'free-text', [`Auth header: Basic ${base64('id:name')}`, `Use Basic ${base64('user_id:email')} for the export API`]);
  prose.finds(t, 'free-text', [[`Use Basic ${base64('etl:Au7h!pw')} for the export API`, base64('etl:Au7h!pw')]]);
});
