/**
 * How a secret is made, written where its value would be: `the token is RS256-signed`, `the password is Argon2id-hashed`,
 * `das Kennwort ist SHA256-gehasht`, `Authorization: AWS4-HMAC-SHA256 Credential=…`. An algorithm's, an encoding's or a
 * standard's name, alone or joined by hyphens with others, sizes and modes (`AES-256-CBC`, `RSA-OAEP-256`, `bcrypt(12)`),
 * and maybe one word of any language after it that says what was done (`-signed`, `-gehasht`, `-cifrado`, `-chiffré`,
 * `-only`): the thing described, never the value (red team 77). A generator's run in the parts (`Sha256-Kx7mN9pL`) keeps
 * a value a secret.
 */

/** One part that names an algorithm, a cipher's mode, an encoding or a standard (lower case). */
const ALGORITHM_PART = new RegExp(
  '^(?:' +
    [
      // JOSE's algorithms, signatures and curves
      '[rhpe]s(?:256|384|512)', 'eddsa', 'ecdsa', 'ecdhe?', 'ed(?:25519|448)', 'x(?:25519|448)', 'curve25519', 'secp\\d{3}[kr]1', 'prime256v1',
      'rsa(?:\\d{4})?', 'oaep', 'pss', 'pkcs#?\\d{0,2}', 'x\\.?509', 'jw[tsek]', 'jose', 'pkce', 's256',
      // digests and MACs
      'sha(?:1|2|3|224|256|384|512)?', 'md[245]', 'hmac', 'blake(?:2[bs]?|3)', 'keccak(?:256)?', 'ripemd(?:160)?', 'crc32c?', 'hkdf',
      // ciphers and their modes
      'aes(?:128|192|256)?', 'gcm', 'cbc', 'ctr', 'ecb', 'siv', 'ccm', 'xts', 'x?chacha20', 'poly1305', 'salsa20', '3des', 'blowfish', 'twofish', 'rc4',
      // password hashes and key derivation
      'pbkdf2', 'bcrypt\\d{0,2}', 'scrypt', 'yescrypt', 'argon2(?:id|i|d)?', 'scram',
      // encodings
      'base(?:16|32|36|58|62|64)(?:url)?', 'utf', 'rot13', 'uuid(?:v\\d)?',
      // protocols, signing schemes, factors, key stores
      'oauth2?', 'oidc', 'saml2?', 'sigv[24]', 'aws4', 'v4', 'm?tls(?:v?1\\.[0-3])?', 'ssl', 'ntlm(?:v2)?', 'kerberos',
      '2fa', 'mfa', 'totp', 'hotp', 'fido2?', 'u2f', 'webauthn', 'hsm', 'kms(?:v\\d)?',
    ].join('|') +
    ')$',
);

/** A size or a cost (`256`, `2048`, `12`): a key's sizes of four digits, not a year (`Aes-2024` is a person's password, red team 78). */
const NUMBER_PART = /^(?:\d{1,3}|1024|2048|3072|4096|8192)$/;
/** A word that says what was done, of any language (`signed`, `gehasht`, `hasheada`, `chiffré`, `hashlenmiş`): lower-case letters. */
const DONE_WORD = /^\p{Ll}{2,24}$/u;
/** A cost in parentheses after a part (`bcrypt(12)`). */
const COST = /\(\d{1,3}\)$/;

/** The longest value read as a description. */
const MAX_DESCRIPTION = 64;

/**
 * `value` names how a secret is made: parts joined by `-`, `_` or `/`, each an algorithm's name (ALGORITHM_PART) or a
 * number, at least one a name, and the last maybe a word that says what was done; a sentence's closing mark aside.
 */
export function namesAlgorithm(value: string): boolean {
  if (value.length > MAX_DESCRIPTION) return false;
  const parts = value.replace(/[.,;:!?]$/, '').toLowerCase().split(/[-_/]/);
  let named = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.replace(COST, '');
    if (ALGORITHM_PART.test(part)) named = true;
    else if (!NUMBER_PART.test(part) && !(named && i === parts.length - 1 && DONE_WORD.test(part))) return false;
  }
  return named;
}
