/**
 * Red team 91: red team 89's reading of a bare value through its brackets read code as a password (a call whose
 * arguments stop the value with its bracket open, `md5(concat(user_id,created_at))`, or a method after a call,
 * `fernet.decrypt(token).decode`), lost a password that holds a bracketed run (`2TR9a7kW[gCgv9H]GwEite`, read as a
 * `[PLACEHOLDER]`), and a driver's `Password=` read to its `;` flagged the placeholders a log writes there (`(null)`,
 * `<$PASSWORD>`); a cp1252 log's curly quotes read as U+FFFD hid `“redacted”`. Red team 89's passwords stay whole.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const message = ruleProbe('message');
const code = ruleProbe('raw_code');

t.test('a call read through its bracket is code: its argument, a string or a closer on the line says so', async (t) => {
  code.findsNothing(t, 'raw-code', [
    'select token=md5(concat(user_id,created_at)) as same_token from events',
    'select password=sha2(pw||salt,256) from staging.users',
    'where password=trim(both from pw) is not null',
    "where token=regexp_substr(url,'[^=]+$') is not null",
    'conn = psycopg2.connect(host=h, user=u, password=get_secret(name="db", version=2))',
    'password=getpass(prompt="Password: ")',
    'secret=client.access_secret_version(request={"name":name}).payload.data',
    'password=fernet.decrypt(token).decode',
    'token=session.get(auth_url).headers["X-Token"]',
    'password=pw.strip().lower',
  ]);
  message.findsNothing(t, 'run-messages', ['Python model failed: NameError at `password=forms.CharField(widget=forms.PasswordInput, required=F...']);
  // a password's bracket stays open to its end, a space before the next word, a query's `&`, a JSON string's end
  message.finds(t, 'run-messages', [
    ['connecting with password=oMuuL((f73yeff5# user=loader', 'oMuuL((f73yeff5#'],
    ['Runtime Error\n  250001: Could not connect. user=DBT_SVC password=Kestrel-U6jKbe(Qsauz account=acme', 'Kestrel-U6jKbe(Qsauz'],
    ['{"msg": "env dump: snowflake_password=3CjDbdM[NEkdcrx6U!", "level": "debug (x)"}', '3CjDbdM[NEkdcrx6U!'],
  ]);
  prose.finds(t, 'free-text', [
    ['Dashboard: https://bi.acme.io/embed/dashboard/42?access_token=WByspZ((CvWEJ)66JXg9xn!&x=1', 'WByspZ((CvWEJ)66JXg9xn!'],
    ['Loaded from https://api.partner.io/v1/export?access_token=x3s82vmd(9m6)XMatZy!', 'x3s82vmd(9m6)XMatZy!'],
  ]);
});

t.test('a run of letters and digits in square brackets inside a password is no [PLACEHOLDER]', async (t) => {
  message.finds(t, 'run-messages', [
    ['GET https://api.partner.io/v1/export?format=csv&access_token=2TR9a7kW[gCgv9H]GwEite returned 403', '2TR9a7kW[gCgv9H]GwEite'],
    ['connecting with password=qBbSv9uA[B8CSN]4w2xcj user=loader', 'qBbSv9uA[B8CSN]4w2xcj'],
  ]);
  // a bracketed name as the whole value, or a word in capitals inside one, still is
  message.findsNothing(t, 'run-messages', ['connecting with password=[gCgv9H] user=loader', 'connecting with api_key=sk_live_[REDACTED] user=loader']);
  prose.findsNothing(t, 'free-text', ['Driver={ODBC Driver 18 for SQL Server};Server=tcp:x,1433;Uid=svc;Password=[[pw]];Encrypt=yes;']);
});

t.test('a word, a variable or stars wholly in round or angle brackets is a placeholder', async (t) => {
  prose.findsNothing(t, 'free-text', [
    'Driver={ODBC Driver 18 for SQL Server};Server=tcp:x,1433;Database=dwh;Uid=dbt_svc;Password=(null);Encrypt=yes;',
    'Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;PWD=(hidden);',
    'DRIVER={Snowflake};SERVER=acme.snowflakecomputing.com;UID=DBT_SVC;password=(see_vault);WAREHOUSE=T;',
    'Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;Password=(not-set);',
    'Server=tcp:acme-dw.database.windows.net,1433;Initial Catalog=analytics;User ID=dbt_loader;Pwd=<$PASSWORD>;Connection Timeout=30;',
    'Provider=SQLOLEDB;Data Source=sqlprod01;Initial Catalog=edw;User Id=etl;Password=<**>;',
  ]);
  prose.finds(t, 'free-text', [['Server=tcp:x.fabric.microsoft.com,1433;User ID=svc_dbt;Password=(Nac9WFk)6mHrzbUuW0;', '(Nac9WFk)6mHrzbUuW0']]);
});

t.test('U+FFFD at a value’s ends, a byte of another encoding (a cp1252 quote), is judged without it', async (t) => {
  message.findsNothing(t, 'run-messages', ['08:20:00  password=\ufffdredacted\ufffd']);
  message.finds(t, 'run-messages', [
    ['08:20:01  Café job password=dXFbMVrciP5dLoj7 ok', 'dXFbMVrciP5dLoj7'],
    // a password between such quotes is still one (its span holds the unknown bytes around it)
    ['08:20:01  password=\ufffddXFbMVrciP5dLoj7\ufffd ok', '\ufffddXFbMVrciP5dLoj7\ufffd'],
  ]);
});
