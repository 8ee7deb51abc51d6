/**
 * Review 153's leftovers: a password after "is now" in prose (`The password is now Xk9…`); a literal fallback after `or`
 * in double quotes or after two spaces (`password or "…"`: the ` or '` keyword holds no `"`, which JSON escapes, so the
 * name's own keyword wakes it), after a subscript of a secret's name (`os.environ['SNOWFLAKE_PASSWORD'] or '…'`); Jinja's
 * default filter after a `.get()` of one (`config.get('password') | default('…')`). What prose goes on to say after "is
 * now" (`stored in Vault`) stays none, as does a comparison after the literal.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Xk9#mQ2vLp7w';

t.test('a password after "is now" in prose', async (t) => {
  const probe = ruleProbe('description');
  probe.finds(t, 'free-text', [
    [`The password is now ${PASSWORD} for the loader.`, PASSWORD],
    [`The service password is now ${PASSWORD}`, PASSWORD],
    [`Note: the warehouse password is now ${PASSWORD} (rotated on Monday)`, PASSWORD],
  ]);
  probe.findsNothing(t, 'free-text', [
    'The password is now stored in Vault.',
    'The token is now rotated every 90 days.',
    'The API key is now deprecated; use OAuth.',
    'The password is now required for every service account.',
  ]);
});

t.test('a fallback after `or` in double quotes, after two spaces, after a subscript; the default filter after .get()', async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.finds(t, 'compiled-code', [
    [`{% set pwd = password or "${PASSWORD}" %}`, PASSWORD],
    [`{% set pwd = password  or  '${PASSWORD}' %}`, PASSWORD],
    [`pw = os.environ['SNOWFLAKE_PASSWORD'] or '${PASSWORD}'`, PASSWORD],
    [`{{ config.get('password') | default('${PASSWORD}') }}`, PASSWORD],
    [`{{ target.get("api_key")|d("${PASSWORD}") }}`, PASSWORD],
  ]);
  probe.findsNothing(t, 'compiled-code', [
    `where has_password or "${PASSWORD}" = label`,
    `pw = os.environ['SNOWFLAKE_PASSWORD'] or ''`,
    `{{ config.get('password') | default('') }}`,
    `{{ config.get('materialized') | default('table') }}`,
  ]);
});
