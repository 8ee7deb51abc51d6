/**
 * The meta-test: the rule registry, the rule files, the docs, the fixtures and the README table
 * name the same rules; every detector is documented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { CONTEXT_DETECTORS, DETECTORS } from '../src/detectors/index.js';
import { FORMAT_FAMILIES, TOKEN_FORMATS } from '../src/detectors/token-formats.js';
import { DOCS_BASE, type Rule } from '../src/rules/create-rule.js';
import { RULES } from '../src/rules/index.js';
import { END, START } from '../scripts/docs/readme-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const ruleIds = RULES.map((r) => r.id);

t.test('rule ids are unique', async (t) => {
  t.equal(new Set(ruleIds).size, ruleIds.length);
});

t.test('every file in src/rules/ is a registered rule named by its id, and every rule has a file', async (t) => {
  const files = readdirSync(path.join(root, 'src/rules'))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'create-rule.ts')
    .sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(root, 'src/rules', file)).href)) as { default?: Rule };
    const rule = module.default;
    t.equal(rule?.id, path.basename(file, '.ts'), `${file} exports the rule of the same id`);
    t.ok(rule && RULES.includes(rule), `${file} is registered in src/rules/index.ts`);
  }
  t.same(files, ruleIds.map((id) => `${id}.ts`).sort(), 'no registered rule without its own file');
});

t.test('every rule has its docs page at its helpUri, titled with its id', async (t) => {
  for (const rule of RULES) {
    t.equal(rule.helpUri, `${DOCS_BASE}${rule.id}.md`, `${rule.id}: helpUri`);
    t.ok(DOCS_BASE.endsWith('/blob/main/docs/rules/'), 'helpUri points into docs/rules/ of the repository');
    const page = `docs/rules/${rule.id}.md`;
    if (!existsSync(path.join(root, page))) {
      t.fail(`${page} is missing (npm run docs)`);
      continue;
    }
    const title = read(page).split('\n').find((line) => line.startsWith('# '));
    t.match(title, rule.id, `${page}: the title names the rule`);
  }
  const pages = readdirSync(path.join(root, 'docs/rules')).map((f) => path.basename(f, '.md')).sort();
  t.same(pages, [...ruleIds].sort(), 'no page for a rule that does not exist');
});

t.test('every rule that reads values has a planted secret in the fixtures', async (t) => {
  const rulesInFixtures = new Set<string>();
  for (const file of ['fixtures/jaffle-shop-leaky/expected.json', 'fixtures/legacy-leaky/expected.json', 'fixtures/static-page-leaky/expected.json']) {
    const expected = JSON.parse(read(file)) as { secrets: { rule: string }[] };
    for (const s of expected.secrets) rulesInFixtures.add(s.rule);
  }
  for (const rule of RULES) {
    // Rules over whole artifacts find no value to plant; their documented examples are scanned in test/docs.test.ts.
    if (rule.scope === 'artifacts') continue;
    t.ok(rulesInFixtures.has(rule.id), `${rule.id} appears in a fixture's expected.json`);
  }
  for (const id of rulesInFixtures) t.ok(ruleIds.includes(id), `fixtures name an existing rule: ${id}`);
});

t.test('the README rules table lists every rule and links its page', async (t) => {
  const readme = read('README.md');
  const table = readme.slice(readme.indexOf(START), readme.indexOf(END));
  t.ok(table.length > START.length, 'README.md has the rules markers');
  for (const id of ruleIds) t.match(table, `[\`${id}\`](docs/rules/${id}.md)`, `${id} is in the README table`);
});

t.test('every detector is documented', async (t) => {
  const tokenIds = new Set(TOKEN_FORMATS.map((f) => f.id));
  const contextIds = new Set(CONTEXT_DETECTORS.map((d) => d.id));
  const familyOf = new Map(FORMAT_FAMILIES.flatMap((family) => family.formats.map((f) => [f.id, family.id])));
  const index = read('docs/detectors/token-formats.md');
  for (const family of FORMAT_FAMILIES) t.match(index, `(token-formats/${family.id}.md)`, `the token formats page links the ${family.id} family`);
  for (const d of DETECTORS) {
    if (tokenIds.has(d.id)) {
      const page = `docs/detectors/token-formats/${familyOf.get(d.id)}.md`;
      t.match(read(page), `| \`${d.id}\` |`, `${d.id} is a row of ${page}`);
    }
    else if (contextIds.has(d.id)) {
      const page = `docs/detectors/${d.id}.md`;
      t.ok(existsSync(path.join(root, page)) && read(page).includes(`\n# ${d.id}: `), `${page} exists and is titled with its id`);
    } else t.fail(`${d.id} is neither a token format nor a context detector`);
  }
});
