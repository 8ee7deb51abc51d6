/**
 * Worst case of every detector on 1 MB adversarial strings (see scripts/redos/adversarial.ts).
 *
 *   npm run bench:redos [-- SIZE_IN_KB]
 *
 * Prints one row per detector, slowest first. A linear detector takes milliseconds per MB; a
 * pattern that backtracks shows up at the top with seconds.
 */
import { DETECTORS } from '../src/detectors/index.js';
import { commonInputs, worstCase } from './redos/adversarial.js';

const size = Number(process.argv[2] ?? 1024) * 1024;
const common = commonInputs(size);
const rows = DETECTORS.map((d) => worstCase(d, size, common)).sort((a, b) => b.ms - a.ms);

const width = Math.max(...rows.map((r) => r.detector.length));
console.log(`${'detector'.padEnd(width)}  worst ms  on ${size / 1024} KB of`);
for (const r of rows) console.log(`${r.detector.padEnd(width)}  ${r.ms.toFixed(1).padStart(8)}  ${r.input}`);
