/** SARIF that GitHub accepts: schema-valid, zero multitool findings under Sarif;Gh, right files, stable identity, no secret. */
import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import Ajv from 'ajv-draft-04';
import type * as Sarif from 'sarif';
import { runCli } from '../cli-run.js';
import { LEAKY, ROOT, plantedSecrets } from '../fixture-data.js';
import { RULES } from '../../src/rules/index.js';
import { MULTITOOL, requireTestTool } from '../test-tools.js';
import { tempDir } from '../helpers.js';

async function sarifFor(target: string, extra: string[] = [], cwd = ROOT): Promise<{ text: string; log: Sarif.Log; file: string }> {
  const file = path.join(tempDir('sarif-'), 'out.sarif');
  const r = await runCli([target, '--format', 'sarif', '--output', file, ...extra], { cwd });
  t.equal(r.code, 1, 'findings exit 1');
  const text = readFileSync(file, 'utf8');
  return { text, log: JSON.parse(text) as Sarif.Log, file };
}

/** The leaky jaffle shop, and the partial_parse.msgpack sample (results with a binary region). */
const TARGETS = [path.join(LEAKY, 'target'), path.join(ROOT, 'fixtures', 'partial-parse', 'target')];

t.test('valid against the official SARIF 2.1.0 schema', async (t) => {
  const schema = JSON.parse(readFileSync(requireTestTool.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // the official schema's language-tag pattern is not valid with the u flag
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
  // the schema's formats, checked rather than ignored (ajv knows none of them by itself)
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);
  for (const target of TARGETS) {
    const { log } = await sarifFor(target);
    const valid = validate(log);
    t.ok(valid, `${path.relative(ROOT, target)}${valid ? '' : `: ${JSON.stringify(validate.errors?.slice(0, 3))}`}`);
  }
});

t.test("zero errors and warnings from Microsoft's multitool with GitHub's ingestion rules", async (t) => {
  const tool = MULTITOOL;
  if (!existsSync(tool)) {
    t.fail('the multitool binary is missing: npm test installs it into test-tools/ (npm run test:tools)');
    return;
  }
  chmodSync(tool, 0o755);
  for (const target of TARGETS) {
    const { file } = await sarifFor(target, ['--category', 'dbt-artifacts']);
    const out = path.join(path.dirname(file), 'validation.sarif');
    execFileSync(tool, ['validate', '--rule-kind', 'Sarif;Gh', '--output', out, file], { stdio: 'pipe', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    const validation = JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log;
    const problems = (validation.runs[0]!.results ?? []).filter((r) => r.level === 'error' || r.level === 'warning' || r.level === undefined);
    t.same(problems.map((p) => `${p.ruleId}: ${p.message.text ?? p.message.id}`), [], path.relative(ROOT, target));
  }
});

t.test('every enabled rule is described', async (t) => {
  const { log } = await sarifFor(path.join(LEAKY, 'target'));
  const driver = log.runs[0]!.tool.driver;
  t.equal(driver.rules!.length, RULES.length);
  for (const rule of driver.rules!) {
    t.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.markdown && rule.helpUri, `${rule.id} described`);
    t.match(rule.properties, { tags: ['security', 'secret'], precision: /high/ }, `${rule.id} properties`);
    t.match(String(rule.properties!['security-severity']), /^\d+\.\d$/);
  }
  t.match(driver.version, /^\d+\.\d+\.\d+/);
  t.equal(driver.semanticVersion, driver.version);
});

t.test('node findings point at model, macro or YAML files; env and vars at the artifact', async (t) => {
  const { log } = await sarifFor(path.join(LEAKY, 'target'));
  const results = log.runs[0]!.results!;
  for (const r of results) {
    const uri = r.locations![0]!.physicalLocation!.artifactLocation!.uri!;
    const hasNode = (r.locations![0]!.logicalLocations ?? []).length > 0;
    if (hasNode) {
      t.match(uri, /^((models|macros|analyses)\/.+\.(sql|py|yml|md)|dbt_project\.yml)$/, `${r.ruleId} ${uri}`);
      t.match(r.relatedLocations![0]!.physicalLocation!.artifactLocation!.uri, /^target\//);
    } else t.match(uri, /^target(-run-operation)?\//, `${r.ruleId} ${uri}`);
  }
  // A literal written in a .sql file is shown on its line there.
  const raw = results.find((r) => r.ruleId === 'raw-code' && r.locations![0]!.physicalLocation!.artifactLocation!.uri!.endsWith('.sql'));
  t.ok(raw, 'a raw-code finding in a .sql file');
  const region = raw!.locations![0]!.physicalLocation!.region!;
  const file = readFileSync(path.join(LEAKY, raw!.locations![0]!.physicalLocation!.artifactLocation!.uri!), 'utf8');
  const line = file.split('\n')[region.startLine! - 1]!;
  t.ok(region.startColumn! > 0 && line.length >= region.endColumn! - 1, 'the region lies on that line');
});

t.test('stable distinct fingerprints across a regenerated, re-minified and reordered manifest', async (t) => {
  const copy = tempDir('regen-');
  cpSync(LEAKY, copy, { recursive: true });
  const first = await sarifFor(path.join(copy, 'target'), [], copy);
  const manifestFile = path.join(copy, 'target', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Record<string, unknown>>;
  const reversed = Object.fromEntries(Object.entries(manifest.nodes!).reverse());
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, nodes: reversed }, null, 2));
  const second = await sarifFor(path.join(copy, 'target'), [], copy);
  const fp = (log: Sarif.Log) => log.runs[0]!.results!.map((r) => r.partialFingerprints!['dbtToolsLint/v1']!).sort();
  t.same(fp(second.log), fp(first.log), 'same alerts after regeneration');
  t.equal(new Set(fp(first.log)).size, first.log.runs[0]!.results!.length, 'every alert distinct');
  const lineHashes = first.log.runs[0]!.results!.map((r) => r.partialFingerprints!.primaryLocationLineHash);
  t.equal(new Set(lineHashes).size, lineHashes.length, 'two secrets on line 1 of a one-line file are two alerts');
});

t.test('no raw secret anywhere in the SARIF file', async (t) => {
  const { text } = await sarifFor(path.join(LEAKY, 'target'));
  for (const s of plantedSecrets(LEAKY)) t.notOk(text.includes(s.secret), `${s.kind} not in the report`);
});

t.test('--sarif-primary artifact and --category', async (t) => {
  const { log } = await sarifFor(path.join(LEAKY, 'target'), ['--sarif-primary', 'artifact', '--category', 'dbt/prod']);
  t.equal(log.runs[0]!.automationDetails!.id, 'dbt/prod/');
  for (const r of log.runs[0]!.results!) t.match(r.locations![0]!.physicalLocation!.artifactLocation!.uri, /^target/);
  t.match(log.runs[0]!.invocations![0], { executionSuccessful: true, exitCode: 1 });
});

t.test('every location names a file that is there: the target alone, or a model removed since, points at the artifact', async (t) => {
  const exists = (log: Sarif.Log, base: string) => {
    const missing = new Set<string>();
    for (const r of log.runs[0]!.results!) {
      for (const l of [...r.locations!, ...(r.relatedLocations ?? [])]) {
        const uri = l.physicalLocation?.artifactLocation?.uri;
        if (uri && !existsSync(path.resolve(base, decodeURIComponent(uri)))) missing.add(uri);
      }
    }
    return [...missing];
  };
  const project = tempDir('project-');
  cpSync(LEAKY, project, { recursive: true });
  const whole = await sarifFor(path.join(project, 'target'), [], project);
  const fromModels = whole.log.runs[0]!.results!.filter((r) => /^models\//.test(r.locations![0]!.physicalLocation!.artifactLocation!.uri!));
  t.ok(fromModels.length > 0, 'with its project, findings point at model files');
  t.same(exists(whole.log, project), [], 'all of them there');
  // a model removed since the artifacts were written
  const gone = fromModels[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri!;
  rmSync(path.join(project, gone));
  const without = await sarifFor(path.join(project, 'target'), [], project);
  t.same(exists(without.log, project), [], 'a removed model is named nowhere');
  t.ok(without.log.runs[0]!.results!.some((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'target/manifest.json'), 'its findings point at the manifest');
  // the target folder copied alone, no dbt_project.yml above it
  const alone = path.join(tempDir('alone-'), 'target');
  cpSync(path.join(LEAKY, 'target'), alone, { recursive: true });
  const lone = await sarifFor(alone, [], path.dirname(alone));
  t.same(exists(lone.log, path.dirname(alone)), [], 'without a project, no model file is named');
  t.equal(lone.log.runs[0]!.results!.length, whole.log.runs[0]!.results!.length, 'the same findings');
});

// A run folder named by a CI job (`build #123 ?retry`): `#` and `?` percent-encoded, or a URI reader ends the path
// at them (a fragment, a query) and the location names no file (red team 90)
t.test('every URI resolves to its file when folder names hold # and ?', async (t) => {
  const top = tempDir('uri-');
  const target = path.join(top, 'runs', 'build #123 ?retry', 'target');
  cpSync(path.join(LEAKY, 'target'), target, { recursive: true });
  const { log } = await sarifFor(target, [], top);
  const base = pathToFileURL(`${top}/`);
  const uris = new Set<string>();
  for (const r of log.runs[0]!.results!) {
    for (const l of [...r.locations!, ...(r.relatedLocations ?? [])]) uris.add(l.physicalLocation!.artifactLocation!.uri!);
  }
  t.ok([...uris].some((u) => u.startsWith('runs/')), 'the run folder is in the URIs');
  t.same([...uris].filter((u) => !existsSync(fileURLToPath(new URL(u, base)))), [], 'each resolves to its file');
});
