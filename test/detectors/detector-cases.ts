/** Cases for one detector: each names the exact secrets it must find in a text, in order, or none. */
import t from 'tap';
import type { Detector } from '../../src/types.js';

export interface DetectorCase {
  text: string;
  key?: string;
  /** The secrets expected, in order; [] = must find nothing. */
  secrets: string[];
  /** What the assertion is called (default: the key and the text's start). */
  label?: string;
}

/** One tap test per detector, one assertion per case. */
export function checkDetector(detector: Detector, cases: readonly DetectorCase[]): void {
  t.test(detector.id, async (t) => {
    for (const c of cases) {
      const found = detector.detect(c.text, { key: c.key }).map((m) => c.text.slice(m.start, m.end));
      t.same(found, c.secrets, c.label ?? `${c.key ? `${c.key}=` : ''}${c.text.slice(0, 80)}`);
    }
  });
}
