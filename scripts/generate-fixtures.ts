/**
 * Writes the fixtures: two small jaffle-shop dbt projects (clean and leaky) with the artifacts dbt
 * would write for them, and older artifact shapes (manifest v4, run_results v4, sources v1, a
 * pre-0.19 run_results). The leak cases — what is planted where, where it must be found, and the
 * decoys that must stay silent — are data in fixtures/cases/*.yaml (see the README there); the
 * modules in scripts/fixtures/ assemble dbt's shapes around them. Each fixture folder gets an
 * expected.json: every planted secret (file, JSON pointer of the string that holds it, exact text,
 * rule, kind) and the decoys.
 *
 *   npm run fixtures        (test/fixtures.test.ts fails when fixtures/ is not up to date)
 *
 * Deterministic: every run writes the same bytes. Every credential here is made up for these tests.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CASES_DIR, loadCases } from './fixtures/cases.js';
import { buildExpected } from './fixtures/expected.js';
import { jaffleShop } from './fixtures/jaffle-shop.js';
import { legacy } from './fixtures/legacy.js';
import { partialParse } from './fixtures/partial-parse.js';
import { PAGE_FILE, Planting } from './fixtures/planting.js';
import { pageExpected, staticPage } from './fixtures/static-page.js';
import { toPythonJson } from './fixtures/python-json.js';

export { RULE_IDS, type RuleId } from './fixtures/cases.js';
export type { Expected, ExpectedDecoy, ExpectedSecret } from './fixtures/expected.js';
export { jsonPointer, resolvePointer } from './fixtures/expected.js';
export { toPythonJson } from './fixtures/python-json.js';

/** The fixture folders of JSON artifacts this script owns (it deletes and rewrites them). */
export const FIXTURE_NAMES = ['jaffle-shop-clean', 'jaffle-shop-leaky', 'legacy-leaky', 'static-page-clean', 'static-page-leaky'] as const;

/** The partial_parse.msgpack sample (binary; see scripts/fixtures/partial-parse.ts), also rewritten here. */
export const PARTIAL_PARSE_FIXTURE = 'partial-parse';

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Write every fixture folder under `outDir`, replacing what was there, from the cases in `casesDir`. */
export function generateFixtures(outDir: string, casesDir = CASES_DIR): void {
  const jaffle = loadCases('jaffle-shop', casesDir);
  const fixtures = [jaffleShop(new Planting(jaffle, false)), jaffleShop(new Planting(jaffle, true)), legacy(new Planting(loadCases('legacy-leaky', casesDir), true))];
  // Everything is built and checked before anything is written: a wrong case leaves fixtures/ as it was.
  const sample = partialParse(fixtures[0]!.artifacts['target/manifest.json'] as Record<string, unknown>);
  const outputs: { name: string; files: Record<string, string | Buffer> }[] = fixtures.map((fixture) => ({
    name: fixture.name,
    files: {
      ...fixture.files,
      // dbt writes artifacts without a trailing newline.
      ...Object.fromEntries(Object.entries(fixture.artifacts).map(([rel, doc]) => [rel, toPythonJson(doc)])),
      'expected.json': `${JSON.stringify(buildExpected(fixture), null, 2)}\n`,
    },
  }));
  outputs.push({ name: PARTIAL_PARSE_FIXTURE, files: { ...sample.files, 'expected.json': `${JSON.stringify(sample.expected, null, 2)}\n` } });
  // static_index.html with a template's additions around the clean jaffle shop's manifest and catalog
  const clean = fixtures[0]!.artifacts;
  const pageCases = loadCases('static-page', casesDir);
  for (const leaky of [false, true]) {
    const name = `static-page-${leaky ? 'leaky' : 'clean'}`;
    const planting = new Planting(pageCases, leaky);
    const page = staticPage(planting, toPythonJson(clean['target/manifest.json']), toPythonJson(clean['target/catalog.json']));
    outputs.push({ name, files: { [PAGE_FILE]: page, 'expected.json': `${JSON.stringify(pageExpected(name, page, planting), null, 2)}\n` } });
  }
  for (const { name, files } of outputs) {
    const dir = path.join(outDir, name);
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, content] of Object.entries(files)) write(path.join(dir, rel), content);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = path.join(import.meta.dirname, '..', 'fixtures');
  try {
    generateFixtures(outDir);
  } catch (error) {
    // A wrong case is a message for whoever edits fixtures/cases, not a stack trace.
    console.error(`npm run fixtures: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`fixtures written to ${path.relative(process.cwd(), outDir) || '.'}`);
}
