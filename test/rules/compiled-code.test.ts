import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { STREAM_TUNING } from '../../src/engine/stream-read.js';
import { dbtJson, manifest, runResults, tempDir } from '../helpers.js';
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

/** A node with its raw code first and its compiled code after, as dbt writes them. */
const rendered = (raw: string, compiled: string, id = 'model.shop.orders') => ({
  nodes: { [id]: { unique_id: id, resource_type: 'model', original_file_path: 'models/orders.sql', raw_code: raw, compiled_code: compiled } },
});
const VENDOR_SECRET = 'Vq9xK2mL8pR4tW7z';
const VENDOR_TOKEN = 'Zt7-Qw3eR9yU1iO5';
const RENDERED = {
  raw: `select * from {{ ref('accounts') }}\n{% if target.name == 'prod' %}\ncall set_credentials('{{ env_var("VENDOR_SECRET") }}', 3)\n{% endif %}\n, http_get('https://api.vendor.example/v1?x=' || '{{ env_var("VENDOR_TOKEN") }}')\n, '{{ env_var('DBT_SCHEMA') }}' as s`,
  compiled: `select * from "dw"."main"."accounts"\n\ncall set_credentials('${VENDOR_SECRET}', 3)\n\n, http_get('https://api.vendor.example/v1?x=' || '${VENDOR_TOKEN}')\n, 'analytics_prod' as s`,
};

/** The same values through a set, a filter and a concatenation. */
const NEW_FORMS = {
  raw: `{%- set pw = env_var('DBT_SNOWFLAKE_PASSWORD') -%}\n{%- set sk = env_var('STRIPE_KEY') | trim -%}\nselect * from {{ ref('accounts') }}\ncall set_credentials('{{ pw }}', 3)\n, http_get('https://api.vendor.example/v1?x=' || '{{ 'acct-7:' ~ sk }}')\n, '{{ env_var('X_REGION', 'eu') | upper }}' as region`,
  compiled: `select * from "dw"."main"."accounts"\ncall set_credentials('${VENDOR_SECRET}', 3)\n, http_get('https://api.vendor.example/v1?x=' || 'acct-7:${VENDOR_TOKEN}')\n, 'EU' as region`,
};

