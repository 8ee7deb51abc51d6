/**
 * Red team 119: a PKCS#8 key in a source's freshness error (`private_key="-----BEGIN PRIVATE KEY-----\n…"`, as
 * dbt-snowflake's key pair is echoed) was named a GCP service account's key: its rotation sent to the wrong console.
 * A key file's field is named in quotes; anything else is a private key of no cloud's.
 */
import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';

const rules = compileRules();
const setOf = (id: string) => rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === id)]!;
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd();
const escaped = pem.replace(/\n/g, '\\n');

/** Each match's detector and its text. */
const found = (rule: string, key: string, text: string) => (detectValue(rules, setOf(rule), text, () => ({ key })) ?? []).map((m) => [m.detectorId, text.slice(m.start, m.end)]);

t.test("a driver's repr or YAML of a key pair: a private key, not a GCP key file's", async (t) => {
  t.same(found('run-messages', 'error', `Could not deserialize key data; private_key="${escaped}" passphrase=None`), [['private-key', escaped]]);
  t.same(found('cli-vars', 'private_key', `private_key: "${escaped}"`), [['private-key', escaped]]);
});

t.test("a service account's key file, as JSON or Python's dict of it: a GCP key", async (t) => {
  t.same(found('cli-vars', 'keyfile_json', `{"type": "service_account", "private_key": "${escaped}\\n", "client_email": "dbt@acme.iam.gserviceaccount.com"}`), [['gcp-service-account-key', escaped]]);
  t.same(found('run-messages', 'msg', `keyfile_json={'type': 'service_account', 'private_key': '${escaped}\\n'}`), [['gcp-service-account-key', escaped]]);
});
