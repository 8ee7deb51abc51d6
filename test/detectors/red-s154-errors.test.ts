/**
 * Red team 154 (drivers' error texts in run results, sources and dbt.log): MySQL's 1064 quotes the statement it stopped
 * at, so a password's literal there has a quote before its keyword and two after it (`near 'IDENTIFIED BY 'M7y…'' at
 * line 1`). A literal after a quote elsewhere stays none (`select 'password' 'x'`).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'M7y$qlR00t!x';

t.test("MySQL's syntax error quotes the statement: the password literal in it", async (t) => {
  for (const [key, rule] of [['message', 'run-messages'], ['error', 'run-messages']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'IDENTIFIED BY '${PASSWORD}'' at line 1`, PASSWORD],
      [`near 'PASSWORD '${PASSWORD}' FAILED_LOGIN_ATTEMPTS 3' at line 1`, PASSWORD],
    ]);
    probe.findsNothing(t, rule, ["select 'password' 'Xk9mQ2vLp7wR'", "where kind = 'identified by' 'Xk9mQ2vLp7wR'"]);
  }
});
