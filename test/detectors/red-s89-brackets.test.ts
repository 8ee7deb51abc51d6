/**
 * Red team 89: a password that holds a bracket was cut there (ADO.NET's `Password=Nac9WFk)6mHrzbUuW0;`, a driver's
 * `password=Kestrel-U6jKbe(Qsauz account=…`, a URL's `?access_token=WByspZ((CvWEJ)66JXg9xn!`, found not at all), and
 * redact left the rest in its copy; a token's label before a connection string took its first setting for the token;
 * a YAML tag and the variable it reads was taken for a password; a bait of escaped quotes for a SQL literal. Beside each,
 * the decoys the old reading was right about: a bracket opened before the name closes after its value.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const message = ruleProbe('message');
const code = ruleProbe('raw_code');
const meta = ruleProbe('password');

t.test('a bracket inside a bare value is the value own, unless it closes one opened before the name', async (t) => {
  message.finds(t, 'run-messages', [
    ['Runtime Error\n  250001: Could not connect. user=DBT_SVC password=Kestrel-U6jKbe(Qsauz account=acme', 'Kestrel-U6jKbe(Qsauz'],
    // `attempt(s)` before the name is closed: the `)` in the password closes nothing there
    ['Failed to connect to Snowflake backend after 0 attempt(s). user=DBT_SVC password=yrXs^U8YiaOH)O1B(EA6Vi account=acme-xy12345', 'yrXs^U8YiaOH)O1B(EA6Vi'],
    ['Could not connect. user=DBT_SVC password=Kx7]mN9pL4[qZ2w account=acme', 'Kx7]mN9pL4[qZ2w'],
  ]);
  prose.finds(t, 'free-text', [
    ['Dashboard: https://bi.acme.io/embed/dashboard/42?access_token=WByspZ((CvWEJ)66JXg9xn!', 'WByspZ((CvWEJ)66JXg9xn!'],
    ['Loaded via password: xxvi=1V=oc6at2xhV!I3p!GF(*^T', 'xxvi=1V=oc6at2xhV!I3p!GF(*^T'],
    ['DB\u3078\u306e\u63a5\u7d9a\u60c5\u5831\u3002\u30d1\u30b9\u30ef\u30fc\u30c9: xxvi=1V=oc6at2xhV!I3p!GF(*^T \u5909\u66f4\u3057\u306a\u3044', 'xxvi=1V=oc6at2xhV!I3p!GF(*^T'],
    // decoys: the bracket closes what opened before the name
    ['Connect with (password=Hk4wQ9zLmP2xR7vB) first', 'Hk4wQ9zLmP2xR7vB'],
    ['2026-12-05 21:14:07 [token=Hk4wQ9zLmP2xR7vBk3Jd] sent', 'Hk4wQ9zLmP2xR7vBk3Jd'],
    ['See [the dashboard](https://bi.acme.io/embed/42?access_token=Hk4wQ9zLmP2xR7vBk3Jd) for details', 'Hk4wQ9zLmP2xR7vBk3Jd'],
    ['See [the dashboard](https://bi.acme.io/embed/42?access_token=Hk4w(Q9zLmP2)xR7vBk3Jd) for details', 'Hk4w(Q9zLmP2)xR7vBk3Jd'],
  ]);
  // code: a call or an index is read as before, its name
  code.findsNothing(t, 'raw-code', [
    'conn = connect(password=get_password(), user=u)',
    'token=fn(x)',
    'password=secrets[0]',
    "password=os.getenv('PW')",
    'password=os.environ[PW_NAME]',
  ]);
  code.finds(t, 'raw-code', [['conn = connect(host=h, password=Hk4wQ9zLmP2xR7vB)', 'Hk4wQ9zLmP2xR7vB']]);
});

t.test("a driver's password in a connection string runs to its ';'", async (t) => {
  prose.finds(t, 'free-text', [
    ['Fabric: Server=tcp:acme.datawarehouse.fabric.microsoft.com,1433;User ID=svc_dbt;Password=Nac9WFk)6mHrzbUuW0;', 'Nac9WFk)6mHrzbUuW0'],
    // a call opened before the string: the connection string's `;` ends the value, not the bracket
    ["select * from f('Server=tcp:x.fabric.microsoft.com,1433;Initial Catalog=dw;User ID=svc_dbt;Password=FPX=Y#b0VqqLMC#c)dmfHr;', 'public')", 'FPX=Y#b0VqqLMC#c)dmfHr'],
    ['Server=tcp:x.database.windows.net,1433;User ID=svc;Password=Kp9<x>nBRA,P54{N!z|q;', 'Kp9<x>nBRA,P54{N!z|q'],
    ['Driver={ODBC Driver 18 for SQL Server};Server=tcp:x,1433;UID=svc;PWD=Hk4w,Q9zL|mP2xR7vB;Encrypt=yes', 'Hk4w,Q9zL|mP2xR7vB'],
    // no `;` after it: the bracket opened before the string closes it
    ['(Server=tcp:x,1433;User ID=svc;Password=Hk4wQ9zLmP2xR7vB)', 'Hk4wQ9zLmP2xR7vB'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'Server=tcp:x.database.windows.net,1433;User ID=svc;Password=<your_password>;',
    'Server=tcp:x.database.windows.net,1433;User ID=svc;Password=%(pw)s;',
    'Server=tcp:x.database.windows.net,1433;User ID=svc;Password={{ env_var("PW") }};',
    'Server=tcp:x.database.windows.net,1433;User ID=svc;Pwd=${DB_PW};',
    'Server=tcp:x.database.windows.net,1433;User ID=svc;Password=********;',
  ]);
});

t.test("a connection string after a token's label: its first setting is not the token", async (t) => {
  prose.finds(t, 'free-text', [
    ['API\u30c8\u30fc\u30af\u30f3: Server=tcp:acme.datawarehouse.fabric.microsoft.com,1433;Database=dw;User ID=svc;Password=Hk4wQ9zLmP2xR7vB;', 'Hk4wQ9zLmP2xR7vB'],
    ['API\u30c8\u30fc\u30af\u30f3: Driver={ODBC Driver 18 for SQL Server};Server=tcp:x,1433;UID=svc;PWD=Hk4wQ9zLmP2xR7vB;', 'Hk4wQ9zLmP2xR7vB'],
    ['API\u30c8\u30fc\u30af\u30f3: Hk4wQ9zLmP2xR7vBk3Jd', 'Hk4wQ9zLmP2xR7vBk3Jd'],
  ]);
});

t.test('a YAML tag and the name of the variable it reads are no password', async (t) => {
  meta.findsNothing(t, 'config-meta', ['!var snowflake_pw', '!secret db_password', '!ENV DB_PASSWORD', '!env_var DBT_API_KEY']);
  meta.finds(t, 'config-meta', [['!Kx9#mQ2vLp7', '!Kx9#mQ2vLp7']]);
});

t.test('a quote a backslash escapes closes no SQL literal: a run of escapes is none', async (t) => {
  const bait = "password '" + "\\'".repeat(400) + ' and finally';
  prose.findsNothing(t, 'free-text', [bait]);
  code.findsNothing(t, 'raw-code', [bait]);
  code.finds(t, 'raw-code', [["alter user loader set password 'm9\\'Lp2Zt8Qx'", "m9\\'Lp2Zt8Qx"]]);
});
