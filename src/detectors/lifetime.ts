/**
 * How long a leaked credential stays useful, keyed by detector id (one list here rather than a
 * field on every token-table row): `static` until someone rotates it (passwords, access keys,
 * PATs, API keys, private and service-account keys, storage keys) or `short-lived` (session
 * credentials, OAuth access tokens, CI job and installation tokens, signed URLs, JWTs with `exp`).
 * And where the value carries its expiry, when it ends: JWT `exp`, SAS `se=`,
 * `X-Amz-Date`+`X-Amz-Expires`, `X-Goog-Date`+`X-Goog-Expires`, CloudFront `Expires=`.
 * Every reader looks at a bounded window around the match: linear in the value, never a second walk.
 */
import type { Lifetime } from '../types.js';

/** Detectors whose credentials expire by themselves. Every other detector (custom ones too) is static. */
export const SHORT_LIVED_DETECTORS: ReadonlySet<string> = new Set([
  'aws-session-token', // STS session token: 15 minutes to 36 hours
  'google-oauth-access-token', // ya29.… OAuth access token, one hour
  'github-oauth-token', // gho_ OAuth app access token
  'github-user-to-server-token', // ghu_ GitHub App user token, eight hours
  'github-server-to-server-token', // ghs_ installation token, one hour
  'slack-config-token', // xoxe.xoxp- configuration access token, twelve hours
  'vault-batch-token', // hvb. batch token, bound to a TTL
  'azure-sas-token', // signed URLs: valid until se= / X-*-Expires
  'signed-url',
]);

export interface CredentialLifetime {
  lifetime: Lifetime;
  /** ISO 8601, when the value says when it stops working. */
  expiresAt?: string;
}

/**
 * The lifetime of one match: `value` is the whole string the detector was given, `start`/`end`
 * the secret's span in it, `secret` its text (the joined token, for one joined from Jinja literals).
 * Some kinds decide by the value: an AWS key id `ASIA…` is a session
 * credential; a JWT is short-lived when it carries `exp`.
 */
export function credentialLifetime(detectorId: string, value: string, start: number, end: number, secret = value.slice(start, end)): CredentialLifetime {
  if (detectorId === 'jwt') {
    const expiresAt = jwtExpiry(secret);
    return expiresAt ? { lifetime: 'short-lived', expiresAt } : { lifetime: 'static' };
  }
  if (detectorId === 'aws-access-key-id') return { lifetime: secret.startsWith('ASIA') ? 'short-lived' : 'static' };
  if (!SHORT_LIVED_DETECTORS.has(detectorId)) return { lifetime: 'static' };
  const expiresAt = signedUrlExpiry(urlAround(value, start, end));
  return expiresAt ? { lifetime: 'short-lived', expiresAt } : { lifetime: 'short-lived' };
}

/** The `exp` claim of a JWT (seconds since the epoch), or undefined when absent or unreadable. */
export function jwtExpiry(jwt: string): string | undefined {
  const payload = jwt.split('.')[1];
  if (!payload || payload.length > 8192) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = claims && typeof claims === 'object' ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' ? isoOrUndefined(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** How far around a signature the query parameters of its URL are looked for. */
export const URL_WINDOW = 4096;
const URL_END = /[\s"'<>`()\\]/;

/** The URL or query string that holds the span: up to the nearest space, quote or bracket on each side. */
export function urlAround(value: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < URL_WINDOW && !URL_END.test(value[from - 1]!)) from--;
  let to = end;
  while (to < value.length && to - end < URL_WINDOW && !URL_END.test(value[to]!)) to++;
  return value.slice(from, to);
}

/** Expiry of a signed URL or SAS query, from whichever scheme's parameters it carries. */
export function signedUrlExpiry(url: string): string | undefined {
  const params = new Map<string, string>();
  for (const m of url.matchAll(/(?:^|[?&;])([A-Za-z-]{1,20})=([^&;#]{0,64})/g)) params.set(m[1]!.toLowerCase(), decodeSafely(m[2]!));
  const se = params.get('se');
  if (se !== undefined) return isoOrUndefined(Date.parse(se));
  for (const scheme of ['x-amz', 'x-goog']) {
    const date = params.get(`${scheme}-date`);
    const seconds = params.get(`${scheme}-expires`);
    if (date && seconds && /^\d{1,9}$/.test(seconds)) {
      const signedAt = compactDate(date);
      if (signedAt !== undefined) return isoOrUndefined(signedAt + Number(seconds) * 1000);
    }
  }
  const expires = params.get('expires'); // CloudFront and S3 signature v2: seconds since the epoch
  if (expires && /^\d{9,11}$/.test(expires)) return isoOrUndefined(Number(expires) * 1000);
  return undefined;
}

/** `20240501T120000Z` (SigV4 and GCS V4 signing dates). */
function compactDate(text: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isoOrUndefined(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : undefined;
}
