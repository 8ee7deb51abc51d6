/**
 * Session 66: red team 66 built artifacts from 23 real dbt projects and packages (fivetran's, dbt-labs', elementary's,
 * Mattermost's, tuva's) and planted 149 secrets. A Bearer token with a `!` (a Salesforce session id), `%3D`, `$`, `*`
 * or `@` was reported only up to that character, and `redact` left the rest in clear. Missed: a Salesforce session id
 * under `sf_session_id`, a Twilio `AC…:…` pair, a macro's `{% set pw = '…' %}`, and `--password` with a value without a
 * digit. Each case names the exact secret found, or that nothing is, through the rule's keyword search and anchors.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const description = ruleProbe('description');
const macro = ruleProbe('macro_sql');

t.test('a Bearer token is read to its end past `!`, `%`, `$`, `*` and `@`, not to a full stop or an `!` that ends it', async (t) => {
  for (const token of ['grf7TI7KfX8JMdww4J1eFPLQ!jOqoNa2q1kzaTZso4HFmQfHy', 'Qm7vX2pLk9RtWz4NsD8f%3D%3D', 'Lx9Kp2Vb7Rt4Wn8Hc6Jd$1Zq3Mf5Yg*Ua0Sb@e2']) {
    description.finds(t, 'free-text', [
      [`curl -H 'Authorization: Bearer ${token}' https://api.acme.io/v2/export`, token],
      [`the export failed: 401 for Authorization: Bearer ${token}`, token],
      [`send it as Bearer ${token}!`, token],
    ]);
  }
  const session = '00D5g000004Xk2F!AQ4AQKx9nZ_r2pVwq8Lm3Tb7Yc1Hd6Jf0Gs5Ke9Wa4Ux2Qy8Rz3Bv7Nc1Mp6Lt0Sh5Dj9Fk4Gm8Hn2Jq7Kr3Ls6Mt1Nu5Ov9Pw.E0Qx4';
  description.finds(t, 'free-text', [[`GET /services/data/v59.0/query with header Authorization: Bearer ${session}`, session]]);
});

t.test('a Salesforce session id under a session_id name; a web session id is none', async (t) => {
  const session = '00DKf000000bQxR!AQ4AQGd7mT2kLp9VxZ3nB8cR5wF1hJ6sY0uE.qA7tK3mN9pL2vX8zC5bR1wG6hJ4sY0uE7qA3tK9mN2pL5vX8zC1bR6wG';
  ruleProbe('sf_session_id').finds(t, 'config-meta', [[session, session]]);
  ruleProbe('session_id').finds(t, 'config-meta', [[session, session]]);
  ruleProbe('session_id').findsNothing(t, 'config-meta', ['7f3c2a9e4b1d8f06a3c5e7b9d2f4a61c', 'ga_session_1714003200']);
});

t.test("a Twilio account's SID and auth token as a pair, where the text or the key says twilio", async (t) => {
  const pair = 'AC51dfcfbdcc5c794b1263a9b659b29469:7f13a2c9e4b1d8f06a3c5e7b9d2f4a61';
  ruleProbe('twilio_basic').finds(t, 'config-meta', [[pair, pair]]);
  description.finds(t, 'free-text', [[`SMS alerts go through twilio with ${pair}`, pair]]);
  // the SID alone is an id, and a pair without twilio near it is said by nothing of Twilio's
  ruleProbe('twilio_account_sid').findsNothing(t, 'config-meta', ['AC51dfcfbdcc5c794b1263a9b659b29469']);
});

t.test("a macro's `{% set pw = '…' %}`: the password's abbreviation, in Jinja's spaced assignment", async (t) => {
  macro.finds(t, 'raw-code', [
    ["{% set pw = 'qwbD7kLm2xZp9' %}\ncreate user elementary_user password = '{{ pw }}';", 'qwbD7kLm2xZp9'],
    ['{%- set pw = "Blue-Falcon-77" -%}', 'Blue-Falcon-77'],
  ]);
  macro.findsNothing(t, 'raw-code', ['{% set pw = 640 %}', "{% set pw = 'page_width' %}", "{% set pw = var('pw') %}", '{% set pw = env_var("DBT_ENV_SECRET_PW") %}']);
});

t.test('`--password` and a value of both cases and a symbol, no digit: a password on a command line', async (t) => {
  description.finds(t, 'free-text', [
    ['elementary monitor --slack-token xoxb-none --password wZwGHy*tJUDG%XvSF', 'wZwGHy*tJUDG%XvSF'],
    ['elementary monitor --password wZwGHy*tJUDG%XvSF --user x', 'wZwGHy*tJUDG%XvSF'],
  ]);
  description.findsNothing(t, 'free-text', ['use the --password Reset-Policy flag', 'run with --password $DB_PASSWORD', '--password <PASSWORD>', '--password Your-Password!']);
});

t.test("a libpq connection string's password holds its `;`: the whole value is the secret; ODBC's is cut there as before", async (t) => {
  const message = ruleProbe('message');
  message.finds(t, 'run-messages', [
    ['connection to server failed: host=db.internal port=5432 dbname=prod user=etl password=x;ymMKIKSv4 sslmode=require', 'x;ymMKIKSv4'],
    ['dsn: host=db dbname=prod password=semi;colonXT9tF', 'semi;colonXT9tF'],
    ['Server=db;Database=prod;Uid=etl;Password=Rt5;Wq8x', 'Rt5'],
  ]);
});
