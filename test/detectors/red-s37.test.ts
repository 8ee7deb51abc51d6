/**
 * Session 37's red-team round: a quoted value longer than 256 characters after a secret-named key
 * (an AWS session token is 350 to 1,200) was not read; four x's in mixed case inside a random body
 * read as a placeholder's `xxxx`; a Power BI publish-to-web link read as a Grafana key; values that
 * say they are fake or no real key, and a quoted sentence of more than 16 words, were reported. Each case names the exact secret, or none; labels
 * never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { isPlaceholder } from '../../src/detectors/placeholders.js';
import { tokenDetectors } from '../../src/detectors/tokens.js';
import { checkDetector as check } from './detector-cases.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** A deterministic random-looking base64 body (a linear congruential walk over the alphabet). */
function body(n: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += B64[(s >> 16) % 64];
  }
  return out;
}

const SESSION = `IQoJb3JpZ2luX2VjE${body(600, 7)}`;
const FWOG = `FwoGZXIvYXdzE${body(300, 11)}`;

check(assignmentDetector, [
  { label: 'an IQoJ session token of 617 characters in a Jinja dict', text: `{% set creds = {'region': 'eu-west-1', 'aws_session_token': '${SESSION}'} %}`, secrets: [SESSION] },
  { label: 'a FwoG session token of 313 characters beside its key ID and secret', text: `{'aws_access_key_id': 'ASIAKOQ2D7XJZ3MPRW5E', 'aws_secret_access_key': 'fp5xcGk2Lq9ZrT8mWv3Nb7Yd1Hs4Jx6Ke0Pa2QuR', 'aws_session_token': '${FWOG}'}`, secrets: ['fp5xcGk2Lq9ZrT8mWv3Nb7Yd1Hs4Jx6Ke0Pa2QuR', FWOG] },
  { label: 'a long quoted value that is prose stays silent', text: `token: '${'the token is issued by the identity provider and rotated every hour '.repeat(5).trim()}'`, secrets: [] },
  { label: 'a quoted sentence of 36 words (212 characters) stays silent', text: `token: '${'the token is issued by the identity provider and rotated every hour '.repeat(3).trim()}'`, secrets: [] },
  { label: 'a quote that never closes within 2,048 characters is no value', text: `aws_session_token: '${body(2100, 3)}'`, secrets: [] },
]);

t.test('placeholders: x runs in one case only, and values that say they are fake', async (t) => {
  t.notOk(isPlaceholder('SqfPDA28uSwNccStq3xXxxfiOLUwQmLeR2zufwl8'), 'a random body holding xXxx is no placeholder');
  t.notOk(isPlaceholder('FwoGZXIvYXdzESzSmCClQxyU6qy1xxxX6Qpp3e6G'), 'a random body holding xxxX is no placeholder');
  t.ok(isPlaceholder('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'), 'lower-case x run');
  t.ok(isPlaceholder('AKIAXXXXXXXXXXXXXXXX'), 'upper-case X run');
  t.ok(isPlaceholder('changeme-not-a-real-key'), 'says it is no real key');
  t.ok(isPlaceholder('not_a_real_token_123'), 'says it is no real token');
  t.ok(isPlaceholder('fake-api-key-for-local-tests'), 'says it is fake');
  t.ok(isPlaceholder('dummy_secret'), 'says it is a dummy');
  t.notOk(isPlaceholder('Fk8-dummyQz2-Lw9x'), 'a word inside a password that names no key');
});

const grafana = tokenDetectors.find((d) => d.id === 'grafana-api-key')!;
check(grafana, [
  { label: 'a Power BI publish-to-web link (a public report GUID in k)', text: 'https://app.powerbi.com/view?r=eyJrIjoiNjk4ZGY1NjMtYzE2OS00ZDk4LWE1YmMtZTM5ZGIxYzc4ZWE2IiwidCI6IjcyZjk4OGJmLTg2ZjEtNDFhZi05MWFiLTJkN2NkMDExZGI0NyJ9', secrets: [] },
  { label: 'a Grafana key (32 letters and digits in k) is still found', text: 'GRAFANA_API_KEY=eyJrIjoiT0pWS2R6dlRoWjNpZ3pYdTl6RkNxQlVyNnJqV2ZHc2oiLCJuIjoiZGJ0LWRvY3MtcmVhZGVyIiwiaWQiOjF9', secrets: ['eyJrIjoiT0pWS2R6dlRoWjNpZ3pYdTl6RkNxQlVyNnJqV2ZHc2oiLCJuIjoiZGJ0LWRvY3MtcmVhZGVyIiwiaWQiOjF9'] },
]);

// a secret named by its XML element (a Maven settings.xml, a Tableau data source pasted into meta): the element's text up to its own end tag
check(assignmentDetector, [
  { label: "Maven's <password> in a server block", text: '<server><id>nexus</id><username>deploy</username><password>Vq7#mT2kLw9pXz4R</password></server>', secrets: ['Vq7#mT2kLw9pXz4R'] },
  { label: 'an element named db_password, escaped in JSON text', text: '{"note": "<config><db_password>Hx4-Rk8pZq2mWt7N</db_password></config>"}', secrets: ['Hx4-Rk8pZq2mWt7N'] },
  { label: 'an element closed by another tag is no value', text: '<password>Vq7#mT2kLw9pXz4R</passphrase>', secrets: [] },
  { label: 'a placeholder in the element stays silent', text: '<password>${env.NEXUS_PASSWORD}</password>', secrets: [] },
  { label: 'an element that holds other elements stays silent', text: '<password><value>Vq7#mT2kLw9pXz4R</value></password>', secrets: [] },
  { label: 'a tag named password_hash_column is no secret', text: '<password_hash_column>password_hash</password_hash_column>', secrets: [] },
  { label: "SQL's api_key>0 is no element", text: 'select * from keys where api_key>0 and token<>id', secrets: [] },
]);
