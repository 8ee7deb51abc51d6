/**
 * Credentials in HTTP Authorization headers: `Authorization: Bearer …`, `Basic …`, `Token …`, the
 * scheme of dbt Cloud's API (and of Django REST framework's, GitHub's `token …`), and `Bot …`,
 * Discord's scheme for a bot's token. After the header's name, any other scheme too: Opsgenie's
 * `GenieKey …`, Splunk HEC's `Splunk …`, Okta's `SSWS …`, Elastic's `ApiKey …`. And a session's cookie in a Cookie
 * header (`-H 'Cookie: sessionid=…'`): whoever holds it is logged in as its user.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { encodedPair } from './decode.js';
import { shannonEntropy } from './entropy.js';
import { isDiscordSample, isSampleJwt } from './formats/structure.js';
import { isBasicWithoutSecret, isPlaceholder } from './placeholders.js';
import { isSecretKeyName } from './key-names.js';
import { charge, scanAll, searchFrom } from './work.js';

/** The Authorization header's name to its value, as `detect` reads it before a scheme that is also a common word. */
// (a Python f-string or raw string opens with its prefix: `'Authorization': f'Bot …'`)
const HEADER_SEPARATOR = String.raw`["']?\s{0,16}[:=]\s{0,16}(?:[fFrR]{0,2}["'])?\s{0,16}`;
const HEADER_BEFORE = new RegExp(`authorization${HEADER_SEPARATOR}$`, 'i');
const CREDENTIAL_START = String.raw`\s{1,16}[A-Za-z0-9\-._~+/]{16}`;

const CREDENTIAL = String.raw`([A-Za-z0-9\-._~+/]{16,4096}={0,2})(?![A-Za-z0-9\-._~+/=])`;
const NAMED_SCHEMES = ['bearer', 'basic', 'token', 'bot'];
const BEARER = new RegExp(String.raw`(?<![A-Za-z0-9])(${NAMED_SCHEMES.join('|')})\s{1,16}` + CREDENTIAL, 'gi');
/**
 * A Basic credential shorter than CREDENTIAL reads: `etl:Au7h!pw` is 15 characters of base64 (red team 79). From 8,
 * the base64 of the shortest pair that userPassword takes (`a:b2c4`); counted only when it decodes to one.
 */
const SHORT_BASIC = /(?<![A-Za-z0-9])basic\s{1,16}([A-Za-z0-9+/]{8,15}={0,2})(?![A-Za-z0-9\-._~+/=])/gi;
/** A scheme of a vendor's own, one word, right after the Authorization header's name. */
const OTHER_SCHEME = String.raw`[A-Za-z][A-Za-z0-9-]{1,24}`;
const AFTER_HEADER = new RegExp(String.raw`(?<![A-Za-z0-9_-])authorization${HEADER_SEPARATOR}(${OTHER_SCHEME})\s{1,16}` + CREDENTIAL, 'gi');

/**
 * Opsgenie's scheme outside the header (`OPSGENIE_AUTH: "GenieKey …"`, a `-H 'GenieKey …'` copied without its
 * name): the word is Opsgenie's alone, and its key a UUID. Not when a word follows the UUID (`the GenieKey
 * <uuid> column`: an id that names something).
 */
const GENIE_KEY = /(?<![A-Za-z0-9_-])geniekey[ \t]{1,4}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-]|[ \t]{1,4}[A-Za-z])/gi;

