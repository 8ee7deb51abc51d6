/**
 * The identity of a secret value, for counting rotations rather than alerts: the same value gives
 * the same id in every artifact and every run (with the same salt); the id is derived from the
 * salted hash, so it cannot be turned back into the value, and it differs from every fingerprint
 * (which also keys on rule, detector and place).
 */
import { hash } from 'node:crypto';
import { hexOf } from '../util/strings.js';

/**
 * 16 hex characters: short enough to read in a report, long enough never to collide in one. From
 * the fingerprint's value hash (hashSecret), computed once per finding: slow for a guessable value
 * under a public salt, so an id in a report confirms no guess.
 */
export function secretIdOf(secretHash: string): string {
  // hex of the first 8 bytes
  return hexOf(hash('sha256', `secret-id\u0000${secretHash}`, 'binary'), 8);
}

/**
 * A GUID-shaped value for SARIF's `result.correlationGuid` (results that share it are the same
 * secret): a name-based UUID (version 5 layout) of the secret id.
 */
export function correlationGuid(secretId: string): string {
  const hex = hash('sha1', `dbt-tools-lint/secret/${secretId}`, 'hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
