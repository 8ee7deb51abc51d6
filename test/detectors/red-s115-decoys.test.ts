/**
 * Red team 115: values that sit where a secret would and are none. A state's word or an erasure's mark that a model
 * compares a secret's column to or writes over it (`where password = 'SSO_ONLY'`, `set password = 'GDPR_ERASED'`); a
 * fixture's textbook passwords (`hunter2`, `P@ssw0rd`); a tutorial's connection URL (a host reserved for examples, a
 * password made of its user's name, a vendor's documented sample, anonymous FTP); a JWT stub whose signature no
 * algorithm makes. What is a secret beside each stays found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { manifest, scanArtifact } from '../helpers.js';

// made up for this test
const GENERATED = 'Xk29!ab_Qz7w';

t.test("a state's word or an erasure's mark under a secret's name is none; a password beside it is one", async (t) => {
  const sql = ruleProbe('compiled_code');
  sql.findsNothing(t, 'compiled-code', [
    "select user_id from users where password = 'SSO_ONLY'",
    "select * from users where not(token = 'magic-link' or token_hash is not null)",
    "select * from users where api_token = 'ZENDESK_OAUTH' and password = 'PASSWORD_RESET'",
    "select * from users where auth_method = 'x' and password = 'google-oauth2'",
    "select * from users where secret_key = 'LEGACY_KEY_V1' or password = 'ROTATED_2024_05'",
    "update users set password = 'GDPR_ERASED' where erased_at is not null",
    "select user_id, 'anonymized' as password, 'PII_REMOVED' as api_token from users",
    "select * from users where password = 'auth0|legacy'",
  ]);
  sql.finds(t, 'compiled-code', [
    [`select * from users where password = '${GENERATED}'`, GENERATED],
    ["alter user loader set password = 'WELCOME_2024'", 'WELCOME_2024'],
    ["update users set password = 'Summer2024!' where id = 1", 'Summer2024!'],
  ]);
  // the same under a key of a config
  ruleProbe('warehouse_password').findsNothing(t, 'config-meta', ['SSO_ONLY', 'NOLOGIN', 'GDPR_ERASED', 'ServiceAccount', 'GoogleOAuth2', 'NICHT_GESETZT', 'AUTHENTIFICATION_SSO', 'ninguna']);
  ruleProbe('warehouse_password').finds(t, 'config-meta', [['Google2024', 'Google2024'], ['WELCOME_2024', 'WELCOME_2024']]);
});

t.test("a tutorial's connection URL is a sample; a password to a real host stays a secret", async (t) => {
  const docs = ruleProbe('block_contents');
  docs.findsNothing(t, 'free-text', [
    'connect with `postgresql://alice:s3cret@db.example.com/analytics`',
    'or `postgresql://user:pa55w0rd@example.org:5432/dw`, `mysql://etl:password123@mysql.staging.test/dw`',
    'locally: `postgresql://dbt:dbt_password@localhost:5432/dbt`, `postgresql://airflow:airflow_pw@db/airflow`, `postgresql://dbt:dbtpass123@postgres/dbt`',
    "the image's default: `postgresql://postgres:mysecretpassword@localhost:5432/postgres`",
    'SQL Server: `mssql+pyodbc://sa:YourStrong!Passw0rd@localhost:1433/master`',
    'ClickHouse: `clickhouse://default:clickhouse@localhost:8123`',
    'NOAA data: `ftp://anonymous:guest@ftp.ncbi.nlm.nih.gov/genomes/`',
  ]);
  docs.finds(t, 'free-text', [
    ['`postgresql://dbt_user:Sup3rS3cret!@localhost:5432/analytics`', 'Sup3rS3cret!'],
    ['`postgresql://user:pass123@warehouse.acme.internal/dw`', 'pass123'],
    ['`postgresql://dbt:Kq8vLm2TzW@db.example.io/dw`', 'Kq8vLm2TzW'],
    // a generated password at a host reserved for examples: what tests and fixtures plant
    ['`postgresql://loader:Kq8vLm2TzW@db.example.com/dw`', 'Kq8vLm2TzW'],
    ['`mysql://etl:Kq8vLm2T@mysql.staging.test/dw`', 'Kq8vLm2T'],
    ['`ftp://exports:Rt6!Xn2kPq@ftp.acme.io/daily`', 'Rt6!Xn2kPq'],
  ]);
});

t.test("a fixture's textbook passwords are its test data; a real one, a token, a JWT with a signature stay secrets", async (t) => {
  const textbook = ['hunter2', 'P@ssw0rd', 'letmein', 'Summer2024!', 'Welcome1!', 'supersecret', 'Aa1!Aa1!Aa1!', 'qwerty12'];
  const jwtStub = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc';
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Zq8vLm2PzR7tWn4Kc9Yb3Hd6Jf1Gs5AeQx8vLm2PzR7';
  const rows = [...textbook.map((password, id) => ({ id, password })), { id: 90, password: 'Maple-Falcon-61' }, { id: 91, password: GENERATED }, { id: 92, access_token: jwtStub }, { id: 93, access_token: jwt }];
  const { findings } = scanArtifact(manifest({ unit_tests: { 'unit_test.a.users.t': { given: [{ input: "ref('stg_users')", rows, format: 'dict' }] } } }));
  const rowsFound = findings.map((f) => Number(/rows\[(\d+)\]/.exec(f.jsonPath)?.[1])).sort((a, b) => a - b);
  t.same(rowsFound, [8, 9, 11], "a password manager's words, a generated password and a signed JWT");
});
