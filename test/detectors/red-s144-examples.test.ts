/**
 * Red teams 141 and 144: a password policy's refused example is no password (`**Password:** \`Summer2024!\` (forbidden
 * example)`, `… is not allowed`); an old password written in SQL's quotes after "was" is one (`-- old password was
 * '…'`), as in backticks or double quotes.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Xk9mQ2vL7pRz';

t.test("a policy's refused example is none; a password beside another note is one", async (t) => {
  const probe = ruleProbe('description');
  probe.findsNothing(t, 'free-text', ['**Password:** `Summer2024!` (forbidden example)', 'Password: `Summer2024!` (bad example)', 'e.g. password: `Summer2024!` is not allowed', 'password: Winter2025! would be rejected']);
  probe.finds(t, 'free-text', [[`**Password:** \`${PASSWORD}\` (prod)`, PASSWORD], [`password: ${PASSWORD} (rotate yearly)`, PASSWORD]]);
});

t.test("an old password in SQL's quotes after 'was'", async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[`-- old password was '${PASSWORD}'`, PASSWORD], [`-- password was '${PASSWORD}'`, PASSWORD], [`-- the old password was ${PASSWORD}`, PASSWORD]]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', ["-- the password was 'rotated on 2024-01-01'", "-- password was 'changed'"]);
});
