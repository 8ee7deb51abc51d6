import { createRule } from './create-rule.js';

/**
 * The fallback: every string no other rule reads. Only distinctive formats run here, and
 * machine-generated fields (checksums, ids, maps) are skipped altogether.
 */
export default createRule({
  id: 'free-text',
  title: 'Credential in descriptions, docs or other text',
  description: 'Distinctive token formats, connection URLs and assigned passwords anywhere else: descriptions, docs blocks, catalog comments.',
  severity: 'error',
  scope: 'fallback',
  selectors: [],
  // curl's --user and -H are how docs blocks show an API call: their credential is no less distinctive; a Telegram
  // bot's token (digits, a colon, 35 characters) only beside the word Telegram, as a runbook names the bot it alerts through;
  // a Facebook app token (an app id, a bar and the app's secret) only beside the word Facebook, as a Graph API URL names it
  // (`graph.facebook.com/…?access_token=<id>|<secret>`: its pattern names no vendor, so @tokens-named leaves it out, red team 73);
  // a Mailgun key (`key-` and 32 hex) only beside the word Mailgun (`sent through Mailgun (api key key-…)`); a Twilio API
  // key's SID (`SK` and 32 hex) only beside the word Twilio (`Twilio: SK…`, red team 140); the formats
  // read only right after the vendor's name (@tokens-named: an Asana token after an asana name, `(ASANA_PAT: 2/…/…:…)`;
  // `the deepseek sk-…`, red team 51): the name is the context; in a column's description or warehouse comment, a sample in a
  // generated secret's shape under a secret column's name (`client_secret`: ``Sample: `jJwS…` ``, red team 54); a docs
  // block's Python, as a model's is read (`requests.get(url, auth=("svc", "…"))`, `spark.conf.set("…secret.key", "…")`: red team 84)
  detectors: ['@tokens-high', '@tokens-named', 'telegram-bot-token', 'facebook-app-access-token', 'mailgun-api-key', 'twilio-api-key', 'curl-basic-auth', 'curl-auth-header', 'url-password', 'signed-url', 'http-auth-header', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'sql-password', 'cli-password-flag', 'code-secret-argument', 'column-sample-value', 'dbt-secret-placeholder'],
  securitySeverity: 7.0,
  precision: 'very-high',
  remediation: `Descriptions, docs blocks (\`{% docs %}\`), column descriptions and warehouse comments are published with
\`dbt docs\`. People paste connection strings and tokens into them while debugging.

**Fix:** remove the value from the YAML or markdown file named in the finding (and from the warehouse
comment, for catalog.json) and rotate the credential.`,
});
