import { createRule } from './create-rule.js';

export default createRule({
  id: 'compiled-code',
  title: 'Secret rendered into compiled code',
  description: 'Secrets that env_var(), var() or a macro rendered into compiled SQL or Python.',
  severity: 'error',
  selectors: [
    '$.nodes.*.compiled_code',
    '$.nodes.*.compiled_sql',
    '$.nodes.*.injected_sql',
    '$.nodes.*.wrapped_sql',
    '$.nodes.*.extra_ctes',
    '$.results[*].compiled_code',
  ],
  detectors: ['@tokens', 'url-password', 'signed-url', 'sql-password', 'cli-password-flag', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'http-auth-header', 'code-secret-argument', 'env-var-rendered', 'dbt-secret-placeholder'],
  securitySeverity: 8.5,
  precision: 'high',
  remediation: `Compiled code is the model after Jinja rendering: every \`env_var('X')\` and \`var('x')\` is replaced by its
value, and dbt never scrubs it. It lands in \`compiled_code\` of manifest.json and run_results.json, and in
\`target/compiled/\` and \`target/run/\`. A secret-named \`env_var()\` of the raw code is found wherever its value
was rendered, whatever surrounds it (\`env-var-rendered\`).

**Fix:** keep credentials out of models and macros. Let the warehouse hold them: a Snowflake storage
integration instead of \`credentials = (aws_key_id …)\`, a DuckDB secret provider (\`provider credential_chain\`)
instead of literal keys, an IAM role instead of access keys, a connection configured in \`profiles.yml\`.
Do not render secrets into models: read them in \`profiles.yml\` from a \`DBT_ENV_SECRET_…\` variable, which dbt
scrubs from its logs and refuses to render into a model. Then rotate the credential.`,
});
