/**
 * Project files read to place secrets in them: read once, held within a budget of characters
 * (the files used longest ago leave first), and placed the same whatever the budget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { SourceFiles } from '../../src/artifacts/project.js';
import { tempDir } from '../helpers.js';

const project = tempDir();
mkdirSync(path.join(project, 'models'));
const files = Array.from({ length: 12 }, (_, i) => {
  const file = `models/m${i}.sql`;
  writeFileSync(path.join(project, file), `-- model ${i}\n${'select 1 as x\n'.repeat(20)}  password 'Zq8kLm2vX9-${i}'\n`);
  return file;
});
const secret = (i: number) => `Zq8kLm2vX9-${i}`;

t.test('a budget bounds what is held, and places every secret as an unbounded cache does', async (t) => {
  const unbounded = new SourceFiles();
  const bounded = new SourceFiles(1000);
  for (let round = 0; round < 2; round++) {
    for (const [i, file] of files.entries()) {
      const expected = unbounded.locate(project, [file], secret(i));
      t.ok(expected?.start, `${file}: placed on a line`);
      t.same(bounded.locate(project, [file], secret(i)), expected, `${file}: the same place under a budget`);
      t.ok(bounded.heldCharacters <= 1000, `held ${bounded.heldCharacters} characters`);
    }
  }
  t.equal(unbounded.reads, files.length, 'unbounded: each file read once');
  t.equal(bounded.reads, 2 * files.length, 'bounded: read again in the second round');
});

t.test('the file used last stays while others come and go', async (t) => {
  const cache = new SourceFiles(1000);
  for (const [i, file] of files.entries()) {
    cache.locate(project, [files[0]!], secret(0));
    cache.locate(project, [file], secret(i));
  }
  t.equal(cache.reads, files.length, 'models/m0.sql read once: used again before it was the oldest');
});

t.test('a file is read again a few times once it left, not once a finding (red team 128)', async (t) => {
  // findings that name three files in turn, none holding the secret, under a budget that holds one of them
  const cache = new SourceFiles(400);
  const turns = 60;
  for (let k = 0; k < turns; k++) t.same(cache.locate(project, [files[k % 3]!], 'not-in-any-file'), { file: files[k % 3] }, `turn ${k}: the file, no line`);
  t.ok(cache.reads <= 3 * 5, `${cache.reads} reads for ${turns} findings: each file at most once and 4 times again`);
  // a secret in a file read as often as allowed is still placed in it, without a line
  t.same(cache.locate(project, [files[1]!], secret(1)), { file: files[1] }, 'placed in its file');
  // a new file is read
  t.ok(cache.locate(project, [files[5]!], secret(5))?.start, 'another file: on a line');
});
