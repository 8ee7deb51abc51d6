/**
 * Session 32: SQL Server and ODBC connection strings. A braced value is one value whatever it
 * holds (`Pwd={Zx9;Kp2 q}`), and ODBC doubles a right brace inside it (`Pwd={Zx9;Kp2}}q}` is the
 * password `Zx9;Kp2}q`): the span is the whole braced text, the secret the password undoubled. An
 * unbraced value ends at `;` (`Password=Zx9Kp2q;Database=dw`). Previews show the name only.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { prepareMatches } from '../../src/findings/build.js';
import { ruleProbe } from './rule-probe.js';

/** Each match: the span as written, the secret as prepared, and the preview. */
function found(value: string): { span: string; secret: string; preview: string }[] {
  const matches = assignmentDetector.detect(value, { key: undefined });
  const prepared = prepareMatches(value, matches, []);
  return matches.map((m, i) => ({ span: value.slice(m.start, m.end), secret: prepared[i]!.secret, preview: prepared[i]!.preview }));
}

const DRIVER = 'Driver={ODBC Driver 18 for SQL Server};Server=tcp:erp.database.windows.net,1433;Database=erp;Uid=etl;';

t.test('a braced value holds ; and spaces', async (t) => {
  t.same(found(`${DRIVER}Pwd={Zx9;Kp2 q};Encrypt=yes;`), [{ span: 'Zx9;Kp2 q', secret: 'Zx9;Kp2 q', preview: 'Pwd=****' }]);
});

t.test('a doubled right brace inside braces is one brace of the password', async (t) => {
  t.same(found(`${DRIVER}Pwd={Zx9;Kp2}}q};Encrypt=yes;`), [{ span: 'Zx9;Kp2}}q', secret: 'Zx9;Kp2}q', preview: 'Pwd=****' }]);
  t.same(found(`${DRIVER}PWD={Zx9Kp2q}}}`), [{ span: 'Zx9Kp2q}}', secret: 'Zx9Kp2q}', preview: 'PWD=****' }], 'at the end of the value');
  t.same(found(`${DRIVER}Pwd={}}Zx9Kp2q};`), [{ span: '}}Zx9Kp2q', secret: '}Zx9Kp2q', preview: 'Pwd=****' }], 'at its start');
});

t.test('an unbraced value ends at ;', async (t) => {
  t.same(found('Server=erp;User Id=etl;Password=Zx9Kp2q!;Database=x'), [{ span: 'Zx9Kp2q!', secret: 'Zx9Kp2q!', preview: 'Password=****' }]);
  t.same(found('Data Source=erp;Initial Catalog=dw;User ID=etl;Password=Zx9#Kp2q'), [{ span: 'Zx9#Kp2q', secret: 'Zx9#Kp2q', preview: 'Password=****' }]);
});

t.test('what is no braced password stays silent', async (t) => {
  for (const value of [
    // an unterminated brace
    `${DRIVER}Pwd={Zx9Kp2q}}`,
    // Jinja's braces around a lookup
    `${DRIVER}Pwd={{ env_var("DBT_ENV_SECRET_ERP_PASSWORD") }};Encrypt=yes;`,
    // too short to be a password: three characters, braced or not
    `${DRIVER}Pwd={a;b};Encrypt=yes;`,
    'Server=erp;Password=abc;Database=x',
  ]) {
    t.same(found(value), [], value);
  }
});

t.test('under a DSN name, a password setting left empty is no credential; one with a value still is (red team 86)', async (t) => {
  const probe = ruleProbe('odbc_dsn');
  const oracle = 'Driver={Oracle 21 ODBC driver};DBQ=g1c2d3_dwprod_high;UID=DBT_SVC;';
  for (const rule of ['config-meta', 'env-metadata']) {
    probe.findsNothing(t, rule, [
      // the wallet holds the password: the field is named and left empty
      `${oracle}PWD=;`,
      `${oracle}PWD={};`,
      `${oracle}PWD=`,
      'Server=tcp:erp.database.windows.net;Password=;User ID=etl;Authentication=ActiveDirectoryMsi',
      `${oracle}PWD= ;Encrypt=yes`,
    ]);
    probe.finds(t, rule, [
      [`${oracle}PWD=Hk4wQ9zLmP2xR7vB;`, 'Hk4wQ9zLmP2xR7vB'],
      [`${oracle}PWD={Hk4w;Q9zLmP2xR7vB};`, 'Hk4w;Q9zLmP2xR7vB'],
    ]);
  }
});
