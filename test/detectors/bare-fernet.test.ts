/**
 * Session 30: a Fernet key under its bare name (`{"fernet": …}`, `fernet = '…'` in code) is found;
 * `fernet_key` was already. The bare name is no secret's name by itself (`fernet: enabled`): only a
 * value that is a Fernet key (url-safe base64 of 32 bytes) counts under it.
 */
import t from 'tap';
import { isSecretKeyName, mayNameSecret, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { namesFernet } from '../../src/detectors/key-grammar.js';
import { getDetector } from '../../src/detectors/index.js';

const KEY = 'wS397cLij7YOgUvGfC2GDW5VUHSzGeYm3c_jUXBI19E=';
const underKey = (key: string, value: string) => secretKeyNameDetector.detect(value, { key }).map((m) => value.slice(m.start, m.end));

t.test('a Fernet key under the bare name, and nothing else under it', async (t) => {
  for (const key of ['fernet', 'FERNET', 'airflow_fernet', 'AIRFLOW_FERNET_PROD']) {
    t.ok(namesFernet(key) && mayNameSecret(key), `${key} may name one`);
    t.same(underKey(key, KEY), [KEY], `${key}: the key`);
  }
  t.notOk(isSecretKeyName('fernet'), 'no secret name by itself');
  for (const value of ['enabled', 'true', 'cryptography.fernet.Fernet', KEY.slice(0, 43), `${KEY.slice(0, 42)}==`, 'a'.repeat(64), '{{ env_var("FERNET") }}']) {
    t.same(underKey('fernet', value), [], `fernet: ${value.slice(0, 20)}`);
  }
  for (const key of ['fernet_cipher', 'fernetes', 'infernet']) t.notOk(namesFernet(key), `${key} is another name`);
});

t.test('in text: fernet = … as fernet_key = …', async (t) => {
  const format = getDetector('airflow-fernet-key')!;
  const found = (text: string) => format.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));
  t.same(found(`{% set fernet = '${KEY}' %}`), [KEY]);
  t.same(found(`{"fernet": "${KEY}"}`), [KEY]);
  t.same(found(`fernet_key: ${KEY}`), [KEY]);
  t.same(found(`fernet = Fernet(var('fernet_key'))`), []);
  t.same(found(`fernets = '${KEY}'`), []);
});
