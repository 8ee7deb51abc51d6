/**
 * A generic test's arguments (`test_metadata.kwargs` of a test node) are stored as written in the
 * schema YAML: a custom test's secret-named argument holding a secret is config-meta's finding; the
 * arguments every generic test has (column_name, the model's `get_where_subquery`, a values list,
 * `to: ref(…)`) and lookups stay silent.
 */
import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';

const API_KEY = 'Vq8Lm3Rt7Kp2Xw9Nc4Bz6Hd5Jf1Gs0Qa';
const PASSWORD = 'Tr0ub4dor&3-crm';

const test = (name: string, kwargs: Record<string, unknown>, where: 'nodes' | 'disabled' = 'nodes') => {
  const uid = `test.shop.${name}.1a2b3c4d5e`;
  const node = { unique_id: uid, resource_type: 'test', original_file_path: 'models/schema.yml', column_name: 'customer_id', test_metadata: { name, kwargs: { column_name: 'customer_id', model: "{{ get_where_subquery(ref('customers')) }}", ...kwargs }, namespace: null } };
  return where === 'nodes' ? manifest({ nodes: { [uid]: node } }) : manifest({ disabled: { [uid]: [node] } });
};

ruleTester('config-meta', {
  valid: [
    { name: 'accepted_values', artifact: test('accepted_values', { values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] }) },
    { name: 'relationships', artifact: test('relationships', { to: "ref('customers')", field: 'customer_id' }) },
    { name: 'an argument read from the environment', artifact: test('crm_row_count_matches', { api_key: "{{ env_var('DBT_ENV_SECRET_CRM_API_KEY') }}" }) },
    { name: 'secret-named arguments that name columns', artifact: test('hashed_secrets', { token_column: 'auth_token', secret_key: 'customer_secret_hash', expression: 'length(password_hash) = 60' }) },
  ],
  invalid: [
    { name: "a custom test's api_key", artifact: test('crm_row_count_matches', { api_key: API_KEY }), secrets: [{ secret: API_KEY, detector: 'secret-key-name', uniqueId: 'test.shop.crm_row_count_matches.1a2b3c4d5e' }] },
    { name: "a disabled test's password", artifact: test('crm_login_works', { password: PASSWORD }, 'disabled'), secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }] },
  ],
});
