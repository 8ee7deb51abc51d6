/**
 * A sample of a secret column's values written into its documentation: a column `client_secret` whose
 * description says ``Sample from prod sync: `jJwSxq072RWrsOXk…` ``, a catalog column `DB_PASS` whose warehouse
 * comment says `Sample: PviqHy*BNiOq^A94`. The column's name is the context the prose lacks; dbt docs publish both.
 * Read only in a column's description or comment (the free-text rule, COLUMN_DOC_FIELDS), and only a value in a generated secret's
 * shape: a column's docs name types, sources, rules and placeholders (`uuid4`, `SHA-256 of the key`,
 * `see 1Password: Snowflake / svc`), never that.
 */
import type { Detector, DetectorContext, DetectorMatch } from '../types.js';
import { isDataKeyColumn, isRealSecretValue, isSecretKeyName } from './key-names.js';
import { isVendorKeyName, keyWords } from './key-grammar.js';
import { shannonEntropy } from './entropy.js';
import { looksRandom } from './formats/structure.js';
import { madeByPerson } from './person-made.js';
import { detectTokensUnderKey } from './tokens.js';
import { isBasicWithoutSecret } from './placeholders.js';
import { charge } from './work.js';

/** A column's documentation: its `description` in the manifest, its warehouse `comment` in the catalog; a catalog stat's `value` (COLUMN_DOC_FIELDS). */
function isColumnDocKey(key: string): boolean {
  return key === 'description' || key === 'comment' || key === 'value';
}

/** The longest description read (a column's docs run to a few paragraphs; a longer text is a docs block's). */
const MAX_TEXT = 4096;

/**
 * A column named for a secret, not for what is derived from one or said of one: `password_hash`, `api_key_id` and
 * `token_count` are not secrets' names (isSecretKeyName); a column of encrypted, hashed or masked values, or of a
 * key's last characters, documents their shape, not a secret (`encrypted_password`: `U2FsdGVkX1…`).
 */
export function namesSecretColumn(column: string): boolean {
  if (column.length > 64) return false;
  let named = COLUMN_NAMES.get(column);
  if (named === undefined) {
    named = SECRET_WORD_PART.test(column) && isSecretKeyName(column) && !isDataKeyColumn(column) && !DERIVED.test(column) && !DERIVED_ABROAD.test(keyWords(column).join('_'));
    if (COLUMN_NAMES.size < 10_000) COLUMN_NAMES.set(column, named);
  }
  return named;
}

/**
 * The column a catalog stat's value is a sample of: its id when that names a secret's column, else the last word of its
 * label when that does (`{id: sample_value, label: "Sample auth0_client_secret"}`: dbt writes the label before the value,
 * and both walks read it only there), else its id.
 */
export function statColumn(id: string, label: string | undefined): string {
  if (label === undefined || label.length > 128 || namesSecretColumn(id)) return id;
  const word = LAST_WORD.exec(label)?.[0];
  return word !== undefined && namesSecretColumn(word) ? word : id;
}

