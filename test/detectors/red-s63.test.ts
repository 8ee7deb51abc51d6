/**
 * Session 60's first set (red team 63: artifacts of dbt run by Airflow with Cosmos, Dagster, Prefect, dbt Cloud, GitHub
 * Actions, GitLab CI and Meltano on Kubernetes). Missed: an AWS secret %-encoded in an Airflow connection URI with no
 * host (`aws://<id>:<secret>@/?region_name=…`), an unquoted password with `-` or `%` after IDENTIFIED BY in a CREATE
 * USER statement, a Samsara API token (a format of its own now). Cut short: a password holding `\"` inside a double-
 * quoted value (`--vars {"warehouse_password": "Qz4i\"O4iG"}` in a command line), read as JSON escaped into a string;
 * a value in a repr'd string whose lines are escaped (`"loader_password: …\npartner_feeds:…"`), read on through the
 * `\n` and named `nloader_password`.
 */
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';
import { ruleProbe } from './rule-probe.js';

t.test("an Airflow connection URI's password, %-encoded, with no host after the @", async (t) => {
  const id = 'AKIAKG22C7JSL34GWYIH';
  const secret = 'GTd7Fguo%2FV8FWnFbB0Jx%2BXujr4qqaaABvvLOzAxzXM';
  const env = ruleProbe('AIRFLOW_CONN_AWS_LOGS');
  t.same(env.found(`aws://${id}:${secret}@/?region_name=eu-west-1`, 'env-metadata'), [id, secret]);
  t.same(env.found(`aws://${id}:${secret}@`, 'env-metadata'), [id, secret], 'nothing after the @');
  // a bucket's region where a password would be, and a placeholder, are still none
  const uri = ruleProbe('AIRFLOW_CONN_S3');
  uri.findsNothing(t, 'env-metadata', ['s3://acme-lake:eu-west-1@/?endpoint_url=http://minio:9000', 'aws://AKIAIOSFODNN7EXAMPLE:<secret>@/?region_name=eu-west-1']);
});

t.test('an unquoted password with - or % after IDENTIFIED BY, in a statement that creates or alters the user', async (t) => {
  const sql = ruleProbe('compiled_code');
  sql.finds(t, 'compiled-code', [
    ['CREATE USER lake_ro IDENTIFIED BY loader-Maple-86; GRANT SELECT ON exports TO lake_ro;', 'loader-Maple-86'],
    ['alter user etl identified by Lantern-Walrus-25%\nalter user etl account unlock;', 'Lantern-Walrus-25%'],
    ["{% call statement('u') %}create user app_ro identified by app-ro-2024 default tablespace users;{% endcall %}", 'app-ro-2024'],
    ['"""Partner export. DBA created: CREATE USER lake_ro IDENTIFIED BY loader-Lantern-86; GRANT SELECT ON exports TO lake_ro;"""', 'loader-Lantern-86'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    'We create user records identified by user-id-42 in the CRM.',
    'CREATE USER loader IDENTIFIED BY &pw_1;',
    "CREATE USER loader IDENTIFIED BY {{ var('loader_pw') }};",
    'CREATE USER bob IDENTIFIED BY pass-word;',
  ]);
  ruleProbe('description').findsNothing(t, 'free-text', ['Alter user accounts identified by email-2 first, then merge.']);
});

const rules = compileRules();
/** The matches `rule` reports in `text` under `key`: each one's span and the secret it names. */
function matches(rule: string, key: string, text: string) {
  const set = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === rule)]!;
  return (detectValue(rules, set, text, () => ({ key })) ?? []).map((m) => ({ text: text.slice(m.start, m.end), secret: m.secret ?? text.slice(m.start, m.end) }));
}