ruleTester('compiled-code', {
  valid: [
    {
      name: ':= of an expression, a dict or a set in code, a template in braces, an escaped JSON template',
      artifact: manifest(node("do $$ begin api_token := current_setting('app.token'); end $$;\n-- conn = connect(credentials={\"user\": u}, password={pw}, token={self.tok}); Pwd={{ env_var('PWD') }};\nalter user 'bi'@'%' identified with auth_socket;\n-- '{\\\"db_password\\\": \\\"{{ env_var('DB_PASSWORD') }}\\\", \\\"token\\\": \\\"\\\"}'")),
    },
    {
      name: 'env_var() of names that hold no secret, rendered',
      artifact: manifest(rendered("select * from {{ env_var('DBT_DATABASE') }}.{{ env_var('DBT_SCHEMA') }}.t where region = '{{ env_var('AWS_REGION') }}' and wh = '{{ env_var('SNOWFLAKE_WAREHOUSE') }}'", "select * from analytics.prod_core.t where region = 'eu-west-1' and wh = 'TRANSFORMING_XL'")),
    },
    {
      name: 'a secret-named env_var() rendered as a placeholder, a short word, or not at all',
      artifact: manifest(rendered("call a('{{ env_var('A_TOKEN', 'changeme') }}'); call b('{{ env_var('B_API_KEY') }}'); call c('{{ env_var('C_SECRET') }}'); call d('{{ env_var('D_PASSWORD') }}')", "call a('changeme'); call b('<token>'); call c('${C_SECRET}'); call d('hunter2')")),
    },
    {
      name: 'raw and compiled code that do not align',
      artifact: manifest(rendered("{% if target.name == 'dev' %}call auth('{{ env_var('VENDOR_TOKEN') }}'){% endif %}\nselect 1", `select 1 -- ${VENDOR_TOKEN}`)),
    },
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
      // red team 96: a dbt 1.11 function is compiled as a model is: its env_var() values are rendered into its compiled code
      name: "a function's compiled code, a secret-named env_var() of its raw code rendered",
      artifact: manifest({
        functions: {
          'function.shop.geo': {
            unique_id: 'function.shop.geo',
            resource_type: 'function',
            original_file_path: 'functions/geo.sql',
            raw_code: `http_get('https://geo.example/v1?key=' || '{{ env_var("VENDOR_TOKEN") }}')`,
            compiled_code: `http_get('https://geo.example/v1?key=' || '${VENDOR_TOKEN}')`,
          },
        },
      }),
      secrets: [{ secret: VENDOR_TOKEN, detector: 'env-var-rendered', uniqueId: 'function.shop.geo', originalFilePath: 'functions/geo.sql' }],
    },
    {
      name: 'passwords in SQL dialects: := assignment, T-SQL N\'…\', MySQL identified with a plugin by',
      artifact: manifest(node(`do $$ begin api_token := '${PG_PASSWORD}'; end $$;\nCREATE LOGIN reporting WITH PASSWORD = N'${PASSWORD}';\ncreate user 'bi'@'%' identified with caching_sha2_password by 'Hq7-Vn3!zXp92';`)),
      secrets: [
        { secret: PG_PASSWORD, detector: 'password-assignment' },
        { secret: PASSWORD, detector: 'password-assignment' },
        { secret: 'Hq7-Vn3!zXp92', detector: 'sql-password' },
      ],
    },
    {
      name: 'JSON inside a JSON string (escaped quotes), as a package inserts env vars into a table',
      artifact: manifest(node(`insert into elementary.dbt_invocations (env_vars) values ('{\\"DB_PASSWORD\\": \\"${PG_PASSWORD}\\", \\"DBT_SCHEMA\\": \\"analytics\\"}')`)),
      secrets: [{ secret: PG_PASSWORD, detector: 'password-assignment' }],
    },
    {
      name: 'a pre-signed S3 URL read by DuckDB',
      artifact: manifest(node(`select * from read_parquet('https://acme.s3.eu-west-1.amazonaws.com/o.parquet?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${AWS_ID}%2F20241130%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=8a28b2c4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e2f4a6b8c0d1e3f5a7b9')`)),
      secrets: [
        { secret: AWS_ID, detector: 'aws-access-key-id' },
        { secret: '8a28b2c4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e2f4a6b8c0d1e3f5a7b9', detector: 'signed-url' },
      ],
    },
    {
      name: 'secret-named env_var() values rendered as an argument and into a concatenated URL, around ref() and an if-block',
      artifact: manifest(rendered(RENDERED.raw, RENDERED.compiled)),
      secrets: [
        { secret: VENDOR_SECRET, detector: 'env-var-rendered', uniqueId: 'model.shop.orders' },
        { secret: VENDOR_TOKEN, detector: 'env-var-rendered' },
      ],
    },
    {
      name: 'secret-named env_var() values rendered through a set, a trim filter and a concatenation',
      artifact: manifest(rendered(NEW_FORMS.raw, NEW_FORMS.compiled)),
      secrets: [
        { secret: VENDOR_SECRET, detector: 'env-var-rendered', uniqueId: 'model.shop.orders' },
        { secret: VENDOR_TOKEN, detector: 'env-var-rendered' },
      ],
    },
    {
      name: 'a rendered value that another detector finds is reported once, by that one',
      artifact: manifest(rendered("create user loader password '{{ env_var('LOADER_PASSWORD') }}'", `create user loader password '${PASSWORD}'`)),
      secrets: [{ secret: PASSWORD, detector: 'sql-password' }],
    },
    {
      name: 'manifest v6: raw_sql and compiled_sql',
      artifact: {
        ...manifest(node('')),
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v6.json', env: {} },
        nodes: { 'model.a.b': { raw_sql: "call vendor.auth({{ env_var('VENDOR_TOKEN') }}, 1)", compiled_sql: `call vendor.auth(${VENDOR_TOKEN}, 1)` } },
      },
      secrets: [{ secret: VENDOR_TOKEN, detector: 'env-var-rendered', uniqueId: 'model.a.b' }],
    },
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

t.test('env-var-rendered: the streaming walk finds what the in-memory one finds, with windows that cut every token', async (t) => {
  const saved = { ...STREAM_TUNING };
  t.teardown(() => Object.assign(STREAM_TUNING, saved));
  const dir = tempDir();
  const file = path.join(dir, 'manifest.json');
  // escaped quotes in the raw code, a second node after the first, a node whose compiled code comes first (not read, either way)
  const compiledFirst = { unique_id: 'model.shop.late', compiled_code: `call auth('${VENDOR_TOKEN}')`, raw_code: "call auth('{{ env_var('LATE_TOKEN') }}')" };
  writeFileSync(file, dbtJson(manifest({ nodes: { ...rendered(RENDERED.raw, RENDERED.compiled).nodes, 'model.shop.late': compiledFirst, ...rendered("x({{ env_var('OTHER_TOKEN') }})", `x(${VENDOR_TOKEN})`, 'model.shop.other').nodes, ...rendered(NEW_FORMS.raw, NEW_FORMS.compiled, 'model.shop.sets').nodes } })));
  const found = (stream: boolean) => scan({ paths: [file], stream, jobs: 1 }).findings.map((f) => `${f.detectorId} ${f.uniqueId} ${f.charOffset}+${f.charLength}`);
  const inMemory = found(false);
  t.equal(inMemory.length, 5, 'two values in the first node, one in the third, two in the last (a set, a filter, a concatenation)');
  t.ok(inMemory.every((f) => f.startsWith('env-var-rendered ')) && !inMemory.some((f) => f.includes('model.shop.late')), 'compiled code before its raw code is not read');
  for (const tuning of [{ chunkBytes: 7, headroom: 0, helperMinBytes: Infinity }, { chunkBytes: 97, headroom: 13, helperMinBytes: 0 }]) {
    Object.assign(STREAM_TUNING, tuning);
    t.same(found(true), inMemory, `streamed in ${tuning.chunkBytes}-byte windows`);
  }
});

t.test("env-var-rendered in run results: a result's compiled code is read with its manifest node's raw code, in memory and streamed", async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({ nodes: { ...rendered(RENDERED.raw, RENDERED.compiled).nodes, ...rendered(NEW_FORMS.raw, NEW_FORMS.compiled, 'model.shop.sets').nodes } })));
  const result = (id: string, compiled = RENDERED.compiled) => ({ status: 'success', unique_id: id, compiled: true, compiled_code: compiled });
  const text = dbtJson(runResults({ results: [result('model.shop.orders'), result('model.shop.unknown'), result('model.shop.sets', NEW_FORMS.compiled)] }));
  writeFileSync(path.join(dir, 'run_results.json'), text);
  const found = (stream: boolean) =>
    scan({ paths: [dir], stream, jobs: 1 })
      .findings.filter((f) => f.file.endsWith('run_results.json'))
      .map((f) => `${f.detectorId} ${f.jsonPath} ${f.charOffset}`);
  const inMemory = found(false);
  t.equal(inMemory.length, 4, 'both values of the node the first result names; none in the result of a node the manifest does not have; both of the node set, filtered and concatenated');
  t.ok(inMemory.every((f) => f.startsWith('env-var-rendered ') && (f.includes('[0]') || f.includes('[2]'))));
  t.same(inMemory.filter((f) => f.includes('[2]')).map((f) => Number(f.split(' ')[2])), [text.lastIndexOf(VENDOR_SECRET), text.lastIndexOf(VENDOR_TOKEN)], 'at their places in the last result');
  t.same(found(true), inMemory, 'streamed: the same');
});

