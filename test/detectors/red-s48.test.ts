/**
 * Session 48: what red team 57 (credentials in encoded forms) left. A key file base64-encoded and wrapped in
 * lines (GNU base64's 76 columns, openssl's 64, CRLF too) into an environment variable; a secret's name that
 * says it holds hex (`DB_PASSWORD_HEX`); and a Basic credential that decodes to the docs' `username:password`
 * or to a user with no password. Each case names what is found, or that nothing is.
 */
import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { isSecretKeyName } from '../../src/detectors/key-names.js';

const rules = compileRules();
const envSet = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === 'env-metadata')]!;

/** What the env rule's detectors find in `value` under `key`, wrapped layers included: detector and span. */
function found(value: string, key: string): string[] {
  return (detectValue(rules, envSet, value, () => ({ key })) ?? []).map((m) => `${m.detectorId} ${m.start}-${m.end}`);
}

function idsIn(text: string, key?: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

const wrap = (text: string, width: number, lineBreak = '\n') => text.match(new RegExp(`.{1,${width}}`, 'g'))!.join(lineBreak);
const base64 = (text: string) => Buffer.from(text).toString('base64');

t.test('a key file base64-encoded and wrapped in lines is one run, found over its whole span', async (t) => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyFile = JSON.stringify({ type: 'service_account', project_id: 'acme-prod', private_key_id: 'f3a9c2e17b4d5a6c8e9f0a1b2c3d4e5f6a7b8c9d', private_key: pem, client_email: 'dbt@acme-prod.iam.gserviceaccount.com' }, null, 2);
  for (const [label, value] of [
    ['GNU base64, 76 columns', wrap(base64(keyFile), 76)],
    ['openssl, 64 columns', wrap(base64(keyFile), 64)],
    ['CRLF line ends', wrap(base64(keyFile), 64, '\r\n')],
  ] as const) {
    t.same(found(value, 'BQ_KEYFILE_WRAPPED'), [`gcp-service-account-key 0-${value.length}`], label);
  }
  const pemWrapped = wrap(base64(pem), 76);
  t.same(found(pemWrapped, 'SF_KEY_MATERIAL'), [`private-key 0-${pemWrapped.length}`], 'a PEM key, under a name that says nothing');
  // after a name on the first line (`KEY_B64=…`), as an .env file writes it
  const line = `KEY_B64=${pemWrapped}`;
  t.same(found(line, 'DOTENV'), [`private-key 8-${line.length}`], "from the first line's `=`");
  // wrapped text that holds no secret, and lines of random bytes: nothing
  const config = wrap(base64(JSON.stringify({ type: 'config', project: 'acme', threads: 4, description: 'a harmless configuration blob, long enough to wrap over several lines of base64 output' })), 76);
  t.same(found(config, 'APP_CONFIG_B64'), [], 'a harmless config');
  const random = wrap(Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256)).toString('base64'), 76);
  t.same(found(random, 'BLOB'), [], 'random bytes');
});

