/**
 * Red team 100: connection strings. A Redshift driver's error echoes its DSN with dbt's mask on the password
 * (`DSN: Driver={…}; …; PWD=*****`), and `DSN` read as a secret's name took `Driver=` for its value: a clean project failed.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const message = ruleProbe('message');

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
