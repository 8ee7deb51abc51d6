/**
 * Secret-named keys: `DB_PASSWORD`, `apiKey`, `client-secret`, `PGPASSWORD`. What a name says is
 * the key grammar's to decide (key-grammar.ts); `password_policy`, `token_column`, `secret_arn` and
 * `DB_PASSWORD_FILE` hold no secret because their last word says what the value really is.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { namesAuthPair, namesSecret } from './key-grammar.js';
import { isDefaultCredential } from './placeholder-grammar.js';
import { isPlaceholder } from './placeholders.js';

const cache = new Map<string, boolean>();
const pairCache = new Map<string, boolean>();

function cached(map: Map<string, boolean>, key: string, test: (key: string) => boolean): boolean {
  let hit = map.get(key);
  if (hit === undefined) {
    hit = test(key);
    if (map.size < 10_000) map.set(key, hit);
  }
  return hit;
}

export function isSecretKeyName(key: string): boolean {
  return cached(cache, key, namesSecret);
}

/** `auth`, `http_auth`: a key whose array holds a user and a password (`auth: [svc, …]`). */
export function isAuthPairKeyName(key: string): boolean {
  return cached(pairCache, key, namesAuthPair);
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

/**
 * The second of a pair under an auth key is a password when it reads like one: under a name this
 * loose (`auth: [read, write]` lists scopes) a word alone is not enough; 8 characters of two kinds are.
 */
export function readsLikePassword(value: string): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  const kinds = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value)) + Number(/[^A-Za-z0-9]/.test(value));
  return kinds >= 2;
}

export const secretKeyNameDetector: Detector = {
  id: 'secret-key-name',
  title: 'Value of a secret-named key',
  keywords: [],
  detect(value, { key, index }): DetectorMatch[] {
    if (key === undefined) return [];
    const start = value.length - value.trimStart().length;
    // auth: [user, password]: the user (first) is no secret, the password (second) is
    if (index !== undefined && isAuthPairKeyName(key)) {
      if (index !== 1 || !readsLikePassword(value.trim()) || !isRealSecretValue(value, 'password')) return [];
      return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `password of the user and password pair "${key}"` }];
    }
    if (!isSecretKeyName(key) || !isRealSecretValue(value, key)) return [];
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `value of secret-named key "${key}"` }];
  },
};