t.test("a secret's name that says it holds hex: the value is judged as the text it writes", async (t) => {
  for (const name of ['DB_PASSWORD_HEX', 'S3_SECRET_HEX', 'AWS_SECRET_HEX', 'api_key_hex']) t.ok(isSecretKeyName(name), name);
  // a digest's hex is no secret's
  for (const name of ['password_sha256_hex', 'PASSWORD_HASH_HEX', 'secret_hex_digest']) t.notOk(isSecretKeyName(name), name);
  const hex = (text: string) => Buffer.from(text).toString('hex');
  t.ok(idsIn(hex('Vq7#mLx2pR9!zT'), 'DB_PASSWORD_HEX').some((id) => id.startsWith('secret-key-name:')), 'a password in hex');
  t.same(idsIn(hex('changeme'), 'DB_PASSWORD_HEX'), [], 'a placeholder in hex');
  t.same(idsIn('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'DB_PASSWORD_HEX'), [], "the empty string's SHA-256");
});

t.test('a Basic credential that decodes to no secret is none; one with a password, or a key as its user, is', async (t) => {
  const header = (pair: string) => `Authorization: Basic ${base64(pair)}`;
  const basic = (pair: string) => idsIn(header(pair)).filter((id) => id.startsWith('http-auth-header:'));
  t.same(basic('username:password'), [], "the docs' username:password");
  t.same(basic('api_user:'), [], 'a user with an empty password');
  t.same(basic('admin:admin'), [], 'a demo login');
  t.same(basic('user:<password>'), [], 'a placeholder');
  t.same(basic('svc_loader:Vq7mLx2pR9Tz4'), [`http-auth-header:${base64('svc_loader:Vq7mLx2pR9Tz4')}`], 'a password');
  // Stripe takes its secret key as the user, the password empty
  t.same(basic('sk_live_51Hq7mLx2pR9Tz4Kw8vN3bQ:'), [`http-auth-header:${base64('sk_live_51Hq7mLx2pR9Tz4Kw8vN3bQ:')}`], 'a key as the user');
  // …and the same header as an assignment in a macro, or under a key named for it: read by what the header decodes to
  const macro = (pair: string) => `{% set headers = {'Authorization': 'Basic ${base64(pair)}'} %}`;
  t.same(idsIn(macro('username:password'), 'macro_sql'), [], "the docs' pair in a macro's headers");
  t.same(idsIn(macro('api_user:'), 'macro_sql'), [], 'a user alone in a macro');
  t.ok(idsIn(macro('svc_loader:Vq7mLx2pR9Tz4'), 'macro_sql').includes(`password-assignment:Basic ${base64('svc_loader:Vq7mLx2pR9Tz4')}`), 'a password in a macro');
  t.same(idsIn(`Basic ${base64('username:password')}`, 'Authorization'), [], "the docs' pair under the header's name");
  t.ok(idsIn(`Basic ${base64('svc_loader:Vq7mLx2pR9Tz4')}`, 'Authorization').includes(`secret-key-name:${base64('svc_loader:Vq7mLx2pR9Tz4')}`), "a password under the header's name");
});

t.test("a token split into SQL's concat() of literals is found as the token it joins", async (t) => {
  const body = 'Zq8kLm2vX9pgWq3nTr7yBc4dFh6jKs1aLe5u';
  const joined = (text: string) => idsIn(text).filter((id) => id.startsWith('github-classic-pat:'));
  t.same(joined(`select concat('ghp_', '${body}') as deploy`), [`github-classic-pat:ghp_', '${body}`], 'concat');
  t.same(joined(`select CONCAT( 'ghp_' , '${body.slice(0, 10)}', '${body.slice(10)}' ) as deploy`), [`github-classic-pat:ghp_' , '${body.slice(0, 10)}', '${body.slice(10)}`], 'CONCAT of three');
  // a column among the arguments, or literals in a list that is no concat: nothing joined
  t.same(joined(`select concat('ghp_', token_body) as deploy`), [], 'a column');
  t.same(joined(`where prefix in ('ghp_', '${body}')`), [], 'an in list');
});

t.test('text written in hex is read as that text: a token or a credentials file hex-encoded is found over the hex', async (t) => {
  const hex = (text: string) => Buffer.from(text).toString('hex');
  const token = 'ghp_Zq8kLm2vX9pgWq3nTr7yBc4dFh6jKs1aLe5u';
  const inMeta = hex(token);
  t.same(found(inMeta, 'gh_hex'), [`github-classic-pat 0-${inMeta.length}`], "a token in meta, under a name that says nothing");
  const file = hex('[default]\naws_access_key_id = AKIAQX4TN7ZP2LMW3RKD\naws_secret_access_key = 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\n');
  t.ok(found(file, 'LOADER_BLOB').includes(`aws-access-key-id 0-${file.length}`), 'an AWS credentials file');
  const sql = `select X'${hex(token)}' as deploy_key`;
  t.ok(found(sql, 'compiled_code').includes(`github-classic-pat 9-${9 + hex(token).length}`), "SQL's X'…'");
  // digests, hex of text without a secret, and an odd run: nothing
  t.same(found('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'checksum'), [], 'a SHA-256');
  t.same(found(hex('hello world, nothing secret in this text'), 'blob'), [], 'hex of plain text');
  t.same(found(`${hex(token)}a`, 'blob'), [], 'an odd number of digits');
});
