/**
 * A password's word before the system it is for, written in a config's text rather than as an artifact's key: a YAML
 * block in a description, an INI line in a macro's comment, a mapping in a log line (red team 107's K_YAML and K_INI,
 * left in session 73). As under the same key in an artifact (red-s107.test.ts), the value counts only in a generated
 * password's shape, and that system's settings (a host, a URL, a method, a warehouse's name) never.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { checkDetector as check } from './detector-cases.js';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const GENERATED = 'xhGTSv6NR2Fm-9';

check(assignmentDetector, [
  { label: 'a YAML block in a description', text: `Connection notes:\n\`\`\`yaml\nsmtp:\n  host: smtp.acme.com\n  password_smtp: ${GENERATED}\n\`\`\``, secrets: [GENERATED] },
  { label: 'an INI line', text: `[warehouse]\nhost = dw.acme.com\npassword_dw = ${GENERATED}\n`, secrets: [GENERATED] },
  { label: 'camelCase in a JSON text', text: `{"passwordSnowflake": "${GENERATED}"}`, secrets: [GENERATED] },
  { label: 'a quoted value', text: `pwd_mysql = 'WzkP9HyV8oj4!2'`, secrets: ['WzkP9HyV8oj4!2'] },
  // that system's settings under the name
  { label: 'a host', text: 'password_smtp: smtp.acme.com', secrets: [] },
  { label: 'a URL', text: 'password_ldap: ldaps://ldap.acme.com:636', secrets: [] },
  { label: 'a method', text: 'password_postgres: scram-sha-256', secrets: [] },
  { label: "a warehouse's name", text: 'password_db: COMPUTE_WH', secrets: [] },
  { label: 'a lower-case word', text: 'password_database: auth', secrets: [] },
  { label: "a build's name", text: 'password_db: build20241130', secrets: [] },
  { label: 'a weak word: not a generated password', text: 'password_db: letmein7', secrets: [] },
  // not values
  { label: 'a call', text: "password_db = get_secret('warehouse/prod')", secrets: [] },
  { label: 'a template', text: "password_db: \"{{ env_var('DBT_ENV_SECRET_PG') }}\"", secrets: [] },
  { label: 'a placeholder', text: 'password_db: ${DB_PASSWORD}', secrets: [] },
  { label: 'a setting of the policy', text: 'password_smtp_policy: min_length=12', secrets: [] },
  { label: 'prose', text: 'The password_db is rotated every 90 days by Ops-Team.', secrets: [] },
  { label: "a hash's column", text: "where password_db_hash = 'ab12Cd34Ef56Gh78'", secrets: [] },
  // red team 111: a server's, a secret's or a store's name, a region, a version, a date, a fingerprint, an address
  ...['PG-PROD-01', 'SMTP-RELAY-2', 'DB-01:5432', 'kv-acme-prod/pg-password-01', 'k8s:dbt-ns/pg-secret-2', 'aws-sm:dbt/prod/Redshift-01', 'doppler:dbt_prd/PG_PASSWORD', '1Password:Data/PG', 'Bitwarden-Item-42', 'dbt-pg-prod-01', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'REDACTED_2024', 'CHANGEME_2024', 'TODO-rotate-2024', 'Pg01.acme.io', 'svc_dbt@ACME.LOCAL', 'dbt-alerts01@acme.io', 'SASL/DIGEST-MD5', 'argon2id-v19', 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8', 'us-east-1a', 'prod-replica-02', 'v2.4.1-rc3', '30-Nov-2024', 'Vault-KV-2', 'AzureKeyVault:db-pw-1', 'ftp_ACME_2024'].map((value) => ({ label: `not a password: ${value}`, text: `password_db: ${value}`, secrets: [] })),
  { label: 'a note after a name', text: 'password_mysql: Ops-Team-2 owns rotation', secrets: [] },
  // …and passwords: a symbol, or both cases and a run of letters and digits; a role after the system (red team 111)
  { label: 'a weak password with a symbol', text: 'password_db: Admin@123', secrets: ['Admin@123'] },
  { label: 'groups of a generator', text: 'password_dwh: hT4-vW9q-Lm2z', secrets: ['hT4-vW9q-Lm2z'] },
  { label: "a role after the system", text: `password_snowflake_loader: ${GENERATED}`, secrets: [GENERATED] },
  { label: "a role after the system, abbreviated", text: `password_db_ro: ${GENERATED}`, secrets: [GENERATED] },
]);

t.test("through the rules' keyword search: a description, rendered SQL", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [[`smtp settings:\n  password_smtp: ${GENERATED}\n`, GENERATED]]);
  ruleProbe('description').findsNothing(t, 'free-text', ['smtp settings:\n  password_smtp: smtp.acme.com\n']);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[`-- warehouse settings:\n--   password_dw: ${GENERATED}\nselect 1`, GENERATED]]);
});
