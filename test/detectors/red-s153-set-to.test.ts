/**
 * Review 153's leftover (session 82): a password's name, a copula and a setting's verb before the value (`The password is
 * set to Xk9…!`, `was changed to …`): the value follows `to`. What the sentence goes on to say (`is set to expire`, `is
 * set to a random value`, `is reset to the default`) stays none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('a value after is set to / was changed to, in each place a note is written', async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      ['The password is set to Xk9mQ2vLp7wR!', 'Xk9mQ2vLp7wR!'],
      ["The password is set to 'Xk9mQ2vLp7wR!'", 'Xk9mQ2vLp7wR!'],
      ['-- the password was changed to Tr0pic-Thunder-42', 'Tr0pic-Thunder-42'],
    ]);
    probe.findsNothing(t, rule, ['The password is set to expire every 90 days.', 'The password is set to a random value by Terraform.', 'The token is set to null', 'The password is reset to the default']);
  }
});
