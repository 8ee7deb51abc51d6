/**
 * What the peers detect, and what we answer: every rule of gitleaks 8's default config, every
 * rule (messageId) of secretlint 12's recommended preset, and every trufflehog detector whose token
 * has a shape of its own maps to one of our detectors, or says why it is deliberately not covered.
 * Each mapped detector runs on a sample and must find it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { CONTEXT_DETECTORS, getDetector } from '../../src/detectors/index.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';

type Answer = string | { not: string };
interface PeerTable {
  source: string;
  rules: Record<string, Answer>;
}
interface Coverage {
  gitleaks: PeerTable;
  secretlint: PeerTable;
  /** The detectors of one trufflehog snapshot whose token carries a prefix or structure (keyword-only ones are not listed). */
  trufflehog: PeerTable;
  /** Every plugin of one detect-secrets snapshot, a row per pattern family (`ArtifactoryDetector/AP`). */
  detectSecrets: PeerTable;
  /** A value (and key) each context detector that a peer rule maps to must find. */
  contextSamples: Record<string, { key?: string; value: string }>;
}

const coverage = JSON.parse(readFileSync(path.join(import.meta.dirname, 'peer-coverage.json'), 'utf8')) as Coverage;
const formats = new Map(TOKEN_FORMATS.map((f) => [f.id, f]));
const contextIds = new Set(CONTEXT_DETECTORS.map((d) => d.id));

t.test('every gitleaks default rule is listed', async (t) => {
  t.equal(Object.keys(coverage.gitleaks.rules).length, 222, 'gitleaks 8.x ships 222 rules');
});

t.test('the trufflehog table names its snapshot and lists its prefix-bearing detectors', async (t) => {
  t.match(coverage.trufflehog.source, /^trufflehog pkg\/detectors\/ at [0-9a-f]{12}/, 'the snapshot the list was read from');
  t.ok(Object.keys(coverage.trufflehog.rules).length >= 150, `${Object.keys(coverage.trufflehog.rules).length} detectors listed`);
});

t.test('the detect-secrets table names its snapshot and lists every plugin', async (t) => {
  t.match(coverage.detectSecrets.source, /^detect-secrets detect_secrets\/plugins\/ at [0-9a-f]{12}/, 'the snapshot the list was read from');
  const plugins = new Set(Object.keys(coverage.detectSecrets.rules).map((rule) => rule.split('/')[0]));
  t.equal(plugins.size, 27, 'detect-secrets 1.5 ships 27 plugins');
});

for (const [peer, table] of Object.entries({ gitleaks: coverage.gitleaks, secretlint: coverage.secretlint, trufflehog: coverage.trufflehog, detectSecrets: coverage.detectSecrets })) {
  t.test(`${peer}: each rule maps to a detector that finds a sample, or says why not`, async (t) => {
    for (const [rule, answer] of Object.entries(table.rules)) {
      if (typeof answer !== 'string') {
        t.ok(answer.not.length > 20, `${rule}: not covered, with a reason`);
        continue;
      }
      const detector = getDetector(answer);
      if (!detector) {
        t.fail(`${rule} maps to ${answer}, which is no detector`);
        continue;
      }
      const format = formats.get(answer);
      const sample = format ? { value: format.truePositives[0]!.text, key: undefined } : coverage.contextSamples[answer];
      if (!format && !contextIds.has(answer)) t.fail(`${answer} is neither a token format nor a context detector`);
      if (!sample) {
        t.fail(`${rule} → ${answer}: no sample in contextSamples`);
        continue;
      }
      t.ok(detector.detect(sample.value, { key: sample.key }).length > 0, `${rule} → ${answer} finds its sample`);
    }
  });
}

t.test('the deliberate gaps are few', async (t) => {
  const gaps = [coverage.gitleaks, coverage.secretlint].flatMap((table) => Object.values(table.rules).filter((a) => typeof a !== 'string'));
  t.ok(gaps.length <= 25, `${gaps.length} peer rules deliberately not covered`);
});
