/**
 * Fingerprints identify a finding across runs without holding its value: rule, detector, a salted
 * hash of the secret, the artifact kind and a JSON path with no volatile parts. The same fingerprint keys the
 * baseline, so it must survive regenerated one-line manifests, reordered nodes and a new dbt
 * version: no line or column, no array positions, no generated hash suffixes.
 */
import { createHash, createHmac } from 'node:crypto';
import type { PathSegment } from '../types.js';

export const DEFAULT_SALT = 'dbt-tools-lint/v1';

export function hashSecret(secret: string, salt: string): string {
  return createHmac('sha256', salt).update(secret).digest('hex').slice(0, 32);
}

/** Generic-test ids end in a 10-hex hash of their config (`test.shop.not_null_orders_id.4cb17f787b`). */
const TEST_HASH_SUFFIX = /^(test\.[^/]+)\.[0-9a-f]{10}$/;

/**
 * The path as a stable, readable string: run results are named by their unique id, other array
 * positions become [*], generated hash suffixes are dropped. `metadata.env.DB_PASSWORD`.
 */
export function stablePath(path: readonly PathSegment[], uniqueId: string | undefined): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += i === 1 && path[0] === 'results' && uniqueId ? `[${stripHash(uniqueId)}]` : '[*]';
    else out += (out ? '.' : '') + stripHash(seg);
  });
  return out;
}

function stripHash(id: string): string {
  return id.replace(TEST_HASH_SUFFIX, '$1');
}

export function fingerprint(parts: { ruleId: string; detectorId: string; secretHash: string; stablePath: string; occurrence: number }): string {
  return createHash('sha256')
    .update([parts.ruleId, parts.detectorId, parts.secretHash, parts.stablePath, String(parts.occurrence)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Fingerprints for one file: the same secret found twice at the same place (two pre-hooks, two
 * lines of a log) gets an occurrence number, so each keeps its own identity.
 */
export class Fingerprints {
  private readonly seen = new Map<string, number>();

  constructor(private readonly salt: string) {}

  /** `place` is the kind of file and the stable location in it: `manifest:nodes.model.a.b.compiled_code`. */
  of(ruleId: string, detectorId: string, secret: string, place: string): string {
    const secretHash = hashSecret(secret, this.salt);
    const key = `${ruleId}\u0000${detectorId}\u0000${secretHash}\u0000${place}`;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return fingerprint({ ruleId, detectorId, secretHash, stablePath: place, occurrence });
  }
}
