/**
 * Red team 100: connection strings. A Redshift driver's error echoes its DSN with dbt's mask on the password
 * (`DSN: Driver={…}; …; PWD=*****`), and `DSN` read as a secret's name took `Driver=` for its value: a clean project failed.
 * A password of letters alone (`Password=hzTxpt;`, `…&password=Sunshine`) was read as a word and dropped, though the
 * connection string's user and server pairs beside it say it is the password. libpq's `password==k8k…` (a password that
 * begins with `=`: libpq reads the value from the first `=` on) was read as a comparison.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const message = ruleProbe('message');
const code = ruleProbe('compiled_code');

t.test("a DSN that is a driver's property list is no secret; its password is found by its own name", async (t) => {
  const redshift = 'DSN: Driver={Amazon Redshift (x64)}; Server=acme-prod.abc123xyz.eu-west-1.redshift.amazonaws.com; Database=dev; UID=etl_user; PWD=*****; Port=5439';
  message.findsNothing(t, 'run-messages', [
    `Database Error in model gl_load\n  password authentication failed for user "etl_user"\n  ${redshift}`,
    'dsn=DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql.acme.io;Trusted_Connection=yes',
  ]);
  prose.findsNothing(t, 'free-text', [`Run failed. ${redshift}`]);
  message.finds(t, 'run-messages', [
    ['DSN=Driver={Amazon Redshift (x64)};Server=h.acme.io;Database=dev;UID=etl_user;PWD=Zx9kq2Lmp4;Port=5439', 'Zx9kq2Lmp4'],
    ['connecting with dsn=postgresql://etl:Zx9kq2Lmp4@db.acme.io/dw', 'Zx9kq2Lmp4'],
  ]);
});

t.test("a password of letters alone is found where a connection string's user and server pairs say it is one", async (t) => {
  message.finds(t, 'run-messages', [
    ['Database Error\n  connection string: Server=sql-legacy.internal;Database=erp;User Id=erp_ro;Password=hzTxpt;', 'hzTxpt'],
    ['Provider=SQLOLEDB;Data Source=sql.acme.io;User ID=etl;Password=Sunshine', 'Sunshine'],
    ['jdbc:sqlserver://db.acme.io:1433;databaseName=erp;user=erp_ro;password=Sunshine;', 'Sunshine'],
    ['could not connect: jdbc:postgresql://x.acme.io:5432/erp?user=erp_ro&password=Sunshine', 'Sunshine'],
    ['connection to host=x.acme.io user=erp_ro password=Sunshine failed', 'Sunshine'],
  ]);
  code.finds(t, 'compiled-code', [['-- conn: Server=sql-legacy.internal;Database=erp;User Id=erp_ro;Password=Sunshine;\nselect 1', 'Sunshine']]);
  // in Markdown's backticks, right after prose (red team 102)
  prose.finds(t, 'free-text', [
    ['Loads from `Server=sql-legacy.internal;Database=erp;User Id=erp_ro;Password=Sunshine;` nightly.', 'Sunshine'],
    ['The loader connects with Server=sql-legacy.internal;Database=erp;User Id=erp_ro;Password=Sunshine; every night.', 'Sunshine'],
  ]);
  // placeholders, setting words, a variable's name, a short value, the user's name again, no user or server beside it, prose
  message.findsNothing(t, 'run-messages', [
    'Server=sql01;Password=required;optional;Database=dw',
    'Server=sql01;Uid=etl;Pwd=abc;Database=dw',
    'Server=sql01;Uid=etl;Pwd=xxx;yyy;Database=dw',
    'Server=sql01;Uid=etl;Pwd=Password;',
    'Server=sql01;Uid=etl;Pwd=Secret;',
    'Server=sql01;Uid=etl;Pwd=changeme;',
    'Server=sql01;Uid=etl;Pwd=YourPassword;',
    'Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;',
    'Server=sql01;Uid=etl;Pwd=None;',
    'Server=sql01;Uid=etl;Pwd=true;',
    'Server=sql01;Uid=etl;Pwd=prompt;',
    'Server=sql01;Uid=etl;Pwd=Integrated;',
    'Server=sql01;Uid=etl;Pwd=Blank;',
    'Server=sql01;Uid=etl;Pwd=Unknown;',
    // how the password is handled or that it is not shown: a mask's word, a method, a store (red team 102)
    'Server=sql01;Uid=etl;Pwd=Filtered;',
    'Server=sql01;Uid=etl;Pwd=SCRUBBED;',
    'Server=sql01;Uid=etl;Pwd=NotShown;',
    'Server=sql01;Uid=etl;Pwd=ManagedIdentity;',
    'Server=sql01;Uid=etl;Pwd=ActiveDirectoryIntegrated;',
    'Server=sql01;Uid=etl;Pwd=AzureAD;',
    'Server=sql01;Uid=etl;Pwd=Prompted;',
    'Server=sql01;Uid=etl;Pwd=Cyberark;',
    'Server=sql01;Uid=etl;Pwd=ParameterStore;',
    'Server=sql01;Uid=etl;Pwd=Withheld;',
    'connection to host=x.acme.io user=erp_ro password=trust failed',
    'Server=sql01;Uid=etl;Pwd=%DB_PASSWORD%;',
    'Server=sql01;Uid=etl;Pwd=<password>;',
    'jdbc:postgresql://localhost:5432/db?user=root&password=root',
    'Server=sql01;Database=dw;Password=Sunshine;',
    'Uid=etl;Password=Sunshine;',
    'Server=sql01;User Id=etl;Password=strong enough',
    'the password=strong enough for the audit',
  ]);
});

t.test("those words are a connection string's only: in a URL's userinfo a weak password still (red team 102)", async (t) => {
  prose.finds(t, 'free-text', [
    ['Loader: postgresql://etl:Windows@pg.acme.io:5432/raw', 'Windows'],
    ['Loader: postgresql://etl:Unknown@pg.acme.io:5432/raw', 'Unknown'],
    ['Loader: postgresql://etl:trusted@pg.acme.io:5432/raw', 'trusted'],
  ]);
});

t.test("under a password's name, a word that says how it is handled is none (red team 102); a weak password still is", async (t) => {
  const password = ruleProbe('password');
  const pwd = ruleProbe('pwd');
  password.findsNothing(t, 'config-meta', ['Trusted', 'ManagedIdentity', 'NotShown', 'ParameterStore']);
  pwd.findsNothing(t, 'config-meta', ['Integrated', 'AzureAD']);
  password.finds(t, 'config-meta', [
    ['Letmein', 'Letmein'],
    ['BlueStore', 'BlueStore'],
    ['Hunter2x!', 'Hunter2x!'],
  ]);
});

t.test("libpq's password that begins with '=' is found among libpq's pairs", async (t) => {
  code.finds(t, 'compiled-code', [
    ["select * from dblink('host=erp.internal port=5432 dbname=erp user=sync password==k8k%jdyConpnZ5m sslmode=require', 'select 1')", '=k8k%jdyConpnZ5m'],
  ]);
  code.findsNothing(t, 'compiled-code', [
    "if user=='admin' and password==stored_pw: connect('host=x dbname=y')",
    "dblink('host=erp.internal dbname=erp password==k8k%jdyConpnZ5m')",
    "dblink('host=erp.internal dbname=erp user=sync password===k8k%jdyConpnZ5m')",
    "dblink('host=erp.internal dbname=erp user=sync password== sslmode=require')",
  ]);
  // libpq's pairs are read on their line: the next line of a log, an ODBC driver's error with its `; Port=` pair, says
  // nothing of this one (red team 102: psycopg's line was taken for ODBC and its password missed)
  const psycopg = 'psycopg2 connect: host=pg-142.acme-corp.internal port=5432 dbname=erp user=erp_ro password==39mZM_CHyp8z3N5 sslmode=require';
  const odbc = 'odbc connect failed for DSN=Driver={Amazon Redshift (x64)}; Server=rs-147.acme-corp.internal; Database=dev; UID=bi_service; PWD=*****; Port=5439';
  message.finds(t, 'run-messages', [
    [`${psycopg}\n${odbc}`, '=39mZM_CHyp8z3N5'],
    [`${odbc}\r\n${psycopg}`, '=39mZM_CHyp8z3N5'],
  ]);
  message.findsNothing(t, 'run-messages', [`if user=='admin' and password==stored_pw:\n  connect('host=x dbname=y user=z')`]);
});
