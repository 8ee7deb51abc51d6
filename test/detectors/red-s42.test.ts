/**
 * Session 42's red team (44th round): a SQL literal whose quote is written twice was cut at it (and
 * `redact` kept the rest), a connection string's pairs with spaces around `=` and a name in mixed case
 * were not read, nor Snowflake's dollar-quoted password; Datadog's browser client token was taken for
 * a secret. Each case names the exact secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { isRealSecretValue } from '../../src/detectors/key-names.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { checkDetector as check } from './detector-cases.js';

// SQL (and YAML's single-quoted scalars) write a quote of the value twice: the literal goes on to its closing quote
check(sqlCredentialDetector, [
  { label: 'create role … password', text: "create role etl_writer login password 'fobLXl''6Fn27MEM';", secrets: ["fobLXl''6Fn27MEM"] },
  { label: 'two doubled quotes', text: "alter user x password 'ab''''cdefgh12' valid until 'infinity'", secrets: ["ab''''cdefgh12"] },
  { label: 'a typed declaration', text: "declare @pwd nvarchar(50) = 'Xk9''mQ2vLp7z';", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'a literal selected as a secret', text: "select 'Xk9''mQ2vLp7z' as db_password", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'a literal compared with a secret', text: "where api_key <> 'Xk9''mQ2vLp7z'", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'the second literal of an in list', text: "where password <> '' and token in ('', 'Xk9''mQ2vLp7z')", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "a literal given to a setting's name", text: "select set_config('api_token', 'Xk9''mQ2vLp7z', false)", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "ClickHouse's postgresql() password", text: "select * from postgresql('pg:5432', 'db', 't', 'etl', 'Xk9''mQ2vLp7z')", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'an empty literal and a sentence stay silent', text: "select '' as password, 'it''s' as note where token <> ''", secrets: [] },
]);

check(assignmentDetector, [
  { label: 'SQL SET with a doubled quote', text: "set db_password = 'Xk9''mQ2vLp7z';", secrets: ["Xk9''mQ2vLp7z"] },
  { label: "YAML's single-quoted scalar", text: "db_password: 'Xk9''mQ2vLp7z'\nschema: raw", secrets: ["Xk9''mQ2vLp7z"] },
  { label: 'an empty value then another literal', text: "password = '' and x = 'abcdefgh12'", secrets: [] },
]);

// ODBC and ADO.NET let spaces stand around `=` and read names in any case
check(assignmentDetector, [
  {
    label: "an ODBC string's spaced, mixed-case PWD",
    text: 'DRIVER={ODBC Driver 18 for SQL Server};SERVER=erp.acme.local;UID = erp_ro ; pWd = xYJn7vRdFDWyr0I.Pn ;',
    secrets: ['xYJn7vRdFDWyr0I.Pn'],
  },
  { label: "an ADO.NET string's spaced Password, a dot in it", text: "conn = 'Data Source=erp;user id=dbt_reader;PASSWORD  =  zEvVqBTl39p9e7M.hD;'", secrets: ['zEvVqBTl39p9e7M.hD'] },
  { label: 'code after a statement stays silent', text: 'let a = 1; token = getTokenValue(); x = y;', secrets: [] },
  { label: 'a variable after a statement stays silent', text: 'x = 1; password = pw_from_env;', secrets: [] },
  { label: "a for loop's condition stays silent", text: 'for (i = 0; token = next(i); i++) {}', secrets: [] },
  { label: 'a column after a statement stays silent', text: 'a=b; password = src.password;', secrets: [] },
  { label: 'a spaced pair not after another stays silent', text: 'then pWd = xYJn7vRdFDWyr0I.Pn ;', secrets: [] },
]);

// Snowflake's and PostgreSQL's dollar quotes
check(assignmentDetector, [
  { label: "Snowflake's dollar-quoted password", text: 'alter user LOADER_SVC set password = $$msgUKM5AIhoKjd^w7d$$;', secrets: ['msgUKM5AIhoKjd^w7d'] },
  { label: "Make's escaped dollar before a variable", text: 'password = $${DB_PASSWORD}', secrets: [] },
  { label: 'an unclosed dollar quote', text: 'password = $$msgUKM5AIhoKjd^w7d', secrets: [] },
  { label: 'a function body', text: 'create function f() returns text as $$ select 1 $$; token = $$ select 2 $$', secrets: [] },
]);

t.test("Datadog's browser client token is public by design", async (t) => {
  t.notOk(isRealSecretValue('pub1f2e3d4c5b6a79881726354a5b6c7d8e', 'clientToken'), 'pub and 32 hex');
  t.ok(isRealSecretValue('1f2e3d4c5b6a79881726354a5b6c7d8e', 'clientToken'), 'without pub: a key');
  t.same(assignmentDetector.detect('DD_RUM.init({clientToken: "pub1f2e3d4c5b6a79881726354a5b6c7d8e", site: "datadoghq.eu"})', { key: undefined }), [], 'in a page');
});