t.test("env-var-rendered in rendered models' files: compiled/ and run/ read with their target's manifest node, in memory, streamed and with folders side by side", async (t) => {
  const root = tempDir();
  const hookRaw = `call vendor.register_feed('orders', '{{ env_var("FEED_SECRET") }}')`;
  const hookCompiled = `call vendor.register_feed('orders', '${VENDOR_TOKEN}')`;
  const nodes = {
    ...rendered(RENDERED.raw, RENDERED.compiled).nodes,
    // a package's model of the same file: rendered under its package's folder, with no calls of its own
    'model.vendor_pkg.orders': { unique_id: 'model.vendor_pkg.orders', resource_type: 'model', original_file_path: 'models/orders.sql', raw_code: 'select 1', compiled_code: 'select 1' },
    'operation.shop.shop-on-run-start-0': { unique_id: 'operation.shop.shop-on-run-start-0', resource_type: 'operation', original_file_path: './dbt_project.yml', raw_code: hookRaw, compiled_code: hookCompiled },
  };
  const write = (target: string) => {
    mkdirSync(path.join(target, 'compiled/shop/models'), { recursive: true });
    mkdirSync(path.join(target, 'compiled/shop/dbt_project.yml/hooks'), { recursive: true });
    mkdirSync(path.join(target, 'compiled/vendor_pkg/models'), { recursive: true });
    mkdirSync(path.join(target, 'run/shop/models'), { recursive: true });
    writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes })));
    writeFileSync(path.join(target, 'compiled/shop/models/orders.sql'), RENDERED.compiled);
    writeFileSync(path.join(target, 'run/shop/models/orders.sql'), `create or replace view "dw"."main"."orders" as (\n${RENDERED.compiled}\n);`);
    writeFileSync(path.join(target, 'compiled/shop/dbt_project.yml/hooks/shop-on-run-start-0.sql'), hookCompiled);
    // the package's file of the same name: the root project's calls are not its own
    writeFileSync(path.join(target, 'compiled/vendor_pkg/models/orders.sql'), RENDERED.compiled);
  };
  const targets = ['a/target', 'b/target'].map((t) => path.join(root, t));
  targets.forEach(write);
  const found = (paths: string[], options: { stream?: boolean; jobs?: number }) =>
    scan({ paths, ...options })
      .findings.filter((f) => f.detectorId === 'env-var-rendered' && !f.file.endsWith('.json'))
      .map((f) => `${path.relative(root, f.file)} ${f.start.line}:${f.start.column} ${f.charLength}`)
      .sort();
  const one = found([targets[0]!], { stream: false, jobs: 1 });
  // (columns counted from the texts written)
  const at = (text: string, value: string, line: number) => `${line}:${text.split('\n')[line - 1]!.indexOf(value) + 1} ${value.length}`;
  const model = RENDERED.compiled;
  t.same(
    one,
    [
      `a/target/compiled/shop/dbt_project.yml/hooks/shop-on-run-start-0.sql ${at(hookCompiled, VENDOR_TOKEN, 1)}`,
      `a/target/compiled/shop/models/orders.sql ${at(model, VENDOR_SECRET, 3)}`,
      `a/target/compiled/shop/models/orders.sql ${at(model, VENDOR_TOKEN, 5)}`,
      `a/target/run/shop/models/orders.sql ${at(model, VENDOR_SECRET, 3).replace(/^3/, '4')}`,
      `a/target/run/shop/models/orders.sql ${at(model, VENDOR_TOKEN, 5).replace(/^5/, '6')}`,
    ],
    "the model's values in both copies and the hook's; none in the package's file of the same name",
  );
  t.same(found([targets[0]!], { stream: true, jobs: 1 }), one, 'the manifest streamed: the same');
  const both = found(targets, { jobs: 2 });
  t.same(both, [...one, ...one.map((f) => f.replace('a/target', 'b/target'))].sort(), 'two targets side by side: each file read with its own manifest');
  t.same(found([path.join(targets[0]!, 'compiled/shop/models/orders.sql')], { jobs: 1 }), [], 'a rendered file alone, no manifest scanned: nothing to read it with');
  // the node's own: its id on the file's findings, and its suppressions cover the file (red team 97)
  const inFile = scan({ paths: [targets[0]!], jobs: 1 }).findings.filter((f) => f.file.endsWith(path.join('compiled', 'shop', 'models', 'orders.sql')));
  t.ok(inFile.length > 0 && inFile.every((f) => f.uniqueId === 'model.shop.orders'), 'named by its node');
  const ignored = { ...rendered(RENDERED.raw, RENDERED.compiled).nodes['model.shop.orders'], config: { meta: { 'dbt-tools-lint': { ignore: ['compiled-code'], reason: 'vendor sandbox key' } } }, meta: { 'dbt-tools-lint': { ignore: ['compiled-code'], reason: 'vendor sandbox key' } } };
  writeFileSync(path.join(targets[1]!, 'manifest.json'), dbtJson(manifest({ nodes: { ...nodes, 'model.shop.orders': ignored } })));
  const suppressed = scan({ paths: [targets[1]!], jobs: 1 }).findings.filter((f) => /(compiled|run)\/shop\/models\/orders\.sql$/.test(f.file.split(path.sep).join('/')));
  t.ok(suppressed.length >= 4 && suppressed.every((f) => f.suppressed?.kind === 'inline'), "the node's meta ignore suppresses its compiled and run files' findings too");
});
