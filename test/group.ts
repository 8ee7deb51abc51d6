/**
 * A folder of test files run in one test process. Each file tap starts as a process of its own spends ~1.4 s of CPU
 * before its first test (tap, the TypeScript loader, the project's modules); test/detectors/'s 106 files took 193 s
 * of CPU as 106 processes and 44 s as one. `.taprc` leaves a grouped folder's files out of tap's own list, and a file
 * `test/<folder>.test.ts` imports them here, in name order, so their tests run one after the other as they would alone.
 * `npm test -- test/<folder>/<name>.test.ts` still runs one file alone.
 *
 * Only folders whose files keep to their tests are grouped: a test there that changes the environment or a module's
 * tuning puts it back when it ends (a file's own root teardown runs only when the whole folder is done), and none
 * measures this process's memory (those are in test/memory/, a process each).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';

export async function runTestFolder(folder: string): Promise<void> {
  const url = new URL(`./${folder}/`, import.meta.url);
  const names = readdirSync(url).filter((name) => name.endsWith('.test.ts')).sort();
  if (names.length === 0) throw new Error(`test/${folder}/ holds no test file`);
  // The root test must not end before the last file has registered its tests, or that file's tests are refused with
  // a message and the run passes. It ends when idle for three timer turns once any file gave it a teardown
  // (test/engine/'s files do), as it does here while the next file loads; and when the event loop empties, which
  // loading a module on the loader thread may let it do. So the files load inside a first test, which keeps the
  // root busy, under a timer, which keeps the loop busy; their tests run after it, in order.
  const keepAlive = setInterval(() => {}, 60_000);
  let loaded = 0;
  const loading = (async () => {
    for (const name of names) {
      await import(new URL(name, url).href);
      loaded++;
    }
  })().finally(() => clearInterval(keepAlive));
  t.test(`test/${folder}/: its ${names.length} files load`, async (t) => {
    await loading;
    t.equal(loaded, names.length);
    // a folder left out of tap's list with no file of its own here would not run at all; one in both, twice
    const excluded = ((parse(readFileSync(new URL('../.taprc', import.meta.url), 'utf8')) as { exclude?: string[] }).exclude ?? []).map((glob) => /^test\/([\w-]+)\/\*\*$/.exec(glob)?.[1] ?? glob);
    t.ok(excluded.includes(folder), `.taprc leaves test/${folder}/ out of tap's list`);
    t.same(excluded.filter((other) => !existsSync(new URL(`./${other}.test.ts`, import.meta.url))), [], "each folder .taprc leaves out has its test/<folder>.test.ts");
  });
  await loading;
}
