/**
 * Structure checks that vendors define and a regex cannot express: checksums, decoded headers,
 * encodings. Each takes the candidate secret and answers whether it can be the real thing; each
 * is linear in its length. Used as a row's `verify`.
 */
import { madeByPerson } from '../person-made.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `n` in base 62, left-padded with zeros to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62]! + out;
  return out.padStart(width, '0');
}

/**
 * GitHub's token format (and npm's, which copied it): after the `xxx_` prefix, 30 random base62
 * characters and 6 more that are the CRC-32 of those 30, in base 62. Undefined when the body is
 * not 36 characters (GitHub's longer refresh tokens): there is no checksum to check.
 */
export function hasBase62Checksum(token: string): boolean | undefined {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return undefined;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** `prefix_` and a body of 30 random base62 characters with its CRC-32 appended: a real-shaped GitHub or npm token. */
export function withBase62Checksum(prefix: string, random30: string): string {
  if (!/^[0-9A-Za-z]{30}$/.test(random30)) throw new Error('the random part is 30 base62 characters');
  return `${prefix}_${random30}${base62(crc32(random30), 6)}`;
}

const ORDERED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Each ASCII character's place in ORDERED, -1 for the others: read for every character of every token judged. */
const ORDER_OF = Int8Array.from({ length: 128 }, (_, c) => ORDERED.indexOf(String.fromCharCode(c)));

/**
 * A token body that looks generated: upper case, lower case and digits, at least a third of its
 * characters distinct (32 of a body longer than 96: it draws on an alphabet of 62 or 64, and a
 * PyPI token's 200 to 1,000 characters cannot hold a third of them distinct), no character four
 * times in a row and no run of six in alphabet order (`npm_config_userconfig`, `abcdef123456…` and
 * `aaaa…` are not).
 */
export function looksRandom(body: string): boolean {
  let cases = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    cases |= c >= 65 && c <= 90 ? 1 : c >= 97 && c <= 122 ? 2 : c >= 48 && c <= 57 ? 4 : 8;
  }
  return (cases & 7) === 7 && noTypedRuns(body, false) && distinctEnough(body);
}

/** How many characters of a body looksRandom and randomInOneCase want a third of distinct. */
const DISTINCT_OF = 96;

/** A third of a body's characters distinct (of a body longer than DISTINCT_OF, 32). */
function distinctEnough(body: string): boolean {
  return new Set(body).size * 3 >= Math.min(body.length, DISTINCT_OF);
}

/**
 * No character four times in a row, no run of six in alphabet order (ORDERED), and with `everyOther`
 * no count every other place (`1a2b3c…`): the runs people type to fill a token's shape.
 */
function noTypedRuns(body: string, everyOther: boolean): boolean {
  let same = 1;
  let ordered = 1;
  let alternate = 1;
  let before = -2;
  let prev = -2;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const at = code < 128 ? ORDER_OF[code]! : -1;
    same = i > 0 && code === body.charCodeAt(i - 1) ? same + 1 : 1;
    ordered = i > 0 && at === prev + 1 ? ordered + 1 : 1;
    alternate = everyOther && i > 1 && at === before + 1 ? alternate + 1 : 1;
    if (same >= 4 || ordered >= 6 || alternate >= 6) return false;
    before = prev;
    prev = at;
  }
  return true;
}

/**
 * A token body in one case, lower-case letters and digits, that no person typed: what a peer's
 * pattern makes up (gitleaks' `npm_[a-z0-9]{36}`, `hf_[a-z]{34}`) or a token lower-cased on its way.
 * Not words nor a person's password (`madeByPerson`: `transformersautomodelforsequencex`), no
 * character four times in a row, no run of six in alphabet order, and no count every other place
 * (`1a2b3c4d5e6f…`, what people type to fill a shape).
 */
export function randomInOneCase(body: string): boolean {
  return /^[a-z0-9]+$/.test(body) && !madeByPerson(body) && noTypedRuns(body, true) && distinctEnough(body);
}

/** Bytes of a base64 or base64url string (padding optional); undefined when it is not one. */
export function decodeBase64(text: string): Buffer | undefined {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/_-]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  return Buffer.from(clean.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * How base64url JSON objects begin, as a regex source: `{"` is `eyJ`; `{` then a space, a newline, a
 * carriage return or a tab (a header serialized with spaces, or pretty-printed) is `eyA`, `ewo`,
 * `ew0` or `ewk`. Each is a keyword of the JWT formats.
 */
export const JSON_OBJECT_START = '(?:eyJ|eyA|ewo|ew0|ewk)';

/** A base64url segment that decodes to a JSON object. */
function jsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64(segment);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JWS: the header is a JSON object naming its `alg`, the payload a JSON object. A token for the
 * `anon` role is the public key of a PostgREST or Supabase API, shipped to every browser by design
 * (Supabase: "safe to use in a browser"); its `service_role` sibling is a secret.
 */
export function isJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const h = header === undefined ? undefined : jsonObject(header);
  const p = payload === undefined ? undefined : jsonObject(payload);
  return typeof h?.['alg'] === 'string' && p !== undefined && p['role'] !== 'anon' && !isSamplePayload(p);
}

