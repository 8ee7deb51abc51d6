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
]);

t.test("through the rules' keyword search: a description, rendered SQL", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [[`smtp settings:\n  password_smtp: ${GENERATED}\n`, GENERATED]]);
  ruleProbe('description').findsNothing(t, 'free-text', ['smtp settings:\n  password_smtp: smtp.acme.com\n']);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[`-- warehouse settings:\n--   password_dw: ${GENERATED}\nselect 1`, GENERATED]]);
});
