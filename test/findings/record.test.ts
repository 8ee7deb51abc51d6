/**
 * A finding from an artifact keeps its JSON path and works out its pointer, location and positions
 * when read: the path must come back as the segments it was written from, and the finding written
 * as JSON (json format) or copied as a plain object (across threads) must be the plain finding,
 * field for field and in its order.
 */
import t from 'tap';
import { jsonPathSegments, toJsonPath, toJsonPointer } from '../../src/findings/paths.js';
import { stablePath } from '../../src/findings/fingerprint.js';
import { ArtifactFinding, plainFinding, type StoredFields } from '../../src/findings/record.js';
import type { PathSegment } from '../../src/types.js';

const PATHS: PathSegment[][] = [
  [],
  ['nodes', 'model.shop.orders', 'compiled_code'],
  ['results', 3, 'node', 'config', 'meta', 'api_key'],
  ['a.b', "it's", 'back\\slash', '', '0', 0, 12, 'x[1]', "]'", 'clé ☕ 😀', 'with space', '$', 'a$_1', "\\'", '\\'],
  ['disabled', 'test.shop.not_null_orders_id.4cb17f787b', 0, 'raw_code'],
];

t.test('a JSON path gives back the segments it was written from', async (t) => {
  for (const segments of PATHS) t.same(jsonPathSegments(toJsonPath(segments)), segments, toJsonPath(segments));
});

const KIND = { ruleId: 'config-meta', detectorId: 'slack-webhook', message: 'Secret in meta: Slack webhook URL', artifactKind: 'manifest', confidence: 'high' } as const;

const FIELDS: StoredFields = {
  kind: KIND,
  severity: 'error',
  file: 'target/manifest.json',
  jsonPath: toJsonPath(PATHS[4]!),
  charOffset: 120,
  charLength: 77,
  uniqueId: 'test.shop.not_null_orders_id.4cb17f787b',
  originalFilePath: 'models/schema.yml',
  source: { file: 'models/schema.yml', projectDir: '/repo' },
  preview: 'https://hooks.slack.com/services/T0****',
  fingerprint: '0123456789abcdef0123456789abcdef',
  secretId: '0123456789abcdef',
  lifetime: 'static',
  expiresAt: '2026-01-01T00:00:00Z',
  suppressed: undefined,
};

t.test('written as JSON or copied, a finding is the plain finding, in its order', async (t) => {
  const f = new ArtifactFinding(FIELDS, { line: 1, column: 121 }, { line: 1, column: 198 });
  f.expired = true; // as markExpired adds it, after the rest
  const { jsonPath, uniqueId, charOffset, charLength, source, preview, fingerprint, secretId, lifetime, expiresAt } = FIELDS;
  const { confidence } = KIND;
  const plain = {
    ruleId: 'config-meta',
    detectorId: 'slack-webhook',
    severity: 'error',
    message: KIND.message,
    file: FIELDS.file,
    artifactKind: 'manifest',
    jsonPath,
    jsonPointer: toJsonPointer(PATHS[4]!),
    location: stablePath(PATHS[4]!, uniqueId),
    start: { line: 1, column: 121 },
    end: { line: 1, column: 198 },
    charOffset,
    charLength,
    uniqueId,
    originalFilePath: 'models/schema.yml',
    source,
    preview,
    fingerprint,
    secretId,
    lifetime,
    expiresAt,
    confidence,
    expired: true,
  };
  t.equal(f.location, 'disabled.test.shop.not_null_orders_id[*].raw_code', 'the location drops the test hash and the array position');
  t.equal(f.jsonPointer, '/disabled/test.shop.not_null_orders_id.4cb17f787b/0/raw_code');
  t.equal(JSON.stringify(f), JSON.stringify(plain), 'JSON: the same text');
  t.equal(JSON.stringify(structuredClone(plainFinding(f))), JSON.stringify(plain), 'a copy across threads: the same fields');
  t.same(Object.keys(plainFinding(f)), Object.keys(plain));
});

t.test('optional fields are absent, not undefined', async (t) => {
  const f = new ArtifactFinding({ ...FIELDS, kind: { ...KIND, confidence: undefined }, uniqueId: undefined, originalFilePath: undefined, source: undefined, expiresAt: undefined }, { line: 2, column: 1 }, { line: 2, column: 9 });
  for (const key of ['uniqueId', 'originalFilePath', 'source', 'expiresAt', 'suppressed', 'confidence']) t.notOk(key in plainFinding(f), key);
  t.equal(f.location, stablePath(PATHS[4]!, undefined), 'without a node: the location of the path alone');
});
