/**
 * Red team 91: the line after a secret's name (a YAML block, red team 89's reading for --vars) is read wherever an
 * assignment is, and there one line of SQL, code or a note was taken for the secret; a password that begins with `!` and
 * holds a space was taken for a YAML tag and a variable's name; a tag before a path or SOPS's ciphertext, and OLE DB's
 * `Provider=…` after another script's label, were taken for secrets. Beside each, what is still found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const vars = ruleProbe('vars');
const command = ruleProbe('invocation_command');
const prose = ruleProbe('description');
const code = ruleProbe('compiled_code');
const message = ruleProbe('msg');
const meta = ruleProbe('password');
const PW = 'HTl0lpmv53#LxnBwdzg%L';

t.test('the line after a name is a secret in a secret\'s shape only: one line of SQL, code or a word is not', async (t) => {
  vars.findsNothing(t, 'cli-vars', [
    'api_key: |\n  select key from vendor_keys limit 1\n',
    'password: >-\n  SELECT password FROM users WHERE id=1\n',
    "token: |\n  return os.environ['TOKEN']\n",
    'token:\n  Deprecated.\n',
    'password: |\n  Hashed with bcrypt before load\n',
  ]);
  command.findsNothing(t, 'cli-vars', ["dbt run --vars 'token: >\n  The API token used by the Fivetran connector.\n'"]);
  prose.findsNothing(t, 'free-text', ["token: |\n  return os.environ['TOKEN']\n", 'password: >-\n  SELECT password FROM users WHERE id=1\n', 'token:\n  Deprecated.\n']);
  code.findsNothing(t, 'compiled-code', ['/*\napi_key: |\n  select key from vendor_keys limit 1\n*/\nselect 1']);
  message.findsNothing(t, 'run-messages', ['Received vars:\ntoken:\n  Deprecated.\n', "Received vars:\ntoken: |\n  return os.environ['TOKEN']\n"]);
  // still found: red team 89's, in both places, and a generated or a memorable password on its own line
  vars.finds(t, 'cli-vars', [
    [`target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n`, PW],
    [`snowflake_password:\n  ${PW}\n`, PW],
    ['db_password:\n  7em8TeyiPGVzEKh7D3\n', '7em8TeyiPGVzEKh7D3'],
    ['password: |\n  harbor-marble-6501\n', 'harbor-marble-6501'],
  ]);
  command.finds(t, 'cli-vars', [
    [`dbt build --vars 'target_db: ANALYTICS\nsnowflake_password: |\n  ${PW}\n'`, PW],
    // both cases and a symbol, no digit: a generator's, as after a command's flag
    ['dbt run --vars "api_token: |+\n  UsQVcVuVNs#dGdwXN\n" --target prod', 'UsQVcVuVNs#dGdwXN'],
  ]);
  prose.finds(t, 'free-text', [[`password: >-\n  ${PW}\n`, PW]]);
});

t.test("a YAML tag is one case of letters, and what it reads a variable's name in words or a path", async (t) => {
  // passwords that begin with `!` and hold a space: the first word is no tag
  meta.finds(t, 'config-meta', [
    ['!Tiger42 ROAR', '!Tiger42 ROAR'],
    ['!Bluezq sky_42', '!Bluezq sky_42'],
    ['!Hunter5 OK', '!Hunter5 OK'],
    ['!wdssdN od4xty', '!wdssdN od4xty'],
    // a word and a number is no variable's name, after a tag either
    ['!var sky_42', '!var sky_42'],
  ]);
  meta.findsNothing(t, 'config-meta', [
    '!var sky_blue',
    '!var PASSWORD',
    '!secret SF_PW',
    '!var vendor.api_key',
    '!include secrets.yml',
    // a path (SSM's, a mounted secret's, Secrets Manager's name) or SOPS's ciphertext after the tag
    '!ssm /prod/dbt/password',
    '!file /run/secrets/pw',
    '!aws_secret prod/dbt/snowflake',
    '!decrypt ENC[AES256_GCM,data:abc,type:str]',
  ]);
});

t.test("OLE DB's Provider= after another script's label is the connection string's first setting", async (t) => {
  prose.findsNothing(t, 'free-text', [
    '令牌: Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;Password=${DB_PASSWORD};',
    '비밀번호: Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;Password=#{SqlPassword}#;',
  ]);
  prose.finds(t, 'free-text', [['パスワード: Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;Password=zrdUXc7AZDapku8;', 'zrdUXc7AZDapku8']]);
});
