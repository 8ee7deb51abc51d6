/**
 * Overlapping matches: the lower-ranked detector (the more specific) wins, then the earlier match;
 * never two overlapping spans. Checked against the plain definition on random matches.
 */
import t from 'tap';
import { DETECTOR_RANK } from '../../src/detectors/index.js';
import { compileRules } from '../../src/engine/compile.js';
import type { DetectorMatch } from '../../src/types.js';

/** The definition: by rank then start, keep a match unless it overlaps one kept before. */
function plain(matches: DetectorMatch[]): DetectorMatch[] {
  const rank = (m: DetectorMatch) => DETECTOR_RANK.get(m.detectorId)!;
  const kept: DetectorMatch[] = [];
  for (const m of [...matches].sort((a, b) => rank(a) - rank(b) || a.start - b.start)) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

t.test('resolveOverlaps keeps what the definition keeps', async (t) => {
  const { resolveOverlaps } = compileRules();
  const ids = ['github-classic-pat', 'jwt', 'url-password', 'password-assignment', 'secret-key-name'];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 300; round++) {
    const matches = Array.from({ length: 1 + rand(30) }, (): DetectorMatch => {
      const start = rand(200);
      return { detectorId: ids[rand(ids.length)]!, start, end: start + 1 + rand(40), description: '' };
    });
    const want = plain(matches);
    const got = resolveOverlaps(matches);
    if (JSON.stringify(got) !== JSON.stringify(want)) return void t.same(got, want, `round ${round}`);
  }
  t.pass('300 random sets alike');
});