/** A name at a label's end, after a space (`Sample auth0_client_secret`). */
const LAST_WORD = /(?<= )[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * namesSecretColumn's answers: a project documents the same columns in model after model (`id`, `updated_at`), and
 * reading each description's column name again was 4 % of the main thread on the 100 MB density file.
 */
const COLUMN_NAMES = new Map<string, boolean>();

/**
 * A part of every word that names a secret (key-grammar's words: English, the other languages' passwords, a word past
 * ASCII): the names of a project's columns are mostly none (`customer_id`, `ordered_at`), and reading each one's words
 * for the first time was most of what this detector cost a scan of the real corpus.
 */
const SECRET_WORD_PART = /pass|pw|secret|token|key|cred|dsn|hook|jwt|bearer|auth|sas|pat|pepper|wor[td]|senha|contras|motdepasse|losen|kode|salasana|haslo|heslo|geslo|lozinka|jelsz|slapta|sifre|sandi|conn|[^\x00-\x7f]/i;

const DERIVED = /encrypt|cipher|hash|digest|mask|redact|last_?[0-9]|prefix|suffix|fingerprint|checksum|^has_|^is_|_at$|_on$|date|time|count|length|type|status/i;

/**
 * DERIVED's hashed, encrypted and masked in the languages whose passwords' words key-grammar reads, as whole words with
 * their gender and number endings (`mot_de_passe_hache`, `contrasena_cifrada`, `senha_criptografada`, `cle_api_chiffree`;
 * red team 77), in the name's words as keyWords splits them (accents dropped, camelCase split). Whole words: French
 * `chiffrement` and Portuguese `criptografica` name an encryption key, a secret.
 * (`gehasht`, `hasheado`, `maskiert`, `mascherato`… already hold DERIVED's `hash` or `mask`.)
 */
const DERIVED_ABROAD = new RegExp(
  `(?:^|_)(?:${[
    // French: haché, chiffré, crypté, masqué (-é, -ée, -és, -ées)
    '(?:hach|chiffr|crypt|masqu)ee?s?',
    // Spanish and Portuguese: cifrado, encriptado, criptografado, enmascarado, mascarado (-o, -a, -os, -as)
    '(?:cifr|encript|criptograf|enmascar|mascar)ad[oa]s?',
    // Italian: cifrato, criptato, crittografato (-o, -a, -i, -e)
    '(?:cifr|cript|crittograf)at[oaie]',
    // German verschlüsselt (ü written ue or u) with an adjective's endings; Dutch versleuteld
    'verschlue?sselt(?:e[mnrs]?)?', 'versleuteld(?:e)?',
    // Swedish krypterad, -at, -ade; Norwegian kryptert, -e; Danish krypteret, -ede
    'krypter(?:ad|at|ade|t|te|et|ede)',
    // Polish zaszyfrowany, Czech and Slovak (za)šifrovaný
    '(?:za)?(?:szyfrowan|sifrovan)[aeyo]',
  ].join('|')})(?=_|$)`,
);

/** The shortest sample read. */
export const COLUMN_SAMPLE_MIN = 12;

/** The column whose documentation a value is (DetectorContext.parent under a `description` or `comment`), if any. */
function columnOf({ key, parent }: DetectorContext): string | undefined {
  return parent !== undefined && key !== undefined && isColumnDocKey(key) ? parent : undefined;
}

/** The detector's gate: a column's description or comment, under a secret's name, long enough to hold a sample. */
export function mayHoldColumnSample(context: DetectorContext, length: number): boolean {
  if (length < COLUMN_SAMPLE_MIN) return false;
  const column = columnOf(context);
  return column !== undefined && namesSecretColumn(column);
}

/** A run of the prose without spaces, and what wraps it in Markdown and prose: quotes, backticks, brackets, a final stop. */
const RUN = new RegExp(`[^\\s]{${COLUMN_SAMPLE_MIN},160}`, 'g');
const OPENING = /^[`'"([{<*]+/;
/** What may close it (see withoutClosing). */
const CLOSING = new Set('`\'")]}>*.,;:');

/** A run without the marks that close it (a loop: a regex anchored at the end is tried from every place, quadratic). */
function withoutClosing(run: string): string {
  let end = run.length;
  while (end > 0 && CLOSING.has(run[end - 1]!)) end--;
  return run.slice(0, end);
}

/** A generated secret's shapes: hex of a key's length, base64 and mixed-case tokens, and a generator's password. */
const HEX = /^(?:0x)?[0-9a-fA-F]{32,128}$/;
const TOKEN = /^[A-Za-z0-9+/_-]{20,128}={0,2}$/;
/** 12 to 64 characters, both cases, a symbol that generators add, and a digit or a second symbol. */
const PASSWORD = /^(?=[^\s]{12,64}$)(?=.*[a-z])(?=.*[A-Z])(?=.*[!#$%^&*?@~+=])(?=.*(?:\d|[!#$%^&*?@~+=].*[!#$%^&*?@~+=]))/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A URL, a path, a template, a reference, an address: text of another kind. */
const OTHER_KIND = /:\/\/|\{\{|\{%|\$\{|^\$[A-Z_]|%\(|^[\w.+-]+@[\w-]+\.[\w.]+$|\.\.|^\/|^~\/|^[a-z]+(?:_[a-z0-9]+)+$/;

/** Whether a run of the prose is a value in a generated secret's shape. */
function secretShaped(v: string): boolean {
  if (UUID.test(v) || OTHER_KIND.test(v)) return false;
  if (HEX.test(v)) return /[a-fA-F]/.test(v) && /\d/.test(v) && shannonEntropy(v) >= 3;
  if (TOKEN.test(v)) return looksRandom(v.replace(/[+/=_-]/g, '')) && shannonEntropy(v) >= 3.5 && !madeByPerson(v);
  if (PASSWORD.test(v)) return shannonEntropy(v) >= 3.3 && !madeByPerson(v);
  // Django's SECRET_KEY: 50 of lower-case letters, digits and `!@#$%^&*(-_=+)`, symbols in every few characters
  return v.length >= 20 && v.length <= 64 && /[a-z]/i.test(v) && /\d/.test(v) && symbols(v) >= 3 && shannonEntropy(v) >= 3.8 && !madeByPerson(v);
}

/** How many of a generator's symbols (`! @ # $ % ^ & * ( ) = +`) a value holds. */
function symbols(v: string): number {
  let n = 0;
  for (const c of v) if (GENERATOR_SYMBOLS.has(c)) n++;
  return n;
}

const GENERATOR_SYMBOLS = new Set('!@#$%^&*()=+');

/**
 * A public key's or a certificate's PEM block (`-----BEGIN PUBLIC KEY-----`): published by design, its body's lines
 * base64 in a token's shape. Its lines up to its END line (or the text's end) are no sample.
 */
const PUBLIC_PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}(?:PUBLIC KEY|CERTIFICATE)-----/g;

/** The spans of the text's public PEM blocks, as [start, end) pairs in order. */
function publicPemSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes('-----BEGIN ')) return spans;
  for (const m of text.matchAll(PUBLIC_PEM_BEGIN)) {
    if (spans.length > 0 && m.index < spans[spans.length - 1]![1]) continue;
    const end = text.indexOf('-----END ', m.index + m[0].length);
    spans.push([m.index, end < 0 ? text.length : end]);
  }
  return spans;
}

/**
 * What the prose says a value is, just before it: a commit's or a revision's SHA, a run's, a request's, a message's, a
 * trace's or a build's id, a server's (`Rotated in commit a3f9…`, `MLflow run 5f1c…`, `Okta authorization server aus4…`;
 * red team 77). The noun right before the value, or its `id` a few words before in the same clause (`the request id of
 * the last rotation was qT5e…`) when those words name no secret or sample again (`run id 42's token: …`).
 */
const IDENTIFIER_NOUN = 'commit|revision|rev|sha|run|request|message|msg|trace|span|correlation|execution|build|deployment|server|event|object';
const NOUN_BEFORE = new RegExp(`(?:^|[^A-Za-z])(?:${IDENTIFIER_NOUN})[ \\t#'"\`(]{1,3}$`, 'i');
const ID_BEFORE = new RegExp(`(?:^|[^A-Za-z])(?:${IDENTIFIER_NOUN})[ _-]?id(?![A-Za-z])([^.;:!?\\n]{0,32})$`, 'i');
const NAMES_SECRET_AGAIN = /secret|token|key|pass|sample|example|value|\be\.?g\b|\bex\b/i;

function namedIdentifier(before: string): boolean {
  if (NOUN_BEFORE.test(before)) return true;
  const id = ID_BEFORE.exec(before);
  return id !== null && !NAMES_SECRET_AGAIN.test(id[1]!);
}

/** Ids of AI APIs' responses, which their logs and docs print: OpenAI's `chatcmpl-…`, Anthropic's `msg_01…` and `req_01…`. */
const RESPONSE_ID = /^(?:chatcmpl-[A-Za-z0-9]{8,64}|(?:msg|req)_0[A-Za-z0-9]{16,40})$/;

/** The JOSE header alone (`eyJhbGciOiJSUzI1NiIs…`, no payload nor signature): an algorithm's and a key's name, no secret. */
const JOSE_HEADER_FIELDS = new Set(['alg', 'typ', 'kid', 'cty', 'enc', 'zip', 'crit', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'b64']);

function isJoseHeaderAlone(v: string): boolean {
  if (!v.startsWith('eyJ') || !/^[A-Za-z0-9_-]+$/.test(v)) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || Array.isArray(header) || !('alg' in header)) return false;
    return Object.keys(header).every((k) => JOSE_HEADER_FIELDS.has(k));
  } catch {
    return false;
  }
}

/** The lengths in hex of MD5, SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 digests. */
const DIGEST_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
/** Prose that names a hash or a digest. */
const SAYS_HASHED = /(?<![A-Za-z])(?:sha-?(?:1|224|256|384|512)|md5|digest|hash(?:ed|es)?|checksum)(?![A-Za-z])/i;
/**
 * What says the sample is the secret after all: not hashed, raw, plain, before hashing, hash-like, a signing secret, a key
 * that looks like a digest (red team 131: `The raw API key, not hashed. e.g. …`, `HMAC-SHA256 signing secret …, e.g. …`,
 * `Datadog API key, 32 hex (looks like an md5), e.g. …`).
 */
const NOT_HASHED = /(?<![A-Za-z])(?:not|un-?hashed|raw|plain(?:text)?|clear(?:text)?|before|like|signing|secret)(?![A-Za-z])/i;

const ABBREVIATION = /\b(?:e\.g|i\.e)\./gi;

/** Whether the prose right before a sample (its sentence's last 64 characters) says it is a hash's, and nothing says otherwise. */
function saysHashed(before: string): boolean {
  // (`e.g.` and `i.e.` end no sentence)
  const sentence = before.slice(Math.max(0, before.length - 64)).replace(ABBREVIATION, ' eg ');
  const near = sentence.slice(Math.max(sentence.lastIndexOf('. '), sentence.lastIndexOf('; '), sentence.lastIndexOf('\n')) + 1);
  return SAYS_HASHED.test(near) && !NOT_HASHED.test(near.replace(SAYS_HASHED, ' '));
}

/** Values of a secret's shape that are something else: an API's response id, a JOSE header alone, a Basic credential of no secret (RFC 7617's example). */
function otherThanSecret(v: string): boolean {
  return RESPONSE_ID.test(v) || isJoseHeaderAlone(v) || isBasicWithoutSecret(v);
}

export const columnSampleDetector: Detector = {
  id: 'column-sample-value',
  title: "A sample of a secret column's values in its documentation",
  keywords: [],
  detect(value, context): DetectorMatch[] {
    if (value.length > MAX_TEXT || !mayHoldColumnSample(context, value.length)) return [];
    // (the gate found the column)
    const column = columnOf(context)!;
    charge(value.length);
    // a token format whose context the column's name gives (`mailgun_key`: ``key-<32 hex>``, the Mailgun key's legacy
    // form, which names no vendor itself; red team 76), reported as that format
    const found: DetectorMatch[] = detectTokensUnderKey(column, value);
    const keyed = found[0];
    const publicPem = publicPemSpans(value);
    for (const m of value.matchAll(RUN)) {
      let v = m[0];
      let start = m.index;
      const opening = OPENING.exec(v);
      if (opening) {
        v = v.slice(opening[0].length);
        start += opening[0].length;
      }
      v = withoutClosing(v);
      if (keyed && start < keyed.end && start + v.length > keyed.start) continue;
      // (a UUID is a vendor's key only under its name: Braze's REST key in a `braze_key` column's comment, red team 76)
      const shaped = secretShaped(v) || (UUID.test(v) && isVendorKeyName(column));
      if (v.length < COLUMN_SAMPLE_MIN || !shaped || !isRealSecretValue(v, column)) continue;
      if (publicPem.some(([from, to]) => start >= from && start < to)) continue;
      if (otherThanSecret(v) || namedIdentifier(value.slice(Math.max(0, start - 64), start))) continue;
      // hex of a digest's length after prose that says the column holds a hash (`SHA-256 hex of the key, e.g. 6b86…`,
      // `HMAC-SHA256 digest, e.g. d473…`, `md5 of session id`: red team 130): the hash's sample, not the secret's
      if (DIGEST_LENGTHS.has(v.length) && HEX.test(v) && saysHashed(value.slice(0, start))) continue;
      found.push({ detectorId: 'column-sample-value', start, end: start + v.length, description: `a sample value in the documentation of the column "${column}"`, confidence: 'medium' });
    }
    return found;
  },
};
