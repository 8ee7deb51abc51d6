/**
 * A regression bound, not a benchmark: every detector on 200 KB of each adversarial string
 * (scripts/redos/adversarial.ts) within 2 s. A linear detector needs milliseconds; a pattern that
 * backtracks catastrophically needs minutes. `npm run bench:redos` prints the real numbers.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { commonInputs, worstCase } from '../../scripts/redos/adversarial.js';

const SIZE = 200 * 1024;
const BOUND_MS = 2000;

t.setTimeout(120_000);

t.test(`every detector on ${SIZE / 1024} KB adversarial strings within ${BOUND_MS} ms`, async (t) => {
  const common = commonInputs(SIZE);
  t.ok(common.every((i) => i.text.length === SIZE));
  for (const detector of DETECTORS) {
    const worst = worstCase(detector, SIZE, common);
    t.ok(worst.ms < BOUND_MS, `${detector.id}: worst ${worst.ms.toFixed(0)} ms (${worst.input})`);
  }
});
