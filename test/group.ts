/**
 * A folder of test files run in one test process. Each file tap starts as a process of its own spends ~1.4 s of CPU
 * before its first test (tap, the TypeScript loader, the project's modules); test/detectors/'s 106 files took 193 s
 * of CPU as 106 processes and 44 s as one. `.taprc` leaves a grouped folder's files out of tap's own list, and a file
 * `test/<folder>.test.ts` imports them here, in name order, so their tests run one after the other as they would alone.
 * `npm test -- test/<folder>/<name>.test.ts` still runs one file alone.
 *
 * Only folders whose files keep to their tests are grouped: no test there changes the environment, the working
 * directory or the process's handlers, or measures this process's memory, without putting them back in a teardown.
 */
import { readdirSync } from 'node:fs';

export async function runTestFolder(folder: string): Promise<void> {
  const url = new URL(`./${folder}/`, import.meta.url);
  const names = readdirSync(url).filter((name) => name.endsWith('.test.ts')).sort();
  if (names.length === 0) throw new Error(`test/${folder}/ holds no test file`);
  for (const name of names) await import(new URL(name, url).href);
}
