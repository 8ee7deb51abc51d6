/**
 * Red team 86's misses: Oracle's `user/password@alias` in a log line and a description, Teradata's logon string under a
 * `*_LOGON` variable, SQL's `SET password_for_remote = …`, a `*_pat` name in a Python model's config dict, and a password
 * that ends in two dots of its own. Beside each, the decoys of the same shape that stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const header = ruleProbe('sql_header');
const code = ruleProbe('compiled_code');
const prose = ruleProbe('description');
const log = ruleProbe('msg');

t.test("SQL's SET of a setting named PASSWORD_FOR_…, in any case: its literal", async (t) => {
  header.finds(t, 'config-meta', [
    ["SET password_for_remote = 'AQ7SYx3xawh.1k+iR%';", 'AQ7SYx3xawh.1k+iR%'],
    ["set Password_Of_Loader = 'AQ7SYx3xawh.1k+iR%';", 'AQ7SYx3xawh.1k+iR%'],
  ]);
  header.findsNothing(t, 'config-meta', [
    "SET password_hash = 'AQ7SYx3xawh.1k+iR%';",
    "SET password_policy = 'strict_policy_v2';",
    'SET password_min_length = 12;',
    "SET token_for_pagination = 'AQ7SYx3xawh1kiRq';",
  ]);
});

t.test("a personal access token's name in code (`*_pat`): its value; `path`, `pattern`, `pat_id` are other names", async (t) => {
  const pat = 'X3hWq2v9c1TqL8mZr0aYp6KbN4dFj7sGh2Lk5Qw8Er1Ty4Ui7Op0As3Df6Gh9Jk2Lz5Xc8Vb1Nm4Qw7Er0Ty3Ui6Op9As2Df5Gh8==';
  code.finds(t, 'compiled-code', [
    [`config_dict = {'dremio_pat': '${pat}', 'materialized': 'table'}`, pat],
    [`DATABRICKS_PAT = "${pat.slice(0, 40)}"`, pat.slice(0, 40)],
  ]);
  code.findsNothing(t, 'compiled-code', [
    `path = '${pat}'`,
    `{'pat_id': '${pat}'}`,
    `repat = '${pat}'`,
    "pattern = 'a1b2c3d4e5f6a7b8'",
    "owner_pat: 'pat_2024_q1'",
  ]);
});

t.test("a logon variable's Teradata logon string: the password after the user's comma", async (t) => {
  ruleProbe('TD_LOGON').finds(t, 'env-metadata', [['tdprod.acme-data.io/dbt_etl,#^x1Dg!jww6Rniv6', '#^x1Dg!jww6Rniv6']]);
  ruleProbe('tdlogon').finds(t, 'config-meta', [["tdprod/dbt_etl,'Xq9#mm2Lk!'", 'Xq9#mm2Lk!']]);
  ruleProbe('logon').finds(t, 'config-meta', [["tdprod/dbt_etl,Wint3r9xQ,'acct42'", 'Wint3r9xQ']]);
  ruleProbe('TD_LOGON').findsNothing(t, 'env-metadata', ['tdprod/dbt_etl,$TD_PASSWORD', 'tdprod/dbt_etl', 'tdprod/dbt_etl,********', "tdprod/dbt_etl,{{ env_var('TD_PW') }}"]);
  ruleProbe('last_logon').findsNothing(t, 'config-meta', ['WS-0042/jsmith,14:02', '2024/11/03,12:00:01']);
  ruleProbe('LOGON').findsNothing(t, 'env-metadata', ['dc01.corp/jsmith,success']);
  ruleProbe('logon_timeout').findsNothing(t, 'config-meta', ['tdprod/dbt_etl,Wint3r9xQ']);
});

t.test("a password's own two dots after a generated body; an elided sample's are none", async (t) => {
  ruleProbe('password').finds(t, 'config-meta', [['cfVW3jlZ79NXoo..', 'cfVW3jlZ79NXoo..']]);
  ruleProbe('passwort').finds(t, 'config-meta', [['cfVW3jlZ79NXoo..', 'cfVW3jlZ79NXoo..']]);
  ruleProbe('password').findsNothing(t, 'config-meta', [
    'abc..', 'ghp_ab12..', 'xxxx..', 'password..', '<pw>..', 'sk-…..', 'cfVW3jlZ79NXoo...', 'Summer2024Pass..', 'eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6..',
  ]);
  // (not a password's name: a key or a token cut for display)
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['cfVW3jlZ79NXoo..']);
});

t.test("Oracle's user/password@alias about Oracle or after a logon's verb: the password", async (t) => {
  log.finds(t, 'run-messages', [
    ['03:01:01.200002 [debug]: Oracle adapter: connecting as DBT_SVC/Sjjdp33G%maYw3+l+m@g1c2d3_dwprod_high', 'Sjjdp33G%maYw3+l+m'],
    ['Oracle: retrying as etl/Xk9mQ2p7Lw@db.acme.io:1600/DWPROD.', 'Xk9mQ2p7Lw'],
  ]);
  prose.finds(t, 'free-text', [
    ['Backfilled by hand: connect as DBT_SVC/Sjjdp33G%maYw3+l+m@g1c2d3_dwprod_high then run backfill.sql', 'Sjjdp33G%maYw3+l+m'],
    // a person's password, where the value is about Oracle
    ['The Oracle loader signs in as LOADER/Welcome2024!@orcl.world', 'Welcome2024!'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'The CI connects with actions/checkout@v4 and installs dbt-labs/dbt-utils@1.1.1.',
    'Connect the npm package @scope/pkg@1.2.3, the image org/image@sha256:4f2a9c01 and team/alice@example.com.',
    'Connect models/staging@v2 to origin/main@{upstream} before the Oracle migration.',
    'Oracle deploys use SamKirkland/FTP-Deploy-Action@v4.3.4 and Azure/login@v2.',
    // after the verb alone, a person's password is as often a product's name
    'Connect as LOADER/Welcome2024!@acme_prod',
    'Oracle docs: connect as scott/tiger@orcl, or user/${ORACLE_PASSWORD}@tns_alias.',
  ]);
});
