/**
 * Red team 77's false positives of password-assignment. Found wrongly: how a secret is made, in prose where its value
 * would be (`the token is RS256-signed`, `das Kennwort ist SHA256-gehasht`), an AWS Signature Version 4 header's scheme
 * (`Authorization: AWS4-HMAC-SHA256 Credential=…`), a placeholder percent-encoded in a URL's query (`token=%3Ctoken%3E`),
 * Superset's saved filter state (`?native_filters_key=…`). A secret after the same words stays found.
 */
import t from 'tap';
import { namesAlgorithm } from '../../src/detectors/algorithm-names.js';
import { ruleProbe } from './rule-probe.js';

const prose = ruleProbe('description');
const url = ruleProbe('url');

t.test("an algorithm's name or a participle of one after a secret's name is what it describes, in any language", async (t) => {
  prose.findsNothing(t, 'free-text', [
    'The token is RS256-signed.',
    'Access tokens: the token is HS256-signed.',
    'The password is Argon2id-hashed.',
    'The API key is SHA256-hashed.',
    'The password is bcrypt (cost 12).',
    'The password is bcrypt-hashed (cost 12).',
    'The password is Bcrypt12-hashed.',
    'The session token was Ed25519.',
    'The client secret is always ChaCha20-Poly1305.',
    'The signing key must be Blake2b-256.',
    'The access token gets SigV4-signed.',
    'The refresh token is TLS1.3-only.',
    'Das Kennwort ist SHA256-gehasht.',
    'Das Token ist HMAC-SHA256-signiert.',
    'La contraseña es SHA256-hasheada.',
    'El token es RS256-firmado.',
    'A senha é Bcrypt12-hash.',
    'O token é RS256-assinado.',
    'Il token è RS256-firmato.',
    'Het wachtwoord is SHA256-gehasht.',
    'Lösenordet är SHA256-hashat.',
    'パスワードは SHA256-hashed です。',
    'Le mot de passe est AES-256-chiffré.',
  ]);
  // a value after the same words keeps its place: a person's password, a generator's run after an algorithm's name
  prose.finds(t, 'free-text', [
    ['The password is Kx7#mN9pL4', 'Kx7#mN9pL4'],
    ['The password is Kx7#mN9pL4.', 'Kx7#mN9pL4'],
    ['The password is Sha256-Kx7mN9pL.', 'Sha256-Kx7mN9pL'],
    ['Das Passwort ist Kx7#mN9pL4', 'Kx7#mN9pL4'],
    ['La contraseña es Kx7#mN9pL4.', 'Kx7#mN9pL4'],
    ['password: AES256-Kx7#mN', 'AES256-Kx7#mN'],
    // after Italian's `è` a sentence's full stop is no part of it, as after `is`
    ['Il token è RS256-Kx7mN9pL4qZ.', 'RS256-Kx7mN9pL4qZ'],
    ['La password è Tr0ub4dor-Xq7.', 'Tr0ub4dor-Xq7'],
  ]);
});

t.test('the vocabulary: names, sizes and modes, one closing word of any language; a random part is none of it', async (t) => {
  for (const v of ['RS256', 'AES-256-CBC', 'RSA-OAEP-256', 'bcrypt(12)', 'PKCS#8', 'UTF-8', 'argon2id-hashed', 'Base64URL-encoded', 'AWS4-HMAC-SHA256', 'KMS-wrapped', 'SHA256-hashlenmiş']) {
    t.ok(namesAlgorithm(v), v);
  }
  for (const v of ['Kx7#mN9pL4', 'Sha256-Kx7mN9pL', 'signed', '256', 'hashed-RS256x', 'RS256-Signed-Xk9', 'Tr0ub4dor-Xq7z']) t.notOk(namesAlgorithm(v), v);
});

t.test("an AWS Signature Version 4 header: its scheme is no credential, nor a placeholder's key id; a real key id stays found", async (t) => {
  prose.findsNothing(t, 'free-text', [
    'Authorization: AWS4-HMAC-SHA256 Credential=<key id>/20240912/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=<signature>',
    // the signature signs one request and expires; the documented key id is AWS's example
    'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024',
  ]);
  prose.finds(t, 'free-text', [
    ['Authorization: AWS4-HMAC-SHA256 Credential=AKIA2E0A8F3B244C9986/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024', 'AKIA2E0A8F3B244C9986'],
    ['authorization: Hk7Lq2Xv9Rk4Nw8Yc3Hd6aQz', 'Hk7Lq2Xv9Rk4Nw8Yc3Hd6aQz'],
  ]);
});

t.test("a placeholder percent-encoded in a URL's query is one; an encoded token stays found", async (t) => {
  url.findsNothing(t, 'locations-urls', [
    'https://tableau.acme.example/#/views/Keys/Overview?:embed=y&token=%3Ctoken%3E',
    'https://app.hex.tech/acme/app/3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b/latest?embedToken=%7B%7Bembed_token%7D%7D',
    'https://api.acme.example/v1/rows?api_key=%24%7BAPI_KEY%7D',
    'https://api.acme.example/v1/rows?token=%3Cyour-token%3E',
  ]);
  url.finds(t, 'locations-urls', [
    ['https://app.hex.tech/acme/app/3f2a8c1e/latest?embedToken=Xk9mQ2pL7rT4vW8yZ1bC3dF6gH0jK5nM', 'Xk9mQ2pL7rT4vW8yZ1bC3dF6gH0jK5nM'],
    ['https://api.acme.example/v1/rows?token=Xk9m%2BQ2pL7rT4vW8yZ1bC3dF6gH0jK5nM', 'Xk9m%2BQ2pL7rT4vW8yZ1bC3dF6gH0jK5nM'],
  ]);
});

t.test("Superset's native_filters_key names a saved filter state; a vendor's key in a link stays found", async (t) => {
  url.findsNothing(t, 'locations-urls', ['https://superset.acme.example/superset/dashboard/12/?native_filters_key=q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6']);
  url.finds(t, 'locations-urls', [['https://api.acme.example/v1/rows?fivetran_key=q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6', 'q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6']]);
});

t.test("OAuth 2.0's example tokens (RFC 6749) are the RFC's; a token in their place stays found", async (t) => {
  url.findsNothing(t, 'locations-urls', [
    'https://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example&expires_in=3600',
    'https://auth.acme.example/token?grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA',
  ]);
  url.finds(t, 'locations-urls', [['https://example.com/cb#access_token=Xk9mQ2pL7rT4vW8yZ1bC3d&state=xyz&token_type=bearer', 'Xk9mQ2pL7rT4vW8yZ1bC3d']]);
});
