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
      'Password: required)',
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
    // a word with a capital or a `!` is a person's password (red team 136)
    for (const [text, secret] of [['password: Sunshine!', 'Sunshine!'], ['export PGPASSWORD=Quokkas!', 'Quokkas!'], ['jdbc:postgresql://db/x?user=etl&password=Sunshine!', 'Sunshine!'], ['--password=Sunshine!', 'Sunshine!'], ['Pwd=Lavender!;', 'Lavender!']] as const) {
      t.same(probe.found(text, rule), [secret], `${rule}: ${text}`);
    }
  }
});

t.test("a password-policy test's cases in a fixture's password column are its data; a password there stays one", async (t) => {
  const cases = ['short', 'weak', 'tooshort', 'nodigits', 'invalid', 'valid', 'too-short', 'strongpassword', 'NoSymbols1', 'LongEnough123!', 'Str0ngP@ssw0rd!'];
  // (a policy's words with the words people put in passwords make passwords: red team 136)
  const real = ['Maple-Falcon-61', PASSWORD, 'Sunrise-Valley-7', 'BadMonkey99!', 'NewMoon#2024', 'StrongTiger#19'];
  const rows = [...cases, ...real].map((password, id) => ({ id, password }));
  const { findings } = scanArtifact(manifest({ unit_tests: { 'unit_test.a.signups.t': { given: [{ input: "ref('stg_signups')", rows, format: 'dict' }] } } }));
  const rowsFound = findings.map((f) => Number(/rows\[(\d+)\]/.exec(f.jsonPath)?.[1])).sort((a, b) => a - b);
  t.same(rowsFound, real.map((_, i) => cases.length + i), "a password manager's words, a generated password, a person's");
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
  // a long number on another host with a `sentry` label is no DSN's (red team 136); a self-hosted Sentry's short id is
  t.same(probe.found('https://4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f@sentry.ci.acme.io/job/4504781234567890', 'env-metadata'), ['4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f']);
  probe.findsNothing(t, 'env-metadata', ['https://4f1c2b7e9a3d4c5b8e6f7a1b2c3d4e5f@sentry.acme.io/7']);
});
