/**
 * Red team 103: a token written as a URL's user with a password that says so (GitHub's documented
 * `https://<token>:x-oauth-basic@github.com`, the same for Azure DevOps tokens, `:x@`) had the public word reported as
 * the password, so two tokens had one secret id, and the preview printed the token as the URL's user in every format.
 */
import t from 'tap';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { ruleProbe } from './rule-probe.js';

const HEX_TOKEN = '5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29';
const AZURE_TOKEN = 'q7lm2xv9rk4nw8yc3hd6tb1zs5pj0fa2ge4ku6oi8wm1nx3cv5bq7';

t.test('the user is the key where the password says so', async (t) => {
  ruleProbe('message').finds(t, 'run-messages', [
    [`Executing "git clone https://${HEX_TOKEN}:x-oauth-basic@github.com/acme/dbt-internal.git"`, HEX_TOKEN],
    [`git clone https://${HEX_TOKEN}:x@github.com/acme/dbt-internal.git`, HEX_TOKEN],
    [`git clone https://${AZURE_TOKEN}:x-oauth-basic@dev.azure.com/acme/data/_git/dbt`, AZURE_TOKEN],
    [`curl -s https://${AZURE_TOKEN}:api_token@api.track.toggl.com/api/v9/me`, AZURE_TOKEN],
  ]);
});

t.test('a name as the user, or a placeholder, is no key; the public word is no password', async (t) => {
  ruleProbe('message').findsNothing(t, 'run-messages', [
    'git clone https://git:x-oauth-basic@github.com/acme/dbt-internal.git',
    'git clone https://dbt-deploy-bot:x-oauth-basic@github.com/acme/dbt-internal.git',
    'git clone https://<your-token>:x-oauth-basic@github.com/acme/dbt-internal.git',
    'git clone https://YOUR_GITHUB_TOKEN_GOES_HERE:x-oauth-basic@github.com/acme/dbt.git',
    'git clone https://${GITHUB_TOKEN}:x-oauth-basic@github.com/acme/dbt.git',
    // `x` also shortens a password in an example: after it, a name with an id in it is a name (red team 105)
    'error cloning https://deploy-1a2b3c4d5e6f7a8b9c0d:x@git.acme.io/analytics/dbt-pkg.git: fatal: Authentication failed',
  ]);
});

t.test('a DSN with no password, or a placeholder for it, is no secret; a real password in one is', async (t) => {
  const probe = ruleProbe('message');
  probe.findsNothing(t, 'run-messages', [
    'DPY-6005: cannot connect to database (CONNECTION_ID=Kp2vQ==); dsn=athena_fed@oracle-erp.acme.internal:1521/ERPPDB1',
    'DPY-4011; dsn=athena_fed/<redacted>@oracle-erp.acme.internal:1521/ERPPDB1',
    'DPY-4011; dsn=athena_fed/<password>@//oracle-erp.acme.internal:1521/ERPPDB1',
    'DPY-4011; dsn=athena_fed@//oracle-erp.acme.internal:1521/ERPPDB1',
    // an empty password (red team 105; its placeholders in red-s105)
    'DPY-4011; dsn=athena_fed/@oracle-erp.acme.internal:1521/ERPPDB1',
  ]);
  probe.finds(t, 'run-messages', [
    ['DPY-4011; dsn=etl/K8s#pW2x9Lq@db:1521/SVC', 'K8s#pW2x9Lq'],
    ['DPY-4011; dsn=etl/K8s#pW2x9Lq@oracle-erp.acme.internal:1521/ERPPDB1', 'K8s#pW2x9Lq'],
  ]);
  t.same(secretKeyNameDetector.detect('athena_fed@oracle-erp.acme.internal:1521/ERPPDB1', { key: 'ORACLE_DSN' }), []);
  t.equal(secretKeyNameDetector.detect('etl/K8s#pW2x9Lq@oracle-erp.acme.internal:1521/ERPPDB1', { key: 'ORACLE_DSN' }).length, 1);
});

