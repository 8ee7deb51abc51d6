/**
 * Secret-named keys: `DB_PASSWORD`, `apiKey`, `client-secret`. A key names a secret when its last
 * word (or last two words) is a secret word; `password_policy`, `token_column` and `secret_arn`
 * do not, because their last word says what the value really is.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isPlaceholder } from './placeholders.js';

const LAST_WORD = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'creds', 'dsn', 'webhook', 'jwt', 'bearer', 'authorization', 'sas', 'privatekey', 'pat', 'secretkey', 'accesskey',
]);

const LAST_TWO = new Set([
  'api key', 'access key', 'secret key', 'private key', 'account key', 'master key', 'signing key', 'encryption key',
  'app key', 'auth key', 'client key', 'license key', 'connection string', 'conn str', 'conn string', 'webhook url',
  'sas url', 'auth token', 'session key', 'shared key', 'storage key', 'service key',
]);

/** Trailing words that qualify a secret's name without changing what it is: DB_PASSWORD_PROD. */
const QUALIFIERS = new Set(['prod', 'production', 'dev', 'development', 'staging', 'stage', 'test', 'ci', 'b64', 'base64', 'raw', 'value', 'encoded', 'old', 'new', 'v1', 'v2', '1', '2', '3']);

export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const cache = new Map<string, boolean>();

export function isSecretKeyName(key: string): boolean {
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = computeIsSecretKeyName(key);
    if (cache.size < 10_000) cache.set(key, hit);
  }
  return hit;
}

/** Names that end in a secret word but hold none: a signed URL's credential scope is an account id and a date. */
const NOT_SECRETS = /^x-(?:amz|goog)-credential$/i;

function computeIsSecretKeyName(key: string): boolean {
  if (NOT_SECRETS.test(key)) return false;
  const words = keyWords(key);
  while (words.length > 1 && QUALIFIERS.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (LAST_WORD.has(last)) return true;
  // DB_PASS, PG_PASS: "pass" alone is too common a word, but as the tail of a compound it is a password
  if (last === 'pass' && words.length > 1) return true;
  return words.length > 1 && LAST_TWO.has(`${words[words.length - 2]} ${last}`);
}

/** A value that a person would accept as a real secret under a secret-named key. */
export function isRealSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || v.length > 8192) return false;
  if (isPlaceholder(v)) return false;
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
    if (context.key === undefined || !isSecretKeyName(context.key) || !isRealSecretValue(value)) return [];
    const start = value.length - value.trimStart().length;
    return [{ detectorId: 'secret-key-name', start, end: value.trimEnd().length, description: `value of secret-named key "${context.key}"` }];
  },
};
