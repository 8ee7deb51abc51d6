/**
 * Secret-named keys: `DB_PASSWORD`, `apiKey`, `client-secret`, `PGPASSWORD`. What a name says is
 * the key grammar's to decide (key-grammar.ts); `password_policy`, `token_column`, `secret_arn` and
 * `DB_PASSWORD_FILE` hold no secret because their last word says what the value really is.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { namesSecret } from './key-grammar.js';
import { isDefaultCredential } from './placeholder-grammar.js';
import { isPlaceholder } from './placeholders.js';

const cache = new Map<string, boolean>();

export function isSecretKeyName(key: string): boolean {
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = namesSecret(key);
    if (cache.size < 10_000) cache.set(key, hit);
  }
  return hit;
}

/** Public halves and certificates: `ssh-ed25519 AAAA…`, `-----BEGIN PUBLIC KEY-----`, an age recipient. */
const PUBLIC_MATERIAL = /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}|sk-ssh-ed25519@openssh\.com) AAAA|^-----BEGIN (?:[A-Z]+ )?(?:PUBLIC KEY|CERTIFICATE)-----|^age1[a-z0-9]{50,70}$/;

/** A value that a person would accept as a real secret under a secret-named key (`name`, when it is known). */
export function isRealSecretValue(value: string, name?: string): boolean {
  const v = value.trim();
  if (v.length < 4 || v.length > 8192) return false;
  if (name !== undefined && isDefaultCredential(name, v)) return false;
  if (isPlaceholder(v) || PUBLIC_MATERIAL.test(v)) return false;
  if (/^[/~.]|^[A-Za-z]:\\/.test(v) && !/\s/.test(v) && v.includes('/')) return false; // a file path to a secret, not the secret
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(v)) return false; // a snake_case identifier: a column or variable name
  if (/^-?\d+(?:\.\d+)?$/.test(v) && v.length < 6) return false;
  return true;
}

export const secretKeyNameDetector: Detector = {
  id: 'secret-key-name',
  title: 'Value of a secret-named key',
  keywords: [],
  detect(value, context): DetectorMatch[] {
    if (context.key === undefined || !isSecretKeyName(context.key) || !isRealSecretValue(value, context.key)) return [];
    const start = value.length - value.trimStart().length;
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `value of secret-named key "${context.key}"` }];
  },
};
