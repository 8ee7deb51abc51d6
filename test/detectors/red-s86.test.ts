/**
 * Red team 86's misses: Oracle's logon after `connect as` / `connecting as`, Teradata's logon string under a `*_LOGON` variable, SQL's `SET password_for_remote = …`, a `*_pat`
 * name in a Python model's config dict. Beside each, the decoys of the same shape that stay silent (red team 88's among them).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const header = ruleProbe('sql_header');
const code = ruleProbe('compiled_code');

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
    // a pattern's name: a date's format, a zone, a glob, a LIKE pattern (red team 88)
    "date_pat = '%Y-%m-%d'",
    'ts_pat = "yyyy-MM-dd\'T\'HH:mm:ss.SSSXXX"',
    "tz_pat = 'America/New_York'",
    "glob_pat = 'models/**/Stg_*2.sql'",
    "like_pat = 'Acme_%_2024'",
    "{% set date_pat = '%d-%b-%Y' %}",
  ]);
});

t.test("a logon variable's Teradata logon string: the password after the user's comma", async (t) => {
  ruleProbe('TD_LOGON').finds(t, 'env-metadata', [['tdprod.acme-data.io/dbt_etl,#^x1Dg!jww6Rniv6', '#^x1Dg!jww6Rniv6']]);
  ruleProbe('tdlogon').finds(t, 'config-meta', [["tdprod/dbt_etl,'Xq9#mm2Lk!'", 'Xq9#mm2Lk!']]);
  ruleProbe('logon').finds(t, 'config-meta', [["tdprod/dbt_etl,Kx9mQ2vLp8Rt,'acct42'", 'Kx9mQ2vLp8Rt']]);
  // a default, a label, a reference: no password of its own (red team 88)
  ruleProbe('TD_LOGON').findsNothing(t, 'env-metadata', ['tdprod/dbt_etl,ChangeMe!1', 'tdprod/dbt_etl,@/run/secrets/Td_Pw2', 'tdprod/dbt_etl,Vault-Ref:td/etl2']);
  ruleProbe('logon').findsNothing(t, 'env-metadata', ['dc01/Administrator,RemoteInteractive-10']);
  ruleProbe('TD_LOGON').findsNothing(t, 'env-metadata', ['tdprod/dbt_etl,$TD_PASSWORD', 'tdprod/dbt_etl', 'tdprod/dbt_etl,********', "tdprod/dbt_etl,{{ env_var('TD_PW') }}"]);
  ruleProbe('last_logon').findsNothing(t, 'config-meta', ['WS-0042/jsmith,14:02', '2024/11/03,12:00:01', 'ws-0042/jsmith,15-Jan-2024']);
  // a record of a logon, not Teradata's string (red team 88)
  ruleProbe('first_logon').findsNothing(t, 'config-meta', ['ws-0042/jsmith,Tue-09:14']);
  ruleProbe('sso_logon').findsNothing(t, 'config-meta', ['corp/jsmith,Okta-Verify2']);
  ruleProbe('TERADATA_LOGON').finds(t, 'env-metadata', [['tdprod/dbt_etl,#^x1Dg!jww6Rniv6', '#^x1Dg!jww6Rniv6']]);
  ruleProbe('LOGON').findsNothing(t, 'env-metadata', ['dc01.corp/jsmith,success']);
  ruleProbe('logon_timeout').findsNothing(t, 'config-meta', ['tdprod/dbt_etl,Wint3r9xQ']);
});

t.test("Oracle's logon after `connect as` or `connecting as`, then a service: its password", async (t) => {
  const text = ruleProbe('description');
  const logon = 'DBT_SVC/Sjjdp33G%maYw3+l+m@g1c2d3_dwprod_high';
  text.finds(t, 'free-text', [
    [`Backfilled by hand: connect as ${logon} then run backfill.sql`, 'Sjjdp33G%maYw3+l+m'],
    [`03:01:01.200002 [debug]: Oracle adapter: connecting as ${logon}`, 'Sjjdp33G%maYw3+l+m'],
  ]);
  // (red team 88's decoys: an Oracle word or a verb elsewhere in the text says nothing of a ref, a link or an address)
  text.findsNothing(t, 'free-text', [
    'Connect to the replica as analytics/Kx7pQm2Vz9Lw@replica-2 -- no, this is the object key',
    'Oracle source; owner/Repo2024@main holds the extract scripts',
    'Mirrors SALES/Orders_v2@EBSPROD through an Oracle database link',
    'Disconnected idle session sess/AbC9xYz7Qw2E@pool-3',
    'connecting as DBT_SVC/****@dwprod',
    "connecting as DBT_SVC/{{ env_var('ORACLE_PASSWORD') }}@dwprod",
    'we connect as admin/Operator@support.acme.com',
    'connect as source/target systems',
  ]);
});
