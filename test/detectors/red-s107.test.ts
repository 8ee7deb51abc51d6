/**
 * Red teams 106 and 107: a password's word before the system it is for. In an environment variable's name
 * (`DBT_ENV_CUSTOM_ENV_PWD_DB`, metadata.env's `PWD_DB`) it names a password, a weak one too, as `DB_PWD` does. In a
 * config's key (`password_mysql`, `pwd_smtp`) it as often names a setting of that system's passwords: the value counts
 * only when it reads as a generated password, not a host, a URL, a file's or a warehouse's name, a method.
 */
import t, { type Test } from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const GENERATED = 'xhGTSv6NR2Fm-9';

t.test("an environment variable's name: the password for a system, a weak one too", async (t) => {
  for (const key of ['PWD_DB', 'PASSWORD_SNOWFLAKE', 'PASSWD_SMTP', 'PWD_REDSHIFT_PROD']) {
    ruleProbe(key).finds(t, 'env-metadata', [['letmein7', 'letmein7'], [GENERATED, GENERATED]]);
  }
  // a system after a word that names no password stays no name
  for (const key of ['TOKEN_DB', 'PASS_DB', 'PASSWORD_POLICY_DB']) ruleProbe(key).findsNothing(t, 'env-metadata', ['letmein7']);
});

/** Under each of `keys` in a config, a generated password is found; under each setting's key, its value is not. */
function generatedOnly(t: Test, keys: readonly string[], settings: readonly (readonly [string, string])[]): void {
  for (const key of keys) ruleProbe(key).finds(t, 'config-meta', [[GENERATED, GENERATED], ['WzkP9HyV8oj4!2', 'WzkP9HyV8oj4!2']]);
  for (const [key, value] of settings) ruleProbe(key).findsNothing(t, 'config-meta', [value]);
}

t.test("a config's key: a generated password only", async (t) => {
  // red team 107's decoys: each system's settings under such a name
  generatedOnly(t, ['password_mysql', 'pwd_smtp', 'passwordSnowflake', 'password_dw'], [
    ['pwd_smtp', 'smtp.acme.com'],
    ['password_ftp', 'ftp.acme.com'],
    ['password_ldap', 'ldaps://ldap.acme.com:636'],
    ['password_mongo', 'mongodb+srv://cluster0.ab1cd.mongodb.net'],
    ['password_redis', 'redis://cache.acme.io:6379/0'],
    ['password_pg', 'pg_hba.conf'],
    ['password_database', 'auth'],
    ['password_trino', 'ldap'],
    ['password_warehouse', 'COMPUTE_WH'],
    ['password_dwh', '1Password: Data/Warehouse'],
    ['password_db', 'letmein7'],
  ]);
});

t.test("a config's key of `pass` or `pw` before a system (red team 111): a generated password only, as after password", async (t) => {
  generatedOnly(t, ['pass_ftp', 'pw_redis', 'passSnowflake', 'PW_mysql'], [
    ['pass_ftp', 'ftp.acme.com'],
    ['pw_redis', 'redis://cache.acme.io:6379/0'],
    ['pw_ldap', 'required'],
    ['pass_db', 'true'],
    ['pass_smtp', 'letmein7'],
  ]);
  // a system first, then the word: a password's name already (db_pass); another word before a system stays none
  for (const key of ['pass_through_db', 'bypass_db', 'compass_ftp']) ruleProbe(key).findsNothing(t, 'config-meta', [GENERATED]);
});

t.test("a single quote inside a bare value, or a SQL literal's doubled one, is the password's (red team 107: redact left its tail)", async (t) => {
  const spans = (text: string) => assignmentDetector.detect(text, { key: undefined }).map((m) => ({ span: text.slice(m.start, m.end), secret: m.secret ?? text.slice(m.start, m.end) }));
  t.same(spans("06:00:01 [debug] env: DB_PASSWORD=4ybKe4'huno3t-9"), [{ span: "4ybKe4'huno3t-9", secret: "4ybKe4'huno3t-9" }], 'on a log line');
  t.same(spans("06:00:01 [debug] env: DB_PASSWORD=4ybKe4'huno3t-9 DB_USER=etl"), [{ span: "4ybKe4'huno3t-9", secret: "4ybKe4'huno3t-9" }], 'a pair after it');
  t.same(spans("select dblink_connect('host=db.acme.io user=etl password=aAEaZ''D3yA5uA*9 sslmode=require')"), [{ span: "aAEaZ''D3yA5uA*9", secret: "aAEaZ'D3yA5uA*9" }], "libpq's pairs in a SQL literal: the doubled quote is one");
  // a quote that closes the string the value is in, or opens another
  t.same(spans("conn = 'host=db password=Zq8vLm2xRt9' as c"), [{ span: 'Zq8vLm2xRt9', secret: 'Zq8vLm2xRt9' }], 'the closing quote');
  t.same(spans("x = {'password=abc9Zq8vLm': 'y'}"), [{ span: 'abc9Zq8vLm', secret: 'abc9Zq8vLm' }], "a dict's key");
  t.same(spans("where c = 'password=Zq8vLm2x'||'rest'"), [{ span: 'Zq8vLm2x', secret: 'Zq8vLm2x' }], 'a concatenation');
});
