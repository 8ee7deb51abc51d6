/**
 * Red team 113: a secret's name written in alternating case (`PaSsWoRd = '…'`, `"tOkEn": …`) was found by no detector,
 * where `password`, `PASSWORD` and `dbPassWord` are: camelCase made pieces of one or two letters of it. Such a run of
 * letters is one word now; names whose pieces are words keep them.
 */
import t from 'tap';
import { keyWords } from '../../src/detectors/key-grammar.js';
import { manifest } from '../helpers.js';
import { ruleTester } from '../rules/harness.js';
import { ruleProbe } from './rule-probe.js';

const PASSWORD = 'Vq7#Lm2$Rz9!Kp4x';

t.test('a word in alternating case is one word; camelCase of words is not', async (t) => {
  t.same(keyWords('PaSsWoRd'), ['password']);
  t.same(keyWords('pAsSwOrD'), ['password']);
  t.same(keyWords('DB_pAsSwOrD'), ['db', 'password']);
  t.same(keyWords('dbPaSsWoRd'), ['db', 'password'], 'a system before it: the glued word is split as DBPASSWORD is');
  t.same(keyWords('API_tOkEn'), ['api', 'token']);
  t.same(keyWords('ApiToKeN'), ['api', 'token'], 'after a word of three letters');
  t.same(keyWords('sEcReT_KEY'), ['secret', 'key']);
  t.same(keyWords('dbPassWord'), ['db', 'password']);
  t.same(keyWords('myDbPw'), ['my', 'db', 'pw'], 'short pieces that spell no secret word stay words');
  t.same(keyWords('iOSAppId'), ['i', 'os', 'app', 'id']);
  t.same(keyWords('getHttpUrlForIdOfUser'), ['get', 'http', 'url', 'for', 'id', 'of', 'user']);
  t.same(keyWords('aBcDeF'), ['a', 'bc', 'de', 'f']);
});

t.test('in compiled code and in a description: the assignment is read', async (t) => {
  const sql = ruleProbe('compiled_code');
  sql.finds(t, 'compiled-code', [
    [`-- PaSsWoRd = '${PASSWORD}'\nselect 1`, PASSWORD],
    [`select * from dblink('host=db user=etl pAsSwOrD=${PASSWORD}', 'select 1')`, PASSWORD],
  ]);
  sql.findsNothing(t, 'compiled-code', ['-- PaSsWoRd = {{ env_var("DB_PASSWORD") }}\nselect 1', "select 'iOSAppId' as tOkEnCoUnT"]);
});

ruleTester('env-metadata', {
  valid: [{ name: 'a reference in alternating case', artifact: manifest({}, { DB_PaSsWoRd: '${DB_PASSWORD}' }) }],
  invalid: [
    {
      name: 'a password under a name in alternating case',
      artifact: manifest({}, { DB_PaSsWoRd: PASSWORD }),
      secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }],
    },
  ],
});
