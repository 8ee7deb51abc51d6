/**
 * The token table: every entry's samples, the table's own invariants, cross-talk against what
 * dbt artifacts are full of, and adversarial inputs that would expose super-linear regexes.
 */
import t from 'tap';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { detectTokens, tokenDetectors } from '../../src/detectors/tokens.js';
import type { Detector } from '../../src/types.js';

// Every format meets every adversarial input below: the file outgrows tap's default 30 s on a busy machine.
t.setTimeout(300_000);

const NO_CONTEXT = { key: undefined };

function detectorFor(id: string): Detector {
  const detector = tokenDetectors.find((d) => d.id === id);
  if (!detector) throw new Error(`no detector ${id}`);
  return detector;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 90 ? `${text.slice(0, 90)}…` : text);
}

t.test('table invariants', async (t) => {
  t.ok(TOKEN_FORMATS.length >= 45, `at least 45 formats (${TOKEN_FORMATS.length})`);
  const ids = TOKEN_FORMATS.map((f) => f.id);
  t.same([...new Set(ids)], ids, 'ids are unique');
  t.same(tokenDetectors.map((d) => d.id), ids, 'one detector per format, in table order');
  for (const f of TOKEN_FORMATS) {
    t.match(f.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${f.id}: kebab-case id`);
    t.ok(f.title.length > 0, `${f.id}: has a title`);
    t.ok(f.keywords.length > 0, `${f.id}: has keywords`);
    for (const k of f.keywords) t.equal(k, k.toLowerCase(), `${f.id}: keyword ${k} is lower-case`);
    t.notOk(/[gy]/.test(f.pattern.flags), `${f.id}: pattern has no g/y flag (tokens.ts adds g)`);
    t.ok(f.truePositives.length > 0, `${f.id}: has true positives`);
    t.ok(f.falsePositives.length > 0, `${f.id}: has false positives`);
    for (const sample of f.truePositives) {
      const text = sample.text.toLowerCase();
      t.ok(f.keywords.some((k) => text.includes(k)), `${f.id}: a keyword occurs in ${preview(sample.text)} (or the pre-filter hides it)`);
      t.ok(sample.text.includes(sample.secret), `${f.id}: sample contains its secret`);
      t.notMatch(sample.secret, /example/i, `${f.id}: made-up secrets avoid the word EXAMPLE`);
    }
    // No dead keyword: each one lets at least one true positive through the pre-filter.
    for (const k of f.keywords) {
      t.ok(f.truePositives.some((s) => s.text.toLowerCase().includes(k)), `${f.id}: keyword ${k} is exercised by a true positive`);
    }
  }
});

t.test('true positives: exactly one match, spanning the planted secret', async (t) => {
  for (const f of TOKEN_FORMATS) {
    const detector = detectorFor(f.id);
    for (const sample of f.truePositives) {
      const matches = detector.detect(sample.text, NO_CONTEXT);
      t.equal(matches.length, 1, `${f.id}: one match in ${preview(sample.text)}`);
      const m = matches[0];
      if (!m) continue;
      t.equal(sample.text.slice(m.start, m.end), sample.secret, `${f.id}: span is the secret`);
      t.equal(m.detectorId, f.id);
      // the title, and with a checksum (or a key without its structure) what it says about this match
      const checksum = f.checksum?.(sample.secret);
      const unstructured = checksum === undefined && f.keyStructure?.(sample.secret) === false;
      const said = { high: ', checksum verifies', medium: ', checksum does not match (a test value or a mistyped token)' };
      const suffix = unstructured ? ", its body not a key's structure (made up, cut or damaged)" : m.confidence ? said[m.confidence] : '';
      t.equal(m.description, `${f.title}${suffix}`, `${f.id}: description is the title`);
      t.equal(m.confidence === undefined, checksum === undefined && !unstructured, `${f.id}: a confidence of its own exactly when a checksum was checked or a key has no key's structure`);
      if (unstructured) t.equal(m.confidence, 'medium', `${f.id}: a made-up key's body, at medium`);
      t.notOk(m.description.includes(sample.secret), `${f.id}: description never holds the value`);
    }
  }
});

