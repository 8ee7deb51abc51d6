import { createRule } from './create-rule.js';

export default createRule({
  id: 'config-meta',
  title: 'Secret in config or meta',
  description: 'Secrets in rendered node, function, source and exposure config, meta, generic tests\' arguments, functions\' argument defaults, and unit tests\' overrides and fixture rows.',
  severity: 'error',
  selectors: [
    '$.nodes.*.config',
    '$.nodes.*.meta',
    '$.nodes.*.columns.*.meta',
    '$.nodes.*.columns.*.config',
    '$.nodes.*.unrendered_config',
    '$.nodes.*.config_call_dict',
    '$.nodes.*.unrendered_config_call_dict',
    '$.nodes.*.test_metadata.kwargs',
    '$.sources.*.meta',
    '$.sources.*.source_meta',
    '$.sources.*.config',
    '$.sources.*.columns.*.meta',
    '$.exposures.*.meta',
    '$.exposures.*.config',
    '$.metrics.*.meta',
    '$.metrics.*.config',
    '$.semantic_models.*.config',
    '$.semantic_models.*.entities[*].config',
    '$.semantic_models.*.dimensions[*].config',
    '$.semantic_models.*.measures[*].config',
    '$.saved_queries.*.config',
    '$.saved_queries.*.exports',
    '$.unit_tests.*.overrides',
    '$.unit_tests.*.config',
    '$.unit_tests.*.given[*].rows',
    '$.unit_tests.*.expect.rows',
    '$.exposures.*.owner',
    '$.groups.*.owner',
    '$.macros.*.meta',
    '$.groups.*.config',
    // a function's argument defaults, as written in its YAML (`arguments: [{name: api_key, default_value: …}]`)
    '$.functions.*.arguments[*].default_value',
  ],
  // a setup note's code (`setenv("API_KEY", "…")`, `client.set_secret("DB_PASSWORD", "…")`): code-secret-argument too;
  // a runbook's SQL and shell (`meta: {setup: "create user etl identified by '…'"}`, `restore: "mysqldump -u backup -p…"`):
  // sql-password and cli-password-flag, as in the code they were copied from
  detectors: ['secret-key-name', '@tokens', 'url-password', 'signed-url', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'http-auth-header', 'code-secret-argument', 'sql-password', 'cli-password-flag', 'dbt-secret-placeholder'],
  // (a token written as a name: `meta: {"xoxb-…": "#data-alerts"}`, `--vars '{"ghs_…": mirror}'`)
  readsKeys: true,
  securitySeverity: 7.0,
  precision: 'high',
  remediation: `dbt renders \`config\` and \`meta\` before writing the manifest: an \`env_var()\` used in \`dbt_project.yml\` or a
schema YAML file shows its value there, and a literal written in YAML is copied as is. Unit-test
\`overrides.env_vars\` and \`overrides.vars\` are stored verbatim too, and so are a generic test's arguments
(\`test_metadata.kwargs\`: a custom test's \`api_key:\` or \`password:\` as written in the schema YAML), and a unit
test's \`given\` and \`expect\` rows: production rows pasted as a fixture bring their credentials with them. In rows, a
password column's cell is reported whatever it reads; a \`token\`, \`key\` or \`authorization\` column's only in a
token's or a chosen password's shape (fixture data is full of checkout tokens, digests and payment codes).

**Fix:** keep credentials out of \`config:\` and \`meta:\` in the YAML file named in the finding. Tools that read
meta (webhooks, alerting) should get their secret from their own secret store, keyed by a name you put in
meta instead. Use fake values in unit-test overrides and rows. Rotate the credential.`,
});