t.test("a generated password after a secret's name and a spaced = mid-line is found, symbols and all", async (t) => {
  const probe = ruleProbe('message');
  const value = (symbol: string) => `Wq8vLm2xRt${symbol}9zKp4nBc7dFg1h`;
  probe.finds(t, 'run-messages', [
    ...['^', '*', '!', '%', '&', '$', '@', '?', '#'].map((symbol) => [`[debug] [MainThread]: password = ${value(symbol)}`, value(symbol)] as const),
    [`[debug] [MainThread]: db_password = ${value('#')}`, value('#')],
    [`[debug] [MainThread]: client_secret = ${value('!')}`, value('!')],
    [`[debug] [MainThread]: PG_PASSWORD = ${value('%')}`, value('%')],
    [`-- Password = ${value('#')}`, value('#')],
  ]);
  probe.findsNothing(t, 'run-messages', [
    'INFO password = the one in vault, ask ops',
    "select * from users where password = ? and login = 'etl'",
    'where password = :pw and login = :login',
    'update users set password = %s where id = %s',
    'update users set password = $1 where id = $2',
    `where password = crypt('${value('^')}', password)`,
    "where password = crypt(:pw, gen_salt('bf'))",
    'where password = md5(password || salt)',
    'password = os.environ.get("DB_PASSWORD") # set in CI',
    'config: password = ${{ secrets.DB_PASSWORD }} ok',
    'password = **************** (masked)',
    'the password = Summer2024!IsNotAllowed rule',
    'api key = user@example.com!2024Xy stuff',
    `sort key = ${value('#')} done`,
  ]);
});

t.test("ClickHouse's X-ClickHouse-Key header is its password; X-ClickHouse-User is a user's name", async (t) => {
  const probe = ruleProbe('message');
  probe.finds(t, 'run-messages', [
    ['[debug] [MainThread]: X-ClickHouse-Key: Wq8vLm2xRt9zKp4nBc7dFg1h', 'Wq8vLm2xRt9zKp4nBc7dFg1h'],
    ["+ curl -sS --header 'X-ClickHouse-User: dbt_writer' --header 'X-ClickHouse-Key: Rk2Tq9ZmWv4Lp7Xc1Bn8' 'https://k3x9qz7v1m.eu-central-1.aws.clickhouse.cloud:8443/?query=SELECT%201'", 'Rk2Tq9ZmWv4Lp7Xc1Bn8'],
    ["request headers {'X-ClickHouse-User': 'dbt_writer', 'X-ClickHouse-Key': 'Wq8vLm2xRt^9zKp4nBc7dFg1h'}", 'Wq8vLm2xRt^9zKp4nBc7dFg1h'],
  ]);
  probe.findsNothing(t, 'run-messages', [
    "request headers {'X-ClickHouse-User': 'dbt_writer_2024'}",
    "curl 'http://localhost:8123/' -H 'X-ClickHouse-User: default' -H 'X-ClickHouse-Key: password' -d @-",
    'X-ClickHouse-Key: <password>',
    'X-ClickHouse-Key: ${CLICKHOUSE_PASSWORD}',
    "headers={'X-ClickHouse-Key': os.environ['CH_PASSWORD']}",
    'ORDER BY clickhouse_key = Wq8vLm2xRt9zKp4nBc7dFg1h',
  ]);
  t.ok(secretKeyNameDetector.detect('Wq8vLm2xRt^9zKp4nBc7dFg1h', { key: 'X-ClickHouse-Key' }).length === 1);
  t.same(secretKeyNameDetector.detect('dbt_writer', { key: 'X-ClickHouse-User' }), []);
});

// Algolia documents DocSearch's apiKey as a search-only key meant for the page; its admin key is not, under any name
t.test("Algolia DocSearch's apiKey in its docsearch() call is the page's search-only key; elsewhere a key stays one", async (t) => {
  const probe = ruleProbe('page');
  const key = '3f9c2e8a7b6d5c4e3f2a1b0c9d8e7f6a';
  probe.findsNothing(t, 'static-html-page', [
    `<script>docsearch({appId:'BH4D9OD16A',apiKey:'${key}',indexName:'acme-dbt-docs',container:'#search'});</script>`,
    `docsearch({ container: '#docsearch', appId: 'R2IYF7ETH7', indexName: 'docs', "apiKey": '${key}' });`,
  ]);
  probe.finds(t, 'static-html-page', [
    [`<script>window.search = init({appId:'BH4D9OD16A',apiKey:'${key}'});</script>`, key],
    [`docsearch({appId:'BH4D9OD16A', adminKey:'${key}'})`, key],
    [`window.ALGOLIA = {apiKey:'${key}'}; docsearch({apiKey: k})`, key],
  ]);
});
