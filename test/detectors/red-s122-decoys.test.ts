/**
 * Red team 122 (false positives in unit tests, compiled and run SQL, dbt.log, semantic_manifest.json and static pages: ~361
 * decoys, 42 findings): a unit test's textbook passwords as dbt compiles its rows (`try_cast('hunter2' as varchar) as
 * password`) and logs the query, compared in a data check (`where password = 'test123'`), in its rows written otherwise
 * (`correct horse battery staple`, `changeme123`, `abc123!@#`), overridden as a var (`db_password: postgres`), and a macro
 * override's quoted stub (`'not-a-secret'`). A generated password in the same places is still found.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { scan } from '../../src/engine/scan.js';
import { isTextbookPassword } from '../../src/detectors/person-made.js';
import { dbtJson, manifest, tempDir } from '../helpers.js';

const GENERATED = 'Xk9mPq2vLr7wNs4t';

t.test("a textbook password selected as a password's column, or compared in a condition: a fixture's", async (t) => {
  const code = ruleProbe('compiled_code');
  code.findsNothing(t, 'compiled-code', [
    "select try_cast('hunter2' as character varying(16777216)) as password",
    "select 'test123' as password union all select 'correct horse battery staple' as password",
    "select user_id from users where password = 'test123' or (x = 1)",
    "select * from u where password = 'hunter2'",
  ]);
  code.finds(t, 'compiled-code', [
    [`select try_cast('${GENERATED}' as varchar) as password`, GENERATED],
    [`select user_id from users where password = '${GENERATED}'`, GENERATED],
  ]);
});

t.test('textbook passwords written with spaces, a number or signs after them', async (t) => {
  for (const v of ['correct horse battery staple', 'Correct-Horse-Battery-Staple', 'changeme123', 'abc123!@#']) t.ok(isTextbookPassword(v), v);
  for (const v of [GENERATED, 'Maple-Falcon-61', 'abc123Xk9mPq2vLr']) t.notOk(isTextbookPassword(v), v);
});

t.test("a unit test's overridden vars and env vars are its fixture; a macro override's quoted stub is none", async (t) => {
  const unitTest = {
    unique_id: 'unit_test.p.users.t',
    name: 't',
    given: [{ input: "ref('raw_users')", rows: [{ id: 1, password: 'changeme123' }, { id: 2, password: 'correct horse battery staple' }] }],
    expect: { rows: [{ id: 1 }] },
    overrides: { vars: { db_password: 'postgres', admin_password: 'admin' }, env_vars: { SNOWFLAKE_PASSWORD: GENERATED }, macros: { get_api_secret: "'not-a-secret'" } },
  };
  const dir = tempDir();
  const file = path.join(dir, 'manifest.json');
  writeFileSync(file, dbtJson(manifest({ unit_tests: { [unitTest.unique_id]: unitTest } })));
  for (const stream of [false, true]) {
    const found = scan({ paths: [file], stream, jobs: 1 }).findings.map((f) => f.jsonPath);
    t.same(found, [`$.unit_tests['unit_test.p.users.t'].overrides.env_vars.SNOWFLAKE_PASSWORD`], `only the generated password${stream ? ', streamed' : ''}`);
  }
});
