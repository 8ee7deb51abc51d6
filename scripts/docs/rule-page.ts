/** One page per rule, from its metadata and its examples: docs/rules/<id>.md. */
import { CONFIG_FILE_NAME } from '../../src/config/load.js';
import { CONTEXT_DETECTORS } from '../../src/detectors/index.js';
import { GENERATED_FIELDS, type Rule } from '../../src/rules/index.js';
import { withCopies } from '../../src/rules/create-rule.js';
import type { ExampleFiles, RuleExample } from './rule-examples.js';
import { describeSelector } from './selectors.js';
import { GENERATED_NOTICE } from './notice.js';

const TOKEN_PAGE = '../detectors/token-formats.md';

export function rulePath(rule: Rule): string {
  return `docs/rules/${rule.id}.md`;
}

export function renderRulePage(rule: Rule, example: RuleExample): string {
  return [
    GENERATED_NOTICE,
    `# ${rule.id}: ${rule.title}`,
    '',
    `${rule.description}`,
    '',
    `- Default severity: **${rule.severity}** (GitHub security-severity ${rule.securitySeverity.toFixed(1)})`,
    `- Precision: ${rule.precision}`,
    '',
    '## Where it looks',
    '',
    ...whereItLooks(rule),
    '',
    ...detectorsSection(rule),
    '## Why it matters, and how to fix it',
    '',
    rule.remediation,
    '',
    '## Examples',
    '',
    '### Reported',
    '',
    ...renderFiles(example.bad),
    '### Not reported',
    '',
    ...renderFiles(example.good),
    '## Suppressing it',
    '',
    ...suppression(rule, example),
  ].join('\n');
}

function whereItLooks(rule: Rule): string[] {
  if (rule.scope === 'page') {
    return [
      'The page of a static_index.html (`dbt docs generate --static`) around its embedded manifest and catalog, which the',
      'other rules read: HTML comments, text, every attribute value (a `<meta>` tag\'s content read under its name or',
      'property), inline scripts and styles. dbt\'s own script bundle (the script the artifacts are inlined in, or any',
      'inline script of 64 KiB or more) and inline styles are read for the high-confidence token formats only.',
    ];
  }
  if (rule.scope === 'artifacts') {
    return ['This rule reads no values: it compares the artifacts of one target folder with each other (their `metadata`).'];
  }
  if (rule.selectors.length === 0) {
    return [
      'Every string value that no other rule reads: descriptions, docs blocks, column comments in catalog.json and',
      'anything else dbt copies from the project. It skips the fields dbt generates itself:',
      '',
      GENERATED_FIELDS.map((f) => `\`${f}\``).join(', ') + '.',
    ];
  }
  const table = ['| JSONPath | in plain words |', '|---|---|', ...rule.selectors.map((s) => `| \`${s}\` | ${describeSelector(s)} |`)];
  if (withCopies(rule.selectors).length === rule.selectors.length) return table;
  const copies = withCopies(rule.selectors);
  const functions = copies.some((s) => s.startsWith('$.functions.*'));
  const embedded = copies.some((s) => s.startsWith('$.results[*].node.'));
  const places = [
    ...(functions ? ["a node's on each function (`$.functions.*`, dbt 1.11)"] : []),
    "each resource's on its disabled copy (`$.disabled.*[*]`, written for `enabled: false`)",
    ...(embedded ? ["a node's or a source's on the one each result embeds in run_results.json and sources.json before dbt 0.19 (`$.results[*].node`)"] : []),
  ];
  const list = places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')}, and ${places.at(-1)}`;
  return [...table, '', `The same places are read where dbt keeps the same resource's fields elsewhere: ${list}.`];
}

function detectorsSection(rule: Rule): string[] {
  if (rule.detectors.length === 0) return [];
  const context = new Set(CONTEXT_DETECTORS.map((d) => d.id));
  const items = rule.detectors.map((ref) => {
    if (ref === '@tokens') return `- [every token format](${TOKEN_PAGE}) (\`@tokens\`)`;
    if (ref === '@tokens-high') return `- [the token formats of high confidence](${TOKEN_PAGE}) (\`@tokens-high\`)`;
    if (context.has(ref)) return `- [\`${ref}\`](../detectors/${ref}.md)`;
    return `- \`${ref}\` ([token formats](${TOKEN_PAGE}))`;
  });
  return ['## What it looks for', '', ...items, ''];
}

function renderFiles(files: ExampleFiles): string[] {
  return Object.entries(files).flatMap(([name, content]) =>
    typeof content === 'string' ? [`\`target/${name}\`:`, '', '```html', content.trimEnd(), '```', ''] : [`\`target/${name}\`:`, '', '```json', JSON.stringify(content, null, 2), '```', ''],
  );
}

/** Values under metadata and args belong to no dbt node, so no node's meta can suppress them. */
function inNodes(rule: Rule): boolean {
  if (rule.scope === 'artifacts' || rule.scope === 'page') return false;
  return rule.selectors.length === 0 || rule.selectors.some((s) => !/^\$\.(metadata|args|errors)\b/.test(s));
}

function suppression(rule: Rule, example: RuleExample): string[] {
  const out: string[] = [];
  if (inNodes(rule)) {
    out.push(
      'For one dbt node, say why in its `meta` in the project YAML — here for a model; sources, seeds, snapshots and',
      'exposures take the same `meta`. The finding stays in reports, marked suppressed, and does not fail the run:',
      '',
      '```yaml',
      'models:',
      '  - name: orders',
      '    config:',
      '      meta:',
      '        dbt-tools-lint:',
      `          ignore: ["${rule.id}"]`,
      '          reason: "test fixture, not a real credential"',
      '```',
      '',
    );
  }
  if (example.allowlist) {
    out.push(`To accept the finding above, allowlist it in \`${CONFIG_FILE_NAME}\`:`, '', '```json', JSON.stringify({ allowlist: example.allowlist }, null, 2), '```', '');
  }
  out.push(
    `To turn the rule off in \`${CONFIG_FILE_NAME}\` (or set its severity: \`"error"\`, \`"warning"\`, \`"note"\`):`,
    '',
    '```json',
    JSON.stringify({ rules: { [rule.id]: 'off' } }, null, 2),
    '```',
    '',
    'To accept every current finding and fail only on new ones: `dbt-tools-lint --update-baseline`, then',
    '`dbt-tools-lint --baseline .dbt-tools-lint-baseline.json`.',
    '',
  );
  return out;
}
