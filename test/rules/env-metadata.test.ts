import { manifest, runResults } from '../helpers.js';
import { ruleTester } from './harness.js';
import { GH, PASSWORD, PG_PASSWORD } from './secrets.js';

ruleTester('env-metadata', {
  valid: [
    { name: 'empty env', artifact: manifest({}) },
    { name: 'harmless metadata', artifact: manifest({}, { JOB_ID: '8812', GIT_BRANCH: 'main', GIT_SHA: '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', BUILD_ID: '6b1f0c2e-9f3a-4c1d-8e7b-2a5d9c3f1e0b' }) },
    { name: 'dbt-scrubbed and templated values', artifact: manifest({}, { DB_PASSWORD: '*****', API_TOKEN: '${API_TOKEN}', SNOWFLAKE_PASSWORD: "{{ env_var('X') }}" }) },
    { name: 'a password file path', artifact: manifest({}, { DB_PASSWORD_FILE: '/run/secrets/db_password' }) },
  ],
  invalid: [
    { name: 'secret-named key with a plain password', artifact: manifest({}, { DB_PASSWORD: PASSWORD }), secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }] },
    { name: 'a token format under a neutral key', artifact: runResults({}, { CI_HELPER: GH }), file: 'run_results.json', secrets: [{ secret: GH, detector: 'github-classic-pat' }] },
    {
      name: 'a connection URL with a password',
      artifact: manifest({}, { WAREHOUSE_URL: `postgresql://loader:${PG_PASSWORD}@db.internal:5432/raw` }),
      secrets: [{ secret: PG_PASSWORD, detector: 'url-password' }],
    },
  ],
});
