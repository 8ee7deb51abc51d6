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
  { label: "a column's name after a word's closing quote", text: "select 'password=changeme'col_1,'x'col_2 from t", secrets: [] },
  // (red team 109: a generator's run, then a quote and letters)
  { label: 'letters after a quote, a generator before it', text: "06:00:01 [debug] DB_PASSWORD=Xk9mLp2Q'abcdefgh ok", secrets: ["Xk9mLp2Q'abcdefgh"] },
  { label: 'a symbol and letters after a quote', text: "06:00:01 [debug] DB_PASSWORD=7xQ!pL2'mNbVcX", secrets: ["7xQ!pL2'mNbVcX"] },
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
  { label: "a pre-release as Python writes it", text: 'pkg://ci@acme.com:1.9.0rc1@pypi.org, pkg://ci@acme.com:2.0.0b1@pypi.org, pkg://ci@acme.com:1.0.0_beta@pypi.org', secrets: [] },
  { label: 'a name after an address (a list)', text: 'https://alice@acme.com:Alice.Smith@acme.com', secrets: [] },
  { label: 'lower case and digits, a digit first: a password', text: 'trino://alice@acme.com:3kf9x2m8qz7w@trino.acme.io:443', secrets: ['3kf9x2m8qz7w'] },
  // (red team 109: a passphrase, a version with a random tail)
  { label: 'a passphrase of four words', text: 'trino://alice@acme.com:tingle-oxford-hangar-plural@trino.acme.io:443', secrets: ['tingle-oxford-hangar-plural'] },
  { label: 'a version with a random tail', text: 'trino://alice@acme.com:1.0.0-Xk9mLp2QzAb@trino.acme.io:443', secrets: ['1.0.0-Xk9mLp2QzAb'] },
]);

t.test("a password for a system: that system's settings are none", async (t) => {
  const settings = ['smtp.acme.com', 'smtp.gmail.com:587', 'pg.acme.internal:5432', 'ldaps://ldap.acme.com:636', 'scram-sha-256', 'SCRAM-SHA-256', 'RDS_IAM', 'COMPUTE_WH', 'TRANSFORMING', 'AWS_SECRETS_MANAGER', 'auth', 'localhost', 'C:\\Users\\runner\\snowflake', 'pg_hba.conf', 'Port=587', 'Redis@6.2'];
  for (const key of ['PASSWORD_SMTP', 'PASSWORD_DB', 'PWD_POSTGRES']) ruleProbe(key).findsNothing(t, 'env-metadata', settings);
  for (const key of ['password_smtp', 'pwd_mssql']) ruleProbe(key).findsNothing(t, 'config-meta', settings);
  // …and passwords are still found: a weak one under an environment variable's name, a generated one under a config's key
  // (red team 109: passwords in shapes near a setting's)
  const passwords = ['letmein7', 'Summer.2024', 'Admin@123', 'Summer@2024', 'Summer:2024', 'WELCOME_2024', 'P4ss_w0rd_Xy', 'Kq8w3nz7x2pd.dQ', 'Summer2024.io', 'Xk9\\mLp2Qz!', 'Xk9=mLp2Qz!'];
  ruleProbe('PWD_DB').finds(t, 'env-metadata', passwords.map((p) => [p, p] as const));
  ruleProbe('password_db').finds(t, 'config-meta', [['WzkP9HyV8oj4!2', 'WzkP9HyV8oj4!2'], ['Admin@123', 'Admin@123']]);
  // ten letters and digits under a config's key are as often a build's or a schema's name
  ruleProbe('password_db').findsNothing(t, 'config-meta', ['build20241130', 'v1234567890', 'rotation90days', 'postgres16main']);
});
