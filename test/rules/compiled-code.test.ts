import { manifest, runResults } from '../helpers.js';
import { ruleTester } from './harness.js';
import { AWS_ID, AWS_SECRET, JWT, PASSWORD, PG_PASSWORD } from './secrets.js';

const node = (compiled: string, extra: Record<string, unknown> = {}) => ({
  nodes: {
    'model.shop.orders': {
      unique_id: 'model.shop.orders',
      resource_type: 'model',
      original_file_path: 'models/orders.sql',
      checksum: { name: 'sha256', checksum: '4f9a0c2e7b1d3f5a8c6e9b2d4f7a1c3e5b8d0f2a4c6e8b1d3f5a7c9e2b4d6f8a' },
      compiled_code: compiled,
      ...extra,
    },
  },
});

ruleTester('compiled-code', {
  valid: [
    { name: 'surrogate keys and md5', artifact: manifest(node("select md5(cast(coalesce(cast(order_id as TEXT), '_dbt_utils_surrogate_key_null_') as TEXT)) as order_key\nfrom raw.orders")) },
    { name: 'password columns and hashes', artifact: manifest(node('select user_id, password_hash, token_count from users where password = p.password_hash')) },
    { name: 'scrubbed and example credentials', artifact: manifest(node("create user x password '*****';\ncopy into t from 's3://b' credentials = (aws_key_id = 'AKIAIOSFODNN7EXAMPLE' aws_secret_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')")) },
    {
      name: 'literals selected under ordinary names, or scrubbed, or empty',
      artifact: manifest(node("select 'stripe' as payment_source, 'bcrypt' as password_hash_algo, 'oauth' as token_type, '' as password, '********' as api_token, 'N/A' as secret,\n  'primary' as key_kind, 'it''s' as api_secret_note from t")),
    },
  ],
  invalid: [
    {
      name: "a literal selected under a secret's name: what '{{ env_var('PG_PASSWORD') }}' as pg_password compiles to",
      artifact: manifest(node(`select\n  'loader' as pg_user,\n  '${PG_PASSWORD}' AS "PG_PASSWORD",\n  'x' as y\nfrom raw.settings`)),
      secrets: [{ secret: PG_PASSWORD, detector: 'sql-password', uniqueId: 'model.shop.orders' }],
    },
    {
      name: 'literals aliased with two spaces before as (no other keyword in the model)',
      artifact: manifest(node(`select\n  '${PG_PASSWORD}'  as db_pw,\n  '${AWS_SECRET}'  AS  loader_pw\nfrom raw.settings`)),
      secrets: [
        { secret: PG_PASSWORD, detector: 'sql-password', uniqueId: 'model.shop.orders' },
        { secret: AWS_SECRET, detector: 'sql-password', uniqueId: 'model.shop.orders' },
      ],
    },
    {
      name: 'create user with a password, deep in a multi-line model',
      artifact: manifest(node(`-- grants\n\nwith x as (select 1)\ncreate user loader with password '${PASSWORD}';\nselect * from x`)),
      secrets: [{ secret: PASSWORD, detector: 'sql-password', uniqueId: 'model.shop.orders', originalFilePath: 'models/orders.sql' }],
    },
    {
      name: 'Snowflake stage credentials: two secrets in one string',
      artifact: manifest(node(`create stage s url='s3://bucket/raw'\n  credentials = (aws_key_id = '${AWS_ID}' aws_secret_key = '${AWS_SECRET}');`)),
      secrets: [{ secret: AWS_ID, detector: 'aws-access-key-id' }, { secret: AWS_SECRET }],
    },
    {
      name: 'a bearer JWT in an http header',
      artifact: manifest(node(`select * from read_json('https://api.acme.io/v1/x', headers = map {'Authorization': 'Bearer ${JWT}'})`)),
      secrets: [{ secret: JWT }],
    },
    {
      name: 'run_results compiled_code with a DSN',
      file: 'run_results.json',
      artifact: runResults({ results: [{ unique_id: 'model.shop.orders', status: 'success', compiled_code: `attach 'postgresql://etl:${PG_PASSWORD}@pg.acme.io/raw' as pg` }] }),
      secrets: [{ secret: PG_PASSWORD, detector: 'url-password', uniqueId: 'model.shop.orders' }],
    },
    {
      name: 'manifest v6 compiled_sql',
      artifact: { ...manifest(node('')), metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v6.json', env: {} }, nodes: { 'model.a.b': { compiled_sql: `create user u password '${PASSWORD}'` } } },
      secrets: [{ secret: PASSWORD, uniqueId: 'model.a.b' }],
    },
  ],
});
