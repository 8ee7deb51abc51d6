/** Compare generated docs with the files on disk: what `npm run docs:check` and the tests report. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_DIRS } from './generate.js';

export interface DocsDrift {
  file: string;
  problem: string;
}

export function findDrift(root: string, generated: ReadonlyMap<string, string>): DocsDrift[] {
  const drift: DocsDrift[] = [];
  for (const [file, expected] of generated) {
    const full = path.join(root, file);
    if (!existsSync(full)) {
      drift.push({ file, problem: 'missing' });
      continue;
    }
    const actual = readFileSync(full, 'utf8');
    if (actual !== expected) drift.push({ file, problem: firstDifference(expected, actual) });
  }
  for (const dir of GENERATED_DIRS) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      const file = `${dir}/${name}`;
      if (statSync(path.join(full, name)).isDirectory()) continue; // a generated folder of its own (GENERATED_DIRS)
      if (!generated.has(file)) drift.push({ file, problem: 'stale: no rule or detector generates it any more' });
    }
  }
  return drift;
}

function firstDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const have = actual.split('\n');
  let i = 0;
  while (i < want.length && i < have.length && want[i] === have[i]) i++;
  const clip = (line: string | undefined) => (line === undefined ? '(end of file)' : JSON.stringify(line.length > 100 ? `${line.slice(0, 100)}…` : line));
  return `differs from line ${i + 1}\n    - ${clip(have[i])}\n    + ${clip(want[i])}`;
}

export function describeDrift(drift: readonly DocsDrift[]): string {
  return [
    `Generated docs are out of date (${drift.length} file${drift.length === 1 ? '' : 's'}); run \`npm run docs\` and commit the result:`,
    ...drift.map((d) => `  ${d.file}: ${d.problem}`),
  ].join('\n');
}
