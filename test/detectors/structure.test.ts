/** The structure checks rows use as `verify`: each accepts what the vendor issues and refuses near misses. */
import t from 'tap';
import { base62, crc32, decodeBase64, hasBase62Checksum, hasSlackSegments, isJwt, isPemBase64, isPemBody, isPypiMacaroon, isStripeKey, isSupabaseServiceRoleJwt, isTinybirdToken, looksRandom, randomInOneCase, withBase62Checksum } from '../../src/detectors/formats/structure.js';
import { detectTokens } from '../../src/detectors/tokens.js';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** `length` characters of `alphabet`, the same on every run (a small linear congruential generator). */
function randomBody(length: number, alphabet: string): string {
  let state = 20261204;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

t.test('crc32 and base62', async (t) => {
  t.equal(crc32('123456789'), 0xcbf43926, 'the standard check value');
  t.equal(crc32(''), 0);
  t.equal(base62(0, 6), '000000');
  t.equal(base62(61, 2), '0z');
  t.equal(base62(62, 1), '10');
});

t.test('GitHub and npm checksums', async (t) => {
  const random = 'Rb9ktt9JdduBBWTQs7HlXXMikzl7I3';
  const token = `ghp_${random}${base62(crc32(random), 6)}`;
  t.ok(hasBase62Checksum(token));
  t.ok(hasBase62Checksum(`npm_${random}${base62(crc32(random), 6)}`));
  t.notOk(hasBase62Checksum(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), 'one character off');
  t.notOk(hasBase62Checksum(`ghp_${random.slice(1)}x${token.slice(-6)}`), 'the random part changed');
  t.equal(hasBase62Checksum('ghp_short'), undefined, 'no checksum to check');
  t.equal(hasBase62Checksum(`ghr_${random}${random}${random.slice(0, 16)}`), undefined, 'a long refresh token has none');
  t.equal(withBase62Checksum('ghp', random), token);
});

t.test('a checksum does not gate: verified is high, a random body that does not match is medium, a non-random one is silent', async (t) => {
  const random = 'Rb9ktt9JdduBBWTQs7HlXXMikzl7I3';
  for (const prefix of ['ghp', 'gho', 'ghu', 'ghs', 'ghr', 'npm']) {
    const valid = withBase62Checksum(prefix, random);
    const wrong = `${valid.slice(0, -6)}Zz9Yy8`;
    const [ok] = detectTokens(`token: ${valid}`);
    t.match(ok, { start: 7, end: 7 + valid.length, confidence: 'high', description: /checksum verifies/ }, `${prefix}: valid checksum`);
    const [mismatch] = detectTokens(`token: ${wrong}`);
    t.match(mismatch, { start: 7, end: 7 + wrong.length, confidence: 'medium', description: /checksum does not match \(a test value or a mistyped token\)/ }, `${prefix}: mismatch, random body`);
    t.notOk(JSON.stringify([ok, mismatch]).includes(random), `${prefix}: no value in the descriptions`);
    t.same(detectTokens(`token: ${prefix}_abcdefghijklmnopqrstuvwxyz0123456789`), [], `${prefix}: a sequential body`);
  }
  t.same(detectTokens('echo $npm_config_userconfig'), []);
  t.equal(detectTokens(`x ghr_${random}${random}${random.slice(0, 16)}`)[0]?.confidence, undefined, 'no checksum: the format says');
});

t.test('looksRandom', async (t) => {
  for (const body of ['Rb9ktt9JdduBBWTQs7HlXXMikzl7I3Mlny2I', 'j5Mr1TbsnAq0yHMbNjiF7ZWmstZFd4hmM6qm']) t.ok(looksRandom(body), body);
  for (const body of ['abcdefghijklmnopqrstuvwxyz0123456789', 'Abcdef0123456789abcdefghijklmnopqrst', 'configuserconfigpackagejsonversion12', 'AAAA1111aaaaBBBB2222bbbbCCCC3333cccc', 'Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1']) t.notOk(looksRandom(body), body);
  // a long body draws on 62 or 64 characters: a third of 400 cannot be distinct (a PyPI token's body reaches 1,000)
  const long = randomBody(400, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
  t.ok(looksRandom(long), 'a random body of 400');
  t.notOk(looksRandom('Ab1Cd2'.repeat(70)), 'six characters said again and again');
  const pypi = `pypi-AgEIcHlwaS5vcmc${long}`;
  t.same(detectTokens(`TWINE_PASSWORD=${pypi}`).map((m) => [m.detectorId, m.confidence]), [['pypi-token', 'medium']], 'a made-up PyPI token of 420 characters');
});

t.test('randomInOneCase: a body in lower case that no person typed', async (t) => {
  for (const body of ['jtlpzjiclmnuljteghiygrnvixmstvggqf', 'qkjab6mffyvzzxwqmcof49yruxp3wf0lsakp', randomBody(200, 'abcdefghijklmnopqrstuvwxyz0123456789')]) t.ok(randomInOneCase(body), body);
  for (const body of [
    'transformersautomodelforsequencex', // words
    '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f', // counting every other place
    'aaaa1111bbbb2222cccc3333dddd4444eeee', // four in a row
    '0123456789abcdefghijklmnopqrstuvwxyz', // in alphabet order
    'ab12ab12ab12ab12ab12ab12ab12ab12ab12', // few distinct
    'Jtlpzjiclmnuljteghiygrnvixmstvggqf', // not one case
    'jtlpzjic-mnuljteghiygrnvixmstvggqf', // not a token's characters
  ]) t.notOk(randomInOneCase(body), body);
});

t.test('hf_ in lower case: found where no person typed it', async (t) => {
  t.same(detectTokens('hf_token: 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').map((m) => m.detectorId), ['huggingface-token']);
  for (const decoy of ['hf_transformersautomodelforsequencex', 'hf_sentencetransformersallminilmlsix', 'hf_abcdefghijklmnopqrstuvwxyzabcdefgh']) t.same(detectTokens(decoy), [], decoy);
});

t.test('JWT', async (t) => {
  t.ok(isJwt(`${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'x' })}.sig`));
  t.notOk(isJwt(`${b64url({ typ: 'JWT' })}.${b64url({ sub: 'x' })}.sig`), 'no alg');
  t.notOk(isJwt(`${b64url({ alg: 'HS256' })}.${b64url([1, 2])}.sig`), 'payload not an object');
  t.notOk(isJwt(`${b64url({ alg: 'HS256' })}.eyJub3QganNvbg.sig`), 'payload not JSON');
  t.notOk(isJwt('eyJhbGciOiJIUzI1NiJ9x.eyJzdWIiOiJ4In0.sig'), 'header not base64url of JSON');
});

t.test('Supabase service role and Tinybird tokens', async (t) => {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  t.ok(isSupabaseServiceRoleJwt(`${header}.${b64url({ iss: 'supabase', role: 'service_role' })}.sig`));
  t.notOk(isSupabaseServiceRoleJwt(`${header}.${b64url({ iss: 'supabase', role: 'anon' })}.sig`), 'the anon key is public');
  t.notOk(isSupabaseServiceRoleJwt(`${header}.${b64url({ iss: 'supabase' })}.sig`), 'no role');
  const signature = 'AX_SniZQaYSieg6N4iHEUfHURbNp29u8H4S4ZNIlIT0';
  const ids = { u: '0591b5ee-6af8-4024-a8ee-b923eefa84a8', id: '58d347c3-3b14-472e-83d9-c54c39a40aaa' };
  t.ok(isTinybirdToken(`p.${b64url(ids)}.${signature}`));
  t.ok(isTinybirdToken(`p.${b64url({ ...ids, host: 'eu_shared' })}.${signature}`));
  t.notOk(isTinybirdToken(`p.${b64url({ u: ids.u })}.${signature}`), 'no token id');
  t.notOk(isTinybirdToken(`p.${b64url(ids)}.${signature.slice(1)}`), 'a 42-character signature');
  t.notOk(isTinybirdToken(`p.eyJub3QganNvbg.${signature}`), 'payload not JSON');
});

t.test('PyPI macaroon', async (t) => {
  const macaroon = (location: string, next = 2) =>
    `pypi-${Buffer.concat([Buffer.from([2, 1, location.length]), Buffer.from(location), Buffer.from([next, 36]), Buffer.from('8e1d6c3a-2b4f-4e5a-9c7d-0f1e2d3c4b5a'), Buffer.alloc(20)]).toString('base64url')}`;
  t.ok(isPypiMacaroon(macaroon('pypi.org')));
  t.ok(isPypiMacaroon(macaroon('test.pypi.org')));
  t.notOk(isPypiMacaroon(macaroon('pypi.org.evil')), 'another location');
  t.notOk(isPypiMacaroon(macaroon('pypi.org', 0)), 'no identifier after the location');
  t.notOk(isPypiMacaroon('pypi-AgEIcHlwaS5vcmc!!!'));
});

t.test('PEM bodies', async (t) => {
  const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xa3]), Buffer.alloc(300, 7)]).toString('base64');
  const block = (label: string, body: string, nl = '\n') => [`-----BEGIN ${label}-----`, ...(body.match(/.{1,64}/g) ?? []), `-----END ${label}-----`].join(nl);
  t.ok(isPemBody(block('PRIVATE KEY', der)));
  t.ok(isPemBody(block('PRIVATE KEY', der, '\\n')), 'escaped newlines');
  t.ok(isPemBody(block('OPENSSH PRIVATE KEY', Buffer.concat([Buffer.from('openssh-key-v1\0'), Buffer.alloc(200, 1)]).toString('base64'))));
  t.notOk(isPemBody(block('PRIVATE KEY', Buffer.alloc(300, 7).toString('base64'))), 'not DER');
  t.ok(isPemBase64(block('PRIVATE KEY', Buffer.alloc(300, 7).toString('base64'))), 'but base64 of a key\'s length');
  t.notOk(isPemBase64(block('PRIVATE KEY', der.slice(0, 40))), 'too short either way');
  t.notOk(isPemBase64(block('PRIVATE KEY', `${der.slice(0, -4)}A`)), 'nor a length base64 cannot have');
  t.notOk(isPemBody(block('PRIVATE KEY', der.slice(0, 40))), 'too short');
  t.notOk(isPemBody(block('PRIVATE KEY', `${der.slice(0, -4)}A`)), 'a length base64 cannot have');
});

