/** `rules`, `explain RULE`, `config --schema` and `init`: what the linter knows, and a starter config. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../config/schema.js';
import { CONFIG_FILE_NAME } from '../config/load.js';
import { DETECTORS, DETECTOR_GROUPS } from '../detectors/index.js';
import { TOKEN_FORMATS } from '../detectors/token-formats.js';
import { UsageError } from '../errors.js';
import { RULES } from '../rules/index.js';
import { withCopies } from '../rules/create-rule.js';
import type { CliIO } from './context.js';
import { writeAtomically } from './output.js';

export function listRules(format: 'text' | 'json', io: CliIO): void {
  const confidence = new Map(TOKEN_FORMATS.map((f) => [f.id, f.confidence]));
  const rules = RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title, description: r.description, detectors: [...r.detectors], helpUri: r.helpUri }));
  const detectors = DETECTORS.map((d) => ({ id: d.id, title: d.title, kind: confidence.has(d.id) ? 'token-format' : 'context', ...(confidence.has(d.id) ? { confidence: confidence.get(d.id) } : {}) }));
  if (format === 'json') {
    io.stdout(JSON.stringify({ rules, detectors, groups: DETECTOR_GROUPS }, null, 2) + '\n');
    return;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  io.stdout('Rules (where dbt leaks secrets):\n');
  for (const r of rules) io.stdout(`  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
  const dWidth = Math.max(...detectors.map((d) => d.id.length));
  io.stdout(`\nDetectors (what a secret looks like), ${detectors.length}:\n`);
  for (const d of detectors) io.stdout(`  ${d.id.padEnd(dWidth)}  ${d.title}${d.kind === 'token-format' ? ` [${d.confidence}]` : ''}\n`);
}

export function explainRule(id: string, io: CliIO): void {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new UsageError(`unknown rule "${id}"; known rules: ${RULES.map((r) => r.id).join(', ')}`);
  io.stdout(
    [
      `${rule.id} — ${rule.title}`,
      '',
      rule.description,
      '',
      `Default severity: ${rule.severity}`,
      // (with the copies of its places on functions, disabled resources and pre-0.19 results: where it reads, not only what its file writes)
      `Reads: ${rule.selectors.length > 0 ? withCopies(rule.selectors).join(', ') : 'every value no other rule reads (generated fields skipped)'}`,
      `Detectors: ${rule.detectors.join(', ')}`,
      '',
      rule.remediation,
      '',
      `Suppress for one node: meta: {"dbt-tools-lint": {"ignore": ["${rule.id}"], "reason": "…"}} in the node's YAML;`,
      `turn off everywhere: "rules": {"${rule.id}": "off"} in ${CONFIG_FILE_NAME}.`,
      `Docs: ${rule.helpUri}`,
      '',
    ].join('\n'),
  );
}

export function printConfigSchema(io: CliIO): void {
  io.stdout(JSON.stringify(configJsonSchema(), null, 2) + '\n');
}

export const STARTER_CONFIG = {
  $schema: './node_modules/@dbt-tools/lint/schema/config.schema.json',
  failOn: 'warning',
  rules: {},
  detectors: {},
  allowlist: { paths: ['**/dbt_packages/**'] },
};

export function initConfig(io: CliIO, force: boolean): void {
  const file = path.join(io.cwd, CONFIG_FILE_NAME);
  if (existsSync(file) && !force) throw new UsageError(`${file} already exists (use --force to overwrite)`);
  writeAtomically(file, JSON.stringify(STARTER_CONFIG, null, 2) + '\n', 'init');
  io.stdout(`Wrote ${file}\n`);
}
