import { createRule } from './create-rule.js';

export default createRule({
  id: 'locations-urls',
  title: 'Credential in a source location or exposure URL',
  description: 'SAS tokens, signed URLs and tokens in query strings of external source locations and exposure URLs.',
  severity: 'error',
  selectors: ['$.sources.*.external', '$.exposures.*.url'],
  // secret-key-name: dbt-external-tables' external.options (a JDBC source's user and password, a stage's keys)
  detectors: ['@tokens', 'secret-key-name', 'signed-url', 'url-password', 'password-assignment', 'dbt-secret-placeholder'],
  securitySeverity: 8.0,
  precision: 'high',
  remediation: `\`sources.<id>.external.location\` (dbt-external-tables) and \`exposures.<id>.url\` are copied from YAML into the
manifest. A SAS URL (\`?sv=…&sig=…\`), a pre-signed S3 or GCS URL, or a dashboard link with \`?token=\` grants
access to whoever reads the manifest or the published dbt docs.

**Fix:** use the bare location (\`abfss://…\`, \`s3://…\`) and let the warehouse authenticate (storage
integration, external location with a managed identity, IAM role); link dashboards without tokens.
Revoke the SAS or signing key.`,
});
