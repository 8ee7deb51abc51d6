import { createRule } from './create-rule.js';

export default createRule({
  id: 'run-messages',
  title: 'Secret echoed in a run message or error',
  description: 'Connection strings, passwords and tokens echoed by adapters and drivers in result messages and errors.',
  severity: 'error',
  selectors: ['$.results[*].message', '$.results[*].error', '$.results[*].adapter_response', '$.errors', '$.results[*].batch_results', '$.sources[*].error'],
  // secret-key-name: an adapter's response is a dict (`adapter_response.headers_sent.x-api-key`)
  // a Python model's failing line is echoed in its error (and every line it ran in dbt.log): code-secret-argument too
  detectors: ['@tokens', 'secret-key-name', 'url-password', 'signed-url', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'sql-password', 'cli-password-flag', 'http-auth-header', 'code-secret-argument', 'dbt-secret-placeholder'],
  securitySeverity: 8.0,
  precision: 'high',
  remediation: `\`results[].message\` in run_results.json and \`results[].error\` in sources.json
(\`sources.<id>.error\` before dbt 0.19) hold the text of the exception that failed a node. dbt masks only
the values of \`DBT_ENV_SECRET*\` variables there; a driver that echoes its DSN
(\`connection to postgresql://user:password@host failed\`) puts the password in the artifact.

**Fix:** move the credential into a \`DBT_ENV_SECRET_…\` variable read by \`profiles.yml\` (then dbt masks it in
messages), or pass the password separately from the connection URL. Rotate the credential, and delete or
redact the artifacts that hold the message (\`dbt-tools-lint redact\`).`,
});
