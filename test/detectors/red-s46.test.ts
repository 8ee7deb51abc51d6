/**
 * Session 46: what session 45's red teams left. A vendor's key written in prose with a word between the
 * vendor's name and the value (`the DeepSeek API key sk-…`, red team 51), and the name of a store of secrets
 * under a `secret` key (`secret: airflow-secrets`, the Kubernetes Secret object an Airflow pod reads, red team
 * 52). Each case names the exact secret, or none.
 */
import t from 'tap';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { checkDetector as check } from './detector-cases.js';

function idsIn(text: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key: undefined }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

t.test("a vendor's key with words between its name and the value", async (t) => {
  const deepseek = 'sk-e2b84c0d7a19f36e5b0c8d4a2f71e93b';
  t.ok(idsIn(`the deepseek key ${deepseek} is used`).includes(`deepseek-api-key:${deepseek}`), 'deepseek key');
  t.ok(idsIn(`The DeepSeek API token was ${deepseek}.`).includes(`deepseek-api-key:${deepseek}`), 'DeepSeek API token was');
  const pat = '1/1199427310586243:8d3fa1c60e92b74f5a1d08c3e6b9f247';
  t.ok(idsIn(`Our Asana PAT is ${pat}.`).includes(`asana-pat:${pat}`), 'Asana PAT is');
  // the vendor's name with another word, or the key's shape without the name: none of theirs
  t.notOk(idsIn(`the deepseek model ${deepseek} is used`).some((id) => id.startsWith('deepseek-api-key')), 'deepseek model');
  t.notOk(idsIn(`the openai key ${deepseek}`).some((id) => id.startsWith('deepseek-api-key')), "another vendor's name");
  t.notOk(idsIn('the asana project token 1/1206318745923107:board').some((id) => id.startsWith('asana')), "a board's link");
});

check(secretKeyNameDetector, [
  // stay silent: the names of secret stores
  { label: "an Airflow pod's Kubernetes Secret", key: 'secret', text: 'airflow-secrets', secrets: [] },
  { label: 'a store of secrets in capitals', key: 'secret', text: 'DBT_SECRETS', secrets: [] },
  // still found: a password under the same key
  { label: 'a password with a hyphen', key: 'secret', text: 'Lw9-RtV4cN8bH3jYd', secrets: ['Lw9-RtV4cN8bH3jYd'] },
]);

t.pass('cases above');
