/**
 * Red team 150 (a BigQuery shop's target, blind): a macro's literal fallback after `or` (`{% set pwd = password or '…'
 * %}`), and Jinja's default filter on a name rather than a lookup (`password | default('…')`), are working secrets as a
 * lookup's default is. A stock local password, a placeholder, an empty string, a name that is no secret's, and a literal
 * that code goes on to join stay none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Marz-Blau!77';
const TOKEN = 'Hq7vN2xPm4Lk9Rz3Tb';

t.test('a fallback after or, in Jinja and in Python, in raw and compiled code', async (t) => {
  for (const [key, rule] of [['macro_sql', 'raw-code'], ['compiled_code', 'compiled-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`{% set pwd = password or '${PASSWORD}' %}`, PASSWORD],
      [`{% set pwd = env_var('SNOW_PW') or '${PASSWORD}' %}`, PASSWORD],
      [`{% set api_key = key or '${TOKEN}' %}`, TOKEN],
      [`pwd = os.getenv('PW') or '${PASSWORD}'`, PASSWORD],
      [`password = os.environ.get('DB_PASSWORD') or "${PASSWORD}"`, PASSWORD],
      [`conn = connect(user=u, password=self.password or '${PASSWORD}')`, PASSWORD],
    ]);
    probe.findsNothing(t, rule, [
      "{% if token or 'anonymous' %}",
      "{% set pwd = password or 'postgres' %}",
      "{% set pwd = password or 'changeme' %}",
      `{% set status = status or '${TOKEN}' %}`,
      `{% set token = token or '${TOKEN}' ~ suffix %}`,
      "select * from t where password_reset or 'Y'",
    ]);
  }
});

t.test("Jinja's default filter on a name", async (t) => {
  const probe = ruleProbe('macro_sql');
  probe.finds(t, 'raw-code', [
    [`{% set pwd = password | default('${PASSWORD}') %}`, PASSWORD],
    [`{{ config.db_password | d('${TOKEN}') }}`, TOKEN],
  ]);
  probe.findsNothing(t, 'raw-code', ["{{ token_count | default('0') }}", "{{ api_key | default('') }}", "{{ password | default('changeme') }}", "{{ password | default('Postgres') }}"]);
});
