import { createRule } from './create-rule.js';

export default createRule({
  id: 'cli-vars',
  title: 'Secret in command-line vars or arguments',
  description: 'Secrets passed with --vars or run-operation --args, which run_results.json records in args.',
  severity: 'error',
  selectors: ['$.args.vars', '$.args.cli_vars', '$.args.invocation_command', '$.args.args', '$.args.macro_args'],
  detectors: ['secret-key-name', 'password-assignment', '@tokens', 'url-password', 'signed-url', 'pgpass-line', 'spark-conf-line', 'http-auth-header', 'sql-password', 'cli-password-flag', 'code-secret-argument', 'dbt-secret-placeholder'],
  // (a token written as a name: `meta: {"xoxb-…": "#data-alerts"}`, `--vars '{"ghs_…": mirror}'`)
  readsKeys: true,
  securitySeverity: 9.0,
  precision: 'high',
  remediation: `run_results.json records the command line: \`args.vars\` holds the \`--vars\` dict, \`args.invocation_command\`
the full command, \`args.args\` the \`--args\` of \`dbt run-operation\`. Since dbt 1.8 only vars whose name starts
with \`DBT_ENV_SECRET\` are replaced by \`*****\`; every other value, and everything before 1.8, is stored as typed.

**Fix:** do not pass credentials with \`--vars\` or \`--args\`. Read them in \`profiles.yml\` with
\`{{ env_var('DBT_ENV_SECRET_…') }}\`, or name the var \`DBT_ENV_SECRET_…\` (dbt ≥ 1.8 scrubs it). Rotate the credential.`,
});
