/**
 * Values that look like secrets but are not: templates, placeholders, dbt's own scrubbing,
 * documented example keys (AWS's `…EXAMPLE`, Stripe's demo test keys). Every detector passes its candidate through `isPlaceholder`.
 */
import { charge } from './work.js';

import { isDefaultCredential, isElidedPem, isTemplateOrReference } from './placeholder-grammar.js';

/** Words that people write where a real value will go later. */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'key', 'changeme', 'change_me',
  'changeit', 'placeholder', 'redacted', 'masked', 'hidden', 'removed', 'none', 'null', 'nil', 'undefined',
  'true', 'false', 'yes', 'no', 'example', 'sample', 'dummy', 'fake', 'test', 'testing', 'todo', 'tbd', 'xxx',
  'your_password', 'yourpassword', 'your_token', 'your_api_key', 'mypassword', 'my_password', 'mysecret',
  'secret_value', 'password123', 'pass', 'foo', 'bar', 'baz', 'foobar', 'default', 'empty', 'not_set', 'notset',
  'unset', 'n/a', 'na', 'oauth', 'env_var', 'keyring', 'prompt', 'required', 'optional', 'string', 'str',
  // how a credential is handled, written where it would go (`password: disabled`, `token: managed`)
  'enabled', 'disabled', 'unused', 'auto', 'automatic', 'manual', 'managed', 'generated', 'inherit', 'inherited',
  'external', 'vault', 'iam', 'sso', 'kerberos', 'keypair', 'oauth2',
  // an HTTP authentication scheme's name alone (`token: Bearer`): the kind, not the credential
  'bearer', 'basic',
  // how one is stored, written where it would go (`password: bcrypt`, `api_key: sha256 of the customer's key`)
  'md5', 'sha1', 'sha256', 'sha512', 'bcrypt', 'scrypt', 'argon2', 'argon2id', 'pbkdf2', 'hashed', 'encrypted',
  // a value not there yet, as people say it (looked up with `-` and spaces read as `_`: not-set, not set)
  'not_configured', 'unconfigured', 'missing', 'not_provided', 'not_used', 'not_applicable', 'to_be_set', 'set_me', 'fill_me', 'fill_in',
]);

/**
 * The account key of devstoreaccount1, the Azure Storage emulator's (Azurite's) one account: the
 * same on every machine, published with the emulator, in every local-development connection string.
 */
export const EMULATOR_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The signature of Azure Storage's documented service SAS example, encoded as a URL writes it (either case) and not (see DOCUMENTED_EXAMPLES). */
export const DOCUMENTED_SAS_SIGNATURES: readonly string[] = ['Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D', 'Z%2fRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3d', 'Z/RHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk='];

/** The Azure Cosmos DB emulator's one key (see DOCUMENTED_EXAMPLES). */
export const COSMOS_EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** Test keys that a vendor prints in its public documentation, copied into samples everywhere: the vendor's demo account, nobody's secret. */
const DOCUMENTED_EXAMPLES = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', 'sk_test_26PHem9AhJZvU623DfE1x4sd',
  // the classic personal access token that GitHub's own docs show in their curl and git examples
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  // the bot token of Slack's oauth.v2.access example response ("Slack Softball Team"), copied into many an OAuth sample and test (red team 76)
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  // the bot tokens of Telegram's Bot API documentation (its introduction's and its reference's examples)
  '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
  // the UUID that documentation shows (Wikipedia's, and many an API reference's, example)
  '123e4567-e89b-12d3-a456-426614174000',
  EMULATOR_ACCOUNT_KEY,
  // the Azure Cosmos DB emulator's key, the same on every machine and printed in its documentation (red team 162)
  COSMOS_EMULATOR_KEY,
  // the signature of the service SAS example in Azure Storage's documentation (`…&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX…`),
  // copied into notes as it stands (red team 162)
  ...DOCUMENTED_SAS_SIGNATURES,
  // the MD5, SHA-1 and SHA-256 digests of the empty string and of "password": shown in docs to explain hashing and to
  // find weak accounts (`secret = d41d8cd9…, the md5 of the empty string`), known to everyone (red team 52)
  'd41d8cd98f00b204e9800998ecf8427e', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '5f4dcc3b5aa765d61d8327deb882cf99', '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
  // the SAS signature of Snowflake's CREATE STAGE example for Azure (`AZURE_SAS_TOKEN='?sv=2016-05-31&…&sig=bgqQ…%3D'`), copied into
  // many a project's stage macro as it stands (red team 53)
  'bgqQwoXwxzuD2GJfagRg7VOS8hzNr3QLT7rhS8OFRLQ%3D',
  // the API keys of the Firebase SDKs' sample apps and tests (firebase-android-sdk's google-services.json, its quickstarts),
  // copied with the samples into many a project; gitleaks allows them too (red team 73)
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs', 'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM', 'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU', 'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A', 'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c', 'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4', 'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM', 'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ', 'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g', 'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw', 'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE', 'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  // RFC 6749's examples (OAuth 2.0: the access and refresh tokens of its token response, the authorization code, the client's
  // Basic credential s6BhdRkqt3:gX1fBat3bV) and RFC 7617's Basic credential `Aladdin:open sesame`, which every OAuth and HTTP
  // tutorial copies (red team 77)
  '2YotnFZFEjr1zCsicMWpAA', 'tGzv3JOkF0XG5Qx2TlKWIA', 'SplxlOBeZQQYbYS6WxSbIA', 'czZCaGRSa3F0MzpnWDFmQmF0M2JW', 'gX1fBat3bV', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
  // the TOTP secrets of Google Authenticator's Key Uri Format page (`otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP`)
  'JBSWY3DPEHPK3PXP', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
  // Google reCAPTCHA v2's test keys, published for automated tests (every verification passes): the secret key and the site key
  '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe', '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI',
]);

