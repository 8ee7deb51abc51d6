/**
 * Session 35's gaps after the nesting one: a secret-named column compared with a literal other than
 * by `=` (sql-password), a setter call in a config meta string (config-meta now runs
 * code-secret-argument), a spaced `=` after "password" in another language and Italian words
 * between the name and `è` (password-assignment), and three vendors' keys named in text: Clarifai's
 * PAT, OpenWeather's appid, Twilio's API key secret (its SID counts only where twilio is said).
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { isForeignPasswordName } from '../../src/detectors/key-names.js';
import { findRule } from '../../src/rules/index.js';

// made up for this test
const PW = 'Zq8kLm2vX9pgT4wRb6';
const HEX = '5d2b8e1f9c0a47e3b6d1f04a8c2e7b95';

const spans = (d: { detect: (v: string, c: { key: undefined }) => { start: number; end: number }[] }, text: string) => d.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));
/**
 * Whether the detector's anchor lets the engine run it at some keyword of the text (keywords from the detector; a
 * keyword past ASCII is never anchored, see engine/keyword-forms.ts).
 */
function woken(d: { keywords: readonly string[]; anchor?: RegExp }, text: string): boolean {
  const lower = text.toLowerCase();
  for (const k of d.keywords) {
    for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) {
      if (!d.anchor || /[^\x20-\x7e]/.test(k)) return true;
      const r = new RegExp(d.anchor.source, d.anchor.flags);
      r.lastIndex = at;
      if (r.test(text)) return true;
    }
  }
  return false;
}

t.test('sql-password: a literal of a list a secret-named column is looked up in', async (t) => {
  const found = (sql: string) => spans(sqlCredentialDetector, sql);
  for (const sql of [
    `select * from users where api_key in ('${PW}') and x = 1`,
    `where "api_key" in ('${PW}')`,
    `where s.token in ('Ab3dEf6hIj9kLm2n', '${PW}')`,
    `where client_secret in (N'${PW}')`,
  ]) {
    t.ok(found(sql).includes(PW), sql.replace(PW, '…'));
    t.ok(woken(sqlCredentialDetector, sql), `woken: ${sql.replace(PW, '…')}`);
  }
  t.same(found(`where s.token in ('Ab3dEf6hIj9kLm2n', '${PW}')`).length, 2, 'every literal of the list');
  for (const sql of [
    // a filter's `<>`, `!=` and `not in` leave the literal out (red team 104)
    `select * from users where api_key <> '${PW}' and x = 1`,
    `where password != '${PW}'`,
    `where "api_key" <> '${PW}'`,
    `where password not in ('', '${PW}')`,
    `where client_secret <> N'${PW}'`,
    "where status <> 'deleted'",
    "where password <> ''",
    "where coalesce(password, '') <> ''",
    "where password <> 'changeme'",
    "where token != 'revoked'",
    "where password not in ('disabled', 'n/a', '')",
    "where api_key <> 'NOT_SET'",
    "where api_key not in ('PLACEHOLDER_KEY')",
    `where password_hash <> '${PW}'`,
    `where token_type <> '${PW}'`,
    'where api_key in (select key from keys)',
    `where api_keyin ('${PW}')`,
  ])
    t.same(found(sql), [], sql.replace(PW, '…'));
});

t.test('config-meta runs code-secret-argument', async (t) => {
  t.ok(findRule('config-meta')?.detectors.includes('code-secret-argument'));
});

t.test('password-assignment: a spaced = after password in another language, in prose', async (t) => {
  const found = (text: string) => spans(assignmentDetector, text);
  for (const text of [`bruker er etl, passord = ${PW} og port 5439`, `käyttäjä etl, salasana = ${PW} ja portti`, `das Kennwort = ${PW} für den Dienst`, `senha_banco = ${PW} (produção)`]) {
    t.same(found(text), [PW], text.replace(PW, '…'));
    t.ok(woken(assignmentDetector, text), `woken: ${text.replace(PW, '…')}`);
  }
  // English code spells it so: an expression, unless the assignment is its line
  t.same(found(`password = ${PW} in the middle of text`), [], 'English password, spaced, mid-line');
  for (const text of ['passord = hent_passord()', 'passord = os.environ.get', 'salasana = ******** lokissa', 'passord = x', 'passord == ' + PW]) t.same(found(text), [], text.replace(PW, '…'));
  t.ok(isForeignPasswordName('DB_PASSORD') && isForeignPasswordName('senha_banco') && !isForeignPasswordName('password') && !isForeignPasswordName('senha_path'), 'foreign names');
});

t.test('password-assignment: Italian words between the name and è', async (t) => {
  const found = (text: string) => spans(assignmentDetector, text);
  for (const text of [`la password del database è ${PW} (chiedere a Marco)`, `il token di accesso è ${PW}`, `la password dell'utente dbt_dev è ${PW}`]) {
    t.same(found(text), [PW], text.replace(PW, '…'));
    t.ok(woken(assignmentDetector, text), `woken: ${text.replace(PW, '…')}`);
  }
  for (const text of ['la password del database è cambiata ogni mese', 'la password non è mai scritta qui', `la password del nuovo database di produzione è ${PW}`, `la password del database  è ${PW}`])
    t.same(found(text), [], text.replace(PW, '…'));
});

t.test('Clarifai PAT, OpenWeather appid, Twilio API key secret', async (t) => {
  const ids = (text: string) => detectTokens(text).map((m) => `${m.detectorId} ${text.slice(m.start, m.end)}`);
  t.same(ids(`Clarifai PAT: ${HEX}`), [`clarifai-pat ${HEX}`]);
  t.same(ids(`export CLARIFAI_PAT=${HEX}`), [`clarifai-pat ${HEX}`]);
  t.same(ids(`clarifai model version ${HEX}`), [], 'a model version under the vendor name');
  t.same(ids(`select * from read_json('https://api.openweathermap.org/data/2.5/weather?q={{ city }}&lang=en&appid=${HEX}&units=metric')`), [`openweather-api-key ${HEX}`]);
  t.same(ids(`https://api.openweathermap.org/data/2.5/weather?q=Oslo&units=metric&cache=${HEX}`), [], 'another parameter');
  t.same(ids(`https://api.example.org/data?appid=${HEX}`), [], 'another host');
  const SECRET = 'Wb8Nq2Lx7Vz4Kp9Tr3Hc6Md1Fg5Sa0Ye';
  const SID = `SK${HEX}`;
  t.same(ids(`Twilio API key SID ${SID} with secret ${SECRET}`).sort(), [`twilio-api-key ${SID}`, `twilio-api-key-secret ${SECRET}`]);
  t.same(ids(`TWILIO_API_SECRET=${SECRET}`), [`twilio-api-key-secret ${SECRET}`]);
  t.same(ids(`API key SID ${SID} with secret ${SECRET}`), [], 'no twilio said: a SID and a string, neither counted');
  t.same(ids(`twilio SID ${SID}; the secret is in the vault`), [`twilio-api-key ${SID}`], 'the SID where twilio is said, as gitleaks reads it; no secret');
});
