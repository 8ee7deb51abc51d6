/**
 * Session 59's fourth set (red team 62: 202 providers of the peers' rules, each token under its vendor's documented name
 * and in prose or code). Missed: a OneSignal REST API key (`os_v2_app_…`, a format of its own now), an Aiven token
 * after its Authorization scheme (`aivenv1 …`). Reported: keys their vendors publish (Pusher's app key, Trello's API
 * key, a public API key).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const macro = ruleProbe('macro_sql');

t.test("a OneSignal key, and an Aiven token after its header's scheme, in a macro's SQL", async (t) => {
  const onesignal = 'os_v2_app_k3xq7vz2mwprt4ylbn6hc5dj2fg7sa3ek4wu6ziq2xo5ntc7lr3mb4yph6dv2gk7sjqf5ea3ztw4nxc6ohl2rm7ib5vy3dk4pegs2';
  macro.finds(t, 'raw-code', [[`select http_post('https://api.onesignal.com/notifications', jsonb_build_object('Authorization', 'Key ${onesignal}'))`, onesignal]]);
  const aiven = 'kW3pZ9rTq2vX7mN4bL8sD1fG6hJ0cY5eRuA+Bz/oP3iQ7tK2wLx9Vn4Mc8Hd1Fg6Js0Ya5Ek3Rt7Up2Wq9Xz4Lm8Nb1Vc6Gh0Jd3Sf7Ka2Pe5Ro9Iu4Ty8Qw1Ez';
  macro.finds(t, 'raw-code', [[`select http_get('https://api.aiven.io/v1/project', jsonb_build_object('Authorization', 'aivenv1 ${aiven}'))`, aiven]]);
  macro.findsNothing(t, 'raw-code', ["jsonb_build_object('Authorization', 'Key os_v2_app_<your-rest-api-key>')", "jsonb_build_object('Authorization', 'aivenv1 {{ env_var(\"AIVEN_TOKEN\") }}')"]);
});

t.test('keys their vendors publish are none; the secrets beside them are', async (t) => {
  const key = '9f8a7c6b5d4e3f2a1b0c';
  for (const name of ['pusher_app_key', 'PUSHER_KEY']) ruleProbe(name).findsNothing(t, 'config-meta', [key]);
  for (const name of ['pusher_app_secret', 'PUSHER_SECRET_KEY']) ruleProbe(name).finds(t, 'config-meta', [[key, key]]);
  ruleProbe('trello_api_key').findsNothing(t, 'cli-vars', ['4f027ae1eb7128b0571363f008a9d7d7']);
  ruleProbe('klaviyo_public_api_key').findsNothing(t, 'config-meta', ['Xy7Kq2AbPw']);
  ruleProbe('klaviyo_private_api_key').finds(t, 'config-meta', [['pk_4f027ae1eb7128b0571363f008a9d7d7ab', 'pk_4f027ae1eb7128b0571363f008a9d7d7ab']]);
});
