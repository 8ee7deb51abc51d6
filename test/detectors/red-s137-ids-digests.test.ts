/**
 * Red teams 137 and 138: an analytics session's id is a row's key, no web server's session (`ga_session_id`, a ULID under
 * `session_id`, any in a unit test's rows); a `.netrc` line's password that is a variable in quotes or Markdown's
 * backticks is the variable; a hex digest the sentence says is one (`a salted sha256 of the token: …`) is none. A web
 * session's cookie id, a `.netrc` password and a token in hex stay found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';
import { manifest, scanArtifact } from '../helpers.js';

// made up for this test
const ULID = '01HXK9Z3Q4R5S6T7V8W9XAYBZC';
const DJANGO_SESSION = '2kq7yegjzb3bnm8twoxhht48t3ep4hnw';
const HEX64 = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';

t.test("an analytics session's id is a row's key; a web server's session id is a credential", async (t) => {
  for (const [name, value] of [['session_id', ULID], ['SESSION_ID', ULID], ['ga_session_id', 'cjld2cjxh0000qzrmn831i7rn'], ['domain_sessionid', 'Xk2pLm9QrT4vWy7zA1bC3dE5'], ['web_session_id', 'Xk2pLm9QrT4vWy7zA1bC3dE5'], ['debug_session_id', ULID]] as const) {
    ruleProbe(name).findsNothing(t, 'config-meta', [value]);
  }
  for (const name of ['sessionid', 'session_id', 'django_sessionid', 'auth_session_id']) ruleProbe(name).finds(t, 'config-meta', [[DJANGO_SESSION, DJANGO_SESSION]]);
  // an environment variable's name is a setting's, whatever word is before `session` (red team 139)
  for (const name of ['METABASE_SESSION_ID', 'LOOKER_SESSION_ID', 'USER_SESSION_ID', 'DJANGO_PROD_SESSION_ID']) ruleProbe(name).finds(t, 'env-metadata', [[DJANGO_SESSION, DJANGO_SESSION]]);
  // in a unit test's rows: the sessions model's data, whatever its shape
  const rows = [{ event_id: 1, session_id: ULID }, { event_id: 2, session_id: DJANGO_SESSION }, { event_id: 3, api_token: 'w0DflWJ82JvG5ueqmOAwpxLOHC2ppuTsMRRBdSio' }];
  const { findings } = scanArtifact(manifest({ unit_tests: { 'unit_test.a.fct_sessions.t': { given: [{ input: "ref('stg_events')", rows, format: 'dict' }], expect: { rows: [{ session_id: DJANGO_SESSION }], format: 'dict' } } } }));
  t.same(findings.map((f) => f.jsonPath.replace(/^.*(rows\[\d+\].*)$/, '$1')), ['rows[2].api_token'], "a row's token only");
});

t.test("a .netrc line's variable in quotes or backticks is the variable; a password there is one", async (t) => {
  const probe = ruleProbe('description');
  probe.findsNothing(t, 'free-text', [
    '`~/.netrc`: `machine api.github.com login dbt-bot password $GITHUB_TOKEN`',
    "machine db.internal login dbt password '$PGPASSWORD'",
    'machine db.internal login dbt password "$PGPASSWORD"',
    'echo "machine api.fivetran.com login $FIVETRAN_KEY password $FIVETRAN_SECRET" >> ~/.netrc',
  ]);
  probe.finds(t, 'free-text', [
    ['`machine api.github.com login dbt-bot password q7Rv2LmX9pTz`', 'q7Rv2LmX9pTz'],
    ["machine db.internal login dbt password 'Hc4!vB8nWq2s'", 'Hc4!vB8nWq2s'],
    // a quote inside the password is the password's (red team 139)
    ["machine db.acme.io login etl password It's4Me!x9Q", "It's4Me!x9Q"],
    ['machine db.acme.io login etl password a"Hc4!vB8nWq2s', 'a"Hc4!vB8nWq2s'],
  ]);
  ruleProbe('message').findsNothing(t, 'run-messages', ["Runtime Error\n  netrc line 'machine db login dbt password \"$PGPASSWORD\"' ignored"]);
});

t.test('a hex digest the sentence says is one is none; a token in hex is one', async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['compiled_code', 'compiled-code']] as const) {
    ruleProbe(key).findsNothing(t, rule, [
      `Stores a salted sha256 of the token: ${HEX64}`,
      `token: \`${HEX64}\` is the sha256 we store.`,
      `token: ${HEX64} (sha256)`,
      `-- md5 of the api key: ${HEX64.slice(0, 32)}`,
      `token: ${HEX64} (salted sha256)`,
      `token: ${HEX64} is stored as a sha256`,
    ]);
    ruleProbe(key).finds(t, rule, [
      [`token: ${HEX64}`, HEX64],
      [`The webhook is signed with HMAC-SHA256, secret: ${HEX64}`, HEX64],
      [`token: ${HEX64} is the new one, hash it before storing`, HEX64],
      // a keyed hash's key, a digest said of something else, a word made of one, a note that goes on (red team 139)
      [`Requests are signed with HMAC-SHA256 of the body, signing secret: ${HEX64.slice(0, 32)}`, HEX64.slice(0, 32)],
      [`Signed with HMAC SHA256 of the token: ${HEX64.slice(0, 32)}`, HEX64.slice(0, 32)],
      [`The md5 of the file is checked nightly. api_key: ${HEX64.slice(0, 32)}`, HEX64.slice(0, 32)],
      [`api_key: ${HEX64.slice(0, 32)} is a hash-based signing key`, HEX64.slice(0, 32)],
      [`github token: ${HEX64.slice(0, 40)} (sha1 format, classic PAT)`, HEX64.slice(0, 40)],
      [`secret: ${HEX64.slice(0, 32)} was the hash key for the partner feed`, HEX64.slice(0, 32)],
    ]);
  }
});

t.test("a local database's stock password as a lookup's default is a developer's machine's; another default is a secret", async (t) => {
  const probe = ruleProbe('raw_code');
  probe.findsNothing(t, 'raw-code', ["{{ env_var('DBT_PG_PASSWORD', 'postgres') }}", "{{ env_var('DBT_DB_PASSWORD', 'admin') }}", "{{ var('api_password', 'postgres') }}", "password = os.getenv('PG_PASSWORD', 'root')", "{{ var('db_password') | default('postgres') }}"]);
  probe.finds(t, 'raw-code', [["{{ env_var('DBT_PG_PASSWORD', 'Postgres2024!') }}", 'Postgres2024!'], ["{{ env_var('DBT_PG_PASSWORD', 'Xk9mQ2vL7pRz') }}", 'Xk9mQ2vL7pRz'], ["{{ var('db_password') | default('Xk9mQ2vL7pRz') }}", 'Xk9mQ2vL7pRz']]);
});
