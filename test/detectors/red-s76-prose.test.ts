/**
 * Red team 76's prose and code shapes. Missed: a PagerDuty routing key after the name's words (`routing key R0…`), a
 * Salesforce session id in prose after the word token, a Mailgun key (`key-` and 32 hex) in the comment of a column
 * named for it, a password of one word in a libpq connection string, PowerShell's ConvertTo-SecureString, OpenLDAP's
 * `-w`, a session's cookie in a Cookie header. Found wrongly: an argon2 hash after a password's name in prose, Slack's
 * documentation example token.
 */
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const sql = ruleProbe('compiled_code');

const rules = compileRules();
const freeText = rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === 'free-text')]!;
/** What free-text finds in the warehouse comment of `column`. */
const inColumnComment = (column: string, text: string): string[] =>
  (detectValue(rules, freeText, text, () => ({ key: 'comment', parent: column })) ?? []).map((m) => text.slice(m.start, m.end));

t.test("a PagerDuty routing key after the name's words; a message queue's routing key is none", async (t) => {
  prose.finds(t, 'free-text', [
    ['routing key R00398278095e2b22ba54a6aae7313ad', 'R00398278095e2b22ba54a6aae7313ad'],
    ['The PagerDuty integration key is 9c2e7a1f4b8d3e6a0c5f9b2d7e1a4c8f (service dbt-prod).', '9c2e7a1f4b8d3e6a0c5f9b2d7e1a4c8f'],
  ]);
  prose.findsNothing(t, 'free-text', ['Published with routing key orders.created.v1 to the exchange.', 'The integration key rotation is monthly.', 'routing key {{ var("pd_key") }}']);
});

