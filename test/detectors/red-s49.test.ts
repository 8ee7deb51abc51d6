/**
 * Session 49: what red team 58 (credentials in the SQL of many warehouses, in compiled code, hooks, macros and run
 * results) missed. An option whose name ends in `_password` (Db2's `REMOTE_PASSWORD '…'` of a user mapping);
 * Materialize's `CREATE SECRET name AS '…'`; the key of an encryption call (`pgp_sym_decrypt(col, '…')`, MySQL's
 * `AES_DECRYPT(col, UNHEX(SHA2('…', 512)))`, Snowflake's `DECRYPT(value, '…')`, T-SQL's `DECRYPTBYPASSPHRASE('…', col)`);
 * and the new password of `sp_password 'old', 'new'`. Each case names the exact secret found, or that nothing is.
 */
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';

const rules = compileRules();
const compiledSet = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === 'compiled-code')]!;

/** What the compiled-code rule finds in `sql` (its keyword search and anchors included): each match's text. */
function found(sql: string): string[] {
  return (detectValue(rules, compiledSet, sql, () => ({ key: 'compiled_code' })) ?? []).map((m) => `${m.detectorId}:${sql.slice(m.start, m.end)}`);
}

const PW = 'Xk9vQ2mLp7Rt';

t.test("an option named for a password (`REMOTE_PASSWORD '…'`) is a password's literal; a hash's name is not", async (t) => {
  t.same(found(`CREATE USER MAPPING FOR etl SERVER db2_src OPTIONS (REMOTE_AUTHID 'db2inst1', REMOTE_PASSWORD '${PW}')`), [`sql-password:${PW}`]);
  t.same(found(`alter server s options (set master_password '${PW}')`), [`sql-password:${PW}`], 'MASTER_PASSWORD');
  for (const name of ['hashed_password', 'encrypted_password', 'md5_password', 'sha256_password']) {
    t.same(found(`insert into users (name, ${name}) select 'etl', x from t where ${name} '${PW}'`), [], `${name} names no password`);
  }
});

t.test("Materialize's CREATE SECRET … AS: the secret's value, with IF NOT EXISTS and over a line break", async (t) => {
  t.same(found(`CREATE SECRET pgpass AS '${PW}'`), [`sql-password:${PW}`]);
  t.same(found(`create secret if not exists kafka_sasl_password as\n  '${PW}';`), [`sql-password:${PW}`]);
  t.same(found(`CREATE SECRET pgpass AS '{{ env_var("PG_PASS") }}'`), [], 'a template');
  t.same(found("CREATE SECRET pgpass AS '<password>'"), [], 'a placeholder');
  t.same(found('the secret value as a string is never logged'), [], 'prose');
});

t.test('the key of an encryption call, a literal or one a hash or decode call wraps', async (t) => {
  for (const [sql, secret] of [
    [`select pgp_sym_decrypt(ssn_enc, '${PW}') as ssn from raw.customers_pii`, PW],
    [`select pgp_sym_encrypt_bytea(doc, '${PW}', 'cipher-algo=aes256') from t`, PW],
    [`SELECT AES_DECRYPT(card_enc, UNHEX(SHA2('${PW}', 512))) AS card FROM pay.cards;`, PW],
    [`select decrypt(to_binary(ssn_enc, 'HEX'), '${PW}') as ssn from pii.customers`, PW],
    [`select encrypt(payload::bytea, '${PW}', 'aes') from t`, PW],
    [`select try_aes_decrypt(unbase64(c), '${PW}', 'GCM') from t`, PW],
    [`select DecryptByPassPhrase('${PW}', col) from t`, PW],
  ] as const) {
    t.same(found(sql), [`sql-password:${secret}`], sql.slice(0, 40));
  }
  for (const sql of [
    // read at run time, not written here
    "select pgp_sym_decrypt(ssn_enc, current_setting('app.pii_key')) from t",
    "select pgp_sym_decrypt(ssn_enc, {{ var('pii_key') }}) from t",
    'select pgp_sym_decrypt(ssn_enc, :key) from t',
    // documentation's keys and placeholders
    "select aes_decrypt(unbase64(col), '0000111122223333') from t",
    "select aes_encrypt(col, 'abcdefghijklmnop') from t",
    "select pgp_sym_decrypt(ssn_enc, 'your-key-here') from t",
    "select decrypt(col, '<passphrase>') from t",
    // the cipher, not the key
    "select encrypt(col, 'AES', 'pkcs') from t",
    // prose
    'bcrypt password_hash of the user, salted; compared on login, never decrypted (at rest).',
  ]) {
    t.same(found(sql), [], sql.slice(0, 48));
  }
});

