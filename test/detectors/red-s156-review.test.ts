/**
 * Review 156 of review 155's mends: a DSN's `*_file`/`*_path` setting is no credential only when its value reads as a path
 * or a file's name (base64 with `/`, `+`, `=`, a password with a dot, a short one stay credentials); an f-string without a
 * field is its literal; a fallback's comparison is read on its line only; a password then ` / ` and a note is no user and
 * a password.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const DSN = 'snowflake://dbt_svc@acme-eu1/ACME_PROD?';

t.test("a DSN's file or path setting holds a credential unless its value reads as a path or a file", async (t) => {
  const probe = ruleProbe('dsn');
  for (const setting of ['token_file=AbCdEf12/GhIjKl34+MnOpQr56==', 'api_key_path=Hk4wQ9zL/mP2xR7vBq=', 'password_file=Hk4wQ9zL.mP2xR7vB', 'secret_path=Hk4wQ9zLmP2x']) {
    t.same(probe.found(`${DSN}${setting}`, 'config-meta'), [`${DSN}${setting}`], setting);
  }
  probe.findsNothing(t, 'config-meta', [`${DSN}private_key_file=rsa_key.p8`, `${DSN}private_key_path=~/keys/rsa_key.p8`, `${DSN}credentials_path="/etc/dbt/sa.json"`]);
});

t.test('an f-string without a field, a fallback before the next line, a password and its note', async (t) => {
  ruleProbe('message').finds(t, 'run-messages', [
    ["password = f'Hk4wQ9zLmP2xR7vB'", 'Hk4wQ9zLmP2xR7vB'],
    ['password = fr"Hk4wQ9zLmP2xR7vB"', 'Hk4wQ9zLmP2xR7vB'],
  ]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [["password = x or 'Hk4wQ9zLmP2xR7vB'\n<div>", 'Hk4wQ9zLmP2xR7vB']]);
  ruleProbe('description').finds(t, 'free-text', [['username/password: Tr0pic-Thunder-42 / rotated monthly', 'Tr0pic-Thunder-42']]);
});
