/**
 * Red team 89: `--vars` recorded as YAML with a block scalar (`password: |`), a catalog stat whose id or label names a
 * secret's column, and one Mailgun key counted as two secrets (one id from its format, another from its name). Beside
 * each, the decoys that stay silent.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/types.js';
import { dbtJson, manifest, SCHEMA, tempDir } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

const vars = ruleProbe('vars');
const command = ruleProbe('invocation_command');
const PW = 'HTl0lpmv53#LxnBwdzg%L';

t.test("a YAML block scalar's value, or a plain value on the next line, under a secret's name in --vars", async (t) => {
  vars.finds(t, 'cli-vars', [
    [`target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n`, PW],
    [`snowflake_password: >-\n  ${PW}`, PW],
    [`a: 1\nsnowflake_password: |2+ # the loader's\n\n    ${PW}  \nb: 2\n`, PW],
    [`snowflake_password:\n  ${PW}\n`, PW],
    [`db:\n  password:\n    ${PW}\n  user: dbt\n`, PW],
  ]);
  command.finds(t, 'cli-vars', [
    [`dbt build --vars 'target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n'`, PW],
    [`dbt build --vars 'snowflake_password: |\n  ${PW}\n'`, PW],
  ]);
  vars.findsNothing(t, 'cli-vars', [
    // an empty block, a template, a placeholder, a word
    'snowflake_password: |\ntarget_db: ANALYTICS\n',
    "snowflake_password: |\n  {{ env_var('SF_PASSWORD') }}\n",
    'snowflake_password: |\n  <your-password>\n',
    'snowflake_password: >\n  changeme\n',
    // a block of several lines (a query, a note), a nested mapping, a list
    `snowflake_password: |\n  ${PW}\n  second line\n`,
    'snowflake_password:\n  user: dbt\n  role: loader\n',
    'snowflake_passwords:\n  - a\n  - b\n',
    // code after a colon: Python's blocks
    'except KeyError:\n    pass\n',
    'if not token:\n    continue\n',
  ]);
});
