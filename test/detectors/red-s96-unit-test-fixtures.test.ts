/**
 * Red team 96: dbt renders a unit test's fixture rows (get_fixture_sql, dbt-adapters) as `safe_cast(<literal>, <type>) as
 * <column>`: `cast('…' as character varying(256)) as password` (Postgres, Redshift), `try_cast('…' as character
 * varying(16777216)) as api_key` (Snowflake), `safe_cast('…' as STRING) as client_secret` (BigQuery). The literal read
 * through the cast was found only where another keyword woke the detector (a bare `'…' as password` in the same SQL):
 * the cast's own `' as ` now wakes it when the name after the cast holds a secret's word. Nulls, empty strings, columns,
 * placeholders and names of no secret stay silent. A failing unit test's diff table (below) is read by its header.
 */
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, runResults, tempDir } from '../helpers.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { checkDetector as check } from './detector-cases.js';
import { ruleProbe } from './rule-probe.js';

const sql = ruleProbe('compiled_code');
const fixture = (columns: string) => `with __dbt__cte__users as (\n-- Fixture for stg_app_users\nselect ${columns}\n)\nselect user_id, password is not null as has_password from __dbt__cte__users`;

t.test("a fixture's literal cast by each adapter, then named as a secret, is found in the unit test's compiled SQL", async (t) => {
  sql.finds(t, 'compiled-code', [
    [fixture("cast(101 as integer) as user_id, cast('Pelican-Falcon-47&' as character varying(256)) as password"), 'Pelican-Falcon-47&'],
    [fixture("cast(101 as integer) as user_id, try_cast('y3tn5KZqjrboKikArADqxOvPUaJj37g9TIdBBhim' as character varying(16777216)) as api_key"), 'y3tn5KZqjrboKikArADqxOvPUaJj37g9TIdBBhim'],
    [fixture("try_cast('y3tn5KZqjrboKikArADqxOvPUaJj37g9TIdBBhim' as varchar) as api_key"), 'y3tn5KZqjrboKikArADqxOvPUaJj37g9TIdBBhim'],
    [fixture("safe_cast(101 as INT64) as user_id, safe_cast('Gq8~vN3rTz5#pLw2' as STRING) as client_secret"), 'Gq8~vN3rTz5#pLw2'],
    [fixture("cast('Gq8~vN3rTz5#pLw2' as string) as client_secret"), 'Gq8~vN3rTz5#pLw2'],
    [fixture("cast('Pelican-Falcon-47&' as nvarchar(max)) as password"), 'Pelican-Falcon-47&'],
    [fixture("cast('Pelican-Falcon-47&' as text) as db_password"), 'Pelican-Falcon-47&'],
  ]);
});

t.test('a null, an empty string, a column, a placeholder or a name of no secret, cast, stays silent', async (t) => {
  sql.findsNothing(t, 'compiled-code', [
    fixture('cast(101 as integer) as user_id, cast(null as character varying(256)) as password'),
    fixture("cast(101 as integer) as user_id, cast('' as character varying(256)) as password"),
    fixture('cast(password_hash as varchar) as password'),
    fixture("cast('REDACTED' as varchar) as password"),
    fixture("try_cast('<your-api-key>' as varchar) as api_key"),
    fixture("cast('abc123XYZ' as varchar) as customer_code"),
    fixture("cast('2024-01-01' as date) as created_at, cast('Pelican-Falcon-47&' as varchar) as nickname"),
  ]);
});

t.test("a unit test's compiled code in run_results, read in memory and streamed", async (t) => {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const results = [
    { unique_id: 'unit_test.p.stg_app_users.test_login_flags', status: 'pass', compiled_code: fixture("cast(101 as integer) as user_id, try_cast('Pelican-Falcon-47&' as varchar) as password") },
    { unique_id: 'unit_test.p.stg_app_users.test_null', status: 'pass', compiled_code: fixture("cast(101 as integer) as user_id, try_cast('abc123XYZ' as varchar) as customer_code") },
  ];
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ results })));
  for (const stream of [false, true]) {
    const found = scan({ paths: [dir], stream, jobs: 1 }).findings.filter((f) => f.detectorId === 'sql-password');
    t.same(found.map((f) => f.jsonPath), ['$.results[0].compiled_code'], `${stream ? 'streamed' : 'in memory'}: the password only`);
  }
});

