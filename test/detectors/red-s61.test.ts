/**
 * Session 59's third set (red team 61: artifacts of every schema version, one-line, CRLF, a BOM, non-ASCII before the
 * secrets; every position checked against the file). Missed: a generated password of 24 letters that drew no digit,
 * unquoted after `password=` in a libpq conninfo (read as an identifier). (Its position finding, a BOM's offset, is
 * tested in test/engine/positions.test.ts and test/redact.test.ts.)
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const sql = ruleProbe('compiled_code');
const conninfo = (password: string) => `select * from dblink('host=db user=etl password=${password} dbname=x', 'select 1')`;

t.test('a generated password of letters alone, unquoted, is a password; a name written there is none', async (t) => {
  for (const password of ['woSCiNKlREXncxoagFLGpaQw', 'QmTzKvLpRbXwNcYd']) sql.finds(t, 'compiled-code', [[conninfo(password), password]]);
  for (const name of ['snowflakePassword', 'HTTPServerPassword', 'DB_PASSWORD', 'self.password', 'WAREHOUSEPASSWORDPROD', 'accessTokenFromVault']) {
    sql.findsNothing(t, 'compiled-code', [conninfo(name)]);
  }
});
