/**
 * Red team 151 (a precision sweep of identity, payments and telemetry models): under a `credentials` key in meta, a
 * cloud's way to sign in written with hyphens (`workload-identity`, `instance-profile`) is a setting; under a `dsn` key,
 * a URL whose query names a key's file (`?private_key_file=/secrets/rsa_key.p8`) holds no credential. A password or a
 * token beside them stays one.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('a way to sign in, hyphenated or not, under a credentials key', async (t) => {
  const probe = ruleProbe('credentials');
  probe.findsNothing(t, 'config-meta', ['workload-identity', 'instance-profile', 'Instance-Profile', 'managed-identity', 'service-principal', 'key-pair', 'workload_identity']);
  probe.finds(t, 'config-meta', [
    ['key-pair-7Xq', 'key-pair-7Xq'],
    ['Xk9mQ2vLp7wR4tZ8', 'Xk9mQ2vLp7wR4tZ8'],
  ]);
  ruleProbe('DB_PASSWORD').finds(t, 'env-metadata', [['instance-profile-9Qk', 'instance-profile-9Qk']]);
});

t.test("a DSN whose query names a key's file or a token's path", async (t) => {
  const probe = ruleProbe('dsn');
  probe.findsNothing(t, 'config-meta', [
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file=/secrets/rsa_key.p8',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_path=/secrets/rsa_key.p8&warehouse=TRANSFORMING',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?authenticator=oauth&token_file_path=/snowflake/session/token',
  ]);
  probe.finds(t, 'config-meta', [
    ['snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file_pwd=Xk9mQ2vLp7wR4tZ8', 'Xk9mQ2vLp7wR4tZ8'],
    ['snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file=/secrets/rsa_key.p8&token=Hq7vN2xPm4Lk9Rz3Tb', 'Hq7vN2xPm4Lk9Rz3Tb'],
  ]);
});