/**
 * A failing unit test's message (and dbt.log) prints daff's diff table: a header `@@ ,col ,…` naming the columns, then a
 * row a line after its action (`+++`, `---`, `→`). A cell under a secret's name is judged as a Markdown table's is.
 */
const diff = (table: string) => `\nactual differs from expected:\n\n${table}\n`;

check(assignmentDetector, [
  {
    label: 'an added and a removed row, the password under its column',
    text: diff('@@ ,user_id ,has_password ,password\n+++ ,101     ,true         ,Pelican-Falcon-47&\n--- ,101     ,false        ,'),
    secrets: ['Pelican-Falcon-47&'],
  },
  {
    label: "a modified row: the secret column's cell unchanged, another's old→new",
    text: diff('@@ ,key_id ,needs_rotation ,aws_secret_access_key\n→  ,k1     ,true→false   ,q3Vd8LmZ0tXk7RbN2wYh5Jc9PfGs4Ue1Ai6KoT+B'),
    secrets: ['q3Vd8LmZ0tXk7RbN2wYh5Jc9PfGs4Ue1Ai6KoT+B'],
  },
  {
    label: "a modified secret: its old and its new value, padded",
    text: diff('@@ ,id ,api_token\n+++ ,1  ,Xb7#kQ2!vLp9Rt4w\n→  ,2  ,Mz4$Wq8@nRv2Lk7p→Hd5%Tj3&cYx8Nq1s'),
    secrets: ['Xb7#kQ2!vLp9Rt4w', 'Mz4$Wq8@nRv2Lk7p', 'Hd5%Tj3&cYx8Nq1s'],
  },
  {
    label: 'booleans, hashes, placeholders and a column of no secret stay silent',
    text: diff(
      '@@ ,has_password ,password_hash                                                ,password ,customer_code\n' +
        '+++ ,true         ,$2b$12$KIXQJ9p3bq0Ck5nGZt6mUu5Vx9sR1oJ8eT4yW7aL2cF6dH0gB3iK ,REDACTED ,abc123XYZ-77\n' +
        '--- ,false        ,                                                             ,         ,abc123XYZ-78',
    ),
    secrets: [],
  },
  { label: "a line after the table that is not a row is not read", text: diff('@@ ,id ,password\n+++ ,1  ,x\n\nid ,password\n1 ,Pelican-Falcon-47&'), secrets: [] },
  { label: "git's hunk header and T-SQL's @@ROWCOUNT are no table", text: '@@ -1,3 +1,4 @@ password\nselect @@ROWCOUNT, password from t', secrets: [] },
]);

t.test("a failing unit test's diff table in run_results' message and in dbt.log", async (t) => {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const message = diff('@@ ,user_id ,has_password ,password\n+++ ,101     ,true         ,Pelican-Falcon-47&\n--- ,101     ,false        ,');
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({ results: [{ unique_id: 'unit_test.p.stg_users.test_login_flags', status: 'fail', message }] })));
  for (const stream of [false, true]) {
    const found = scan({ paths: [dir], stream, jobs: 1 }).findings.filter((f) => f.detectorId === 'password-assignment');
    t.same(found.map((f) => f.jsonPath), ['$.results[0].message'], `${stream ? 'streamed' : 'in memory'}: the password`);
  }
  const logs = path.join(tempDir(), 'logs');
  mkdirSync(logs);
  writeFileSync(path.join(logs, 'dbt.log'), `10:15:42.123456 [error] [Thread-1 (]: Failure in unit_test test_login_flags (models/staging/_unit_tests.yml)\n10:15:42.123789 [error] [Thread-1 (]:   ${message}\n10:15:42.2 [info ] [MainThread]: Done.\n`);
  const logged = scan({ paths: [logs], jobs: 1 }).findings.filter((f) => f.detectorId === 'password-assignment');
  t.equal(logged.length, 1, 'dbt.log: the password');
});