t.test('a password with \\" and \\\\ inside double quotes: read whole, its secret unescaped', async (t) => {
  const written = String.raw`Qz4iUJU\"O4iG\\8Hg;!`;
  const password = 'Qz4iUJU"O4iG\\8Hg;!';
  const command = `dbt build --select fqn:* --target prod --vars {"warehouse_password": "${written}", "min_date": "2025-03-01"}`;
  t.same(matches('cli-vars', 'invocation_command', command), [{ text: written, secret: password }]);
  t.same(matches('run-messages', 'msg', `Running dbt command: \`${command}\``), [{ text: written, secret: password }], "an orchestrator's log line");
  // JSON escaped into a string as a whole still reads its values
  t.same(matches('cli-vars', 'invocation_command', String.raw`dbt run --vars {\"warehouse_password\": \"Qz4iUJUO4iG8Hg;!\"}`), [{ text: 'Qz4iUJUO4iG8Hg;!', secret: 'Qz4iUJUO4iG8Hg;!' }]);
  // an even run of backslashes ends the value at its quote
  t.same(matches('cli-vars', 'invocation_command', String.raw`dbt run --vars {"warehouse_password": "Qz4iUJU-O4iG8Hg\\", "x": "y"}`), [{ text: String.raw`Qz4iUJU-O4iG8Hg\\`, secret: 'Qz4iUJU-O4iG8Hg\\' }]);
});

t.test("values in a repr'd string whose line breaks are escaped: each ends at its \\n, named without the n", async (t) => {
  const log = String.raw`['/usr/local/airflow/dbt_venv/bin/dbt', 'build', '--vars', "alert_channel_id: CWMVFMXT6JL\nloader_password: dagster-Tundra-28\npartner_feeds:\n- api_key: 7MkDgguOjE9oU3pl6Y2KBtDLAwahFyYC\n  name: acme_wholesale\n", '--target', 'prod']`;
  t.same(
    matches('run-messages', 'msg', log).map((m) => m.text),
    ['dagster-Tundra-28', '7MkDgguOjE9oU3pl6Y2KBtDLAwahFyYC'],
  );
  const probe = ruleProbe('msg');
  probe.finds(t, 'run-messages', [[String.raw`vars: "run_date: 2025-03-01\tapi_token: Xk29fLmQ8zzTqW4pLs7e\r\n"`, 'Xk29fLmQ8zzTqW4pLs7e']]);
});

t.test("a PEM key an Airflow task log wrote line by line, each behind the log's prefix: found from BEGIN to END", async (t) => {
  const prefix = '[2025-03-01, 06:00:02 UTC] {subprocess.py:93} INFO - ';
  const body = ['MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDevywTnRgiRD2E', '9AfX89xH2zOcfIIll2bUzxrn/xcA6Ry6K4pSZXNzqbdr5i358fO9jbncDuHtVL8w', 'IOXkXncc2HIMQ9QwOQ89ga6pQIShqDCPwxoeh9zHuedDEYD1hbltln3M6Xp86Gp8', 'qcM2l9Bv0XkT5dWJ3rYh8sQ1fNz6LpE4aUoKc7RmVtG2yHiDbF9wSxA0jNePZg=='];
  const key = ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].join('\n');
  const log = [`${prefix}Running snowflake setup`, `${prefix}  secret_string = '-----BEGIN PRIVATE KEY-----`, ...body.map((l) => prefix + l), `${prefix}-----END PRIVATE KEY-----'`, `${prefix}done`].join('\n');
  const found = matches('run-messages', 'msg', log);
  t.equal(found.length, 1);
  t.ok(found[0]!.text.startsWith('-----BEGIN PRIVATE KEY-----\n[2025-03-01') && found[0]!.text.endsWith('-----END PRIVATE KEY-----'), 'the span: from the BEGIN marker to the END marker');
  t.equal(found[0]!.secret, key, 'the secret: the key without the prefixes');
  // lines that are no key's body (a prefix, then prose) and a block with no END are none
  ruleProbe('msg').findsNothing(t, 'run-messages', [
    [`${prefix}-----BEGIN PRIVATE KEY-----`, `${prefix}(redacted by the operator)`, `${prefix}-----END PRIVATE KEY-----`].join('\n'),
    [`${prefix}-----BEGIN PRIVATE KEY-----`, ...body.slice(0, 2).map((l) => prefix + l), `${prefix}Traceback (most recent call last):`].join('\n'),
  ]);
});

t.test("GitLab's runner short token (the first eight characters it prints in every job log) is no secret's name", async (t) => {
  ruleProbe('CI_RUNNER_SHORT_TOKEN').findsNothing(t, 'env-metadata', ['wDx9Kq2E', 'gR7mZ3pL']);
  ruleProbe('CI_JOB_TOKEN').finds(t, 'env-metadata', [['glcbt-64_xZ9mQ2wL7pR4vN8sK3tB', 'glcbt-64_xZ9mQ2wL7pR4vN8sK3tB']]);
});
