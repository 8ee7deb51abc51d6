import { createRule } from './create-rule.js';

export default createRule({
  id: 'env-metadata',
  title: 'Secret in dbt env metadata',
  description: 'Secrets in metadata.env, where dbt copies every DBT_ENV_CUSTOM_ENV_* variable, unscrubbed, into every artifact, and in the env_vars that partial_parse.msgpack keeps.',
  severity: 'error',
  selectors: ['$.metadata.env', '$.env_vars'],
  detectors: ['secret-key-name', 'env-password-shape', '@tokens', 'url-password', 'signed-url', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'http-auth-header', 'cli-password-flag', 'dbt-secret-placeholder'],
  // (the keys of metadata.env are the names users gave their variables: a token pasted as one is found there too)
  readsKeys: true,
  securitySeverity: 9.0,
  precision: 'high',
  remediation: `dbt copies every environment variable named \`DBT_ENV_CUSTOM_ENV_<NAME>\` into \`metadata.env.<NAME>\` of
manifest.json, run_results.json, catalog.json and sources.json — verbatim, never scrubbed.

**Fix:** pass credentials in variables named \`DBT_ENV_SECRET_<NAME>\` instead (used only in \`profiles.yml\` and
\`packages.yml\`; dbt scrubs their values from logs and keeps them out of artifacts), and keep
\`DBT_ENV_CUSTOM_ENV_*\` for harmless run metadata such as a job id or a git branch. Then rotate the
credential: every artifact already uploaded, archived or published holds it.

\`target/partial_parse.msgpack\`, which every \`dbt parse\` rewrites, keeps in \`env_vars\` the value of every
variable that \`env_var()\` read while parsing (\`dbt_project.yml\`, YAML, models) unless its name starts with
\`DBT_ENV_SECRET\`. A credential read there with \`env_var()\` is in that file in clear: name it
\`DBT_ENV_SECRET_<NAME>\` (only where dbt allows it: \`profiles.yml\`, \`packages.yml\`), keep \`target/\` out of
caches and uploads, and rotate it.`,
});
