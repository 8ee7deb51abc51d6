/**
 * Fingerprints identify a finding across runs without holding its value: rule, detector, a salted
 * hash of the secret, and a JSON path with no volatile parts (result indexes become unique ids).
 */
import { createHash, createHmac } from 'node:crypto';
import type { PathSegment } from '../types.js';

export const DEFAULT_SALT = 'dbt-tools-lint/v1';

export function hashSecret(secret: string, salt: string): string {
  return createHmac('sha256', salt).update(secret).digest('hex').slice(0, 32);
}

/** The path with array positions of run results replaced by the result's unique id. */
export function stablePath(path: readonly PathSegment[], uniqueId: string | undefined): string {
  const parts = path.map((seg, i) => (i === 1 && path[0] === 'results' && typeof seg === 'number' && uniqueId ? `{${uniqueId}}` : String(seg)));
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function fingerprint(parts: { ruleId: string; detectorId: string; secretHash: string; stablePath: string; occurrence: number }): string {
  return createHash('sha256')
    .update([parts.ruleId, parts.detectorId, parts.secretHash, parts.stablePath, String(parts.occurrence)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