t.test('false positives: no match of their own entry', async (t) => {
  for (const f of TOKEN_FORMATS) {
    const detector = detectorFor(f.id);
    for (const text of f.falsePositives) {
      t.same(detector.detect(text, NO_CONTEXT), [], `${f.id}: nothing in ${preview(text)}`);
    }
  }
});

t.test('repeated calls and the convenience function agree (no shared regex state)', async (t) => {
  for (const f of TOKEN_FORMATS) {
    const detector = detectorFor(f.id);
    const sample = f.truePositives[0]!;
    const first = detector.detect(sample.text, NO_CONTEXT);
    t.same(detector.detect(sample.text, NO_CONTEXT), first, `${f.id}: same result twice`);
    t.same(detectTokens(sample.text, new Set([f.id])), first, `${f.id}: detectTokens with onlyIds`);
  }
  const twice = `${TOKEN_FORMATS[0]!.truePositives[0]!.text} and ${TOKEN_FORMATS[0]!.truePositives[1]!.text}`;
  t.equal(detectorFor(TOKEN_FORMATS[0]!.id).detect(twice, NO_CONTEXT).length, 2, 'every occurrence in one value is found');
});

t.test('a medium format needs its keyword even when called without the pre-filter', async (t) => {
  const twilio = detectorFor('twilio-api-key');
  t.equal(twilio.detect('twilio sid SKe5b5b392af5bd2753fb6e332c8d44a83', NO_CONTEXT).length, 1);
  t.same(twilio.detect('sid SKe5b5b392af5bd2753fb6e332c8d44a83', NO_CONTEXT), []);
});

/** What dbt artifacts are full of. No token detector may fire on any of it. */
const DBT_STRINGS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '{"name": "sha256", "checksum": "9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c"}',
  '3b93153c-ac74-4b01-a21f-543912b5c21d',
  'd41d8cd98f00b204e9800998ecf8427e',
  'test.jaffle_shop.not_null_orders_order_id.4cb17f787b',
  "md5(cast(coalesce(cast(order_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT))",
  'https://schemas.getdbt.com/dbt/manifest/v12.json',
  '01b7a6c2-0705-4b3e-0000-2c5d0a1b9e4f',
  'bquxjob_5c1a2b3d_18f2e4a6b7c',
  'job_dbt_2f4a7c9e-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
  "select {{ dbt_utils.generate_surrogate_key(['order_id', 'customer_id']) }} as order_key from {{ ref('stg_orders') }}",
  "{{ config(materialized='incremental', unique_key='id', post_hook=\"grant select on {{ this }} to role reporter\") }}",
  "aws_secret_access_key: \"{{ env_var('DBT_AWS_SECRET_ACCESS_KEY') }}\"",
  'password: "*****"',
  'models/staging/stripe/stg_stripe__payments.sql',
  'The path to the patient table; see patterns in docs/pathology.md',
  'Query id 01b7a6c2-0705-4b3e-0000-2c5d0a1b9e4f finished in 2.3s, 1,024 rows affected',
];

t.test('cross-talk: all detectors over every false positive and realistic dbt strings', async (t) => {
  const decoys = [...TOKEN_FORMATS.flatMap((f) => f.falsePositives), ...DBT_STRINGS];
  for (const text of decoys) {
    const found = detectTokens(text).map((m) => `${m.detectorId}: ${text.slice(m.start, m.end)}`);
    t.same(found, [], `nothing in ${preview(text)}`);
  }
});

// Adversarial inputs for every format (its prefix, half a token, a token with an endless body) are in
// scripts/redos/adversarial.ts; test/hostile/redos.test.ts checks that the work on them grows linearly.