t.test("sp_password's old and new passwords", async (t) => {
  t.same(found(`exec sp_password 'Old9vQ2mLp7Rt', '${PW}', 'etl'`), ['sql-password:Old9vQ2mLp7Rt', `sql-password:${PW}`]);
  t.same(found("exec sp_password NULL, '<new password>', 'etl'"), [], 'a placeholder');
});

t.test("Hive's beeline: the password after -p, not a variable or the file -w names", async (t) => {
  const messages = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === 'run-messages')]!;
  const inMessage = (text: string) => (detectValue(rules, messages, text, () => ({ key: 'message' })) ?? []).map((m) => `${m.detectorId}:${text.slice(m.start, m.end)}`);
  t.same(inMessage(`Error: beeline -u jdbc:hive2://hs2:10000/default -n etl -p ${PW} -f load.hql returned 2`), [`cli-password-flag:${PW}`]);
  t.same(inMessage('beeline -u jdbc:hive2://h:10000 -n etl -p $HIVE_PASSWORD -f x.hql'), [], 'a variable');
  t.same(inMessage('beeline -u jdbc:hive2://h:10000 -n etl -w /etc/hive/pw.txt'), [], 'a password file');
});

t.test("Db2's CONNECT … USER … USING and Teradata BTEQ's .LOGON, as an error echoes them", async (t) => {
  const messages = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === 'run-messages')]!;
  const inMessage = (text: string) => (detectValue(rules, messages, text, () => ({ key: 'message' })) ?? []).map((m) => `${m.detectorId}:${text.slice(m.start, m.end)}`);
  t.same(inMessage(`SQL30082N Security processing failed.\n statement: CONNECT TO SAMPLE USER db2inst1 USING ${PW}`), [`cli-password-flag:${PW}`]);
  t.same(inMessage(`db2 connect to sample user db2inst1 using '${PW}'`), [`cli-password-flag:${PW}`], 'quoted');
  t.same(inMessage(`Failure 8017 The UserId, Password or Account is invalid.\n .LOGON tdprod/etl_user,${PW};`), [`cli-password-flag:${PW}`]);
  for (const text of [
    'EXEC SQL CONNECT TO :db USER :u USING :p;',
    'connect to db user etl using $DB2_PASSWORD',
    'we connect to the warehouse user table using dbt',
    '.logon tdprod/etl_user',
    '.logon tdprod/etl_user,$TD_PASSWORD;',
    'see the .logon command, then the user',
  ]) {
    t.same(inMessage(text), [], text);
  }
});

t.test("red team 59: a Python triple-quoted string after a password's name, and an API key as a URL's user with no password", async (t) => {
  const value = 'EjansmkI~KDEhT=HjqA_p';
  t.same(found(`conn = {\n    'password': """${value}""",\n}`), [`password-assignment:${value}`], 'a dict entry');
  t.same(found(`password = '''${value}'''`), [`password-assignment:${value}`], 'single quotes');
  t.same(found("password = '''\nmulti-line docstring\n'''"), [], 'a string over lines');
  t.same(found('password = """changeme"""'), [], 'a placeholder');
  const key = 'c1a67c11926348ddbda1ecebc1f0d4f7';
  t.same(found(`x = requests.get("https://${key}:@api.vendor.example.com/v1/accounts")`), [`url-password:${key}`]);
  for (const url of ['https://x-access-token:@github.com/acme/repo', 'https://oauth2:@gitlab.com/a/b', 'https://username_placeholder_1:@host.example.com']) {
    t.same(found(`git clone ${url}`), [], url);
  }
});
