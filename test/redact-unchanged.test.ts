/**
 * Redact rewrites a file only as the scan read it (red team 112): a file changed after the scan began, or while its copy
 * was made, is left as it is and the run ends with one line, exit 2 (a token written into a manifest during a 9 s
 * in-place redact stayed in it, and the run said it was redacted). A file rewritten keeps its owner where the process
 * may give it (root's redact in place left a user's 0640 artifact root's, unreadable to that user).
 */
import { chownSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { unchangedSince } from '../src/commands/redact.js';
import { writeChunksAtomically } from '../src/commands/output.js';
import { InputError } from '../src/errors.js';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, tempDir } from './helpers.js';

// made up for this test
const PASSWORD = 'Hq7tYv3kLm9x!Wz2';

t.test('a file changed after the scan began, or while its copy was made, fails the check', async (t) => {
  const file = path.join(tempDir(), 'manifest.json');
  writeFileSync(file, '{}');
  const began = Date.now();
  const check = unchangedSince(file, began);
  t.doesNotThrow(check, 'unchanged: passes');
  writeFileSync(file, '{"a": 1}');
  t.throws(check, InputError, 'changed while its copy was made');
  t.match(t.throws(check) as Error, { message: /manifest\.json: changed while redact read it; not rewritten/ });
  // (its inode's change time is after the scan began: a time set back by a program does not hide it)
  utimesSync(file, new Date(began - 60_000), new Date(began - 60_000));
  t.throws(() => unchangedSince(file, began - 10_000), InputError, 'changed after the scan began');
  t.doesNotThrow(() => unchangedSince(file, Date.now()), 'read after the change: passes');
});

t.test('a failed check before the rename leaves the file as it was, and no temporary file', async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'manifest.json');
  writeFileSync(file, 'before');
  t.throws(() => writeChunksAtomically(file, ['after'], 'redact', () => {
    throw new InputError('changed');
  }), InputError);
  t.equal(readFileSync(file, 'utf8'), 'before', 'not written over');
  t.same(readdirSync(dir), ['manifest.json'], 'no temporary file left');
  writeChunksAtomically(file, ['after'], 'redact', () => undefined);
  t.equal(readFileSync(file, 'utf8'), 'after', 'a check that passes: written');
});

t.test("redact in place keeps a file's owner (as root)", { skip: process.getuid?.() !== 0 && 'needs root to give a file to another user' }, async (t) => {
  const dir = tempDir();
  const file = path.join(dir, 'manifest.json');
  writeFileSync(file, dbtJson(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: PASSWORD })), { mode: 0o640 });
  chownSync(file, 65534, 65534);
  const run = await runCli(['redact', dir, '--in-place']);
  t.equal(run.code, 0, run.stderr);
  t.notOk(readFileSync(file, 'utf8').includes(PASSWORD), 'redacted');
  const st = statSync(file);
  t.same([st.uid, st.gid, st.mode & 0o777], [65534, 65534, 0o640], 'its owner and mode as they were');
});
