/**
 * Evaluation: precision on real public artifacts, recall on our planted fixtures.
 *
 *   npm run eval [-- CORPUS_DIR]
 *
 * Every finding on ../shared/corpus/real is a false positive (those artifacts hold no secrets);
 * every planted secret in fixtures/*\/expected.json must be found at its JSON pointer ('' in a page's HTML). Exits 1 on
 * any false positive or miss, 2 when the corpus is missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../src/engine/scan.js';
import { isLintError } from '../src/errors.js';
import type { Finding } from '../src/types.js';

const corpus = process.argv[2] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real');
const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

let failures = 0;

// Precision: the real corpus.
if (!existsSync(corpus)) {
  console.error(`eval: corpus not found at ${corpus}`);
  process.exit(2);
}
const corpusFiles = filesUnder(corpus).filter((f) => f.endsWith('.json') || f.endsWith('.html'));
let corpusFindings = 0;
let corpusBytes = 0;
const started = performance.now();
for (const file of corpusFiles) {
  try {
    const { findings, summary } = scan({ paths: [file] });
    corpusBytes += summary.bytesScanned;
    corpusFindings += findings.length;
    const a = summary.artifacts[0]!;
    console.log(`${findings.length === 0 ? 'ok  ' : 'FP  '} ${path.relative(corpus, file)}  ${a.kind} v${a.schemaVersion}  ${findings.length} findings`);
    for (const f of findings) console.log(`       ${f.ruleId}/${f.detectorId} ${f.preview} at ${f.jsonPath}`);
  } catch (error) {
    failures++;
    console.log(`ERR  ${path.relative(corpus, file)}  ${isLintError(error) ? error.message : String(error)}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`corpus: ${corpusFiles.length} artifacts, ${(corpusBytes / 1048576).toFixed(1)} MB in ${seconds.toFixed(2)} s, ${corpusFindings} false positives`);
failures += corpusFindings;

// Recall: every planted secret in the fixtures, found at its pointer with its exact text.
interface Expected {
  secrets: { file: string; pointer: string; secret: string; rule: string; kind: string }[];
}
let planted = 0;
let found = 0;
let unexpected = 0;
for (const name of existsSync(fixturesDir) ? readdirSync(fixturesDir).sort() : []) {
  const expectedFile = path.join(fixturesDir, name, 'expected.json');
  if (!existsSync(expectedFile)) continue;
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
  const targets = [...new Set(expected.secrets.map((s) => path.dirname(path.join(fixturesDir, name, s.file))))];
  const allTargets = filesUnder(path.join(fixturesDir, name)).filter((f) => (f.endsWith('.json') || f.endsWith('.msgpack') || f.endsWith('.html')) && !f.endsWith('expected.json'));
  const dirs = [...new Set([...targets, ...allTargets.map((f) => path.dirname(f))])];
  const { findings } = scan({ paths: dirs });
  const matched = new Set<Finding>();
  for (const s of expected.secrets) {
    planted++;
    const file = path.join(fixturesDir, name, s.file).split(path.sep).join('/');
    const hit = findings.find((f) => f.file === file && f.jsonPointer === s.pointer && secretAt(file, f) === s.secret);
    if (hit) {
      found++;
      matched.add(hit);
    } else console.log(`MISS ${name}/${s.file} ${s.pointer} (${s.kind}, rule ${s.rule})`);
  }
  for (const f of findings) {
    if (!matched.has(f)) {
      unexpected++;
      console.log(`FP   ${f.file} ${f.jsonPointer} ${f.ruleId}/${f.detectorId} ${f.preview}`);
    }
  }
}
console.log(`fixtures: ${planted} planted, ${found} found, ${planted - found} missed, ${unexpected} unexpected`);
failures += planted - found + unexpected;

console.log(failures === 0 ? 'eval: passed' : `eval: FAILED (${failures})`);
process.exit(failures === 0 ? 0 : 1);

/** The text a finding points at, decoded from the JSON string it sits in (bytes of UTF-8 in a MessagePack file; the text itself in a page's HTML). */
function secretAt(file: string, f: Finding): string {
  if (file.endsWith('.msgpack')) return readFileSync(file).toString('utf8', f.charOffset, f.charOffset + f.charLength);
  const text = readFileSync(file, 'utf8');
  const raw = text.slice(f.charOffset, f.charOffset + f.charLength);
  if (f.artifactKind === 'static-html') return raw;
  return JSON.parse(`"${raw}"`) as string;
}
