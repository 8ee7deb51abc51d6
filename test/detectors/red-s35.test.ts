/**
 * Session 35's red-team round: English's "is" as an assignment in prose (`its password is …`); SQL's
 * `<>` and `!=` comparing a secret-named column with the secret; a short run of letters under a
 * token's or a key's name (a crypto model's `token: USDC`) that is no credential. Each case names
 * the exact secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { isRealSecretValue, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { checkDetector as check } from './detector-cases.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { DetectorSet } from '../../src/engine/prefilter.js';

check(assignmentDetector, [
  { label: 'English: its password is …', text: "The QA login is qa_reader; its password is Tq4-Wz8mRk2v. Ask #data for access.", secrets: ['Tq4-Wz8mRk2v'] },
  { label: 'English: the API key is … (a token shape, then a comma)', text: 'The API key is 9f8e7d6c5b4a39281706f5e4d3c2b1a0, keep it out of Slack.', secrets: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0'] },
  { label: 'English: an upper-case name, a password ending in !', text: 'Test account PASSWORD is Summer2024!', secrets: ['Summer2024!'] },
  { label: 'English: words, names and standards after is', text: 'The password is required. The primary key is order_id; the key is ISO-8601, the token is 24h and the token is valid for 8 hours.', secrets: [] },
  { label: 'English: a placeholder or a lower-case word with a digit after is', text: 'The password is CHANGEME; the password is hunter22; the secret is <from-vault>.', secrets: [] },
  { label: "English: a hash's call after is", text: 'the key is sha256(email) and the secret is kept in Vault', secrets: [] },
  // a filter's `<>` and `!=` leave the literal out: no assignment (red team 104)
  { label: "SQL <> with a secret-named column", text: "where status <> 'returned' and partner_api_key <> 'Kx7mQ2vRt9LpWz4NbY8cHd3JfUe6Sa1G'", secrets: [] },
  { label: 'SQL != with a secret-named column, double quotes', text: 'token != "Wh5nLx2QpR8vZt3KmY7cJd4FbS9eGa6U"', secrets: [] },
  { label: 'SQL comparisons with an empty string, a null marker, a column and a placeholder', text: "api_key <> '' and token != 'null' and secret_key <> api_key_old and password != '<password>'", secrets: [] },
  { label: "JavaScript's !== is no SQL comparison", text: "if (password !== 'Kx7mQ2vRt9LpWz') fail()", secrets: [] },
]);

t.test('a short run of letters under a token or a key name is no credential', async (t) => {
  for (const [key, value] of [['token', 'USDC'], ['token', 'WETH'], ['api_key', 'NONE'], ['x-api-key', 'stETH'], ['access_tokens', 'Bearer']]) {
    t.notOk(isRealSecretValue(value!, key), `${key}: ${value}`);
    t.same(secretKeyNameDetector.detect(value!, { key }), [], `${key}: ${value} not reported`);
  }
  // a password may be a word; a longer or mixed value under a token's name is still one
  t.ok(isRealSecretValue('Hunter', 'password'), 'password: a word');
  t.ok(isRealSecretValue('USDC2024x', 'token'), 'token: letters and digits');
  t.ok(isRealSecretValue('QxWvTrPlMnKz', 'api_key'), 'api_key: 12 letters');
});

t.test("English 'is' wakes password-assignment only before a quote, a value's eight characters or more spaces", async (t) => {
  const set = new DetectorSet(DETECTORS);
  const woken = (text: string) => set.select(text).some((d) => d.id === 'password-assignment');
  // SQL's null test and prose's words after `is` (a model's code of a thousand lines was read whole for each)
  for (const text of ['select id from src where password_hash is not null', 'the api key is in Vault', 'the token is not shared']) t.notOk(woken(text), text);
  for (const text of ['its password is Tq4-Wz8mRk2v.', "the password is 'Tq4-Wz8m'", "the password is N'Tq4-Wz8m'", 'the password is  Tq4-Wz8mRk2v', 'the password is required']) t.ok(woken(text), text);
});
