/**
 * Red team 108, against this session's widenings: a quote inside a bare value is the password's only after a generator's
 * run (a digit in it), never a contraction's or a possessive's (`password=Can''t reset`, `secret=Bob's`); a password for a
 * system (`PASSWORD_SMTP`, `password_mysql`) is not that system's setting (a host, a method, a warehouse); after an
 * e-mail address as a URL's user, a name, a word in capitals or a version is no password.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { checkDetector as check } from './detector-cases.js';
import { ruleProbe } from './rule-probe.js';

check(assignmentDetector, [
  // contractions and possessives after a secret's name: the word before the quote is no password of a generator
  { label: 'a contraction in a SQL literal', text: "select 'password=Can''t reset online, ask IT' as note", secrets: [] },
  { label: "a possessive's doubled quote", text: "select 'token=Jenkins''s build token' as note", secrets: [] },
  { label: 'a possessive on a log line', text: '06:00:01 [info ] secret=Bob\'s', secrets: [] },
  { label: 'a contraction on a log line', text: "06:00:01 [info ] password=wasn't set", secrets: [] },
  { label: 'a redaction marker with a suffix', text: "06:00:01 [info ] password=REDACTED'ed", secrets: [] },
  { label: 'a word after the closing quote', text: "select 'host=pg password=Hq7tYv3kLm9x'as conn_str", secrets: ['Hq7tYv3kLm9x'] },
  // a generator's password with quotes in it, read whole
  { label: 'several single quotes', text: "06:00:01 [debug] DB_PASSWORD=Zx9a'Yw8b'Vu7c'Ts6d ok", secrets: ["Zx9a'Yw8b'Vu7c'Ts6d"] },
  { label: "ODBC's pair ends at its ;", text: "06:00:01 [debug] Driver={ODBC Driver 18};Server=db;Uid=etl;Pwd=Ab3'dE5fG7hJ;Encrypt=yes", secrets: ["Ab3'dE5fG7hJ"] },
  { label: 'a doubled quote where the literal ends', text: "select dblink_connect('dbname=crm password=Xk9''fLm2Qp7v')", secrets: ["Xk9''fLm2Qp7v"] },
  { label: 'two doubled quotes', text: "execute immediate 'alter user loader identified by x password=Nq2''Wx7''Zk4Hj';", secrets: ["Nq2''Wx7''Zk4Hj"] },
]);

check(urlPasswordDetector, [
  { label: 'a capitalised word after an address', text: 'xmpp://support@acme.com:Chat@conference.acme.com', secrets: [] },
  { label: 'a word in capitals after an address', text: 'git://ci@acme.com:HEAD@git.acme.com', secrets: [] },
  { label: 'a version with its v after an address', text: 'pkg://dbt-labs@getdbt.com:v1.9.0@pypi.org', secrets: [] },
  { label: 'a pre-release after an address', text: 'pkg://dbt-labs@getdbt.com:1.0.0-RC1@pypi.org', secrets: [] },
  { label: 'a name after an address (a list)', text: 'https://alice@acme.com:Alice.Smith@acme.com', secrets: [] },
  { label: 'lower case and digits, a digit first: a password', text: 'trino://alice@acme.com:3kf9x2m8qz7w@trino.acme.io:443', secrets: ['3kf9x2m8qz7w'] },
]);

t.test("a password for a system: that system's settings are none", async (t) => {
  const settings = ['smtp.acme.com', 'smtp.gmail.com:587', 'pg.acme.internal:5432', 'ldaps://ldap.acme.com:636', 'scram-sha-256', 'SCRAM-SHA-256', 'RDS_IAM', 'COMPUTE_WH', 'TRANSFORMING', 'AWS_SECRETS_MANAGER', 'auth', 'localhost', 'C:\\Users\\runner\\snowflake', 'pg_hba.conf', 'AzureKeyVault:db-pw-1', 'Port=587', 'Redis@6.2', 'SQL_Latin1_General_CP1_CI_AS'];
  for (const key of ['PASSWORD_SMTP', 'PASSWORD_DB', 'PWD_POSTGRES']) ruleProbe(key).findsNothing(t, 'env-metadata', settings);
  for (const key of ['password_smtp', 'pwd_mssql']) ruleProbe(key).findsNothing(t, 'config-meta', settings);
  // …and passwords are still found: a weak one under an environment variable's name, a generated one under a config's key
  ruleProbe('PWD_DB').finds(t, 'env-metadata', [['letmein7', 'letmein7'], ['Summer.2024', 'Summer.2024']]);
  ruleProbe('password_db').finds(t, 'config-meta', [['kq8w3nz7x2pd', 'kq8w3nz7x2pd'], ['WzkP9HyV8oj4!2', 'WzkP9HyV8oj4!2']]);
});
