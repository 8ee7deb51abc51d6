/**
 * A rule's JSONPath selectors in plain words: `$.nodes.*.columns.*.meta` → "`meta` of each column
 * of each node, in manifest.json".
 */

const SINGULAR: Record<string, string> = {
  nodes: 'node',
  sources: 'source',
  macros: 'macro',
  exposures: 'exposure',
  metrics: 'metric',
  semantic_models: 'semantic model',
  saved_queries: 'saved query',
  unit_tests: 'unit test',
  groups: 'group',
  functions: 'function',
  columns: 'column',
  results: 'result',
  disabled: 'disabled node',
};

/** Which artifacts hold a top-level key (dbt's own layout). */
const ARTIFACTS: Record<string, string> = {
  metadata: 'every artifact',
  args: 'run_results.json',
  results: 'run_results.json and sources.json',
  errors: 'catalog.json',
};

type Step = { name: string } | { wildcard: true };

function parse(selector: string): Step[] {
  const steps: Step[] = [];
  for (const m of selector.replace(/^\$/, '').matchAll(/\.([^.[\]]+)|\[\*\]|\[['"]([^'"]+)['"]\]/g)) {
    const name = m[1] ?? m[2];
    steps.push(name === undefined || name === '*' ? { wildcard: true } : { name });
  }
  return steps;
}

export function describeSelector(selector: string): string {
  const steps = parse(selector);
  const first = steps[0];
  const where = first && 'name' in first ? (ARTIFACTS[first.name] ?? 'manifest.json') : 'every artifact';
  // Read from the end: the field path after the last wildcard, then "of each <item>" outwards.
  const phrases: string[] = [];
  let field: string[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if ('name' in step) {
      field.unshift(step.name);
      continue;
    }
    // A run of wildcards (`disabled.*[*]`) is one level of items, named by the key before it.
    while (i > 0 && !('name' in steps[i - 1]!)) i--;
    const owner = steps[i - 1];
    const ownerName = owner && 'name' in owner ? owner.name : undefined;
    if (field.length > 0) phrases.push(`\`${field.join('.')}\``);
    phrases.push(`of each ${ownerName ? (SINGULAR[ownerName] ?? `entry of \`${ownerName}\``) : 'entry'}`);
    field = [];
    i--; // the owner's name is used up
  }
  if (field.length > 0) phrases.push(`\`${field.join('.')}\``);
  if (phrases.length === 1) return `${phrases[0]}, in ${where}`;
  const [head, ...rest] = phrases;
  return `${head} ${rest.join(' ')}, in ${where}`;
}
