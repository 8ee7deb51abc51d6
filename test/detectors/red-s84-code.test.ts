/**
 * Red team 84's misses in code, command lines and names: requests' auth tuple in a docs block, the Databricks CLI's
 * `--string-value`, a Vault AppRole's secret_id, a user and password under an *_AUTH variable, a URL's query key after a
 * Jinja expression in its path, and a password procedure's argument echoed in dbt.log. Beside each, the decoys of the
 * same form that stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const sql = ruleProbe('compiled_code');
const macro = ruleProbe('macro_sql');
const log = ruleProbe('message');

t.test("the second of an auth=(user, password) tuple in a docs block's code is a password", async (t) => {
  prose.finds(t, 'free-text', [
    ['Quick check:\n\n```python\nrequests.get(\'https://partner.orbit.io/v1/health\', auth=("orbit", "OJcaODN3femUgQ$Vr2"), timeout=5)\n```\n', 'OJcaODN3femUgQ$Vr2'],
    ["httpx.get(url, auth=('svc_dbt', 'Tq7#mWz2pLx9'))", 'Tq7#mWz2pLx9'],
    ['session.auth = HTTPBasicAuth("svc", "Kx9!mQ2wLp")', 'Kx9!mQ2wLp'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'requests.get(url, auth=("user", "password"))',
    'requests.get(url, auth=(user, password))',
    'requests.get(url, auth=("orbit", os.environ["ORBIT_PASSWORD"]))',
    'requests.get(url, auth=("orbit", "<your-password>"))',
    'requests.get(url, auth=("orbit", "********"))',
    'requests.get(url, auth=("api", ""))',
    'Cited in (Smith, "2019") and the author=("Jones", "2021") note',
    'spark.conf.set("spark.sql.shuffle.partitions", "200")',
    'os.environ["DB_PASSWORD"] = "changeme"',
  ]);
});
