/**
 * Session 41: a bare value longer than 256 characters was cut there. A presigned URL's
 * `X-Amz-Security-Token=` (an STS session token, percent-encoded: 400 to 1,600 characters) was
 * reported with a span of 256, and `redact` left the rest of the token in its copy. XML's elements named
 * with a namespace prefix (`<wsse:Password>`) were not read. And the false positives of that round's red
 * team under secret names: a Kubernetes reference, a sample URL, a note of where to ask; `pw` alone; "is"
 * in German, French, Spanish, Portuguese, Swedish and Danish. Each case names the exact secret, or none.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import t from 'tap';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { detectTokens } from '../../src/detectors/tokens.js';
import { checkDetector as check } from './detector-cases.js';

/** A session token's body: its constant head, then a random-looking run (base64's alphabet), `count` characters in all. */
function sessionToken(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = 41;
  let body = 'IQoJb3JpZ2luX2VjE';
  while (body.length < count - 2) {
    state = (state * 1103515245 + 12345) % 2147483648;
    body += alphabet[state % 64];
  }
  return `${body}==`;
}

const TOKEN = sessionToken(620);
const ENCODED = encodeURIComponent(TOKEN);
const LONGEST = sessionToken(2048);

check(assignmentDetector, [
  {
    label: "a presigned URL's percent-encoded session token, whole",
    text: `https://acme-exports.s3.amazonaws.com/daily/orders.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261130T101010Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${ENCODED}&X-Amz-Signature=ab12`,
    secrets: [ENCODED],
  },
  { label: 'an unquoted session token in YAML, whole', text: `aws_access_key_id: ASIAQWERTYUIOPASDFGH\naws_session_token: ${TOKEN}\nregion: eu-west-1`, secrets: [TOKEN] },
  { label: 'a run past the longest bare value is cut there', text: `aws_session_token: ${LONGEST}XYZ`, secrets: [LONGEST] },
]);

// an element's name qualified by a namespace's prefix is the same name: a SOAP call's WS-Security header, OData's properties
check(assignmentDetector, [
  {
    label: "WS-Security's password, its start tag with the PasswordText type",
    text: '<soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>etl_billing</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">Tr0ub4dor-Xq7z</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>',
    secrets: ['Tr0ub4dor-Xq7z'],
  },
  { label: "OData's prefixed password property", text: '<m:properties><d:UserName>svc_dbt</d:UserName><d:Password>Kx8-Plm2-Qz7v</d:Password></m:properties>', secrets: ['Kx8-Plm2-Qz7v'] },
  { label: 'a prefixed client secret element', text: '<ns2:client_secret>Zq9!Wv3#Lp6xTb4</ns2:client_secret>', secrets: ['Zq9!Wv3#Lp6xTb4'] },
  { label: "WS-Security's PasswordDigest is a hash, not the password", text: '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">weYI3nXd8LjMNVksCKFV8t3rgHh3Rw==</wsse:Password>', secrets: [] },
  { label: 'an end tag of another prefix stays silent', text: '<a:password>Kx8-Plm2-Qz7v</b:password>', secrets: [] },
  { label: 'a placeholder in a prefixed element stays silent', text: '<wsse:Password>${SOAP_PASSWORD}</wsse:Password>', secrets: [] },
  { label: 'a colon in prose before a name is no prefix', text: 'note:password rotation <b>monthly</b>', secrets: [] },
]);

// red team, session 41: names of where a secret is kept, and a sample URL, under secret names
check(secretKeyNameDetector, [
  { key: 'k8s_secret', text: 'secretKeyRef: {name: dbt-snowflake, key: password}', secrets: [] },
  { key: 'db_password', text: 'valueFrom: {secretKeyRef: {name: warehouse, key: pw}}', secrets: [] },
  { key: 'example_dsn', text: 'postgresql://user:password@localhost:5432/dbname', secrets: [] },
  { key: 'warehouse_dsn', text: 'postgresql://loader:<password>@db.acme.io:5432/dw', secrets: [] },
  { key: 'backup_password', text: 'see 1Password: Growth / Loader', secrets: [] },
  { key: 'db_password', text: 'ask @data-platform in #help-data', secrets: [] },
  { key: 'api_token', text: 'stored in Vault under secret/dbt/prod', secrets: [] },
  // the same names with a real value stay found
  { key: 'warehouse_dsn', text: 'postgresql://loader:Qm7vX2pLk9RtWz4N@db.acme.io:5432/dw', secrets: ['postgresql://loader:Qm7vX2pLk9RtWz4N@db.acme.io:5432/dw'] },
  { key: 'backup_password', text: 'Tr0ub4dor&3-see', secrets: ['Tr0ub4dor&3-see'] },
  { key: 'k8s_secret', text: 'Zq9!Wv3#Lp6xTb4', secrets: ['Zq9!Wv3#Lp6xTb4'] },
]);

