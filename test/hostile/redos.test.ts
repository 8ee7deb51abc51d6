/**
 * Growth, not time: every detector on 16 KB and on 32 KB of each adversarial shape
 * (scripts/redos/adversarial.ts), with the work each run does counted by the work meter
 * (src/detectors/work.ts). Linear work grows ×2 with the input; the old password-assignment, which
 * searched from every keyword hit to the end of the text, grew ×4. No clock is read here, so the
 * test passes or fails alike on a fast machine and on a loaded one. `npm run bench:redos` prints
 * the real seconds.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { ForwardSearch, scanAll, workMeter } from '../../src/detectors/work.js';
import { detectWrapped } from '../../src/detectors/decode.js';
import type { Detector } from '../../src/types.js';
import { commonInputs, fill, inputsFor, workOf } from '../../scripts/redos/adversarial.js';

/**
 * REDOS_KB=<n> starts from n KB instead of 16 (larger to look further, smaller for a quick look at a
 * slow detector). Linear work shows as ×2 from 16 KB to 32 and a search from every hit as ×4,
 * whatever the size (until session 76 the larger input was 64 KB: ×4.16 at most over every shape of
 * all 343 detectors, the DER key's, against ×16; the same verdicts for 40 % less CPU). The longest
 * bounded look-ahead of any detector (16384 characters, the PEM bodies) is the smaller input's size:
 * below it such a window runs into the text's end in the smaller input only, which reads as growth
 * (×7.9 from 8 KB to 32), a false alarm, never a missed one. Larger sizes cost CI minutes (the CPU
 * time is about linear in the size) and prove nothing more.
 */
const SMALL = Number(process.env.REDOS_KB ?? 16) * 1024;
const LARGE = 2 * SMALL;
/** ×2 input may cost ×2.5 work: room for constant per-run costs, none for ×4. */
const MAX_GROWTH = 2.5;

/** REDOS_ONLY=<detector id> checks that one alone, while working on it. */
const ONLY = process.env.REDOS_ONLY;

// A guard against a hang, not a bound that is asserted: about 30 s of CPU, minutes on a loaded machine.
t.setTimeout(900_000);

t.test(`every detector's work grows at most ×${MAX_GROWTH} from ${SMALL / 1024} KB to ${LARGE / 1024} KB of each adversarial shape`, async (t) => {
  const small = commonInputs(SMALL);
  const large = commonInputs(LARGE);
  t.ok(large.every((i) => i.text.length === LARGE));
  let shapes = 0;
  let steepest = { growth: 0, what: '' };
  for (const detector of DETECTORS.filter((d) => ONLY === undefined || d.id === ONLY)) {
    await new Promise(setImmediate); // let tap hear from this process (its timeout, its progress)
    const smallInputs = inputsFor(detector, SMALL, small);
    const largeInputs = inputsFor(detector, LARGE, large);
    const failures: string[] = [];
    let mostWork = 0;
    smallInputs.forEach((input, i) => {
      const w0 = workOf(detector, input.text);
      const w1 = workOf(detector, largeInputs[i]!.text);
      mostWork = Math.max(mostWork, w0);
      if (w1 / w0 > steepest.growth) steepest = { growth: w1 / w0, what: `${detector.id}, ${input.name}` };
      if (w1 > MAX_GROWTH * w0 + 64) failures.push(`${input.name}: ${w0} → ${w1} (×${(w1 / w0).toFixed(1)})`);
    });
    shapes += smallInputs.length;
    t.same(failures, [], `${detector.id}: ${smallInputs.length} shapes, work grows linearly`);
    // The meter is fed: a detector that scans its value is charged at least the value once. (env-password-shape reads
    // no value longer than a password with spaces around it, column-sample-value no column's description over 4 KB:
    // at 16 KB they do no work at all.)
    if (!['secret-key-name', 'env-password-shape', 'column-sample-value'].includes(detector.id)) t.ok(mostWork >= SMALL, `${detector.id} is metered (${mostWork} at ${SMALL / 1024} KB)`);
  }
  t.comment(`${shapes} shapes at two sizes; the steepest growth ×${steepest.growth.toFixed(2)} (${steepest.what})`);
});

t.test('the check fails a detector that searches from every hit to the end of the text', async (t) => {
  // The shape of the old password-assignment: after each keyword, a search that may run to the end.
  const rescanning: Detector = {
    id: 'rescanning',
    title: 'rescans',
    keywords: ['dsn'],
    detect(value) {
      for (const m of scanAll(/dsn/g, value)) new ForwardSearch(value, '\n').next(m.index);
      return [];
    },
  };
  // Small sizes: quadratic work on 1 MB is what this suite keeps out.
  const w0 = workOf(rescanning, fill("dsn: '", 4096));
  const w1 = workOf(rescanning, fill("dsn: '", 2 * 4096));
  t.ok(w1 > MAX_GROWTH * w0 + 64, `the check's bound is passed: ×${(w1 / w0).toFixed(1)}, ${w0} → ${w1}`);
});

t.test("the decoder's wrapped base64 runs: lines read on once, not from each line to the end (red team 63)", async (t) => {
  // a PEM header over base64 lines and no END line: each line read on to the last, 640 KB took 23 s
  const line = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKB\n';
  const pem = (bytes: number) => `-----BEGIN RSA PRIVATE KEY-----\n${line.repeat(Math.floor(bytes / line.length))}`;
  const work = (text: string) => {
    const before = workMeter.chars;
    t.same(detectWrapped(text, () => []), []);
    return workMeter.chars - before;
  };
  const w0 = work(pem(SMALL));
  const w1 = work(pem(LARGE));
  t.ok(w0 >= SMALL && w1 <= MAX_GROWTH * w0, `${w0} → ${w1} (×${(w1 / w0).toFixed(1)})`);
});