/** dbt scrubs secrets to "*****"; people mask with runs of x, *, # or dots. */
const MASK_RUN = /^(?:[*xX#•.\-_]{3,}|\*+[^*]{0,4}|[^*]{0,4}\*{3,})$/;

/** A string made of one repeated character, or an obvious ascending run. */
function isDegenerate(value: string, lower: string): boolean {
  if (/^(.)\1*$/s.test(value)) return true;
  // the same with separators: the nil UUID 00000000-0000-…, ffff-ffff, 0000 0000 0000
  if (/^(\w)(?:\1|[-.: ])*$/.test(value) && value.length >= 8) return true;
  // in a token's length, a tail of one character eight times or more (`sk_live_AAAAAAAA…`), or 16 characters or more of
  // at most four, case aside (`shpssSSSSS_SSSS_sssss`): a shape filled in, which a generated body holds with odds of one
  // in 62^7 (red team 56). Not a run inside (a Dropbox long-lived token has ten A's in its middle), nor in a longer
  // value (base64 of a key's DER bytes has runs of A where the bytes are zeros)
  if (value.length <= 100 && (sameTail(value) >= 8 || (value.length >= 16 && fewDistinct(lower, 4)))) return true;
  return '0123456789abcdefghijklmnopqrstuvwxyz'.includes(lower) && lower.length >= 4;
}

/** Whether `text` is made of at most `most` distinct characters (UTF-16 units); stops at the first one past (no Set a value: the findings-heavy set asks for every candidate). */
function fewDistinct(text: string, most: number): boolean {
  const seen: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (seen.includes(c)) continue;
    if (seen.length === most) return false;
    seen.push(c);
  }
  return true;
}

/** How many times the value's last character ends it in a row. */
function sameTail(value: string): number {
  const last = value.charCodeAt(value.length - 1);
  let i = value.length - 1;
  while (i > 0 && value.charCodeAt(i - 1) === last) i--;
  return value.length - i;
}

/**
 * Whether `value` holds eight characters counting up or down by one (`12345678`, `abcdefgh`, `HGFEDCBA`, digits or
 * letters of one case; with `anyCase`, letters in either case: `AbCdEfGh`, the alphabet written in turns of case, red
 * team 111): what people type to fill a token's shape in docs, tests and samples (`AKIA1234567890ABCDEF`,
 * `sk_live_1234567890abcdef…`). A generated body holds one with odds of about one in 62^7 per place, so token formats
 * treat it as a placeholder; a password that a person chose may well hold one and still be a password (they do not ask).
 */
export function holdsCountingRun(value: string, least = 8, anyCase = false): boolean {
  let run = 1;
  let step = 0;
  for (let i = 1; i < value.length; i++) {
    const a = anyCase ? lowered(value.charCodeAt(i - 1)) : value.charCodeAt(i - 1);
    const b = anyCase ? lowered(value.charCodeAt(i)) : value.charCodeAt(i);
    const d = b - a;
    if ((d === 1 || d === -1) && classOf(a) !== 0 && classOf(a) === classOf(b)) {
      run = d === step ? run + 1 : 2;
      step = d;
      if (run >= least) return true;
    } else {
      run = 1;
      step = 0;
    }
  }
  return false;
}

/** An upper-case ASCII letter's lower-case code; any other code as it is. */
function lowered(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

/** 1 for a digit, 2 for a lower-case letter, 3 for an upper-case one, 0 for anything else. */
function classOf(c: number): number {
  return c >= 0x30 && c <= 0x39 ? 1 : c >= 0x61 && c <= 0x7a ? 2 : c >= 0x41 && c <= 0x5a ? 3 : 0;
}

/**
 * Markers of an illustrative value: AWS's documented examples, "your-…-here", a URL's
 * part written as XXX, YYY or ZZZ (`https://hooks.slack.com/services/XXX/YYY/ZZZ`), "[redacted]", a value
 * cut off with "..", said to be no real one (`changeme-not-a-real-key`, `fake-api-key`), or elided in the middle as a masked display shows it (`sk_live_…4242`, `tok_••••4242`, `ghp_...x9Z`),
 * or "your …" in angle brackets whatever it names (`<your-aha.io-key>`, `<your hooks.slack.com path>`).
 */
const ILLUSTRATIVE = /example|(?:^|[/=])([XYZxyz])\1{2}(?=$|[/&?#])|\*{3}|\[(?:redacted|masked|hidden|removed|snip)\]|\.\.$|…|\.{3}|[•●]{2}|your[-_ ]?(?:[a-z0-9]{1,32}[-_ ]){0,4}(?:key|token|secret|password|pass)|(?:key|token|secret|password)[-_ ]?here|insert[-_ ]?(?:your|key|token)|replace[-_ ]?me|not[-_ ]?(?:a[-_ ]?)?real|(?:fake|dummy)[-_ ]?(?:[a-z0-9]{1,32}[-_ ]){0,4}(?:key|token|secret|password)|dbt_secret_start|<[ \t]?(?:insert[-_ ]?|enter[-_ ]?)?your[^<>\n]{0,100}>/i;

/**
 * Whether runs of x's in one case fill the value where its secret would be, as a person writes a placeholder
 * (`sk_live_xxxx…`, `AKIAXXXX…`, `xxxx-xxxx-xxxx`, `https://user:xxxx@host`). A run of four or more counts where it
 * is long (eight or more: a random base64 body holds one by chance once in 10^14 places), where it is a whole part
 * between separators, or where such runs make up half the value's letters and digits. Not a run of four inside a
 * random body, which holds one once in 10^7 places, as does one RSA key's PEM in some thousands (red team 100: an RSA
 * key, a GitHub token whose checksum verifies, an AWS secret key); nor `xxxX`, `XxXx`, which are no runs.
 */
function filledWithX(value: string): boolean {
  let xs = 0;
  let lettersAndDigits = 0;
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c !== 0x78 && c !== 0x58) {
      if (classOf(c) !== 0) lettersAndDigits++;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < value.length && value.charCodeAt(end) === c) end++;
    const run = end - i;
    lettersAndDigits += run;
    if (run >= 4) {
      if (run >= 8 || (separatesAt(value, i - 1) && separatesAt(value, end))) return true;
      xs += run;
    }
    i = end;
  }
  return xs > 0 && xs * 2 >= lettersAndDigits;
}

/** Characters that end a part of a value (`ghp_`, `user:…@host`, `xxxx-xxxx`, `key=…&`). */
const PART_SEPARATORS = '-_.:/@=&?#,; \t\r\n\'"';

/** Whether `at` is outside the value or a separator of its parts. */
function separatesAt(value: string, at: number): boolean {
  return at < 0 || at >= value.length || PART_SEPARATORS.includes(value[at]!);
}

/**
 * U+FFFD at a value's ends: a byte of another encoding, most often a quote (cp1252's `“redacted”` read as UTF-8, red
 * team 91), judged without it.
 */
const UNKNOWN_BYTES_AROUND = /^\uFFFD{1,4}|\uFFFD{1,4}$/g;

export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(UNKNOWN_BYTES_AROUND, '');
  charge(value.length);
  if (v.length === 0) return true;
  if (isTemplateOrReference(v) || isElidedPem(v)) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower) || (lower.length <= 24 && PLACEHOLDER_WORDS.has(lower.replace(/[-\s]/g, '_'))) || DOCUMENTED_EXAMPLES.has(v) || DOCUMENTED_EXAMPLES.has(lower)) return true;
  if (MASK_RUN.test(v)) return true;
  if (isDegenerate(v, lower)) return true;
  if (ILLUSTRATIVE.test(v) || filledWithX(v)) return true;
  // `?token=%3Ctoken%3E`, `?embedToken=%7B%7Bembed_token%7D%7D`: a placeholder percent-encoded in a URL's query (red team 77)
  const decoded = PERCENT_ESCAPE.test(v) ? percentDecoded(v) : undefined;
  return decoded !== undefined && decoded !== v && isPlaceholder(decoded);
}