// `pw` alone (no user key beside it) is the password's abbreviation when its value reads as one: both cases, and a
// digit or a symbol (red team 42: `meta.pw`). `pass` alone stays a word (a test's threshold: fixtures' auth-pairs decoy)
check(secretKeyNameDetector, [
  { key: 'pw', text: 'Blue-Falcon-77', secrets: ['Blue-Falcon-77'] },
  { key: 'PW', text: 'k9#Lm2$Qw8', secrets: ['k9#Lm2$Qw8'] },
  { key: 'pass', text: 'Cedar!Lake42', secrets: [] },
  { key: 'pw', text: '640', secrets: [] },
  { key: 'pw', text: '2024-01-01', secrets: [] },
  { key: 'pw', text: 'page_width', secrets: [] },
  { key: 'pw', text: '{{ env_var("DBT_PW") }}', secrets: [] },
  { key: 'pw', text: 'v1.2.3-rc1', secrets: [] },
]);

// jwt.io's sample JWT is published, whatever carries it (red team 43: a curl command's Bearer header in a docs block)
const JWT_IO = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
t.test("a curl command with jwt.io's sample in its Authorization header is silent; with a real token, found", async (t) => {
  const text = (token: string) => `request failed: curl -H "Authorization: Bearer ${token}" https://api.acme.io/v1/export`;
  t.same(detectTokens(text(JWT_IO)).map((m) => m.detectorId), []);
  t.same(detectTokens(text('sH3ty5HFSAJA4ACCAnw52YyzWXFit99N')).map((m) => m.detectorId), ['curl-auth-header']);
});

// "is" in the languages of the names the keywords hold: the value after it held to a password's or a token's shape, as after English's
check(assignmentDetector, [
  { label: "German's ist", text: 'Für den Loader: das Passwort ist `Tr0ub4dor-Xq7z`.', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: "French's est", text: 'le mot de passe est `Tr0ub4dor-Xq7z`', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: "Spanish's es", text: 'la contraseña es Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: "Portuguese's é", text: 'a senha é `Tr0ub4dor-Xq7z`', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: "Swedish's är", text: 'lösenord är Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: "Danish's er", text: 'adgangskode er Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: 'a word after the verb stays silent', text: 'das Passwort ist abgelaufen; la contraseña es segura; le mot de passe est obligatoire', secrets: [] },
  { label: 'a verb that is part of a word stays silent', text: 'password estimate Tr0ub4dor-Xq7z', secrets: [] },
  { label: 'SQL after the name stays silent', text: 'where password_hash is not null and token es_valido', secrets: [] },
]);

// the Scandinavian words for password with their definite article, a suffix in those languages
check(assignmentDetector, [
  { label: 'Norwegian passordet', text: 'passordet: Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: 'Swedish lösenordet, with är', text: 'Lösenordet är Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: 'Danish adgangskoden, with er', text: 'adgangskoden er Tr0ub4dor-Xq7z', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: 'a word after it stays silent', text: 'passordet er utløpt', secrets: [] },
]);

// the same judgment as url-password's for a URL's password, under any name: a default credential too
check(secretKeyNameDetector, [
  { key: 'warehouse_dsn', text: 'postgresql://postgres:postgres@localhost:5432/postgres', secrets: [] },
  { key: 'warehouse_dsn', text: 'postgresql://loader:changeme@localhost:5432/dw', secrets: [] },
  { key: 'warehouse_dsn', text: 'postgresql://loader:password@db.acme.io:5432/dw?sslpassword=Qm7vX2pLk9RtWz4N', secrets: ['postgresql://loader:password@db.acme.io:5432/dw?sslpassword=Qm7vX2pLk9RtWz4N'] },
]);
