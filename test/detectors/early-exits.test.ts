/**
 * Detectors that cannot match without a character settle a value without it at once: most values
 * that wake them (a column name `api_key_id`, a sentence about keys and passes) hold no `=` or
 * `:` (password-assignment) or no quote (sql-password), and code without `auth` and a bracket is
 * not searched for an auth key's list (code-secret-argument). Counted on the work meter: such a value
 * costs nothing however long, while the same value with the character in it is searched. The
 * answers stay those of the full search (the detectors' own cases, and the fixtures, check them).
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { codeArgumentDetector } from '../../src/detectors/python.js';
import { workMeter } from '../../src/detectors/work.js';
import type { Detector } from '../../src/types.js';

function work(detector: Detector, value: string): { chars: number; found: number } {
  const before = workMeter.chars;
  const found = detector.detect(value, { key: undefined }).length;
  return { chars: workMeter.chars - before, found };
}

const PROSE = 'Number of API keys issued to the account, the password_hash of the user, tokens passed per pass of the secret santa draw. ';

t.test('password-assignment: no = and no : is no assignment', async (t) => {
  const without = work(assignmentDetector, PROSE.repeat(200));
  t.same(without, { chars: 0, found: 0 }, 'not searched');
  const withColon = work(assignmentDetector, `${PROSE.repeat(200)} db_password: Zq8kLm2vX9pg`);
  t.ok(withColon.chars > PROSE.length * 200, 'searched when a colon is there');
  t.equal(withColon.found, 1, 'and the assignment is found');
  t.equal(work(assignmentDetector, 'PGPASSWORD=Zq8kLm2vX9pg psql').found, 1, 'an = alone is enough');
});

t.test('sql-password: no quote is no literal', async (t) => {
  const sql = 'select password_hash, token_count, secret_santa_flag from users where passed = 1 ';
  t.same(work(sqlCredentialDetector, sql.repeat(200)), { chars: 0, found: 0 }, 'not searched');
  const literal = work(sqlCredentialDetector, `${sql.repeat(200)}; create user loader password 'Zq8kLm2vX9pg'`);
  t.ok(literal.chars > sql.length * 200, 'searched when a quote is there');
  t.equal(literal.found, 1, 'and the literal is found');
});

t.test("http-auth-header's anchor: the scheme, spaces and 16 characters of a credential", async (t) => {
  const anchor = httpAuthDetector.anchor!;
  const at = (text: string, i: number) => ((anchor.lastIndex = i), anchor.test(text));
  for (const header of ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', "'Authorization': 'Basic c3ZjOlpxOGtMbTJ2WDlwZw=='"]) {
    const i = header.toLowerCase().search(/bearer|basic/);
    t.ok(at(header, i), `${header.slice(0, 30)}…: passes at its scheme`);
    t.equal(httpAuthDetector.detect(header, { key: undefined }).length, 1, 'and is found');
  }
  for (const prose of ['Basic plan customers only; bearer of the share is the account owner.', 'bearer_share', 'basic auth is off', 'Bearer {{ token }}']) {
    const i = prose.toLowerCase().search(/bearer|basic/);
    t.notOk(at(prose, i), `${prose}: fails at its scheme`);
    t.equal(httpAuthDetector.detect(prose, { key: undefined }).length, 0, 'and nothing is found there');
  }
});

t.test('code-secret-argument: no auth key and bracket, no list searched', async (t) => {
  const code = 'df = spark.read.option("header", "true").load(path)  # the key is in the vault\n'.repeat(100);
  const plain = work(codeArgumentDetector, code);
  // a setter, a slot and a pair: three searches of the text, not four
  t.ok(plain.chars <= 3 * code.length + 3, `${plain.chars} characters looked at for ${code.length}`);
  const withList = work(codeArgumentDetector, `${code}http_auth = ["svc", "Zq8kLm2vX9pg"]`);
  t.ok(withList.chars > 3 * code.length + 3, 'searched when both are there');
  t.equal(withList.found, 1, 'and the pair is found');
});

t.test('a token format with a literal every match holds (contains) settles a value without it at once', async (t) => {
  const { TOKEN_FORMATS } = await import('../../src/detectors/token-formats.js');
  const { DETECTORS } = await import('../../src/detectors/index.js');
  const formats = TOKEN_FORMATS.filter((f) => f.contains !== undefined);
  t.ok(formats.some((f) => f.id === 'salesforce-access-token'), `${formats.length} formats with one, salesforce-access-token among them`);
  for (const format of formats) {
    t.notOk(format.pattern.flags.includes('i'), `${format.id}: its pattern keeps case`);
    t.ok(format.pattern.source.includes(format.contains!), `${format.id}: ${JSON.stringify(format.contains)} is written in its pattern`);
    for (const sample of format.truePositives) t.ok(sample.secret.includes(format.contains!), `${format.id}: its sample secret holds ${JSON.stringify(format.contains)}`);
  }
  const salesforce = DETECTORS.find((d) => d.id === 'salesforce-access-token')!;
  const columns = 'select account_id,\n    bearer_share,\n    token_count\nfrom accounts\n';
  t.same(work(salesforce, columns.repeat(200)), { chars: 0, found: 0 }, 'a model that names bearer_share is not searched');
  const token = '00D5g000004XyZa!AR8AQJ5rTk9wLm2VbXc4NpQ7sRdF6gHjK1lZxCvB3nM8qW0eR5tY7uI9oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW.0eR5tY7uI9o';
  const withToken = work(salesforce, `${columns.repeat(200)} -- curl -H "Authorization: Bearer ${token}"`);
  t.ok(withToken.chars > columns.length * 200, 'searched when 00D is there');
  t.equal(withToken.found, 1, 'and the token is found');
});