/** A percent-encoded character (`%3C`, `%7B`). */
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** `value` with its percent-encoding decoded; undefined when an escape is not UTF-8 (`%E0%A4%A`). */
function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Words that say, where a password goes, how it is handled or that it is not shown: a login that takes none (SQL
 * Server's `Pwd=Integrated;`, PostgreSQL's `trust`, `peer`), a mask (`Filtered`, `NotShown`), a method (`ManagedIdentity`,
 * `AzureAD`), a store (`Cyberark`, `ParameterStore`), or where it is (`Provided`, `Elsewhere`) (red teams 100 and 102).
 */
const HANDLED_WORDS = new Set([
  'trust', 'trusted', 'integrated', 'windows', 'security', 'sspi', 'kerberos', 'sso', 'oauth', 'iam', 'msi', 'peer', 'ident',
  'managed', 'identity', 'active', 'directory', 'azure', 'ad', 'aad', 'entra', 'interactive', 'prompt', 'prompted', 'ask',
  'anonymous', 'certificate', 'cert', 'blank', 'nothing', 'none', 'omitted', 'ignored', 'unknown', 'unspecified',
  'sensitive', 'confidential', 'private', 'protected', 'filtered', 'scrubbed', 'obfuscated', 'sanitized', 'sanitised',
  'censored', 'suppressed', 'withheld', 'undisclosed', 'not', 'shown', 'hidden', 'masked', 'redacted', 'elided', 'provided',
  'supplied', 'configured', 'stored', 'elsewhere', 'mandatory', 'required', 'expired', 'rotated', 'fixme', 'key', 'vault',
  'vaulted', 'keyvault', 'cyberark', 'hashicorp', 'parameter', 'store', 'secrets', 'manager', 'bitwarden', 'onepassword',
  'lastpass', 'keeper', 'doppler', 'conjur', 'thycotic', 'delinea', 'infisical', 'hashed', 'encrypted',
]);

