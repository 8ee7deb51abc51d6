/** The rule registry, in priority order: a value is read by the first rule whose selectors cover it. */
import type { Rule } from './create-rule.js';
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
export const GENERATED_FIELDS: readonly string[] = [
  '$..checksum',
  '$..unique_id',
  '$..fqn',
  '$..depends_on',
  '$..refs',
  '$..created_at',
  '$..timing[*].name',
  '$..timing[*].started_at',
  '$..timing[*].completed_at',
  '$..doc_blocks',
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
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
