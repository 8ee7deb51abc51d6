/**
 * Red team 86's misses: Oracle's `user/password@alias` in a log line and a description, Teradata's logon string under a
 * `*_LOGON` variable, SQL's `SET password_for_remote = …`, a `*_pat` name in a Python model's config dict, and a password
 * that ends in two dots of its own. Beside each, the decoys of the same shape that stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const header = ruleProbe('sql_header');

t.test("SQL's SET of a setting named PASSWORD_FOR_…, in any case: its literal", async (t) => {
  header.finds(t, 'config-meta', [
    ["SET password_for_remote = 'AQ7SYx3xawh.1k+iR%';", 'AQ7SYx3xawh.1k+iR%'],
    ["set Password_Of_Loader = 'AQ7SYx3xawh.1k+iR%';", 'AQ7SYx3xawh.1k+iR%'],
  ]);
  header.findsNothing(t, 'config-meta', [
    "SET password_hash = 'AQ7SYx3xawh.1k+iR%';",
    "SET password_policy = 'strict_policy_v2';",
    'SET password_min_length = 12;',
    "SET token_for_pagination = 'AQ7SYx3xawh1kiRq';",
  ]);
});
