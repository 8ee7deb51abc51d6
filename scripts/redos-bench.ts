/**
 * Worst case of every detector on adversarial strings (see scripts/redos/adversarial.ts), in real
 * seconds: the test (test/hostile/redos.test.ts) checks growth by counted work, this shows the time.
 *
 *   npm run bench:redos [-- SIZES_IN_KB [DETECTOR_ID]]     e.g. -- 256,1024,4096 password-assignment
 *
 * Prints one row per detector, slowest first, with the worst input at the largest size. A linear
 * detector takes milliseconds per MB and 4× the time for 4× the input; one that backtracks or
 * rescans shows up at the top with seconds, and ×16 for ×4.
 */
import { DETECTORS } from '../src/detectors/index.js';
import { commonInputs, worstCase, type WorstCase } from './redos/adversarial.js';

const sizes = (process.argv[2] ?? '1024').split(',').map((kb) => Number(kb) * 1024);
const only = process.argv[3];
const detectors = DETECTORS.filter((d) => only === undefined || d.id === only);
if (detectors.length === 0) throw new Error(`no detector ${only}`);

const rows = new Map<string, WorstCase[]>(detectors.map((d) => [d.id, []]));
for (const size of sizes) {
  const common = commonInputs(size);
  for (const d of detectors) rows.get(d.id)!.push(worstCase(d, size, common));
}
const sorted = [...rows.entries()].sort(([, a], [, b]) => b.at(-1)!.ms - a.at(-1)!.ms);
const width = Math.max(...detectors.map((d) => d.id.length));
const head = sizes.map((s) => `${s / 1024} KB`.padStart(10)).join('');
console.log(`${'detector'.padEnd(width)}${head}  worst input (s, worst of each size)`);
for (const [id, cases] of sorted) {
  console.log(`${id.padEnd(width)}${cases.map((c) => (c.ms / 1000).toFixed(3).padStart(10)).join('')}  ${cases.at(-1)!.input}`);
}
