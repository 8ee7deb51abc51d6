/**
 * Generated docs: committed pages match the generator, `docs:check` fails on drift, every rule's bad
 * example triggers it and its good example triggers nothing, every detector example holds, and no
 * page carries a value with the shape of a real provider token.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { compileConfig } from '../src/config/compile.js';
import { configSchema } from '../src/config/schema.js';
import { getDetector } from '../src/detectors/index.js';
import { envVarCalls } from '../src/detectors/env-var-calls.js';
import { detectTokens } from '../src/detectors/tokens.js';
import { scan } from '../src/engine/scan.js';
import { allowlistSuppressor } from '../src/findings/suppress.js';
import { RULES } from '../src/rules/index.js';
import { findDrift } from '../scripts/docs/check.js';
import { DETECTOR_NOTES } from '../scripts/docs/detector-notes.js';
import { generateDocs } from '../scripts/docs/generate.js';
import { RULE_EXAMPLES, type ExampleFiles } from '../scripts/docs/rule-examples.js';
import { tempDir } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Write one example's artifacts into a fresh target folder, each under its dbt file name. */
function writeTarget(files: ExampleFiles): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

t.test('committed docs and the README table are what the generator writes', async (t) => {
  const drift = findDrift(root, generateDocs(root));
  t.same(drift, [], 'run `npm run docs` and commit the result');
});

t.test('docs:check exits 0 on this checkout, and 1 naming each drifted file', async (t) => {
  const ok = spawnSync(tsx, ['scripts/docs.ts', '--check'], { cwd: root, encoding: 'utf8' });
  t.equal(ok.status, 0, ok.stderr);

  const copy = tempDir();
  cpSync(path.join(root, 'docs'), path.join(copy, 'docs'), { recursive: true });
  cpSync(path.join(root, 'README.md'), path.join(copy, 'README.md'));
  appendFileSync(path.join(copy, 'docs/rules/raw-code.md'), 'edited by hand\n');
  rmSync(path.join(copy, 'docs/detectors/url-password.md'));
  writeFileSync(path.join(copy, 'docs/rules/retired-rule.md'), '# retired-rule\n');
  const bad = spawnSync(tsx, ['scripts/docs.ts', '--check', '--root', copy], { cwd: root, encoding: 'utf8' });
  t.equal(bad.status, 1);
  t.match(bad.stderr, /docs\/rules\/raw-code\.md: differs from line \d+/);
  t.match(bad.stderr, /docs\/detectors\/url-password\.md: missing/);
  t.match(bad.stderr, /docs\/rules\/retired-rule\.md: stale/);
  t.match(bad.stderr, /npm run docs/);

  execFileSync(tsx, ['scripts/docs.ts', '--root', copy], { cwd: root });
  t.same(findDrift(copy, generateDocs(copy)), [], '`npm run docs` repairs all of it');
});

for (const rule of RULES) {
  t.test(`${rule.id}: the documented examples`, async (t) => {
    const example = RULE_EXAMPLES[rule.id];
    if (!example) return t.fail(`scripts/docs/rule-examples.ts has no example for ${rule.id}`);

    const bad = scan({ paths: [writeTarget(example.bad)] }).findings;
    t.ok(bad.length > 0, 'the bad example is reported');
    t.same([...new Set(bad.map((f) => f.ruleId))], [rule.id], 'only by this rule');

    const good = scan({ paths: [writeTarget(example.good)] }).findings;
    t.same(good.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPath}`), [], 'the good example has no finding at all');

    if (example.allowlist) {
      const config = compileConfig(configSchema.parse({ allowlist: example.allowlist }), ['.dbt-tools-lint.json']);
      const allowed = scan({ paths: [writeTarget(example.bad)], suppressor: allowlistSuppressor(config.allowlist, '.dbt-tools-lint.json', process.cwd()) }).findings;
      t.ok(allowed.length > 0 && allowed.every((f) => f.suppressed?.kind === 'allowlist'), 'the documented allowlist accepts the bad example');
    }
  });
}

t.test('context detector pages: each example is found, or ignored, as the page says', async (t) => {
  for (const [id, note] of Object.entries(DETECTOR_NOTES)) {
    const detector = getDetector(id);
    if (!detector) {
      t.fail(`${id} is not a detector`);
      continue;
    }
    // an example compiled from raw code is read with that code's env_var() calls, as the walks hand them over
    // …and the text of a column's description with the column's name (DetectorContext.parent)
    const context = (f: { key?: string; column?: string; rawCode?: string }) => ({
      key: f.key,
      ...(f.column === undefined ? {} : { parent: f.column }),
      ...(f.rawCode === undefined ? {} : { envVars: envVarCalls(f.rawCode) }),
    });
    for (const f of note.found) {
      const spans = detector.detect(f.text, context(f)).map((m) => f.text.slice(m.start, m.end));
      t.same(spans, [f.secret], `${id} finds its example`);
    }
    for (const f of note.ignored) t.same(detector.detect(f.text, context(f)), [], `${id} ignores: ${f.why}`);
  }
});

t.test('no docs page holds a value shaped like a real provider token', async (t) => {
  for (const [file, content] of generateDocs(root)) {
    t.same(detectTokens(content).map((m) => m.detectorId), [], file);
  }
});
