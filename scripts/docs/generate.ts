/**
 * Everything `npm run docs` writes, computed in memory: path (relative to the repository root) →
 * content. `docs:check` compares the same map with the files on disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/rules/index.js';
import { contextDetectorPages, familyPages, renderTokenFormatsPage, TOKEN_FORMATS_PATH } from './detector-pages.js';
import { withFormatCount, withRulesTable } from './readme-table.js';
import { RULE_EXAMPLES } from './rule-examples.js';
import { renderRulePage, rulePath } from './rule-page.js';

/** Folders the generator owns entirely: a file there that it does not write is stale. */
export const GENERATED_DIRS = ['docs/rules', 'docs/detectors', 'docs/detectors/token-formats'];

export function generateDocs(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of RULES) {
    const example = RULE_EXAMPLES[rule.id];
    if (!example) throw new Error(`scripts/docs/rule-examples.ts has no bad and good example for rule ${rule.id}`);
    files.set(rulePath(rule), renderRulePage(rule, example));
  }
  files.set(TOKEN_FORMATS_PATH, renderTokenFormatsPage());
  for (const [file, content] of familyPages()) files.set(file, content);
  for (const [file, content] of contextDetectorPages()) files.set(file, content);
  files.set('README.md', withFormatCount(withRulesTable(readFileSync(path.join(root, 'README.md'), 'utf8'))));
  return files;
}
