/**
 * Red team 124 (passwords in connection strings, driver settings and SQL clauses: 149 of 157 found, 2 of 70 decoys
 * reported): `pw = "…"` in a Python model was read as no name; SnowSQL's `&{aws_secret}` variable and MongoDB's manual's
 * `D1fficultP%40ssw0rd` were reported.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('`pw = "…"` in Python: a password; compared, or a textbook one, none', async (t) => {
  const code = ruleProbe('compiled_code');
  code.finds(t, 'compiled-code', [['pw = "Xk9mPq2vLr7wNs4t"\nconn = connect(user="u", password=pw)', 'Xk9mPq2vLr7wNs4t']]);
  code.findsNothing(t, 'compiled-code', ['if pw == "Xk9mPq2vLr7wNs4t":', "pw = 'hunter2'"]);
});

t.test("SnowSQL's variable and MongoDB's documented sample: no secret", async (t) => {
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', ["create stage s url='s3://b/p' credentials=(aws_key_id='&{aws_key_id}' aws_secret_key='&{aws_secret}')"]);
  ruleProbe('uri').findsNothing(t, 'config-meta', ['mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017/?authSource=admin']);
  ruleProbe('uri').finds(t, 'config-meta', [['mongodb://myDBReader:Xk9mPq2vLr7wNs4t@mongodb0.acme.io:27017/?authSource=admin', 'Xk9mPq2vLr7wNs4t']]);
});

t.test("a token as a URL's whole userinfo (a private package's clone URL): the token; a user's name, none", async (t) => {
  const token = 'Xk9mPq2vLr7wNs4tZZ8aQ2b7Yc3Rd5Tf9Hg1Jk4L';
  ruleProbe('description').finds(t, 'free-text', [[`packages: - git: "https://${token}@git.acme.io/data/dbt-utils-internal.git"`, token]]);
  ruleProbe('message').finds(t, 'run-messages', [[`git clone https://${token}@gitlab.acme.io/a/b.git failed`, token]]);
  ruleProbe('description').findsNothing(t, 'free-text', ['https://dbtCloudServiceUser@github.com/acme/x.git', 'https://git@github.com/acme/x.git', 'https://abcdefghijklmnopqrstuv@host.io/x', 'https://user20202020202020aaa@host.io']);
});

t.test("a driver's password with spaces in it runs to its `;`, as ADO.NET and ODBC read it; prose there is none", async (t) => {
  const message = ruleProbe('message');
  message.finds(t, 'run-messages', [
    ['Driver={ODBC Driver 18 for SQL Server};Server=tcp:db.acme.io,1433;Uid=loader;Pwd=Kx9 mQ2v Lp7;Encrypt=yes;', 'Kx9 mQ2v Lp7'],
    ['Login failed: Server=db.acme.io;Database=dw;User Id=loader;Password=Xk2m Harbor 9Lq4;', 'Xk2m Harbor 9Lq4'],
  ]);
  message.findsNothing(t, 'run-messages', [
    'Server=db.acme.io;Database=dw;User Id=loader;Password=see the vault;',
    'Server=db.acme.io;Database=dw;User Id=loader;Password=ask the platform team;',
    'Server=db.acme.io;Database=dw;User Id=loader;Password=<your password>;',
    // more than four runs, or no `;` after them: prose, not a value
    'Server=db.acme.io;User Id=loader;Password=Kx9 is set in the vault by the team;',
    'Server=db.acme.io;User Id=loader;Password=Kx9 mQ2v Lp7',
    // words and a number, a bracket, a sign: a note (red team 131)
    'Server=db.acme.io;User Id=loader;Password=Prompted at runtime;',
    'Server=db.acme.io;User Id=loader;Password=Secret Server #4412;',
    'Server=db.acme.io;User Id=loader;Password=Password123 (default);',
    'Server=db.acme.io;User Id=loader;Password=Azure Key Vault dbt-sql;',
  ]);
});
