/**
 * Red team 77's decoys: values that look like secrets where a secret could stand, but say what they are. A label under
 * an environment variable's name that says it holds one (`JOB_NAME=Nightly#42-Prod`); in a secret column's
 * description, public material and identifiers (a public key's or a certificate's body, a commit's SHA, a run's, a
 * request's or a message's id, a JOSE header alone, the RFC's Basic example), and the column names that say hashed or
 * encrypted in other languages. Beside each, a real secret in the same place is still found.
 */
import t from 'tap';
import { columnSampleDetector, namesSecretColumn } from '../../src/detectors/column-samples.js';
import { ruleProbe } from './rule-probe.js';

t.test("a label under a name that says it holds one is no password; a password under a name that says nothing is", async (t) => {
  for (const [name, label] of [
    ['JOB_NAME', 'Nightly#42-Prod'],
    ['BUILD_LABEL', 'Release#2024Q3-RC1'],
    ['COST_CENTER', 'CC#4411-DataPlatform'],
    ['WORKFLOW', 'dbt-Build&Test2'],
    ['DBT_CLOUD_JOB_NAME', 'Prod-Daily#2'],
    ['RELEASE', 'v2.3.1-Hotfix#2'],
    ['SPRINT', 'Sprint#42-Auth'],
    ['DBT_ENV_CUSTOM_ENV_RELEASE_TITLE_2', 'Autumn!Launch2024'],
  ] as const) ruleProbe(name).findsNothing(t, 'env-metadata', [label]);
  for (const [name, password] of [
    ['DBT_ENV_CUSTOM_ENV_X', 'Kx7#qmN9pL4'],
    ['DBT_ENV_CUSTOM_ENV_PG', 'Summer2020!Warehouse'],
    // a label's word inside a name, not its last, says nothing
    ['DBT_ENV_CUSTOM_ENV_JOB_PG', 'KTNPfpOAE8*vI9zu'],
    ['NAMESPACE', 'Kx7#qmN9pL4'],
  ] as const) ruleProbe(name).finds(t, 'env-metadata', [[password, password]]);
});

/** The secrets column-sample-value finds in a column's description. */
function samples(column: string, text: string): string[] {
  return columnSampleDetector.detect(text, { key: 'description', parent: column }).map((m) => text.slice(m.start, m.end));
}

t.test("public material and identifiers that the prose names, in a secret column's description, are no samples", async (t) => {
  for (const [column, text] of [
    ['private_key', 'The matching public key (safe to share):\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr+rH/7XpZNGuj3BeZnbn\ngCM3wt0u6CeyYFCiHw9dTjmws19SVe4INnqpbpBnPNHubIm1mWREG/D/csom8Rm4\n-----END PUBLIC KEY-----'],
    ['client_secret', 'mTLS: the client presents\n-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\nRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----'],
    ['client_secret', 'Rotated in commit a3f9c2e1b7d04f5e8a6c9b2d1e0f3a4c5b6d7e8f (see PR #4411).'],
    ['api_key', 'Hashed API key. Backfilled by the job at commit 5206a32e0bd3067aef1ce90f5528ade7d866253f.'],
    ['access_token', 'Token used by MLflow run 5f1c0e9b8d7a4c3e9f2b1a0d6c8e7f4a (hashed).'],
    ['refresh_token', 'Issued by the Okta authorization server aus4q7lm2xv9Rk4Nw5d7; only its SHA-256 is kept.'],
    ['access_token', 'Opaque per-request token; see e.g. request chatcmpl-AB1cD2eF3gH4iJ5kL6mN7oP8qR9sT in the gateway log.'],
    ['access_token', 'Bearer token hash. Example message id msg_01XFDUDYJgAACzvnptvVoYEL.'],
    ['access_token', 'Opaque; the gateway logs the response id, e.g. chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT.'],
    ['client_secret', 'Masked. The CDN request id of the last rotation was qT5eZ0dTfUXvP7tXDAbEoOpA_HkWIUxsR9qWYcCWR3X7u7Y9vN2w0A==.'],
    ['access_token', 'Basic auth header value, e.g. dXNlcm5hbWU6cGFzc3dvcmQ= (base64 of username:password, RFC 7617).'],
    ['access_token', 'Basic auth header value, e.g. QWxhZGRpbjpvcGVuIHNlc2FtZQ== (RFC 7617).'],
    ['id_token', 'JWT. The header is always eyJhbGciOiJSUzI1NiIsImtpZCI6IjIwMjQtMDktcm90YXRpb24iLCJ0eXAiOiJKV1QifQ (alg RS256, kid 2024-09-rotation).'],
  ] as const) t.same(samples(column, text), [], `${column}: ${text.slice(0, 60)}`);
});

