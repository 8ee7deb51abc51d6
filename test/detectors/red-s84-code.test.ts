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

t.test("the value of --string-value after databricks secrets put-secret (or put) is a secret", async (t) => {
  prose.finds(t, 'free-text', [
    ["Seed it once: `databricks secrets put-secret analytics erp-password --string-value 'Saffron#Cobalt7423'`.", 'Saffron#Cobalt7423'],
    ['databricks secrets put --scope analytics --key erp-password --string-value "Lantern#Quartz5521"', 'Lantern#Quartz5521'],
    ['databricks secrets put-secret analytics api-token --string-value dapi8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d', 'dapi8f3b2c1d4e5f6a7b8c9d0e1f2a3b4c5d'],
  ]);
  sql.finds(t, 'compiled-code', [["-- databricks secrets put-secret etl sftp --string-value 'Harbor!Mint8831'\nselect 1", 'Harbor!Mint8831']]);
  prose.findsNothing(t, 'free-text', [
    'databricks secrets put-secret analytics erp-password --string-value "$ERP_PASSWORD"',
    'databricks secrets put-secret analytics erp-password --string-value <password>',
    'databricks secrets put-secret analytics erp-password (it prompts for the value; --string-value puts it in your shell history)',
    'databricks secrets list-secrets analytics --string-value Saffron#Cobalt7423',
    'mytool config set --string-value Saffron#Cobalt7423',
    'aws ssm put-parameter --name /etl/label --string-value Release#2024Q3',
  ]);
});
