/**
 * Recall and precision on trufflehog's keyword-only detectors (keyword-shapes.ts), planted as a dbt
 * project leaks a vendor's key: a fresh token of each in `--vars`, an environment variable, a
 * model's meta under the vendor, a call to the vendor's API in SQL, a literal aliased to the key's
 * name and a comment naming the vendor, must be found in all six, except the places left out on
 * purpose below; no decoy (the vendor's name beside an account's UUID, a checksum, a domain, a key's
 * id, an API's URL, an env_var() call) may be flagged anywhere.
 * `npx tsx test/peers/keyword-plant.ts` prints the figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { KEYWORD_PLACES, type KeywordPlace, keywordReport, measureKeywordOnly } from './keyword-plant.js';
import { KEYWORD_SHAPES } from './keyword-shapes.js';

const COMMON_WORD = 'The vendor is a common word ("Copper key", "Polygon key", "dedup key"): its name before a bare `key` in prose is not enough, while `copper_api_key` and "Copper API key" are.';

/** Places where a detector's token is not found on purpose, and why. */
const LEFT_OUT: Record<string, Partial<Record<KeywordPlace, string>>> = {
  closecrm: { prose: COMMON_WORD },
  copper: { prose: COMMON_WORD },
  nimble: { prose: COMMON_WORD },
  hunter: { prose: COMMON_WORD },
  delighted: { prose: COMMON_WORD },
  autopilot: { prose: COMMON_WORD },
  polygon: { prose: COMMON_WORD },
  nasdaqdatalink: { prose: 'An exchange\'s name ("Nasdaq key: …") is a dimension\'s as often as a vendor\'s; `nasdaq_api_key` is found.' },
  aiven: { 'sql-alias': 'A 372-character literal is longer than an assignment reads (256).' },
  airbrakeuserkey: { meta: "`{airbrake: {user_key: …}}`: a key is read without its parent's name, and `user_key` alone is no secret's." },
};

const coverage = JSON.parse(readFileSync(path.join(import.meta.dirname, '../detectors/peer-coverage.json'), 'utf8')) as { trufflehog: { rules: Record<string, string | { not: string }> } };
const measured = measureKeywordOnly();
t.comment(keywordReport(measured));

t.test('a sample of trufflehog keyword-only detectors, each mapped in peer-coverage.json', async (t) => {
  t.ok(KEYWORD_SHAPES.length >= 80, `${KEYWORD_SHAPES.length} detectors sampled`);
  for (const shape of KEYWORD_SHAPES) t.ok(coverage.trufflehog.rules[shape.detector] !== undefined, `${shape.detector} is listed`);
  for (const name of Object.keys(LEFT_OUT)) t.ok(KEYWORD_SHAPES.some((s) => s.detector === name), `${name} is a sampled detector`);
});

t.test('every keyword-only token is found in every dbt place, under the name a project gives it', async (t) => {
  const secrets = measured.outcomes.filter((o) => !o.decoy);
  t.equal(secrets.length, KEYWORD_SHAPES.length * KEYWORD_PLACES.length, `${secrets.length} secrets planted`);
  for (const o of secrets) {
    const answer = coverage.trufflehog.rules[o.shape.detector];
    // (a detector not covered is still found where a URL's `api_key=` or `key=` names its token: asked in the places that give its name only)
    if (typeof answer !== 'string' && !['vars', 'env', 'meta'].includes(o.place)) continue;
    const why = typeof answer === 'string' ? LEFT_OUT[o.shape.detector]?.[o.place] : answer?.not;
    if (why) t.notOk(o.flagged, `${o.shape.detector} in ${o.place}: left out (${why.slice(0, 60)}…), and not found by accident (else drop it from LEFT_OUT)`);
    else t.ok(o.flagged, `${o.shape.detector} (${o.shape.vendor}_${o.shape.secret}) in ${o.place} is found`);
  }
});

t.test('no keyword-only decoy is flagged', async (t) => {
  const decoys = measured.outcomes.filter((o) => o.decoy);
  for (const kind of ['account-uuid', 'key-id', 'checksum', 'domain', 'url', 'placeholder'] as const) t.ok(decoys.some((d) => d.decoy === kind), `some ${kind} decoys`);
  for (const o of decoys) if (o.flagged) t.fail(`${o.shape.detector} ${o.decoy} decoy in ${o.place} flagged by ${o.detectors.join(', ')}`);
  t.equal(decoys.filter((o) => o.flagged).length, 0, `of ${decoys.length} decoys, flagged`);
});
