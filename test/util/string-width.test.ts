/**
 * The bundle's own string-width (src/util/string-width.ts): the columns yargs lays `--help` out
 * with, as the package it stands in for counts them, for what help text and messages hold; and
 * the bundle really takes it in place of the package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import packageWidth from 'string-width';
import t from 'tap';
import stringWidth from '../../src/util/string-width.js';

const SAMPLES = [
  '',
  'dbt-tools-lint [paths..]',
  '--format  Output format  [string] [choices: "text", "json", "sarif"]',
  '\u001b[1m\u001b[31mbold red\u001b[39m\u001b[22m',
  '\u001b]8;;https://docs.getdbt.com\u0007docs\u001b]8;;\u0007',
  'tab\there',
  'café, naïve, Ørsted',
  'cafe\u0301 (combining accent)',
  'zero\u200bwidth space',
  '漢字とかな',
  '한국어 설명',
  'ＦＵＬＬ　ｗｉｄｔｈ',
  'rocket 🚀 done',
  'smile 😀',
  '𠀀 extension B',
  '→ ✓ ✗ …',
];

t.test('the same columns as the package, sample by sample', async (t) => {
  for (const sample of SAMPLES) t.equal(stringWidth(sample), packageWidth(sample), JSON.stringify(sample));
});

t.test('non-strings take no columns', async (t) => {
  t.equal(stringWidth(undefined), 0);
  t.equal(stringWidth(42), 0);
});

t.test('the command line bundle uses it, not the package', async (t) => {
  const bundle = readFileSync(path.resolve(import.meta.dirname, '../../dist/bundle/cli.cjs'), 'utf8');
  t.match(bundle, /\/\/ dist\/util\/string-width\.js/);
  t.notMatch(bundle, /\/\/ node_modules\/[\w/-]*string-width\//, 'no copy of the package is bundled');
  t.notMatch(bundle, /new Intl\.Segmenter\(/, 'no segmenter built when the bundle loads');
});