/** The issuer of the OpenID Connect Core spec's samples (`http://` in its appendix, `https://` in its text). */
const OIDC_SPEC_ISSUER = /^https?:\/\/server\.example\.com$/;

/**
 * A published sample's claims, copied into docs and tests everywhere; it signs nothing. jwt.io's (John Doe, sub
 * 1234567890, issued at 1516239022): its subject with its issue time is the sample however the name was edited (`Jane
 * Analyst`, red team 51). The OpenID Connect Core spec's id_token (issuer server.example.com, client s6BhdRkqt3, issued
 * at 1311280970, expired at 1311281970; red team 104): its issuer with its issue time or its expiry, however the subject
 * or the client was edited. Another token of that issuer, even for the spec's client (a test server's, valid for years:
 * red team 105), or another expired one, is not the sample.
 */
function isSamplePayload(p: Record<string, unknown>): boolean {
  if (p['sub'] === '1234567890' && (p['name'] === 'John Doe' || p['iat'] === 1516239022)) return true;
  return OIDC_SPEC_ISSUER.test(String(p['iss'])) && (p['iat'] === 1311280970 || p['exp'] === 1311281970);
}

const JSON_OBJECT_AT_START = new RegExp(`^${JSON_OBJECT_START}`);

/** Whether `token` is a published sample token (jwt.io's, the OpenID Connect spec's), whatever its algorithm and signature. */
export function isSampleJwt(token: string): boolean {
  if (!JSON_OBJECT_AT_START.test(token)) return false;
  const payload = token.split('.', 3)[1];
  const p = payload === undefined ? undefined : jsonObject(payload);
  return p !== undefined && isSamplePayload(p);
}

/**
 * Whether `token` is a JWT with no signature: its header's `alg` is `none` and its third part empty
 * (`eyJhbGciOiJub25lIn0.eyJ….`), or a signature shorter than any algorithm makes (`….abc`: a test's stub, red team 115;
 * HS256's, the shortest, is 43 characters). Anyone can write one; it signs nobody in where signatures are checked. Nor
 * does what only opens as one (the peers' broken samples, red team 125): a header alone or with a payload and no
 * signature, or a first part that decodes to no JSON object, or to one naming no `alg`, before a payload and a signature.
 * (One part that decodes to JSON naming no `alg` is JSON in base64, a service account's key file as often: not so read.)
 */
export function isUnsignedJwt(token: string): boolean {
  if (!JSON_OBJECT_AT_START.test(token)) return false;
  const parts = token.split('.');
  const header = jsonObject(parts[0]!);
  const alg = header?.['alg'];
  // (a first part of no JSON: a header cut short, or one before a part that opens as a payload does)
  if (parts.length < 3) return typeof alg === 'string' || (header === undefined && (readsAsText(parts[0]!) || (parts.length === 2 && JSON_OBJECT_AT_START.test(parts[1]!))));
  if (typeof alg !== 'string') return true;
  return parts.length === 3 && parts[2]!.length < SHORTEST_SIGNATURE && (parts[2]!.length > 0 || alg.toLowerCase() === 'none');
}

/**
 * Whether a base64url segment decodes to text (printable ASCII, tabs and line ends): a header cut short
 * (`eyJhbGciOiJIUzI1NiIsInR5cCI6`), not a random value that happens to begin as one (`ewkZeRDAp50986`, `{` and a tab,
 * then bytes of no text: a generated password, one in some 30,000 of them).
 */