t.test("a secret's sample beside such material, or after such a word that names a secret again, is still one", async (t) => {
  for (const [column, text, secret] of [
    ['private_key', 'Do not paste keys here:\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr+rH/7XpZNGuj3BeZnbn\n-----END PUBLIC KEY-----\nthe private half was Xk29fJs83jdK2LmQp7Rt4Wz9AbCdEf', 'Xk29fJs83jdK2LmQp7Rt4Wz9AbCdEf'],
    ['client_secret', 'Rotated in commit a3f9c2e; sample: 9f3a7c1e5b2d8f4a6c0e9b7d3f1a5c8e', '9f3a7c1e5b2d8f4a6c0e9b7d3f1a5c8e'],
    ['access_token', 'Token for the nightly run is Xk29fJs83jdK2LmQp7Rt4Wz9', 'Xk29fJs83jdK2LmQp7Rt4Wz9'],
    ['access_token', 'The request id is logged; the token was Xk29fJs83jdK2LmQp7Rt4Wz9', 'Xk29fJs83jdK2LmQp7Rt4Wz9'],
    ['client_secret', 'request id 42, secret Xk29fJs83jdK2LmQp7Rt4Wz9', 'Xk29fJs83jdK2LmQp7Rt4Wz9'],
    // a token that starts like a JOSE header but holds a credential (a service account's JSON), and a Basic pair with a password
    ['api_key', 'Sample: eyJ0eXBlIjoic2VydmljZV9hY2NvdW50IiwicHJpdmF0ZV9rZXkiOiJLeDcjcW1OOXBMNCJ9', 'eyJ0eXBlIjoic2VydmljZV9hY2NvdW50IiwicHJpdmF0ZV9rZXkiOiJLeDcjcW1OOXBMNCJ9'],
    ['access_token', 'Sample: ZXRsX2xvYWRlcjpLeDcjcW1OOXBMNHZUOHc=', 'ZXRsX2xvYWRlcjpLeDcjcW1OOXBMNHZUOHc='],
  ] as const) t.same(samples(column, text), [secret], `${column}: ${text.slice(0, 60)}`);
});

t.test('hashed, encrypted and masked in other languages say a column is derived; the secret alone does not', async (t) => {
  const derived = [
    'mot_de_passe_hache', 'motDePasseHaché', 'cle_api_chiffree', 'mot_de_passe_chiffre', 'mot_de_passe_masque', 'contrasena_cifrada',
    'contrasenas_cifradas', 'contrasena_encriptada', 'senha_criptografada', 'senha_cifrada', 'token_cifrado', 'password_cifrata',
    'password_crittografata', 'passwort_verschluesselt', 'passwort_verschluesselte', 'kennwort_verschlüsselt', 'wachtwoord_versleuteld',
    'losenord_krypterat', 'passord_kryptert', 'haslo_zaszyfrowane', 'heslo_sifrovane',
  ];
  t.same(derived.filter((c) => namesSecretColumn(c)), [], 'derived');
  const secret = ['mot_de_passe', 'senha', 'contrasena', 'passwort', 'client_secret', 'api_key', 'mot_de_passe_sftp'];
  t.same(secret.filter((c) => !namesSecretColumn(c)), [], 'secret');
  const value = 'Ejemplo: q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6fG';
  t.same(samples('contrasena_cifrada', value), [], 'cifrada');
  t.same(samples('contrasena', value), ['q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6fG'], 'contrasena');
});

t.test('published example values are no secrets; a real value in the same place is', async (t) => {
  ruleProbe('description').findsNothing(t, 'free-text', [
    'TOTP URI format (Google Authenticator wiki example): otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    'curl -H "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW" -d grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA',
    'Send Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ== to the API',
  ]);
  ruleProbe('description').finds(t, 'free-text', [
    ['Our TOTP URI: otpauth://totp/Acme:etl@acme.io?secret=HVR4CFHAFOWFGGFA&issuer=Acme', 'HVR4CFHAFOWFGGFA'],
    ['Send Authorization: Basic ZXRsOkt4NyNxbU45cEw0 to the API', 'ZXRsOkt4NyNxbU45cEw0'],
  ]);
  ruleProbe('url').findsNothing(t, 'locations-urls', ['https://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example&expires_in=3600']);
  ruleProbe('url').finds(t, 'locations-urls', [['https://example.com/cb#access_token=Qm7vT2xKp9LwR4nZ8sYd3F&state=xyz&token_type=example', 'Qm7vT2xKp9LwR4nZ8sYd3F']]);
  ruleProbe('recaptcha_secret_key').findsNothing(t, 'config-meta', ['6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe']);
  ruleProbe('recaptcha_secret_key').finds(t, 'config-meta', [['6LcR7vT2AAAAAKx9pLwR4nZ8sYd3FQm7vT2xKp9L', '6LcR7vT2AAAAAKx9pLwR4nZ8sYd3FQm7vT2xKp9L']]);
  // MinIO's default password set where a password goes is a default credential in use (red team 78), as hunter2 is a weak one
  ruleProbe('password').finds(t, 'config-meta', [['minioadmin', 'minioadmin'], ['minioadmin2024!', 'minioadmin2024!']]);
});
