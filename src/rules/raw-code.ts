import { createRule } from './create-rule.js';

export default createRule({
  id: 'raw-code',
  title: 'Secret hard-coded in SQL, macros or hooks',
  description: 'Credential literals written into model code, macros, functions or pre-/post-hooks.',
  severity: 'warning',
  selectors: [
    '$.nodes.*.raw_code',
    '$.nodes.*.raw_sql',
    '$.nodes.*.config.pre-hook',
    '$.nodes.*.config.post-hook',
    '$.nodes.*.config.pre_hook',
    '$.nodes.*.config.post_hook',
    '$.macros.*.macro_sql',
  ],
  detectors: ['@tokens', 'url-password', 'signed-url', 'sql-password', 'cli-password-flag', 'pgpass-line', 'spark-conf-line', 'password-assignment', 'http-auth-header', 'code-secret-argument', 'dbt-secret-placeholder'],
  securitySeverity: 7.5,
  precision: 'high',
  remediation: `The manifest stores every model, macro and hook exactly as written (\`raw_code\`, \`macro_sql\`,
\`config.pre-hook\`/\`post-hook\`), so a literal credential in a .sql file is in every manifest — and in git.

**Fix:** remove the literal from the file named in the finding and read the value at run time instead:
\`{{ env_var('DBT_ENV_SECRET_…') }}\` in \`profiles.yml\`, or a warehouse-side secret (storage integration,
DuckDB secret provider, grants to a role instead of a password). Rotate the credential: it is in git history.`,
});