t.test('Slack segments and Stripe modes', async (t) => {
  t.ok(hasSlackSegments('xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5'));
  t.ok(hasSlackSegments('xoxb-27481936501-Rk3Lm9Qp2Xz8Vt4Nw7Yc1H'), 'legacy two segments');
  t.notOk(hasSlackSegments('xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5Q'), 'secret part of 25');
  t.notOk(hasSlackSegments('xoxb-2748193650-48291abc50284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5'), 'id not numeric');
  t.ok(hasSlackSegments('xoxp-388210374343-200815457137-5879396947903-4fd1bbf1572f093a2c144f85c264982e'));
  t.ok(isStripeKey('sk_live_4eC39HqLyjWDarjtT1zdp7dc'));
  t.ok(isStripeKey('sk_live_51Hx9Kq2Lm8Vb4Nz7Tw1Yc5Hd3Fg6Js0Pa8Ue2Rk4'), 'Stripe documents no fixed length');
  t.notOk(isStripeKey('sk_live_4eC39HqLy'), 'too short to be a key');
  // gitleaks samples keys of 10 characters on: a short body counts when it reads as random
  t.ok(isStripeKey('sk_live_4eC39HqLyjWD'), 'a short random body');
  t.notOk(isStripeKey('sk_live_subscriptions2'), 'a short body of words');
  // gitleaks' mode prod (Stripe issues none): a random body only, in one case or both
  t.ok(isStripeKey('sk_prod_q7Lm2Xv9Rk4NwT8p'), 'prod, a random body');
  t.ok(isStripeKey('sk_prod_kd7lc7aswxezvki9wpl9p7taj'), 'prod, a random body in lower case');
  t.notOk(isStripeKey('sk_prod_customersdailysnapshot'), 'prod, a body of words');
  t.notOk(isStripeKey('sk_stage_q7Lm2Xv9Rk4NwT8p'), 'no such mode');
});

t.test('decodeBase64 refuses what is not base64', async (t) => {
  t.equal(decodeBase64('abc!'), undefined);
  t.equal(decodeBase64('abcde'), undefined, 'length 1 mod 4');
  t.same(decodeBase64('aGk'), Buffer.from('hi'));
});
