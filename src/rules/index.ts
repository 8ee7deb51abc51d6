/** The rule registry, in priority order: a value is read by the first rule whose selectors cover it. */
import { withCopies, type Rule } from './create-rule.js';
import envMetadata from './env-metadata.js';
import cliVars from './cli-vars.js';
import compiledCode from './compiled-code.js';
import rawCode from './raw-code.js';
import runMessages from './run-messages.js';
import configMeta from './config-meta.js';
import locationsUrls from './locations-urls.js';
import freeText from './free-text.js';
import staleArtifacts from './stale-artifacts.js';
import staticHtmlPage from './static-html-page.js';

export type { Rule } from './create-rule.js';

export const RULES: readonly Rule[] = [envMetadata, cliVars, compiledCode, rawCode, runMessages, locationsUrls, configMeta, freeText, staleArtifacts, staticHtmlPage];

/** Machine-generated fields: never read by the fallback rule (checksums, ids, dependency maps). */
// They are named where dbt writes them: on a resource of a collection (nodes.*, sources.*, macros.*,
// unit_tests.*, a catalog's nodes.*…), on a disabled entry, on a result and a pre-1.0 result's node.
// Not at any depth: a column, a meta key or a row named created_at, unique_id or checksum is the
// user's, and its description or value is read like any other.
const RESOURCE_GENERATED = ['checksum', 'unique_id', 'fqn', 'depends_on', 'refs', 'created_at', 'doc_blocks'];
// (a node's are a function's and a disabled copy's too: see withCopies)
export const GENERATED_FIELDS: readonly string[] = withCopies([
  ...RESOURCE_GENERATED.flatMap((key) => [`$.*.*.${key}`, `$.disabled.*[*].${key}`, `$.results[*].node.${key}`]),
  '$.*.*.contract.checksum',
  '$.disabled.*[*].contract.checksum',
  '$..timing[*].name',
  '$..timing[*].started_at',
  '$..timing[*].completed_at',
  '$.metadata',
  '$.parent_map',
  '$.child_map',
  '$.group_map',
  '$.nodes.*.sources',
  '$.nodes.*.path',
  '$.nodes.*.original_file_path',
  '$.nodes.*.patch_path',
  '$.nodes.*.root_path',
  '$.nodes.*.build_path',
  '$.nodes.*.compiled_path',
  '$.nodes.*.relation_name',
  '$.files',
  '$.results[*].thread_id',
]);

/**
 * A column's documentation: its description in the manifest, its warehouse comment in the catalog (and a catalog stat's
 * value, read with the stat's id as a column's comment is with the column's name). The fallback rule
 * reads them as it reads any text, and with the column's name (DetectorContext.parent) for the detectors that read only
 * there (COLUMN_DOC_DETECTORS): the walks know the place from the path automaton's state, without a look at the key.
 */
export const COLUMN_DOC_FIELDS: readonly string[] = withCopies([
  '$.nodes.*.columns.*.description',
  '$.sources.*.columns.*.description',
  '$.nodes.*.columns.*.comment',
  '$.sources.*.columns.*.comment',
  // a catalog stat's value, with the stat's id or the column its label names (`stats: {twilio_auth_token: {value: …}}`,
  // `{sample_value: {label: "Sample auth0_client_secret", value: …}}`): an adapter or a catalog macro names its stats
  // (Snowflake's `bytes`, BigQuery's `num_rows`), and a seed's column copied there is a sample of it (red team 89)
  '$.nodes.*.stats.*.label',
  '$.nodes.*.stats.*.value',
  '$.sources.*.stats.*.label',
  '$.sources.*.stats.*.value',
]);

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
