/**
 * Session 35: a bare `key` or `api` under a vendor's name (`meta: {sendgrid: {key: …}}`) is that
 * vendor's key, as `sendgrid_key: …` is; both walks tell the detector the parent's name
 * (DetectorContext.parent). Under the kinds of key every table has (`unique`, `partition`, `sort`,
 * `primary`, `foreign`, `cache`, `surrogate`), and under a vendor whose key is public, it says nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { isChildKey, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { namesKeyVendor } from '../../src/detectors/key-grammar.js';
import { CONTEXT_GATES } from '../../src/detectors/index.js';
import { scan } from '../../src/engine/scan.js';
import { manifest, runResults, tempDir } from '../helpers.js';

// made up for this test, of each vendor's documented shape
const OPAQUE_40 = 'Rm4qTz8Lx2Vw7Kp9Nb3Hc6Jd1Fg5Sa0Ye8Uo2Ii';
const HEX_32 = '7c0e5a9b3d1f42e68a4c0b7d9e2f1a35';
const MAILGUN = `${HEX_32}-5e1a9c3b-0d7f2e4a`;

const found = (key: string, value: string, parent?: string) => secretKeyNameDetector.detect(value, { key, parent }).map((m) => value.slice(m.start, m.end));
const gate = CONTEXT_GATES.get('secret-key-name')!;

t.test('key and api in either case are child keys; nothing else is', async (t) => {
  for (const k of ['key', 'Key', 'KEY', 'api', 'API', 'Api']) t.ok(isChildKey(k), k);
  for (const k of ['keys', 'ke', 'kez', 'apl', 'auth', 'token', 'api_key', '', 'k\u0000y']) t.notOk(isChildKey(k), JSON.stringify(k));
});

t.test('a vendor whose one key is secret names the parent; kinds of key do not', async (t) => {
  for (const p of ['sendgrid', 'SENDGRID', 'mailgun', 'datadog', 'stripe', 'stripe_live', 'openai', 'pagerduty_routing', 'mailgun_prod']) t.ok(namesKeyVendor(p), p);
  for (const p of ['unique', 'partition', 'sort', 'primary', 'foreign', 'cache', 'surrogate', 'api', 'service', 'access', 'secret', 'private', 'mixpanel', 'twilio', 'snowflake', 'meta', '']) t.notOk(namesKeyVendor(p), p);
});

t.test('the detector: the value under a vendor parent when it reads as a key', async (t) => {
  t.same(found('key', OPAQUE_40, 'sendgrid'), [OPAQUE_40], 'sendgrid: {key: <40 opaque>}');
  t.same(found('api', MAILGUN, 'mailgun'), [MAILGUN], 'mailgun: {api: <hex groups>}');
  t.same(found('KEY', ` ${HEX_32} `, 'DATADOG'), [HEX_32], 'DATADOG: {KEY: <32 hex>}, trimmed');
  t.same(found('key', OPAQUE_40), [], 'no parent: a bare key');
  t.same(found('key', OPAQUE_40, 'sort'), [], 'sort: {key: …}');
  t.same(found('key', HEX_32, 'surrogate'), [], 'surrogate: {key: md5}');
  t.same(found('token_id', OPAQUE_40, 'sendgrid'), [], 'a child key other than key or api');
  t.same(found('key', OPAQUE_40, 'mixpanel'), [], 'mixpanel: a public project token');
  for (const v of ['https://api.eu.mailgun.net/v3', 'order_confirmation_template', 'DATADOG_API_KEY', 'CustomerLifetimeValueV2', 'service', '${SENDGRID_KEY}', '<your key here>', 'xxxxxxxxxxxxxxxxxxxxxxxx', '0123456789abcdef', 'ffffffffffffffffffffffffffffffff'])
    t.same(found('key', v, 'sendgrid'), [], `sendgrid: {key: ${v}}`);
  // an array under the key: its elements are no vendor key
  t.same(secretKeyNameDetector.detect(OPAQUE_40, { key: 'key', index: 0, parent: 'sendgrid' }), [], 'an element of a list');
});

t.test('the gate lets a vendor parent through, and only it', async (t) => {
  t.ok(gate({ key: 'key', parent: 'sendgrid' }, 40), 'sendgrid key, 40 characters');
  t.notOk(gate({ key: 'key', parent: 'sendgrid' }, 8), 'too short to be a key');
  t.notOk(gate({ key: 'key', parent: 'sort' }, 40), 'sort key');
  t.notOk(gate({ key: 'key' }, 40), 'no parent');
});

/** A manifest whose one model has this meta and run results whose --vars are `vars`, in a folder of their own. */
function artifacts(t: Test, meta: Record<string, unknown>, vars: Record<string, unknown>): string {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const m = manifest({});
  (m.nodes as Record<string, unknown>)['model.p.a'] = { unique_id: 'model.p.a', resource_type: 'model', name: 'a', package_name: 'p', original_file_path: 'models/a.sql', meta, config: { meta } };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
  writeFileSync(path.join(dir, 'run_results.json'), JSON.stringify(runResults({ args: { vars } })));
  return dir;
}

t.test('both walks: meta and config meta of a node, and --vars', async (t) => {
  const meta = {
    sendgrid: { key: OPAQUE_40, region: 'eu' },
    alerts: { datadog: { KEY: HEX_32 } },
    unique: { key: 'order_id' },
    partition: { key: 'ordered_at' },
    sort: { key: OPAQUE_40.split('').reverse().join('') },
    primary: { key: 'customer_id' },
    foreign: { key: 'customers.customer_id' },
    cache: { key: 'v2' },
    surrogate: { key: 'd41d8cd98f00b204e9800998ecf8427e' },
    // a list under the vendor: no parent's name for its elements' keys
    mailgun: [{ api: MAILGUN }],
  };
  const dir = artifacts(t, meta, { mailgun: { api: MAILGUN }, key: OPAQUE_40 });
  const expected = [
    '/args/vars/mailgun/api',
    '/nodes/model.p.a/config/meta/alerts/datadog/KEY',
    '/nodes/model.p.a/config/meta/sendgrid/key',
    '/nodes/model.p.a/meta/alerts/datadog/KEY',
    '/nodes/model.p.a/meta/sendgrid/key',
  ];
  for (const stream of [false, true]) {
    const result = scan({ paths: [dir], stream, jobs: 1 });
    t.same(result.findings.map((f) => f.jsonPointer).sort(), expected, stream ? 'streamed' : 'in memory');
    t.ok(result.findings.every((f) => f.detectorId === 'secret-key-name'), 'by secret-key-name');
  }
});
