/**
 * Red team 142 (left in session 81, done in session 82): a label of a user and a password before the pair itself
 * (`username/password: dbt_svc / …`). The password is the pair's second; the user's name is not taken for it, and what
 * the label says instead of a pair (a placeholder, a store, a mask) stays none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Tr0pic-Thunder-42';

t.test('a user-and-password label before the pair: its second is the password, in each place a note is written', async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`username/password: dbt_svc / ${PASSWORD}`, PASSWORD],
      [`Username / Password: dbt_svc / ${PASSWORD}`, PASSWORD],
      [`user/password: dbt_svc/${PASSWORD}`, PASSWORD],
      [`login/password: loader@corp.com/${PASSWORD}`, PASSWORD],
      [`user_name/pwd: svc_loader:${PASSWORD}`, PASSWORD],
    ]);
    probe.findsNothing(t, rule, [
      'username/password: dbt_svc / <password>',
      'username/password: dbt_svc / ********',
      "username/password: dbt_svc / {{ env_var('DBT_PW') }}",
      'username/password: dbt_svc / $DBT_PASSWORD',
      'Username/Password: stored in Vault',
      'username/password: see 1Password',
      'username/password columns: the login fields',
    ]);
  }
});

t.test('a SQL comment with the label', async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[`-- username/password: dbt_svc / ${PASSWORD}\nselect 1`, PASSWORD]]);
});
