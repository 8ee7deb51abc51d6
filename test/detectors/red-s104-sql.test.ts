/**
 * Red team 104 (and red team 100's freshness filter): values that look like credentials and are not. A literal a
 * secret-named column is compared with by `<>`, `!=` or `not in (…)` is the value a filter leaves out (a load batch's
 * hash, a browser's write key), and was reported as the column's secret by sql-password and password-assignment.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PW = 'Zq8kLm2vX9pgT4wRb6';
const HASH = 'ad96c0b2f6aed63445dd7da4607a4b93';
const STRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

t.test("a filter's inequality leaves its literal out", async (t) => {
  const { findsNothing } = ruleProbe('compiled_code');
  findsNothing(t, 'compiled-code', [
    `select * from t where _loader_token <> '${HASH}'`,
    "select * from t where newrelic_browser_license_key != 'NRJS-bcabe3034b89461030e'",
    "select * from t where segment_write_key != 'Y7kYCkSarWpNKAv4aO5F7E4Vr8eRsoTr'",
    `select * from t where token not in ('${PW}', '${HASH}')`,
    `select * from t where "api_key" not in (N'${PW}')`,
    `select * from t where api_key not like '${PW}'`,
    `select * from t where password <> '${PW}'`,
    `select * from t where password != "${PW}"`,
  ]);
  ruleProbe('filter').findsNothing(t, 'free-text', [`_sdc_batched_at > '2020-01-01' and _loader_token <> '${HASH}'`]);
});

t.test('equality and a list lookup still read the literal as the secret; a known format is found anywhere', async (t) => {
  const { finds } = ruleProbe('compiled_code');
  finds(t, 'compiled-code', [
    [`select * from users where password = '${PW}'`, PW],
    [`select * from t where api_key in ('${PW}')`, PW],
    [`select * from t where s.token in ('', '${PW}')`, PW],
    [`create user etl password '${PW}'`, PW],
    [`select * from t where api_key <> '${STRIPE}'`, STRIPE],
    [`select * from t where token not in ('${STRIPE}')`, STRIPE],
  ]);
  ruleProbe('filter').finds(t, 'free-text', [[`_sdc_batched_at > '2020-01-01' and _loader_token = '${PW}'`, PW]]);
});
