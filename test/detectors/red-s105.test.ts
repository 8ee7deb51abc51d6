/**
 * Red team 105: what this session's earlier mends silenced or reported wrongly. Each case names the exact secret, or none;
 * the values are made up for these tests.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const PW = 'Vq4#nZ8tLw2pXk7m';
const HASH = 'ad96c0b2f6aed63445dd7da4607a4b93';

t.test("code's `!=` in a condition: the literal a secret is checked against is that secret", async (t) => {
  const { finds, findsNothing } = ruleProbe('compiled_code');
  finds(t, 'compiled-code', [
    [`def model(dbt, session):\n    password = os.environ.get('PARTNER_SFTP_PASSWORD', '')\n    if password != '${PW}':\n        raise ValueError('wrong')`, PW],
    [`    elif api_secret != "${PW}":`, PW],
    [`    while token != '${PW}' and retries < 3:`, PW],
  ]);
  // SQL's filters stay silent: a clause's `!=`, `<>` and `not in`; SQL's IF( function; a SQL string an `if` runs
  findsNothing(t, 'compiled-code', [
    `select * from t where _loader_token <> '${HASH}'`,
    `select * from t where segment_write_key != 'Y7kYCkSarWpNKAv4aO5F7E4Vr8eRsoTr'`,
    `select * from t where token not in ('${PW}')`,
    `select if(api_key != '${PW}', 1, 0) as k from t`,
    `if full_refresh: rows = session.sql("select * from t where password != '${PW}'")`,
  ]);
  ruleProbe('filter').findsNothing(t, 'free-text', [`_sdc_batched_at > '2020-01-01' and _loader_token != '${HASH}'`]);
  ruleProbe('msg').finds(t, 'run-messages', [[`15:02:11      assert api_secret != '${PW}', 'default api secret still in use'`, PW]]);
});
