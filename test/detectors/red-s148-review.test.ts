/**
 * Red team 148, a review of the last mends: a refused example is a textbook password with the whole note after it (a
 * note that goes on, or a generated password, is a secret still); an enum's constant is made of words
 * (`WINTER2024_SNOWFLAKE_ADMIN`, `XKQZPV_MWRTBN_LQJDHS9` are passwords); a name inside a literal has no value only where
 * code follows the quote after its `=` (`'user=app;password='Xk9…'` has one).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Xk9mQ2vL7pRz!';

t.test('what the last mends lost is found; what they meant to leave out stays out', async (t) => {
  const code = ruleProbe('compiled_code');
  code.finds(t, 'compiled-code', [
    [`-- password: ${PASSWORD} (example for the prod user, rotate it)`, PASSWORD],
    [`-- password: ${PASSWORD} (EXAMPLE — do not commit)`, PASSWORD],
    ["select json_build_object('api_key', 'WINTER2024_SNOWFLAKE_ADMIN')", 'WINTER2024_SNOWFLAKE_ADMIN'],
    ["select json_build_object('api_key', 'XKQZPV_MWRTBN_LQJDHS9')", 'XKQZPV_MWRTBN_LQJDHS9'],
    [`select 'user=app;password='${PASSWORD}'`, PASSWORD],
    [`select 'Server=db;Password='${PASSWORD}';'`, PASSWORD],
  ]);
  ruleProbe('message').finds(t, 'run-messages', [['password=Xk9#mQ2vL7pRz is forbidden for user analytics', 'Xk9#mQ2vL7pRz']]);
  ruleProbe('description').findsNothing(t, 'free-text', ['**Password:** `Summer2024!` (forbidden example)', 'password: Summer2024! is not allowed.']);
  code.findsNothing(t, 'compiled-code', ["select decode(f, 'PASSWORD', 'RSA_KEYPAIR') from t", "select instr(u,'token='),instr(u,'&') from p"]);
});
