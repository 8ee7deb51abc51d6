/**
 * The keyword pre-filter: `select` gives exactly the detectors whose keywords occur in a value
 * (plus those without keywords), with the whole table's keywords found in one pass.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { DetectorSet } from '../../src/engine/prefilter.js';
import type { Detector } from '../../src/types.js';

/** The obvious reference: every detector one of whose keywords occurs, case-insensitively. */
function naive(detectors: readonly Detector[], value: string): string[] {
  const lower = value.toLowerCase();
  return detectors.filter((d) => d.keywords.length === 0 || d.keywords.some((k) => lower.includes(k.toLowerCase()))).map((d) => d.id);
}

const set = new DetectorSet(DETECTORS);

t.test('every true positive of the table reaches its own detector', async (t) => {
  for (const f of TOKEN_FORMATS) {
    for (const sample of f.truePositives) t.ok(set.select(sample.text).some((d) => d.id === f.id), `${f.id} selected`);
  }
});

t.test('select agrees with the naive reference', async (t) => {
  const texts = [
    '',
    'select 1',
    'SK_LIVE_ and sk_test_ and XOXB- overlapping xoxe.xoxb-',
    'ghp_ghp_gho_ GLPAT- glpat-',
    'ünïcödé ghp_ ☃ sk_live_ 𝄞 xoxp-',
    ...TOKEN_FORMATS.flatMap((f) => f.falsePositives),
    ...TOKEN_FORMATS.map((f) => f.keywords.join(' ').toUpperCase()),
  ];
  for (const text of texts) t.same(set.select(text).map((d) => d.id), naive(DETECTORS, text), JSON.stringify(text.slice(0, 60)));
});

t.test('keywords that are not printable ASCII fall back to a regex with the same answers', async (t) => {
  const odd: Detector = { id: 'odd', title: 'odd', keywords: ['clé_', 'ghp_'], detect: () => [] };
  const plain: Detector = { id: 'plain', title: 'plain', keywords: ['sk_'], detect: () => [] };
  const mixed = new DetectorSet([odd, plain]);
  for (const text of ['CLÉ_ x', 'ghp_', 'sk_ and clé_', 'nothing']) t.same(mixed.select(text).map((d) => d.id), naive([odd, plain], text), text);
});
