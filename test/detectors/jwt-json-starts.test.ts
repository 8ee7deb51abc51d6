/**
 * Session 32: a JWT whose header (or payload) was serialized with whitespace after the opening
 * brace, `{ "alg": …}` or pretty-printed, begins `eyA`, `ewo`, `ew0` or `ewk` in base64url rather
 * than `eyJ`. The jwt format finds it where it finds `eyJ…` tokens; dot-joined base64url JSON
 * without an alg, and words that begin with those letters, stay silent.
 */
import t from 'tap';
import { JSON_OBJECT_START, isBase64Jwt, isSampleJwt } from '../../src/detectors/formats/structure.js';
import { detectTokens } from '../../src/detectors/tokens.js';

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const SIG = 'Qm4uR8vY2xTf0kLp9WzN3sA6dE1hJ7cV5bG0iO2qXyU';
const jwt = (header: string, payload: string) => `${b64url(header)}.${b64url(payload)}.${SIG}`;
const found = (value: string) => detectTokens(value).map((m) => `${m.detectorId}: ${value.slice(m.start, m.end)}`);

t.test('each whitespace after the brace gives one of the starts', async (t) => {
  const starts = new RegExp(`^${JSON_OBJECT_START}`);
  for (const header of ['{"alg":"HS256"}', '{ "alg": "HS256" }', '{\n  "alg": "HS256"\n}', '{\r\n  "alg": "HS256"\r\n}', '{\t"alg": "HS256"}']) {
    t.ok(starts.test(b64url(header)), JSON.stringify(header));
  }
});

t.test('a JWT whose header or payload has whitespace after the brace is found', async (t) => {
  for (const [header, payload] of [
    ['{ "alg": "HS256", "typ": "JWT" }', '{"sub":"svc-reverse-etl","iat":1733000000}'],
    ['{"alg":"HS256"}', '{ "sub": "svc-reverse-etl" }'],
    ['{\n  "alg": "RS256",\n  "typ": "JWT"\n}', '{\n  "sub": "dbt-cloud-runner"\n}'],
    ['{\r\n  "alg": "HS512"\r\n}', '{\r\n  "sub": "looker-sync"\r\n}'],
    ['{\t"alg": "HS256"}', '{\t"sub": "x-tab-client"}'],
  ]) {
    const token = jwt(header!, payload!);
    t.same(found(`Authorization: Bearer ${token}`).filter((f) => f.startsWith('jwt:')), [`jwt: ${token}`], JSON.stringify(header));
  }
});

t.test('under a vendor name, too', async (t) => {
  const token = jwt('{ "alg": "HS256", "typ": "JWT" }', '{ "session": "acme.loader", "iat": 1717000000 }');
  t.same(found(`md:analytics?motherduck_token=${token}`).filter((f) => !f.startsWith('jwt:')), [`motherduck-token: ${token}`]);
});

t.test('look-alikes stay silent', async (t) => {
  for (const value of [
    // dot-joined base64url of pretty-printed JSON without an alg
    jwt('{\n  "name": "orders",\n  "version": 3\n}', '{\n  "rows": 1200\n}'),
    // an alg, but the payload is not JSON
    `${b64url('{ "alg": "HS256" }')}.${b64url('not json at all, just text')}.${SIG}`,
    // words and base64 of text that begin with the letters
    'ewoksAreFurryAndLiveOnEndor.ewoksAreFurryAndLiveOnEndor.ewoksAreFurryAndLiveOnEndor',
    `${b64url(' "alg": "HS256" }')}.${b64url('{ "sub": "x-y-z-w" }')}.${SIG}`,
    'the eyAlgorithm and the ewoStep of the framework network',
  ]) {
    t.same(found(value), [], value);
  }
});

t.test("jwt.io's sample stays a sample when its header is pretty-printed", async (t) => {
  const sample = jwt('{\n  "alg": "HS256"\n}', '{"sub":"1234567890","name":"John Doe","iat":1516239022}');
  t.ok(isSampleJwt(sample));
  t.same(found(sample), []);
});

t.test('a base64-encoded JWT whose payload is pretty-printed', async (t) => {
  t.ok(isBase64Jwt(Buffer.from(jwt('{"alg":"HS256"}', '{\n  "sub": "svc-loader"\n}')).toString('base64')));
});