/**
 * And in saysHowHandled's words only (a number after them makes no state's name: `SEE_VAULT_2024`, `pgpass-88231` are
 * passwords): a password manager, a store or a login by its name, and how its place is told (red teams 143, 144:
 * `Entra ID`, `Stored-In-KeyVault`, `siehe_Vault`). They join a word of HANDLED_WORDS and make no value alone: `Per-Environment`
 * and `GitHub-Service-Account` are weak passwords (review 145); a product alone is HANDLED_PRODUCTS' (`1Password`, `KeePassXC`).
 */
const HANDLED_NAMES = new Set([
  '1password', 'keepass', 'keepassxc', 'dashlane', 'passbolt', 'akeyless', 'keychain', 'pgpass', 'netrc', 'okta', 'ldap', 'id',
  'sops', 'kms', 'ssm', 'aws', 'gcp', 'google', 'microsoft', 'terraform', 'ci', 'github', 'env', 'environment', 'service',
  'account', 'json', 'sha256', 'sha512', 'sha1', 'md5', 'bcrypt', 'argon2', 'plaintext', 'personal',
  'in', 'by', 'via', 'from', 'the', 'see', 'per', 'siehe', 'voir',
]);

/**
 * Words each of whose camel-case parts is among HANDLED_WORDS or HANDLED_NAMES, one of them at least HANDLED_WORDS'
 * (`Trusted`, `ManagedIdentity`, `NotShown`), or a product's name alone as its maker writes it (`1Password`): written in a
 * password's place, it says how the password is handled, not what it is. Asked where a name or a
 * connection string's pairs make the place a password's; a URL's userinfo (`etl:Windows@host`) is a weak password still.
 */
