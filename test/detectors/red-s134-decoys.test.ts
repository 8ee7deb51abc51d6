/**
 * Red team 134: what docs and tests say of a password is none. A word and a sentence's mark after a secret's name
 * (`Password: required.`, `Token: expired!`) is what the sentence says of it; a signup model's unit test names its cases
 * in the password column (`short`, `too-short`, `NoSymbols1`); Sentry's DSN with a project id of 16 digits is public
 * still. What is a secret beside each stays found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { manifest, scanArtifact } from '../helpers.js';

// made up for this test
const PASSWORD = 'Xk9mQ2vL7pRz';

t.test("a word and a sentence's mark after a secret's name is what the sentence says; a password so written stays one", async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code'], ['raw_code', 'raw-code']] as const) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, rule, [
      'Password: required.',
      'Password: required. Token: optional.',
      'Password: none.',
      'Password: n/a.',
      'Password: Required!',
      'Password: required?',
      'Token: expired.',
      'Access token: short-lived.',
      '- **password**: hashed.\n- **token**: encrypted.',
      'Status: active. Password: expired. Role: analyst.',
      'password = required.',
      'password=required.',
      'Passwort: erforderlich.',
      'Contraseña: obligatoria.',
      '-- password: none. auth is key-pair\nselect 1',
      '{# token: optional. #}',
      'api_key: none.',
    ]);
    t.same(probe.found(`Password: ${PASSWORD}.`, rule).map((s) => s.replace(/\.$/, '')), [PASSWORD], `${rule}: a password and a full stop`);
    t.same(probe.found('Password: Welcome1.', rule), ['Welcome1.'], `${rule}: a person's password with a digit`);
    t.same(probe.found(`Password: ${PASSWORD}`, rule), [PASSWORD], `${rule}: a password`);
  }
});

t.test("a password-policy test's cases in a fixture's password column are its data; a password there stays one", async (t) => {
  const cases = ['short', 'weak', 'tooshort', 'nodigits', 'invalid', 'valid', 'too-short', 'strongpassword', 'NoSymbols1', 'LongEnough123!', 'Str0ngP@ssw0rd!'];
  const rows = [...cases.map((password, id) => ({ id, password })), { id: 90, password: 'Maple-Falcon-61' }, { id: 91, password: PASSWORD }, { id: 92, password: 'Sunrise-Valley-7' }];
  const { findings } = scanArtifact(manifest({ unit_tests: { 'unit_test.a.signups.t': { given: [{ input: "ref('stg_signups')", rows, format: 'dict' }] } } }));
  const rowsFound = findings.map((f) => Number(/rows\[(\d+)\]/.exec(f.jsonPath)?.[1])).sort((a, b) => a - b);
  t.same(rowsFound, [cases.length, cases.length + 1, cases.length + 2], "a password manager's words and a generated password");
  const csv = `id,password\n${cases.map((c, i) => `${i},${c}`).join('\n')}\n90,${PASSWORD}\n`;
  const inCsv = scanArtifact(manifest({ unit_tests: { 'unit_test.a.signups.c': { given: [{ input: "ref('stg_signups')", rows: csv, format: 'csv' }] } } })).findings;
  t.equal(inCsv.length, 1, 'in CSV rows: the password only');
});

t.test("Sentry's DSN with a project id of 16 digits is its public key still; another host's URL is a token's", async (t) => {
  const probe = ruleProbe('DBT_ENV_CUSTOM_ENV_SENTRY_DSN');
  probe.findsNothing(t, 'env-metadata', [
    'https://4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f@o123456.ingest.sentry.io/4504781234567890',
    'https://4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f@o123456.ingest.us.sentry.io/4504781234567890',
  ]);
  t.same(probe.found('https://4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f@git.acme.io/4504781234567890', 'env-metadata'), ['4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f']);
});