/** A Cookie or Set-Cookie header's name to its value (`Cookie: `, `'Cookie': '`), or curl's `--cookie`. */
const COOKIE_HEADER = /(?<![A-Za-z0-9_-])(?:(?:set-)?cookie["']?[ \t]{0,4}:[ \t]{0,4}["']?|--cookie[ \t]{1,4}["']?)/gi;
/** One cookie of the header, `name=value` and its `;`. */
const COOKIE_PAIR = /[ \t]{0,4}([A-Za-z0-9_.!#$%&*+^|~-]{1,64})=([^;\s'"`,]{0,1024});?/y;
/** The most cookies read in one header. */
const MAX_COOKIES = 16;
/** A cookie that holds a session or a login (`sessionid`, `PHPSESSID`, `connect.sid`, `_app_session`, `auth_token`), not a preference's or a tracker's. */
const SESSION_COOKIE = /sess|token|auth|jwt|(?:^|[._-])sid$/i;

/** The session cookies of the Cookie headers in `value`, random enough to be a live session's (not `sessionid=<your session>`). */
function sessionCookies(value: string, out: DetectorMatch[]): void {
  // (the next header is looked for past the cookies read: none is read twice)
  for (let m = searchFrom(COOKIE_HEADER, value, 0), read = 0; m; m = searchFrom(COOKIE_HEADER, value, read)) {
    read = m.index + m[0].length;
    for (let i = 0; i < MAX_COOKIES; i++) {
      COOKIE_PAIR.lastIndex = read;
      const pair = COOKIE_PAIR.exec(value);
      if (!pair) break;
      charge(pair[0].length);
      const start = read + pair[0].indexOf('=') + 1;
      read += pair[0].length;
      const cookie = pair[2]!;
      if (!SESSION_COOKIE.test(pair[1]!) || cookie.length < 16 || isPlaceholder(cookie) || shannonEntropy(cookie) < 3.2 || !/\d/.test(cookie) || !/[A-Za-z]/.test(cookie)) continue;
      out.push({ detectorId: 'http-auth-header', start, end: start + cookie.length, description: `session cookie "${pair[1]}" in a Cookie header` });
    }
  }
}

/**
 * Characters a token may go on with past the base64 and base64url alphabet that a header's value is read by: a
 * Salesforce session id's `!` (`00D…!AQ…`), a percent-encoded `=` (`%3D`), `$`, `*`, `@`. The credential's end is
 * the end of that run, less those characters at its end (`… Bearer <token>!` ending a sentence): red team 66 found
 * `redact` leaving all after a `!` in clear.
 */
const GOES_ON = /[A-Za-z0-9\-._~+/=!$*@%]{0,4096}/y;
const NOT_LAST = /[!$*@%]/;

/** Where a credential that the header's alphabet read up to `end` ends: see GOES_ON. */
function credentialEnd(value: string, end: number): number {
  GOES_ON.lastIndex = end;
  GOES_ON.exec(value);
  let e = GOES_ON.lastIndex;
  while (e > end && NOT_LAST.test(value[e - 1]!)) e--;
  return e;
}

/**
 * Whether a Basic scheme's base64 is a user and a password that are a credential, not a documented example's
 * (`user:password`, `demo:demo123`), nor two fields' names (`id:name`, `user_id:email`: how a request is made, red team 81).
 */
function isBasicPair(token: string, value: string): boolean {
  const pair = encodedPair(token);
  if (pair === undefined || /^[a-z_]{1,16}$/.test(pair.password) || isBasicWithoutSecret(token)) return false;
  // a sample's password is its user and a number (`demo:demo123`, `admin:admin123`, `guest:guest1`), and docs that show
  // the encoding write the pair beside it (`Basic YTpiMmM0 for a:b2c4`): red team 83
  const { user, password } = pair;
  return !password.toLowerCase().startsWith(user.toLowerCase()) && !value.includes(`${user}:${password}`);
}

export const httpAuthDetector: Detector = {
  id: 'http-auth-header',
  title: 'Credential in an HTTP Authorization header',
  // the word token is in most values that name one (`token_type`, `api_token:`, prose): the Token scheme
  // counts only after an Authorization header, so that header's name wakes it (and Bot's, a word too)
  keywords: ['bearer', 'basic', 'authorization', 'geniekey', 'cookie'],
  // the scheme, spaces, then the first 16 characters of the credential (of a Basic one 8: SHORT_BASIC): `basic` in prose, `bearer_share` in a column name are not it;
  // a Cookie header's name and its first cookie's (`cookie_consent`, `cookies` in prose are not it)
  anchor: new RegExp(`bearer${CREDENTIAL_START}|basic\\s{1,16}[A-Za-z0-9\\-._~+/]{8}|authorization${HEADER_SEPARATOR}${OTHER_SCHEME}${CREDENTIAL_START}|geniekey[ \\t]{1,4}[0-9a-f]{8}-|cookie(?:["']?[ \\t]{0,4}:[ \\t]{0,4}|[ \\t]{1,4})["']?[A-Za-z0-9_.!#$%&*+^|~-]{1,64}=`, 'iy'),
  detect(value, context): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    // under a secret's name (`Authorization`, `basic_auth`) the Basic credential is secret-key-name's, said with the key
    // and fingerprinted as it always was: a baseline keeps it
    const pairs = context?.key === undefined || !isSecretKeyName(context.key);
    for (const m of scanAll(BEARER, value)) {
      const scheme = m[1]!.toLowerCase();
      const token = m[2]!;
      const start = m.index + m[0].length - token.length;
      // Basic and the base64 of a user and a password is a credential by itself, whatever holds it (`"auth": "Basic …"`, red team 79)
      if (scheme === 'basic' && pairs && isBasicPair(token, value)) {
        out.push({ detectorId: 'http-auth-header', start, end: start + token.length, description: 'basic credential (a user and a password)' });
        continue;
      }
      // "Basic", "token" and "bot" are common words: require an Authorization header before them.
      if (scheme !== 'bearer') charge(40);
      if (scheme !== 'bearer' && !HEADER_BEFORE.test(value.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (isPlaceholder(token) || shannonEntropy(token) < 3.2 || !/\d/.test(token)) continue;
      // jwt.io's sample token (John Doe), the example of many an API's docs: it signs nothing
      if (scheme === 'bearer' && isSampleJwt(token)) continue;
      // a snake_case name after a scheme that is also a word (`Authorization: Bot account_service_principal_2024`)
      if (scheme !== 'bearer' && /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(token)) continue;
      // a Discord token from the docs, its first segment words in base64 (a real one's is the bot's id, a generated one's random)
      if (scheme === 'bot' && isDiscordSample(token)) continue;
      if (scheme === 'basic' && isBasicWithoutSecret(token)) continue;
      out.push({ detectorId: 'http-auth-header', start, end: scheme === 'basic' ? start + token.length : credentialEnd(value, start + token.length), description: `${scheme} credential in an Authorization header` });
    }
    if (pairs) for (const m of scanAll(SHORT_BASIC, value)) {
      const start = m.index + m[0].length - m[1]!.length;
      if (isBasicPair(m[1]!, value)) out.push({ detectorId: 'http-auth-header', start, end: start + m[1]!.length, description: 'basic credential (a user and a password)' });
    }
    for (const m of scanAll(AFTER_HEADER, value)) {
      const scheme = m[1]!;
      const token = m[2]!;
      charge(40);
      if (NAMED_SCHEMES.includes(scheme.toLowerCase())) continue;
      if (isPlaceholder(token) || shannonEntropy(token) < 3.2 || !/\d/.test(token) || /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(token)) continue;
      const start = m.index + m[0].length - token.length;
      out.push({ detectorId: 'http-auth-header', start, end: credentialEnd(value, start + token.length), description: `${scheme} credential in an Authorization header` });
    }
    for (const m of scanAll(GENIE_KEY, value)) {
      const start = m.index + m[0].length - m[1]!.length;
      // (after the header's name it was found above)
      if (out.some((f) => f.start === start) || isPlaceholder(m[1]!) || shannonEntropy(m[1]!) < 3) continue;
      out.push({ detectorId: 'http-auth-header', start, end: m.index + m[0].length, description: 'Opsgenie API key after its GenieKey scheme' });
    }
    // (a native search first: most values that hold the word have no header)
    if (value.includes('=') && /cookie/i.test(value)) sessionCookies(value, out);
    return out;
  },
};
