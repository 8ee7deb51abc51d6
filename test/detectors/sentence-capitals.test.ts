/**
 * A word with a capital and a full stop after a secret's name (`Password: Required.`, `Password: None.`, `Token:
 * Expired.`) is what a sentence says of the secret, as the same word in small letters is (red team 134's
 * `Password: required.`): the full stop made it no word, and so a person's password. Only a word that describes (red
 * team 139: `PGPASSWORD=Rosebud. psql …`, `password: Summer.` are people's passwords with their stop); a password with a
 * digit or a mark stays found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('a capitalised word and a full stop after a secret\'s name is a sentence, in each place a sentence is written', async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code'], ['raw_code', 'raw-code']] as const) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, rule, [
      'Password: Required.',
      'Password: Required. The password of the service account.',
      '* **password**: Required. The warehouse password.',
      'Password: None.',
      'Password: Optional.',
      'Token: Expired.',
      'API key: Rotated. Secret: Masked.',
      'Password: Hidden)',
      'password=Redacted.',
      'Password: REQUIRED.',
      'Password: N/A.',
      'Token: Short-Lived.',
    ]);
    for (const [text, secret] of [['Password: Sunshine.', 'Sunshine.'], ['host=db user=etl password=Rosebud. dbname=prod', 'Rosebud.'], ['PGPASSWORD=Rosebud. psql -h db', 'Rosebud.'], ['user: etl\n  password: Summer.\n  host: db', 'Summer.']] as const) {
      t.same(probe.found(text, rule), [secret], `${rule}: ${text}`);
    }
    t.same(probe.found('Password: Welcome1.', rule), ['Welcome1.'], `${rule}: a person's password with a digit`);
    t.same(probe.found('Password: Sunshine!', rule), ['Sunshine!'], `${rule}: a word and a \`!\``);
    t.same(probe.found('Password: Xk9mQ2vL7pRz. Rotate it monthly.', rule).map((s) => s.replace(/\.$/, '')), ['Xk9mQ2vL7pRz'], `${rule}: a generated password and a full stop`);
  }
});