export function saysHowHandled(value: string): boolean {
  if (value.length > 48 || !/^[A-Za-z0-9][A-Za-z0-9 _.-]{1,47}$/.test(value)) return false;
  // (words a space, a `_`, a `-` or a `.` joins, or camel case: `Stored-In-KeyVault`, `HashiCorp Vault`, `1Password`)
  const words = value.split(/[ _.-]+/).filter((word) => word !== '');
  const parts = words.flatMap((word) => (isHandledWord(word) ? [word] : word.split(CAMEL_PARTS)));
  if (!parts.every(isHandledWord)) return false;
  // one of HANDLED_WORDS among them, or a product's name alone as its maker writes it (`1Password`, `KeePassXC`, `Okta`):
  // `DB_PASSWORD=1password`, `Terraform`, `Plaintext`, `GitHub-Service-Account` are weak passwords (red team 145)
  return parts.some((part) => HANDLED_WORDS.has(part.toLowerCase())) || (words.length === 1 && PRODUCT_SPELLING.test(value) && HANDLED_PRODUCTS.has(value.toLowerCase()));
}

/** A product's name as its maker writes it: a capital after its first letter or digit (`1Password`, `KeePassXC`, `LDAP`), or `Okta`. */
const PRODUCT_SPELLING = /^(?:[A-Za-z0-9][a-z0-9]{0,20}[A-Z][A-Za-z0-9]{0,20}|Okta)$/;
/** Password managers and logins by their names alone (see saysHowHandled). */
const HANDLED_PRODUCTS = new Set(['1password', 'keepass', 'keepassxc', 'dashlane', 'passbolt', 'akeyless', 'okta', 'ldap']);

function isHandledWord(word: string): boolean {
  const lower = word.toLowerCase();
  return HANDLED_WORDS.has(lower) || HANDLED_NAMES.has(lower);
}

