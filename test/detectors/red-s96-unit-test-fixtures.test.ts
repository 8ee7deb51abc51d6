/**
 * Red team 96: dbt renders a unit test's fixture rows (get_fixture_sql, dbt-adapters) as `safe_cast(<literal>, <type>) as
 * <column>`: `cast('…' as character varying(256)) as password` (Postgres, Redshift), `try_cast('…' as character
 * varying(16777216)) as api_key` (Snowflake), `safe_cast('…' as STRING) as client_secret` (BigQuery). The literal read
 * through the cast was found only where another keyword woke the detector (a bare `'…' as password` in the same SQL):
 * the cast's own `' as ` now wakes it when the name after the cast holds a secret's word. Nulls, empty strings, columns,
 * placeholders and names of no secret stay silent.
 */
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { dbtJson, runResults, tempDir } from '../helpers.js';
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
