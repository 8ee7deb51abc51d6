/**
 * Red team 62's prose and code misses, regenerated in session 61: a keyed hash's key given as a literal (Python's
 * `hmac.new(b"…")` in a Python model, Trino's `hmac_sha256(payload, '…')` in a macro and in the error that echoes it,
 * Node's `createHmac('sha256', '…')`), a secret flag and its value as words of a command's list
 * (`subprocess.run(["sync", "--api-key", "…"])`), and a command's `--key …` in a runbook line.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const KEY = 'Qm7vR2xK9pL4wT8nZ3cY6hJ1bF5dG0sA';

t.test("a keyed hash's key given as a literal", async (t) => {
  const code = ruleProbe('raw_code');
  code.finds(t, 'raw-code', [
    [`sig = hmac.new("${KEY}".encode(), payload, hashlib.sha256).hexdigest()`, KEY],
    [`sig = hmac.new(b'${KEY}', payload, hashlib.sha256)`, KEY],
    [`sig = hmac.digest(bytes("${KEY}", "utf-8"), body, "sha256")`, KEY],
    [`h = HMAC.new(key=b"${KEY}", digestmod=SHA256)`, KEY],
    [`const sig = crypto.createHmac('sha256', '${KEY}').update(body).digest('hex')`, KEY],
  ]);
  ruleProbe('macro_sql').finds(t, 'raw-code', [
    [`{% macro sign() %}\n  select hmac_sha256(payload, '${KEY}') as signature from raw.webhooks\n{% endmacro %}`, KEY],
    [`select to_hex(hmac_sha512(to_utf8(body), to_utf8('${KEY}'))) from raw.events`, KEY],
  ]);
  ruleProbe('message').finds(t, 'run-messages', [[`Runtime Error\n  signature mismatch computing hmac_sha256(payload, '${KEY}')`, KEY]]);
  // the key from a variable, the environment or dbt, and a sample key of a few letters, are none
  code.findsNothing(t, 'raw-code', [
    'sig = hmac.new(key, payload, hashlib.sha256)',
    'sig = hmac.new(os.environ["WEBHOOK_KEY"].encode(), payload, hashlib.sha256)',
    "hmac.new(b'key', b'The quick brown fox', hashlib.md5)",
    "sig = hmac.new('{{ env_var(\"SIGNING_KEY\") }}'.encode(), payload, hashlib.sha256)",
    'select hmac_sha256(payload, signing_key) from raw.webhooks',
    "select hmac_sha256(payload, '<signing key>') from raw.webhooks",
  ]);
});

t.test("a secret flag's value as the next word of a command's list", async (t) => {
  const code = ruleProbe('raw_code');
  code.finds(t, 'raw-code', [
    [`subprocess.run(["sync", "--api-key", "${KEY}"], check=True)`, KEY],
    ['subprocess.run(["loader", "--password", "Tr0ub4dor-Sky-88", "--user", "etl"])', 'Tr0ub4dor-Sky-88'],
    [`cmd = ["sync", "--key", "${KEY}"]`, KEY],
  ]);
  code.findsNothing(t, 'raw-code', [
    // a bucket's object key, a column as a sort key, a variable, a placeholder, a file that holds the password
    'subprocess.run(["aws", "s3api", "get-object", "--key", "exports/Daily2024Jan01Orders.parquet", "out.parquet"])',
    'args = ["--token", token, "--key", "order_id"]',
    'subprocess.run(["loader", "--password", "{{ env_var(\'PW\') }}"])',
    'subprocess.run(["loader", "--password-file", "/run/secrets/loader_pw"])',
  ]);
});

t.test("a command's --key flag in a runbook line: a token's value only", async (t) => {
  const text = ruleProbe('description');
  text.finds(t, 'free-text', [
    [`Loaded by \`python sync.py --since 2024-01-01 --key ${KEY}\` from api.example.io; re-run it after an outage.`, KEY],
    [`re-run sync.py --key=${KEY} to reload`, KEY],
    ['Loaded by `python sync.py --key md-Xk3R9vLq2NpW7tYb5Zc8Ha` from mandrillapp.com.', 'md-Xk3R9vLq2NpW7tYb5Zc8Ha'],
  ]);
  text.findsNothing(t, 'free-text', [
    'aws s3api get-object --bucket raw --key exports/2024/01/orders.parquet out.parquet',
    'mc cp --key s3/lake/backups/Daily2024Jan01.tar.gz .',
    'use --key order_id to dedupe the rows',
    'sort the file with --key OrderDate2024Q1Final first',
    'the --key flag names the object',
  ]);
});