/** Where camel case begins a word: `ManagedIdentity`, `KeyVault`, `AWSSecrets`. */
const CAMEL_PARTS = /(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

/**
 * Words of a state or a method where a password or a token would go, beyond HANDLED_WORDS: a login's kind (`SSO_ONLY`,
 * `magic-link`, `GoogleOAuth2`), an erasure's or a masking's mark (`GDPR_ERASED`, `PII_REMOVED`, `anonymized`), an
 * account's state (`PENDING_SYNC`, `PASSWORD_RESET`). A model compares a column to them or writes them over a value
 * (red team 115: `where password = 'SSO_ONLY'`, `set password = 'GDPR_ERASED'`, `'anonymized' as password`).
 */
const STATE_WORDS = new Set([
  'only', 'user', 'users', 'service', 'system', 'account', 'accounts', 'login', 'nologin', 'logon', 'password', 'passwordless',
  'reset', 'pending', 'sync', 'synced', 'disabled', 'enabled', 'locked', 'unlocked', 'inactive', 'invited', 'legacy',
  'migrated', 'social', 'saml', 'oidc', 'ldap', 'okta', 'google', 'github', 'microsoft', 'apple', 'zendesk', 'auth',
  'magic', 'link', 'one', 'time', 'code', 'otp', 'sms', 'email', 'pkce', 'public', 'client', 'hashed', 'bcrypt', 'demo',
  'token', 'do', 'use', 'by', 'dbt', 'set', 'unset', 'erased', 'erasure', 'anonymized', 'anonymised', 'anonymize',
  'pseudonymized', 'deleted', 'removed', 'purged', 'nullified', 'forgotten', 'gdpr', 'ccpa', 'pii', 'null',
  // a masking policy's or a classification's label, a meta map of columns gives (`pii_columns: {password: drop}`,
  // `sensitivity: {api_key: Tier 1}`: red team 116)
  'drop', 'dropped', 'restricted', 'tier', 'hash', 'mask', 'nullify', 'exclude', 'excluded', 'internal', 'high', 'medium',
  'low', 'critical', 'level', 'classified', 'phi', 'pci', 'spi',
  // the same in the languages whose password words the grammar knows (red team 115: `passwort = 'NICHT_GESETZT'`)
  'nicht', 'kein', 'keins', 'gesetzt', 'leer', 'gesperrt', 'deaktiviert', 'geloescht', 'authentifizierung', 'anmeldung',
  'aucun', 'vide', 'desactive', 'bloque', 'supprime', 'efface', 'anonymise', 'authentification', 'ninguno', 'ninguna',
  'vacio', 'borrado', 'eliminado', 'anonimizado', 'desactivado', 'bloqueado', 'autenticacion', 'nenhum', 'nenhuma',
  'apagado', 'removido', 'bloqueada', 'autenticacao',
  // an account's or a key's state in those languages (red team 160: `Passwort: abgelaufen`), accents dropped as the judge
  // reads them (see judgedRealSecretValue)
  'aktiv', 'inaktiv', 'abgelaufen', 'gueltig', 'ungueltig', 'gultig', 'ungultig', 'actif', 'inactif', 'expire', 'activo', 'inactivo',
  'caducado', 'vencido', 'ativo', 'inativo', 'expirado', 'attivo', 'inattivo', 'scaduto', 'actief', 'inactief', 'verlopen',
]);

/** The parts of a state's value: words joined by `_`, `-`, `|` or a space or in camel case; `OAuth` one word. */
const STATE_PARTS = /OAuth|[A-Z]{2,40}(?![a-z])|[A-Z]?[a-z]{1,40}|\d{1,8}|[A-Z]|[-_| ]/g;
/** A part with a digit: a version (`v2`), OAuth's and Auth0's names, or a number standing alone (`ROTATED_2024_05`). */
const STATE_NUMBERED = /^(?:v\d{1,3}|oauth2|auth0)$/;

/**
 * A value of words of a state (STATE_WORDS, HANDLED_WORDS) and nothing else, a number standing apart after them at most:
 * `SSO_ONLY`, `GDPR_ERASED`, `google-oauth2`, `ROTATED_2024_05`, `auth0|legacy`; not `Summer2024`, `WELCOME_2024`.
 * Asked, as saysHowHandled is, under a secret's name.
 */
export function namesAState(value: string): boolean {
  if (value.length > 64 || !/^[A-Za-z][A-Za-z0-9_| -]{0,62}[A-Za-z0-9]$/.test(value)) return false;
  const parts = value.match(STATE_PARTS);
  if (parts === null || parts.join('') !== value) return false;
  let words = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '-' || part === '_' || part === '|' || part === ' ') continue;
    const lower = part.toLowerCase();
    // a number alone between joints (`_2024_05`); glued to a word, only in a version or a name (`v2`, `oauth2`, `auth0`)
    if (/^\d/.test(part)) {
      if (i > 0 && /[A-Za-z]$/.test(parts[i - 1]!)) return false;
      continue;
    }
    const next = parts[i + 1];
    if (next !== undefined && /^\d/.test(next) && STATE_NUMBERED.test(`${lower}${next}`)) {
      i++;
      words++;
      continue;
    }
    if (!STATE_WORDS.has(lower) && !HANDLED_WORDS.has(lower)) return false;
    words++;
  }
  return words > 0;
}

/**
 * A Basic credential whose `user:password` holds no secret (red team 57): the docs' `username:password`
 * (`dXNlcm5hbWU6cGFzc3dvcmQ=`), a demo login, a user's name with an empty password (`api_user:`). Not
 * a key sent as the user with an empty password, as Stripe's API takes it (`sk_live_…:`): a user of 16
 * characters or more with a digit is read as one.
 */
export function isBasicWithoutSecret(token: string): boolean {
  if (token.length % 4 !== 0 || token.length > 1024 || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return false;
  const text = Buffer.from(token, 'base64').toString('latin1');
  const colon = text.indexOf(':');
  if (colon < 0 || !/^[\x20-\x7e]*$/.test(text)) return false;
  const user = text.slice(0, colon);
  const password = text.slice(colon + 1);
  if (password.length === 0) return user.length < 16 || !/\d/.test(user);
  return isPlaceholder(password) || isDefaultCredential(user, password);
}