t.test('a Salesforce session id in prose on the line of the words access token or the vendor; elsewhere none', async (t) => {
  const sid = '00DQjNXzPga9aqE!BTncVKsZmOQT8sMvrHT9jiq6clH60HAdJvS4gT53l3l2VzttVbmMNF4g9RHiwqtfYKsrttcqvCs0GGw9Z4pVunt77FVESo3Z';
  prose.finds(t, 'free-text', [
    [`Spend from Salesforce Marketing Cloud; access token cached here by mistake: ${sid}`, sid],
    [`Loaded with the Salesforce CLI (session ${sid}).`, sid],
    [`Cached ACCESS_TOKEN for the nightly sync: ${sid}`, sid],
  ]);
  prose.findsNothing(t, 'free-text', [
    // no word of context, or the word on another line
    sid,
    `token_count per row\n${sid}`,
    // an org id alone, a placeholder's body
    'The access token for org 00D5g000004XyZa is rotated nightly.',
    'access token: 00D5g000004XyZa!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ]);
});

t.test("a Mailgun key in the comment of a column named for it; not under another column's name", async (t) => {
  t.same(inColumnComment('mailgun_key', 'key-2919d94f38a473530fe1ba4ebe58b6c1'), ['key-2919d94f38a473530fe1ba4ebe58b6c1']);
  t.same(inColumnComment('mailgun_api_key', 'Sample: `key-2919d94f38a473530fe1ba4ebe58b6c1`'), ['key-2919d94f38a473530fe1ba4ebe58b6c1']);
  t.same(inColumnComment('cache_key', 'key-2919d94f38a473530fe1ba4ebe58b6c1'), []);
  t.same(inColumnComment('mailgun_key', 'key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), []);
  t.same(inColumnComment('mailgun_key', 'The Mailgun key, see 1Password'), []);
});

t.test("a password of one word in a libpq connection string; a name written there, a placeholder or prose's word is none", async (t) => {
  sql.finds(t, 'compiled-code', [
    ["-- psql 'host=pg user=etl password=tulpenfeld'\nselect 1", 'tulpenfeld'],
    ["select * from dblink('dbname=prod user=loader password=hunter port=5432', 'select 1')", 'hunter'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    "-- psql 'host=pg user=etl password=secret'",
    "-- psql 'host=pg user=etl password=changeme'",
    // the container's default, the user's name again
    "-- psql 'host=localhost user=postgres password=postgres'",
    // a variable's name, code's keyword arguments, pairs without a user
    "-- psql 'host=pg user=etl password=vaulttoken'",
    'conn = psycopg2.connect(host=h, user=u, password=pgpass)',
    "-- psql 'host=pg password=tulpenfeld'",
  ]);
  // in prose a word after password= stays none: `password=required`, `password=hashed` are read as often
  prose.findsNothing(t, 'free-text', ['Connect with password=tulpenfeld to the replica.']);
});

t.test("PowerShell's ConvertTo-SecureString -AsPlainText, OpenLDAP's -w; a variable, a prompt, an encrypted string are none", async (t) => {
  sql.finds(t, 'compiled-code', [
    ['$pw = ConvertTo-SecureString "Falcon-meadow51!" -AsPlainText -Force', 'Falcon-meadow51!'],
    ["$pw = ConvertTo-SecureString -String 'Falcon-meadow51!' -AsPlainText -Force", 'Falcon-meadow51!'],
    ["ldapsearch -H ldaps://ad.acme.io -D 'cn=svc_dbt,ou=svc,dc=acme,dc=io' -w 'Orchard_quartz38#' '(uid=*)'", 'Orchard_quartz38#'],
    ['ldapsearch -x -D cn=admin,dc=acme,dc=io -w Orchard_quartz38# -b dc=acme,dc=io', 'Orchard_quartz38#'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    '$pw = ConvertTo-SecureString "$env:DB_PW" -AsPlainText -Force',
    '$pw = ConvertTo-SecureString $plain -AsPlainText -Force',
    '$pw = ConvertTo-SecureString "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000" -Key $key',
    'ldapsearch -x -D cn=admin,dc=acme,dc=io -W -b dc=acme,dc=io',
    'ldapsearch -x -D cn=admin,dc=acme,dc=io -w $LDAP_PW -b dc=acme,dc=io',
    'ldapsearch -x -D cn=admin,dc=acme,dc=io -w secret -b dc=acme,dc=io',
  ]);
});

t.test("a session's cookie in a Cookie header; a tracker's, a placeholder or prose about cookies is none", async (t) => {
  const cookie = 'lm8f82b36ocr6zv4pfpj856kipgmcks1';
  sql.finds(t, 'compiled-code', [
    [`curl -H 'Cookie: sessionid=${cookie}' https://admin.acme.io/export.csv`, cookie],
    [`curl -H 'Cookie: csrftoken=abc; sessionid=${cookie}; theme=dark' https://x`, cookie],
    ["requests.get(url, headers={'Cookie': 'PHPSESSID=9k2m4n6p8q0r2s4t6u8v0w2x4y'})", '9k2m4n6p8q0r2s4t6u8v0w2x4y'],
  ]);
  prose.finds(t, 'free-text', [[`Export with curl -H 'Cookie: sessionid=${cookie}' from the admin.`, cookie]]);
  sql.findsNothing(t, 'compiled-code', [
    "curl -H 'Cookie: sessionid=<your-session-id>' https://x",
    "curl -H 'Cookie: sessionid=${SESSION_ID}' https://x",
    "curl -H 'Cookie: _ga=GA1.2.1234567890.1700000000; theme=dark2024abcdefgh' https://x",
    'cookie_consent=accepted_2024_banner_v3 and cookie: lang=en',
  ]);
});

t.test("a one-way hash after a password's name is no password; a password cut at a comma still one", async (t) => {
  prose.findsNothing(t, 'free-text', [
    'Hashed password $argon2id$v=19$m=65536,t=3,p=4$6C//k3SNH8TvFoYwvvxVaw$noiTnc6iscKWry5PnfmvucgA+2pDJOrFdKhbNSg82/I of the publisher portal user',
    'password: $argon2id$v=19$m=65536,t=3,p=4$6C//k3SNH8TvFoYwvvxVaw$noiTnc6iscKWry5PnfmvucgA+2pDJOrFdKhbNSg82/I.',
    'password=$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E',
  ]);
  prose.finds(t, 'free-text', [['Reset with password=Kx7q#mN9pL4, then log in.', 'Kx7q#mN9pL4']]);
});

t.test("Slack's documentation example token is nobody's; one like it is a token", async (t) => {
  prose.findsNothing(t, 'free-text', ['Slack docs example `xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy`']);
  prose.finds(t, 'free-text', [['bot token `xoxb-27653672481-29874698323-qdFZKVeTuE8sk7oOcBrzbqgz`', 'xoxb-27653672481-29874698323-qdFZKVeTuE8sk7oOcBrzbqgz']]);
});
