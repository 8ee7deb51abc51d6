import { manifest, runResults } from '../helpers.js';
import { ruleTester } from './harness.js';
import { GH, PASSWORD, PG_PASSWORD } from './secrets.js';

ruleTester('env-metadata', {
  valid: [
    { name: 'empty env', artifact: manifest({}) },
    { name: 'harmless metadata', artifact: manifest({}, { JOB_ID: '8812', GIT_BRANCH: 'main', GIT_SHA: '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', BUILD_ID: '6b1f0c2e-9f3a-4c1d-8e7b-2a5d9c3f1e0b' }) },
    { name: 'dbt-scrubbed and templated values', artifact: manifest({}, { DB_PASSWORD: '*****', API_TOKEN: '${API_TOKEN}', SNOWFLAKE_PASSWORD: "{{ env_var('X') }}" }) },
    { name: 'a password file path', artifact: manifest({}, { DB_PASSWORD_FILE: '/run/secrets/db_password' }) },
    { name: 'names with digits and ids are no tokens', artifact: manifest({}, { DBT_CLOUD_RUN_ID_20260101: '1', AWS_REGION_2: 'eu-west-1', GIT_SHA_3f2a9c1e8b7d6a5f: 'x' }) },
    {
      name: 'references to a secret and ciphertext: a Key Vault reference, a SOPS value, jwt.io\'s sample token',
      artifact: manifest({}, {
        PG_PASSWORD: '@Microsoft.KeyVault(SecretUri=https://kv-acme.vault.azure.net/secrets/pg-password/)',
        DB_PASSWORD: 'ENC[AES256_GCM,data:Zq8vLm2PzR7tWn4K,iv:c9Yb3Hd6Jf1Gs5AeQx8vLm2PzR7tWn4Kc9Yb3Hd6Jf1=,tag:Gs5AeQx8vLm2PzR7tWn4Kc==,type:str]',
        SAMPLE_TOKEN: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        PASSWORT_MIN_LENGTH: '12',
        SENHA_PATH: '/run/secrets/senha',
      }),
    },
  ],
  invalid: [
    {
      name: '"password" in the team\'s language, and a password per region',
      artifact: manifest({}, { DB_PASSWORT: PASSWORD, SENHA_BANCO: PG_PASSWORD, DB_PASSWORD_EU: 'Eu-7vKq2xLm9p' }),
      secrets: [
        { secret: PASSWORD, detector: 'secret-key-name' },
        { secret: PG_PASSWORD, detector: 'secret-key-name' },
        { secret: 'Eu-7vKq2xLm9p', detector: 'secret-key-name' },
      ],
    },
    { name: 'secret-named key with a plain password', artifact: manifest({}, { DB_PASSWORD: PASSWORD }), secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }] },
    { name: 'a token format under a neutral key', artifact: runResults({}, { CI_HELPER: GH }), file: 'run_results.json', secrets: [{ secret: GH, detector: 'github-classic-pat' }] },
    // session 55: the keys of metadata.env are names the user chose (DBT_ENV_CUSTOM_ENV_<NAME>): a token pasted as the name
    { name: 'a token written as a variable\'s name', artifact: manifest({}, { [GH]: '1', JOB_ID: '8812' }), secrets: [{ secret: GH, detector: 'github-classic-pat' }] },
    {
      name: 'a connection URL with a password',
      artifact: manifest({}, { WAREHOUSE_URL: `postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw` }),
      secrets: [{ secret: PG_PASSWORD, detector: 'url-password' }],
    },
  ],
});
