/**
 * `npm run docs`: write docs/rules/<id>.md, docs/detectors/*.md and the rules table in README.md
 * from the rule and detector metadata. `npm run docs:check` (`--check`) writes nothing and exits 1
 * when a committed file differs from what would be generated. `--root DIR` works on another checkout.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeDrift, findDrift } from './docs/check.js';
import { generateDocs } from './docs/generate.js';

const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1] ?? '.') : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generated = generateDocs(root);
const drift = findDrift(root, generated);

if (process.argv.includes('--check')) {
  if (drift.length > 0) {
    console.error(describeDrift(drift));
    process.exitCode = 1;
  } else {
    console.log(`docs are up to date (${generated.size} files)`);
  }
} else {
  for (const { file, problem } of drift) {
    const full = path.join(root, file);
    if (problem.startsWith('stale')) rmSync(full);
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, generated.get(file)!);
    }
  }
  console.log(`docs: ${drift.length} of ${generated.size} files updated`);
}