function readsAsText(segment: string): boolean {
  const bytes = decodeBase64(segment.length % 4 === 1 ? segment.slice(0, -1) : segment);
  return bytes !== undefined && bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** The shortest JWS signature in base64url: HMAC-SHA256's 32 bytes. */
const SHORTEST_SIGNATURE = 43;

/**
 * A PyPI API token is `pypi-` and a base64url macaroon (version 2) whose location field is
 * pypi.org or test.pypi.org, followed by its identifier field.
 */
export function isPypiMacaroon(token: string): boolean {
  const bytes = decodeBase64(token.slice('pypi-'.length));
  if (!bytes || bytes.length < 40 || bytes[0] !== 0x02 || bytes[1] !== 0x01) return false;
  const location = bytes.subarray(3, 3 + bytes[2]!).toString('latin1');
  // the identifier field (type 2) follows the location
  return (location === 'pypi.org' || location === 'test.pypi.org') && bytes[3 + bytes[2]!] === 0x02;
}

/** PKCS#8 of an Ed25519 or X25519 key (RFC 8410): 48 bytes, a 32-byte key after the algorithm's OID 1.3.101.110/112. */
const RFC8410_PREFIX = Buffer.from('302e020100300506032b65', 'hex');

function isRfc8410Key(bytes: Buffer): boolean {
  return bytes.length === 48 && bytes.subarray(0, RFC8410_PREFIX.length).equals(RFC8410_PREFIX);
}

/**
 * The bytes of a PEM block's base64 body (line breaks, `\n` escapes, armor headers and PGP's `=`
 * checksum line removed) when it is base64 of at least `minBytes` (or an Ed25519/X25519 key, 48 bytes).
 */
function pemBytes(block: string, minBytes: number): Buffer | undefined {
  const start = block.indexOf('-----', block.indexOf('-----BEGIN') + 10) + 5;
  const end = block.lastIndexOf('-----END');
  if (start < 5 || end < start) return undefined;
  const lines = block
    .slice(start, end)
    .split(/(?:\\{1,4}[rnt]|[\r\n])+/)
    // (a key pasted into a comment: each line's mark, `-- ` or `# `)
    .map((line) => line.replace(/^[ \t]*(?:--|#)/, ''))
    .filter((line) => line.trim() !== '' && !line.includes(':') && !line.startsWith('='));
  const body = lines.join('').replace(/[\s]+/g, '');
  if (body.replace(/=+$/, '').length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64');
  return bytes.length >= minBytes || isRfc8410Key(bytes) ? bytes : undefined;
}

/** A PEM block's body is base64 of a key's length, whatever it holds (see pemBytes). */
export function isPemBase64(block: string, minBytes = 64): boolean {
  return pemBytes(block, minBytes) !== undefined;
}

/**
 * isPemBase64, and the body holds a key's structure: DER (first byte 0x30, a SEQUENCE) or an
 * OpenSSH key; an encrypted (Proc-Type) or PGP body is only checked for being base64.
 */
export function isPemBody(block: string, minBytes = 64): boolean {
  const bytes = pemBytes(block, minBytes);
  if (!bytes) return false;
  if (block.includes('Proc-Type:') || block.startsWith('-----BEGIN PGP')) return true;
  return bytes[0] === 0x30 || bytes.subarray(0, 14).toString('latin1') === 'openssh-key-v1';
}

/**
 * A private key in base64 DER with no PEM armor (what dbt-snowflake's `private_key` also takes): a
 * SEQUENCE whose length header is the length of the whole, so a cut or padded run is no key.
 */
export function isDerPrivateKey(encoded: string): boolean {
  const bytes = decodeBase64(encoded);
  if (bytes === undefined || bytes.length < 48 || bytes[0] !== 0x30) return false;
  const first = bytes[1]!;
  if (first < 0x80) return first + 2 === bytes.length;
  const size = first & 0x7f;
  if (size < 1 || size > 2) return false;
  let length = 0;
  for (let i = 0; i < size; i++) length = length * 256 + bytes[2 + i]!;
  return length + 2 + size === bytes.length;
}

/** Slack tokens: numeric team and user ids, then the secret part, in the segments the type has. */
export function hasSlackSegments(token: string): boolean {
  const parts = token.split('-');
  switch (parts[0]) {
    case 'xoxb': // xoxb-<team>-<bot>-<24 alnum>; the legacy form xoxb-<id>-<18 to 26 alnum>
      return parts.length === 4
        ? /^\d{8,14}$/.test(parts[1]!) && /^\d{8,14}$/.test(parts[2]!) && /^[A-Za-z0-9]{24}$/.test(parts[3]!)
        : parts.length === 3 && /^\d{8,14}$/.test(parts[1]!) && /^[A-Za-z0-9]{18,26}$/.test(parts[2]!);
    case 'xoxp': // xoxp-<team>-<user>[-<id>]-<32 hex>; xoxe- and dashes in the secret part as gitleaks reads them
    case 'xoxe':
      return /^xox[pe](?:-\d{8,14}){2,3}-[A-Za-z0-9][A-Za-z0-9-]{26,32}[A-Za-z0-9]$/.test(token);
    default:
      return true;
  }
}

/**
 * Stripe secret and restricted keys: the mode is live or test. Stripe documents no fixed length
 * (keys have grown from 24 characters to 99 and may grow again), so the body is only required to
 * be long enough to be a key at all.
 */
export function isStripeKey(token: string): boolean {
  const [, mode, body = ''] = token.split('_');
  // a mode Stripe does not issue (gitleaks' prod): only a random body, in one case or both
  if (mode === 'prod') return body.length >= 10 && (looksRandom(body) || randomInOneCase(body));
  // shorter than keys are (10 to 23 characters, as gitleaks samples them): only a random body
  return (mode === 'live' || mode === 'test') && (body.length >= 24 || (body.length >= 10 && looksRandom(body)));
}

/**
 * A Slack webhook's path: a team (T…), a bot or workflow and a token as issued, or (gitleaks' shape)
 * 43 to 56 characters after services/ that read as random; a path of words is a sample's.
 */
export function isSlackWebhook(url: string): boolean {
  const path = url.slice(url.indexOf('hooks.slack.com/') + 16);
  return /^(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\//.test(path) || looksRandom(path.slice(path.indexOf('/') + 1).replace(/[+/]/g, ''));
}

/**
 * A SendGrid key: SG., a key id of 22 characters, a dot and a secret of 43; or 66 characters with
 * dots and = anywhere (gitleaks' shape) when they read as random (a dotted name does not).
 */
export function isSendgridKey(token: string): boolean {
  const body = token.slice(3).replace(/[._=-]/g, '');
  // (in one case: gitleaks' `SG\.(?i)[a-z0-9=_\-\.]{66}` made up)
  return /^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/.test(token) || looksRandom(body) || randomInOneCase(body);
}

/**
 * A Discord bot token: its first segment is the bot's user id (a snowflake: 17 to 20 digits) in
 * base64url; then a timestamp and an HMAC.
 */
export function isDiscordBotToken(token: string): boolean {
  const id = decodeBase64(token.slice(0, token.indexOf('.')))?.toString('latin1');
  return id !== undefined && /^[1-9]\d{16,19}$/.test(id);
}

/**
 * A Discord token's shape whose first segment decodes to text other than an id (`MyBibGluZCBt…`:
 * "3 blind mice…"): a sample written for the docs. A generated token's first segment decodes to
 * random bytes, a real one's to the bot's id.
 */
export function isDiscordSample(token: string): boolean {
  if (!/^[A-Za-z0-9_-]{18,30}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}$/.test(token)) return false;
  const id = decodeBase64(token.slice(0, token.indexOf('.')))?.toString('latin1');
  return id !== undefined && /^[\x20-\x7e]{1,40}$/.test(id) && !/^[1-9]\d{16,19}$/.test(id);
}

/** A Fernet key (Airflow's fernet_key): url-safe base64 of exactly 32 bytes. */
export function isFernetKey(key: string): boolean {
  return key.length === 44 && decodeBase64(key)?.length === 32;
}

const BASE64_JWT_INNER = new RegExp(`^eyJ[A-Za-z0-9_-]+\\.${JSON_OBJECT_START}[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$`);

/** A JWT that was base64-encoded once more (as some configs and headers carry it). */
export function isBase64Jwt(encoded: string): boolean {
  const inner = decodeBase64(encoded)?.toString('latin1');
  return inner !== undefined && BASE64_JWT_INNER.test(inner) && isJwt(inner);
}

/** The decoded payload (second dot-separated segment) of a JWS or JWS-like token, when it is a JSON object. */
function payloadOf(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  return payload === undefined ? undefined : jsonObject(payload);
}

/** A Supabase service role key: a JWT whose payload carries `"role": "service_role"` (an anon key is public). */
export function isSupabaseServiceRoleJwt(token: string): boolean {
  return isJwt(token) && payloadOf(token)?.['role'] === 'service_role';
}

/**
 * A Tinybird static token: `p.`, a base64url JSON object naming the workspace (`u`) and the token
 * (`id`), a dot, and a 43-character signature (32 bytes).
 */
export function isTinybirdToken(token: string): boolean {
  const payload = payloadOf(token);
  return typeof payload?.['u'] === 'string' && typeof payload['id'] === 'string' && token.slice(token.lastIndexOf('.') + 1).length === 43;
}

/**
 * How many length-prefixed fields follow the type name in each OpenSSH public key (RFC 4253 §6.6, RFC 5656 §3.1,
 * RFC 8709 §4, OpenSSH's PROTOCOL.u2f): RSA's e and n, DSA's p, q, g and y, an EdDSA key, a curve and a point, and a
 * security key's application after them.
 */
const SSH_PUBLIC_KEY_FIELDS = new Map([
  ['ssh-rsa', 2], ['ssh-dss', 4], ['ssh-ed25519', 1], ['ssh-ed448', 1],
  ['ecdsa-sha2-nistp256', 2], ['ecdsa-sha2-nistp384', 2], ['ecdsa-sha2-nistp521', 2],
  ['sk-ssh-ed25519@openssh.com', 2], ['sk-ecdsa-sha2-nistp256@openssh.com', 3],
]);

/** A public key as authorized_keys and known_hosts write it: the type (optional here), the base64 blob, a comment. */
const SSH_PUBLIC_KEY_LINE = /^(?:([a-z0-9@.-]{7,40}) )?(AAAA[A-Za-z0-9+/]{16,2048}={0,2})(?: [^\n]{0,256})?$/;

/**
 * An OpenSSH public key's base64 (`AAAAC3NzaC1lZDI1NTE5AAAA…`), with or without the type before it and a comment after
 * (red team 100): its bytes are the type's name, then exactly that type's fields, each length-prefixed, and nothing
 * after. Made to be published (authorized_keys, known_hosts); the private key's file is another format (`openssh-key-v1`).
 */
export function isSshPublicKey(value: string): boolean {
  const line = SSH_PUBLIC_KEY_LINE.exec(value);
  const bytes = line ? decodeBase64(line[2]!) : undefined;
  if (!bytes) return false;
  const fields: string[] = [];
  let at = 0;
  while (at + 4 <= bytes.length && fields.length <= 4) {
    const length = bytes.readUInt32BE(at);
    if (length > bytes.length - at - 4) return false;
    // only the first field, the type's name, is read as text
    fields.push(fields.length === 0 ? bytes.toString('latin1', at + 4, at + 4 + length) : '');
    at += 4 + length;
  }
  const type = fields[0];
  return at === bytes.length && type !== undefined && SSH_PUBLIC_KEY_FIELDS.get(type) === fields.length - 1 && (line![1] === undefined || line![1] === type);
}

/**
 * A cloud region's name: not a password where a URL's password would be
 * (`s3://bucket:eu-west-1@endpoint/…` names a bucket's region; AWS's `eu-west-1`, `us-gov-east-1`
 * and Google Cloud's `europe-west1`, `us-central1` are published names, not credentials).
 */
const CLOUD_REGION = /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso[bef]?-)?(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}|(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)\d{1,2})$/;

/** Whether `name` is an AWS or Google Cloud region's published name (CLOUD_REGION). */
export function isCloudRegion(name: string): boolean {
  return CLOUD_REGION.test(name);
}

/** A cloud and its region's name as a tag (`gcp-us-east1`, `aws-eu-west-1`): the region is the group. */
const CLOUD_REGION_TAG = /^(?:gcp|aws)-([a-z0-9-]{1,40})$/;
/**
 * A ULID: 26 characters of Crockford's base32 (no I, L, O or U), a 48-bit time first (so 0 to 7), then 80 random bits; or
 * its first 20 or more, as a token cut short decodes (a docs example one character short ends its ULID at 25).
 */
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{19,25}$/;

/**
 * Whether `user:password` is a cloud region's tag and a ULID: Shopify's cart and checkout tokens are base64 of
 * `gcp-us-central1:01HVF7BPGHV7TZ4Y94XRSSE8AD`, where a cart was made and its id, in every order export (red team
 * 104). Both together: a ULID as the password of another user is kept, its 80 random bits as good as a password's
 * (a service that mints its keys as ULIDs), and a region's name is no secret at all.
 */
export function isRegionAndUlid(user: string, password: string): boolean {
  const region = CLOUD_REGION_TAG.exec(user);
  return region !== null && isCloudRegion(region[1]!) && ULID.test(password);
}

/** Base64 that may hold a cart token: it opens with `gcp-` or `aws-` encoded (`Z2NwL`, `YXdzL`). */
const CART_TOKEN = /^(?:Z2NwL|YXdzL)[A-Za-z0-9+/]{30,80}={0,2}$/;

/**
 * Shopify's cart or checkout token as a value (isRegionAndUlid, encoded): under a column or key named `token`
 * (`checkout.token` in an export, a unit test's given rows, `where token = '…'`) it is an order's id, not a secret.
 */
export function isCartToken(value: string): boolean {
  if (!CART_TOKEN.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon > 0 && isRegionAndUlid(decoded.slice(0, colon), decoded.slice(colon + 1));
}
