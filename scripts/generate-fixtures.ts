/**
 * Writes the fixtures: two small jaffle-shop dbt projects (clean and leaky) with the artifacts dbt
 * would write for them, and older artifact shapes (manifest v4, run_results v4, sources v1, a
 * pre-0.19 run_results). Each fixture folder gets an expected.json: every planted secret (file,
 * JSON pointer of the string that holds it, exact text, rule, kind) and the decoys that must not
 * be reported.
 *
 *   npm run fixtures        (test/fixtures.test.ts fails when fixtures/ is not up to date)
 *
 * Deterministic: ids, hashes and tokens derive from a fixed seed and timestamps are constants, so
 * every run writes the same bytes. Every credential here is made up for these tests.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type JsonObject = Record<string, unknown>;

export const RULE_IDS = [
  'env-metadata',
  'cli-vars',
  'compiled-code',
  'raw-code',
  'run-messages',
  'config-meta',
  'locations-urls',
  'free-text',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface ExpectedSecret {
  file: string;
  pointer: string;
  secret: string;
  rule: RuleId;
  kind: string;
}
export interface ExpectedDecoy {
  file: string;
  pointer: string;
  why: string;
}
export interface Expected {
  secrets: ExpectedSecret[];
  decoys: ExpectedDecoy[];
}

/** The fixture folders this script owns (it deletes and rewrites them). */
export const FIXTURE_NAMES = ['jaffle-shop-clean', 'jaffle-shop-leaky', 'legacy-leaky'] as const;

// ---------------------------------------------------------------------------------------------
// JSON as dbt writes it: Python's json.dumps defaults — one line, ", " and ": ", ASCII only.

export function toPythonJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(toPythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as JsonObject).filter(([, v]) => v !== undefined);
    return `{${entries
      .map(([k, v]) => {
        // JavaScript puts integer-like keys first, Python keeps insertion order: keep them apart.
        if (/^(?:0|[1-9]\d*)$/.test(k)) throw new Error(`integer-like key ${k} would be reordered`);
        return `${pythonString(k)}: ${toPythonJson(v)}`;
      })
      .join(', ')}}`;
  }
  throw new TypeError(`cannot serialize ${typeof value}`);
}

function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`non-finite number ${n}`);
  const text = String(n);
  // Python writes floats in exponent form at other thresholds than JavaScript: stay clear of both.
  if (/e/i.test(text)) throw new Error(`number ${text} would be formatted differently by Python`);
  return text;
}

const SHORT_ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x08: '\\b', 0x0c: '\\f' };

function pythonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT_ESCAPES[c];
    if (short !== undefined) out += short;
    // ensure_ascii: everything outside ' '..'~' as \uXXXX, astral characters as two UTF-16 units
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

// ---------------------------------------------------------------------------------------------
// Deterministic values: every "random" byte is a SHA-256 of the seed and a label.

const SEED = 'dbt-tools-lint fixtures v1';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const BASE32 = `${UPPER}234567`;
const B64URL = `${ALNUM}-_`;
const HEX = '0123456789abcdef';

function randomBytes(label: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0, total = 0; total < length; i++, total += 32) {
    chunks.push(createHash('sha256').update(`${SEED}|${label}|${i}`).digest());
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function pick(label: string, alphabet: string, length: number): string {
  const value = Array.from(randomBytes(label, length), (b) => alphabet[b % alphabet.length]).join('');
  // A generated token must not look like a placeholder by accident.
  if (/example|xxxx|your|dummy|fake|test/i.test(value)) throw new Error(`token for ${label} looks like a placeholder: change the label`);
  return value;
}

const hex = (label: string, length: number) => pick(label, HEX, length);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function uuid4(label: string): string {
  const b = randomBytes(`uuid/${label}`, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Made-up tokens in the shapes of real credential formats. */
const token = {
  awsAccessKeyId: (label: string) => `AKIA${pick(label, BASE32, 16)}`,
  awsSecretKey: (label: string) => pick(label, `${ALNUM}/+`, 40),
  githubPat: (label: string) => `ghp_${pick(label, ALNUM, 36)}`,
  githubFineGrained: (label: string) => `github_pat_11${pick(`${label}/id`, UPPER + DIGITS, 20)}_${pick(label, ALNUM, 59)}`,
  stripeLive: (label: string) => `sk_live_${pick(label, ALNUM, 24)}`,
  /** The secret of a Slack webhook is its last path segment; T… and B… are workspace and channel ids. */
  slackWebhookSecret: (label: string) => pick(label, ALNUM, 24),
  slackWebhookUrl: (label: string, secret: string) =>
    `https://hooks.slack.com/services/T${pick(`${label}/t`, UPPER + DIGITS, 8)}/B${pick(`${label}/b`, UPPER + DIGITS, 10)}/${secret}`,
  slackBot: (label: string) => `xoxb-${pick(`${label}/a`, DIGITS, 12)}-${pick(`${label}/b`, DIGITS, 13)}-${pick(label, ALNUM, 24)}`,
  databricks: (label: string) => `dapi${hex(label, 32)}`,
  sendgrid: (label: string) => `SG.${pick(`${label}/id`, B64URL, 22)}.${pick(label, B64URL, 43)}`,
  dbtCloud: (label: string) => `dbtc_${pick(label, B64URL, 48)}`,
  snowflakeOauth: (label: string) => `ver:1-hint:${pick(`${label}/hint`, DIGITS, 10)}-ETMsDgAAAY${pick(label, `${ALNUM}+/`, 86)}`,
  gcpApiKey: (label: string) => `AIza${pick(label, B64URL, 35)}`,
  urlToken: (label: string) => pick(label, B64URL, 43),
  sasSignature: (label: string) => encodeURIComponent(randomBytes(label, 32).toString('base64')),
  s3Signature: (label: string) => hex(label, 64),
  jwt(label: string): string {
    const part = (o: JsonObject) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = { sub: 'svc-stripe-sync', iss: 'https://auth.acme-payments.io', aud: 'stripe-proxy', iat: 1735689600, exp: 1893456000 };
    return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(label, 32).toString('base64url')}`;
  },
  privateKeyPem(label: string): string {
    // PKCS#8 RSA-2048 header, then filler: the shape of a real key, not a usable one.
    const header = Buffer.from('308204bd020100300d06092a864886f70d0101010500048204a7308204a302010002820101', 'hex');
    const body = Buffer.concat([header, randomBytes(label, 1217 - header.length)]).toString('base64');
    const lines = body.match(/.{1,64}/g) ?? [];
    return ['-----BEGIN PRIVATE KEY-----', ...lines, '-----END PRIVATE KEY-----'].join('\n');
  },
};

/** dbt-style timestamps from a fixed start, with microseconds. */
class Clock {
  private micros: number;
  constructor(iso: string) {
    this.micros = Date.parse(iso) * 1000;
  }
  /** Advance by `ms` milliseconds and return the new time. */
  tick(ms: number): string {
    this.micros += Math.round(ms * 1000);
    return this.now();
  }
  now(): string {
    const seconds = new Date(Math.floor(this.micros / 1e6) * 1000).toISOString().slice(0, 19);
    return `${seconds}.${String(this.micros % 1e6).padStart(6, '0')}Z`;
  }
  /** Seconds since the epoch as a float, as in `created_at`. */
  epoch(): number {
    return this.micros / 1e6;
  }
}

/** Durations in seconds: never integral, because Python would write 1.0 where JavaScript writes 1. */
function seconds(ms: number): number {
  const s = ms / 1000;
  if (Number.isInteger(s)) throw new Error(`duration ${ms} ms is integral`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Jinja SQL, written once and rendered twice: as raw code and as compiled code.

interface Code {
  raw: string;
  compiled: string;
}
type Piece = string | Code;

function sql(strings: TemplateStringsArray, ...pieces: Piece[]): Code {
  let raw = strings[0] ?? '';
  let compiled = raw;
  pieces.forEach((piece, i) => {
    const tail = strings[i + 1] ?? '';
    raw += (typeof piece === 'string' ? piece : piece.raw) + tail;
    compiled += (typeof piece === 'string' ? piece : piece.compiled) + tail;
  });
  return { raw, compiled };
}
const jinja = (raw: string, compiled: string): Code => ({ raw, compiled });

// ---------------------------------------------------------------------------------------------
// Planted secrets and decoys of one fixture.

class Plants {
  readonly list: { value: string; kind: string }[] = [];
  constructor(private readonly enabled: boolean) {}
  /** Register a secret (in a leaky fixture) and return its value. */
  add(kind: string, value: string): string {
    if (this.enabled) this.list.push({ value, kind });
    return value;
  }
}

interface DecoySpec {
  file: string;
  pointer: string;
  /** Text that must be in the string at `pointer`: proves the decoy is really there. */
  text: string;
  why: string;
}

interface Fixture {
  name: string;
  /** Project files (relative path → content). */
  files: Record<string, string>;
  /** Artifacts (relative path → document). */
  artifacts: Record<string, unknown>;
  plants: Plants;
  decoys: DecoySpec[];
}

export function jsonPointer(path: readonly string[]): string {
  return path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function* stringsIn(value: unknown, path: string[] = []): Generator<[string[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringsIn(value[i], [...path, String(i)]);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringsIn(v, [...path, k]);
}

function* keysIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const v of value) yield* keysIn(v);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* keysIn(v);
    }
}

const COMPILED_KEYS = new Set(['compiled_code', 'compiled_sql', 'injected_sql', 'wrapped_sql']);
const RAW_KEYS = new Set(['raw_code', 'raw_sql', 'macro_sql']);
const CONFIG_KEYS = new Set(['config', 'meta', 'unrendered_config', 'source_meta', 'overrides', 'config_call_dict', 'unrendered_config_call_dict']);

/** Which rule reads the string at `path` (the rules' selectors, in the registry's priority order). */
function ruleAt(path: readonly string[]): RuleId {
  const [top, second, third] = path;
  if (top === 'metadata' && second === 'env') return 'env-metadata';
  if (top === 'args' && (second === 'vars' || second === 'invocation_command' || second === 'args')) return 'cli-vars';
  if (path.some((s) => COMPILED_KEYS.has(s))) return 'compiled-code';
  if (path.some((s) => RAW_KEYS.has(s))) return 'raw-code';
  if (top === 'nodes' && third === 'config' && (path[3] === 'pre-hook' || path[3] === 'post-hook')) return 'raw-code';
  if (top === 'results' && (third === 'message' || third === 'error' || third === 'adapter_response')) return 'run-messages';
  if (top === 'errors') return 'run-messages';
  if ((top === 'sources' && third === 'external') || (top === 'exposures' && third === 'url')) return 'locations-urls';
  if (path.some((s) => CONFIG_KEYS.has(s))) return 'config-meta';
  return 'free-text';
}

/** Find every occurrence of every planted secret, in document order, and check the decoys. */
function buildExpected(fixture: Fixture): Expected {
  const secrets: ExpectedSecret[] = [];
  const seen = new Set<string>();
  const values = fixture.plants.list;
  for (const a of values)
    for (const b of values)
      if (a !== b && b.value.includes(a.value)) throw new Error(`${fixture.name}: secret ${a.value} is inside secret ${b.value}`);
  for (const [file, doc] of Object.entries(fixture.artifacts)) {
    for (const key of keysIn(doc))
      for (const p of values) if (key.includes(p.value)) throw new Error(`${fixture.name}: secret ${p.value} in a key of ${file}`);
    for (const [path, text] of stringsIn(doc)) {
      const hits = values.filter((p) => text.includes(p.value)).sort((a, b) => text.indexOf(a.value) - text.indexOf(b.value));
      for (const p of hits) {
        if (text.indexOf(p.value) !== text.lastIndexOf(p.value)) throw new Error(`${fixture.name}: ${p.value} twice in ${file} ${jsonPointer(path)}`);
        secrets.push({ file, pointer: jsonPointer(path), secret: p.value, rule: ruleAt(path), kind: p.kind });
        seen.add(p.value);
      }
    }
  }
  for (const p of values) if (!seen.has(p.value)) throw new Error(`${fixture.name}: planted secret ${p.kind} ${p.value} appears in no artifact`);
  const decoys = fixture.decoys.map((d) => {
    const value = resolvePointer(fixture.artifacts[d.file], d.pointer);
    if (typeof value !== 'string' || !value.includes(d.text)) throw new Error(`${fixture.name}: decoy ${d.file} ${d.pointer} does not hold ${d.text}`);
    if (values.some((p) => d.text.includes(p.value))) throw new Error(`${fixture.name}: decoy ${d.pointer} contains a planted secret`);
    return { file: d.file, pointer: d.pointer, why: d.why };
  });
  return { secrets, decoys };
}

export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as JsonObject)[key];
    else return undefined;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Shared dbt shapes.

const SCHEMA_URL = (name: string, version: number) => `https://schemas.getdbt.com/dbt/${name}/v${version}.json`;

const hooks = (sqls: readonly string[]) => sqls.map((s) => ({ sql: s, transaction: true, index: null }));

const timing = (clock: Clock, compileMs: number, executeMs: number) => {
  const compileStart = clock.tick(3.217);
  const compileEnd = clock.tick(compileMs);
  const executeStart = clock.tick(1.113);
  const executeEnd = clock.tick(executeMs);
  return [
    { name: 'compile', started_at: compileStart, completed_at: compileEnd },
    { name: 'execute', started_at: executeStart, completed_at: executeEnd },
  ];
};

// ---------------------------------------------------------------------------------------------
// The jaffle shop: dbt 1.9 on DuckDB. DuckDB reaches everything else through secrets and ATTACH,
// so one project has room for S3 keys, HTTP bearer tokens and Postgres DSNs.

const DBT_VERSION = '1.9.4';
const PROJECT = 'jaffle_shop';
const duck = (schema: string, name: string) => `"jaffle_shop"."${schema}"."${name}"`;

function jaffleSecrets(p: Plants) {
  return {
    envDbPassword: p.add('password', 'Tr0ub4dor&3-prod'),
    envSnowflakeToken: p.add('snowflake-oauth-token', token.snowflakeOauth('env/SNOWFLAKE_TOKEN')),
    envGithubToken: p.add('github-pat', token.githubPat('env/GITHUB_TOKEN')),
    envWarehousePassword: p.add('postgres-url-password', 'pg-Wq8sLz2vNf4R'),
    varsApiKey: p.add('stripe-secret-key', token.stripeLive('vars/api_key')),
    varsDbPassword: p.add('password', 'N1ghtly-L0ader!88'),
    varsSlackWebhook: p.add('slack-webhook-url', token.slackWebhookUrl('vars/slack_webhook', token.slackWebhookSecret('vars/slack_webhook'))),
    runOperationPassword: p.add('password', 'Gr4nt-R3p0rter!2024'),
    s3KeyId: p.add('aws-access-key-id', token.awsAccessKeyId('hook/raw_s3')),
    s3Secret: p.add('aws-secret-access-key', token.awsSecretKey('hook/raw_s3')),
    stripeJwt: p.add('jwt', token.jwt('hook/stripe_api')),
    loaderPassword: p.add('postgres-url-password', 'L0ad3r-9fQx7mVz'),
    crmPassword: p.add('password', 'Crm-R34d!ng-2024'),
    paymentsExportPassword: p.add('url-password', 'Pay-3xp0rt-7Kq2'),
    databricksToken: p.add('databricks-token', token.databricks('macro/sync_to_databricks')),
    reportingPassword: p.add('password', 'Rep0rt-Pg!2024'),
    mysqlReaderPassword: p.add('password', 'Bi-R3ad3r-mysql57'),
    freshnessPassword: p.add('password', 'Fr3sh-n3ss-Ch3ck'),
    catalogSlackBot: p.add('slack-bot-token', token.slackBot('catalog/customers.email')),
    ownerWebhook: p.add('slack-webhook-url', token.slackWebhookUrl('meta/orders', token.slackWebhookSecret('meta/orders'))),
    configApiKey: p.add('sendgrid-api-key', token.sendgrid('config/customers')),
    unitTestToken: p.add('dbt-cloud-token', token.dbtCloud('unit_test/env_vars')),
    sasSignature: p.add('azure-sas-signature', token.sasSignature('source/web_events')),
    exposureToken: p.add('url-access-token', token.urlToken('exposure/weekly_revenue')),
    githubFineGrained: p.add('github-fine-grained-pat', token.githubFineGrained('description/stg_orders')),
    privateKey: p.add('private-key', token.privateKeyPem('docs/loader_runbook')),
  };
}

interface Column {
  name: string;
  description: string;
  type: string;
  comment?: string;
}

interface Model {
  name: string;
  dir: 'staging' | '';
  materialized: 'view' | 'table';
  code: Code;
  refs: string[];
  sources: [string, string][];
  macros: string[];
  description: string;
  columns: Column[];
  /** `config:` in schema.yml: meta and custom keys. */
  yamlConfig: JsonObject;
  preHooks: string[];
  postHooks: string[];
  primaryKey: string[];
}

interface GenericTest {
  test: 'unique' | 'not_null' | 'accepted_values' | 'relationships';
  model: string;
  column: string;
  values?: string[];
  to?: string;
  field?: string;
}

interface Macro {
  name: string;
  package: string;
  file: string;
  sql: string;
  dependsOn: string[];
}

function macroFile(name: string, signature: string, body: Code, comment?: string): { file: Macro; call: string; rendered: string } {
  const lines = [`{% macro ${name}(${signature}) %}`];
  if (comment) lines.push(`  {#- ${comment} -#}`);
  lines.push(body.raw, '{% endmacro %}');
  return {
    file: { name, package: PROJECT, file: `macros/${name}.sql`, sql: lines.join('\n'), dependsOn: [] },
    call: `{{ ${name}() }}`,
    rendered: `\n${body.compiled}\n`,
  };
}

function jaffleShop(leaky: boolean): Fixture {
  const name = leaky ? 'jaffle-shop-leaky' : 'jaffle-shop-clean';
  const plants = new Plants(leaky);
  const S = jaffleSecrets(plants);
  const id = (label: string) => uuid4(`${name}/${label}`);
  const L = <T>(leakyValue: T, cleanValue: T): T => (leaky ? leakyValue : cleanValue);

  // -- macros ---------------------------------------------------------------------------------
  const envVar = (v: string, value: string) => jinja(`{{ env_var("${v}") }}`, value);
  const rawS3 = macroFile(
    'create_raw_s3_secret',
    '',
    L(
      sql`  create or replace secret raw_s3 (
      type s3,
      key_id '${envVar('RAW_S3_KEY_ID', S.s3KeyId)}',
      secret '${envVar('RAW_S3_SECRET', S.s3Secret)}',
      region 'eu-west-1',
      scope 's3://acme-jaffle-raw'
  )`,
      sql`  create or replace secret raw_s3 (
      type s3,
      provider credential_chain,
      region 'eu-west-1',
      scope 's3://acme-jaffle-raw'
  )`,
    ),
    "Key pairs look like key_id 'AKIAIOSFODNN7EXAMPLE', secret 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' (AWS docs).",
  );
  const stripeApi = macroFile(
    'create_stripe_api_secret',
    '',
    L(
      sql`  create or replace secret stripe_api (
      type http,
      extra_http_headers map {'Authorization': 'Bearer ${envVar('STRIPE_PROXY_JWT', S.stripeJwt)}'},
      scope 'https://stripe-proxy.acme-payments.io'
  )`,
      sql`  create or replace secret stripe_api (
      type http,
      http_proxy 'http://egress-proxy.internal:3128',
      scope 'https://stripe-proxy.acme-payments.io'
  )`,
    ),
    'The Stripe proxy authenticates the loader; see the loader_runbook docs block.',
  );
  const loaderDsn = `postgresql://loader:${S.loaderPassword}@db.internal:5432/raw`;
  const attachRaw = macroFile(
    'attach_raw_postgres',
    '',
    L(
      sql`  attach '${envVar('RAW_PG_DSN', loaderDsn)}' as raw_pg (type postgres, read_only)`,
      sql`  attach '' as raw_pg (type postgres, secret raw_pg, read_only)`,
    ),
  );
  const centsToDollars: Macro = {
    name: 'cents_to_dollars',
    package: PROJECT,
    file: 'macros/cents_to_dollars.sql',
    sql: `{% macro cents_to_dollars(column_name, scale=2) -%}
    ({{ column_name }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}`,
    dependsOn: [],
  };
  const surrogateKey: Macro = {
    name: 'surrogate_key',
    package: PROJECT,
    file: 'macros/surrogate_key.sql',
    sql: `{% macro surrogate_key(field_list) -%}
    {%- set fields = [] -%}
    {%- for field in field_list -%}
        {%- do fields.append("coalesce(cast(" ~ field ~ " as varchar), '_dbt_utils_surrogate_key_null_')") -%}
        {%- if not loop.last %}{%- do fields.append("'-'") -%}{% endif -%}
    {%- endfor -%}
    md5(cast({{ fields | join(' || ') }} as varchar))
{%- endmacro %}`,
    dependsOn: [],
  };
  const grantReporter: Macro = {
    name: 'grant_reporter',
    package: PROJECT,
    file: 'macros/grant_reporter.sql',
    sql: `{% macro grant_reporter(role, password=none) %}
  {#- dbt run-operation grant_reporter --args '{role: reporter}' -#}
  {% do run_query("call postgres_execute('raw_pg', 'grant usage on schema marts to " ~ role ~ "')") %}
  {% if password is not none %}
    {% do run_query("call postgres_execute('raw_pg', 'alter role " ~ role ~ " with login password ''" ~ password ~ "''')") %}
  {% endif %}
{% endmacro %}`,
    dependsOn: ['macro.dbt.run_query'],
  };
  const syncToDatabricks: Macro = {
    name: 'sync_to_databricks',
    package: PROJECT,
    file: 'macros/sync_to_databricks.sql',
    sql: `{% macro sync_to_databricks(relation) %}
  {#- Copies a mart into the Databricks SQL warehouse of the data science team. -#}
  {% set host = 'adb-4417382716630154.14.azuredatabricks.net' %}
  {% set token = ${L(`'${S.databricksToken}'`, "env_var('DATABRICKS_TOKEN')")} %}
  {% set statement = "insert overwrite jaffle.marts." ~ relation.identifier ~ " select * from read_parquet('s3://acme-jaffle-raw/exports/" ~ relation.identifier ~ ".parquet')" %}
  {% do run_query("select http_post('https://" ~ host ~ "/api/2.0/sql/statements', headers => map {'Authorization': 'Bearer " ~ token ~ "'}, params => map {'statement': '" ~ statement ~ "'})") %}
{% endmacro %}`,
    dependsOn: ['macro.dbt.run_query'],
  };
  const packageMacros: Macro[] = [
    {
      name: 'test_unique',
      package: 'dbt',
      file: 'macros/generic_test_sql/unique.sql',
      sql: `{% test unique(model, column_name) %}
    {% set macro = adapter.dispatch('test_unique', 'dbt') %}
    {{ macro(model, column_name) }}
{% endtest %}`,
      dependsOn: ['macro.dbt.default__test_unique'],
    },
    {
      name: 'test_not_null',
      package: 'dbt',
      file: 'macros/generic_test_sql/not_null.sql',
      sql: `{% test not_null(model, column_name) %}
    {% set macro = adapter.dispatch('test_not_null', 'dbt') %}
    {{ macro(model, column_name) }}
{% endtest %}`,
      dependsOn: ['macro.dbt.default__test_not_null'],
    },
    {
      name: 'create_elementary_user',
      package: 'elementary',
      file: 'macros/commands/create_elementary_user.sql',
      sql: `{% macro create_elementary_user(user="elementary", password=none, role="ELEMENTARY_ROLE") %}
  {% if password is none %}
    {% set password = elementary.generate_password() %}
  {% endif %}
  {% set query = elementary.get_user_creation_query({"user": user, "password": password, "role": role}) %}
  {% do print("Run this query in your database to create the Elementary user:\\n" ~ query) %}
{% endmacro %}`,
      dependsOn: ['macro.elementary.generate_password', 'macro.elementary.get_user_creation_query'],
    },
  ];
  const macros: Macro[] = [rawS3.file, stripeApi.file, attachRaw.file, centsToDollars, surrogateKey, grantReporter, syncToDatabricks];
  macros.push(...packageMacros);

  // -- models ---------------------------------------------------------------------------------
  const ref = (model: string) => jinja(`{{ ref('${model}') }}`, duck(model.startsWith('stg_') ? 'main_staging' : 'main', model));
  const source = (src: string, table: string, relation: string) => jinja(`{{ source('${src}', '${table}') }}`, relation);
  const configCall = (materialized: string) => jinja(`{{ config(materialized='${materialized}') }}`, '');
  const crmLocal = `    -- local runs read the CRM replica through an SSH tunnel
    select * from postgres_scan('host=localhost port=5433 dbname=crm user=crm_reader password={{ env_var('DBT_PASSWORD') }}', 'public', 'customers')`;
  const crmProd: Code = L(
    jinja(
      `    select * from postgres_scan('host=crm-db.internal port=5432 dbname=crm user=crm_reader password=${S.crmPassword} sslmode=require', 'public', 'customers')`,
      `    select * from postgres_scan('host=crm-db.internal port=5432 dbname=crm user=crm_reader password=${S.crmPassword} sslmode=require', 'public', 'customers')`,
    ),
    sql`    select * from ${source('crm', 'customers', '"crm"."public"."customers"')}`,
  );
  const paymentsUrl = L(`https://exports:${S.paymentsExportPassword}@files.acme-payments.io/daily/payments.csv`, 'https://files.acme-payments.io/daily/payments.csv');
  const paymentMethods = ['credit_card', 'coupon', 'bank_transfer', 'gift_card'];

  const models: Model[] = [
    {
      name: 'stg_customers',
      dir: 'staging',
      materialized: 'view',
      code: sql`${configCall('view')}

with source as (

${jinja(`{% if target.name == 'local' %}\n${crmLocal}\n{% else %}\n${crmProd.raw}\n{% endif %}`, `\n${crmProd.compiled}\n`)}

),

renamed as (

    select
        id as customer_id,
        first_name,
        last_name,
        email,
        password_hash,
        user_token,
        created_at

    from source

)

select * from renamed`,
      refs: [],
      sources: L([], [['crm', 'customers']]),
      macros: [],
      description: 'Customers from the CRM, one row per customer.',
      columns: [
        { name: 'customer_id', description: 'Primary key.', type: 'INTEGER' },
        { name: 'email', description: 'Login and contact address.', type: 'VARCHAR' },
        { name: 'password_hash', description: "bcrypt hash of the customer's portal password, never the password itself.", type: 'VARCHAR' },
      ],
      yamlConfig: { meta: { token_column: 'user_token' } },
      preHooks: [
        "create or replace secret crm_pg (type postgres, host 'crm-db.internal', database 'crm', user 'crm_reader', password '{{ env_var('DBT_PASSWORD') }}')",
      ],
      postHooks: [],
      primaryKey: ['customer_id'],
    },
    {
      name: 'stg_orders',
      dir: 'staging',
      materialized: 'view',
      code: sql`with source as (

    select * from ${source('jaffle_shop', 'orders', duck('raw', 'orders'))}

),

renamed as (

    select
        id as order_id,
        user_id as customer_id,
        order_date,
        status

    from source

)

select * from renamed`,
      refs: [],
      sources: [['jaffle_shop', 'orders']],
      macros: [],
      description: L(
        `Orders as placed in the shop, cleaned and typed. Synced by the gh-sync job — Zoë's token ${S.githubFineGrained} until it moves to the vault 🚀`,
        'Orders as placed in the shop, cleaned and typed. Synced by the gh-sync job, which reads its GitHub token from the vault 🚀',
      ),
      columns: [
        { name: 'order_id', description: 'Primary key.', type: 'INTEGER' },
        { name: 'status', description: "{{ doc('orders_status') }}", type: 'VARCHAR' },
      ],
      yamlConfig: {},
      preHooks: [],
      postHooks: [],
      primaryKey: ['order_id'],
    },
    {
      name: 'stg_payments',
      dir: 'staging',
      materialized: 'view',
      code: sql`${configCall('view')}

with source as (

    -- Stripe drops one CSV a day; the URL comes from the payments_export_url var.
    select 'Zahlungseingänge · Café ☕ – 🚀 "daily"' as feed_label, * from read_csv('${jinja('{{ var("payments_export_url") }}', paymentsUrl)}', header = true, filename = true)

),

renamed as (

    select
        id as payment_id,
        order_id,
        payment_method,
        -- amount is stored in cents, convert it to dollars
        ${jinja("{{ cents_to_dollars('amount') }}", '(amount / 100)::numeric(16, 2)')} as amount,
        feed_label

    from source
    -- never load the mirror of the Stripe test mode
    where filename not like '%stripe_sk_test_51Hkq2aLxE9eZvKYlo2C0a3bcD_mirror%'

)

select * from renamed`,
      refs: [],
      sources: [],
      macros: ['macro.jaffle_shop.cents_to_dollars'],
      description: 'Payments from the daily Stripe export, amounts in dollars.',
      columns: [
        { name: 'payment_id', description: 'Primary key.', type: 'INTEGER' },
        { name: 'amount', description: 'Amount in dollars.', type: 'DECIMAL(16,2)' },
      ],
      yamlConfig: {},
      preHooks: [],
      postHooks: [],
      primaryKey: ['payment_id'],
    },
    {
      name: 'customers',
      dir: '',
      materialized: 'table',
      code: sql`${configCall('table')}

with customers as (

    select * from ${ref('stg_customers')}

),

orders as (

    select * from ${ref('stg_orders')}

),

payments as (

    select * from ${ref('stg_payments')}

),

customer_orders as (

    select
        customer_id,
        min(order_date) as first_order,
        max(order_date) as most_recent_order,
        count(order_id) as number_of_orders
    from orders
    group by customer_id

),

customer_payments as (

    select
        orders.customer_id,
        sum(payments.amount) as total_amount
    from payments
    left join orders on payments.order_id = orders.order_id
    group by orders.customer_id

),

final as (

    select
        ${jinja(
          "{{ surrogate_key(['customers.customer_id', 'customers.email']) }}",
          "md5(cast(coalesce(cast(customers.customer_id as varchar), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(customers.email as varchar), '_dbt_utils_surrogate_key_null_') as varchar))",
        )} as customer_key,
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customers.email,
        customer_orders.first_order,
        customer_orders.most_recent_order,
        customer_orders.number_of_orders,
        customer_payments.total_amount as customer_lifetime_value
    from customers
    left join customer_orders on customers.customer_id = customer_orders.customer_id
    left join customer_payments on customers.customer_id = customer_payments.customer_id

)

select * from final`,
      refs: ['stg_customers', 'stg_orders', 'stg_payments'],
      sources: [],
      macros: ['macro.jaffle_shop.surrogate_key'],
      description: 'One row per customer with their order history and lifetime value.',
      columns: [
        { name: 'customer_id', description: 'Primary key.', type: 'INTEGER' },
        {
          name: 'email',
          description: 'Primary contact address.',
          type: 'VARCHAR',
          comment: L(`Primary contact ☕ – bounces are reported by the alerts bot (${S.catalogSlackBot})`, 'Primary contact ☕ – bounces are reported by the alerts bot'),
        },
        { name: 'customer_lifetime_value', description: 'Sum of all payments.', type: 'DECIMAL(38,2)' },
      ],
      yamlConfig: { meta: { owner: '#data-ops', password_policy: 'strict' }, ...(leaky ? { api_key: S.configApiKey } : {}) },
      preHooks: [],
      postHooks: [
        L(
          `attach 'host=reporting-db.internal dbname=reporting user=reporter password=${S.reportingPassword}' as reporting (type postgres)`,
          "attach '' as reporting (type postgres, secret reporting_pg)",
        ),
        'create or replace table reporting.public.customers as select * from {{ this }}',
        'detach reporting',
      ],
      primaryKey: ['customer_id'],
    },
    {
      name: 'orders',
      dir: '',
      materialized: 'table',
      code: sql`${jinja(`{% set payment_methods = ['${paymentMethods.join("', '")}'] %}`, '')}

${configCall('table')}

with orders as (

    select * from ${ref('stg_orders')}

),

payments as (

    select * from ${ref('stg_payments')}

),

order_payments as (

    select
        order_id,

        ${jinja(
          "{% for payment_method in payment_methods -%}\n        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,\n        {% endfor -%}",
          paymentMethods.map((m) => `sum(case when payment_method = '${m}' then amount else 0 end) as ${m}_amount,\n        `).join(''),
        )}

        sum(amount) as total_amount

    from payments

    group by order_id

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.order_date,
        orders.status,
        ${jinja(
          '{% for payment_method in payment_methods -%}\n        order_payments.{{ payment_method }}_amount,\n        {% endfor -%}',
          paymentMethods.map((m) => `order_payments.${m}_amount,\n        `).join(''),
        )}
        order_payments.total_amount as amount

    from orders

    left join order_payments
        on orders.order_id = order_payments.order_id

)

select * from final`,
      refs: ['stg_orders', 'stg_payments'],
      sources: [],
      macros: [],
      description: 'One row per order with its payment amounts by method. Alerts go to #finance through the xoxbot-alerts integration.',
      columns: [
        { name: 'order_id', description: 'Primary key.', type: 'INTEGER' },
        { name: 'customer_id', description: 'Foreign key to customers.', type: 'INTEGER' },
        { name: 'amount', description: 'Total amount of the order.', type: 'DECIMAL(38,2)' },
      ],
      yamlConfig: { meta: { owner: '#finance-analytics', ...(leaky ? { 'alerts/owner_webhook': S.ownerWebhook } : {}) } },
      preHooks: [],
      postHooks: [],
      primaryKey: ['order_id'],
    },
  ];

  const analysis = {
    name: 'create_mysql_reader',
    file: 'analyses/create_mysql_reader.sql',
    code: L(
      `-- One-off, run by hand against the legacy MySQL shop database (not by dbt).\ncreate user if not exists 'bi_reader'@'%' identified by '${S.mysqlReaderPassword}';\ngrant select on shop.* to 'bi_reader'@'%';`,
      `-- One-off, run by hand against the legacy MySQL shop database (not by dbt).\ncreate user if not exists 'bi_reader'@'%' identified with auth_socket;\ngrant select on shop.* to 'bi_reader'@'%';`,
    ),
  };

  const tests: GenericTest[] = [
    { test: 'unique', model: 'stg_customers', column: 'customer_id' },
    { test: 'not_null', model: 'stg_customers', column: 'customer_id' },
    { test: 'unique', model: 'stg_orders', column: 'order_id' },
    { test: 'not_null', model: 'stg_orders', column: 'order_id' },
    { test: 'accepted_values', model: 'stg_orders', column: 'status', values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] },
    { test: 'unique', model: 'stg_payments', column: 'payment_id' },
    { test: 'not_null', model: 'stg_payments', column: 'payment_id' },
    { test: 'unique', model: 'customers', column: 'customer_id' },
    { test: 'not_null', model: 'customers', column: 'customer_id' },
    { test: 'unique', model: 'orders', column: 'order_id' },
    { test: 'not_null', model: 'orders', column: 'order_id' },
    { test: 'relationships', model: 'orders', column: 'customer_id', to: 'customers', field: 'customer_id' },
  ];

  const onRunStart = [rawS3, stripeApi, attachRaw];

  // -- project files --------------------------------------------------------------------------
  const sasUrl = `https://acmejaffleraw.blob.core.windows.net/raw/web_events?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${S.sasSignature}`;
  const externalLocation = L(sasUrl, 'abfss://raw@acmejaffleraw.dfs.core.windows.net/web_events');
  const exposureUrl = L(`https://bi.acme-analytics.io/dash/42?access_token=${S.exposureToken}`, 'https://bi.acme-analytics.io/dash/42');
  const ordersSourceDescription = 'One record per order, replicated nightly from postgresql://replicator:@pg-replica.internal:5432/app (trust auth inside the VPC).';
  const exposureDescription = 'Weekly revenue by customer segment. The BI service account reads it through the API; rotate the API token weekly.';
  const customers = models[3]!;
  const stgCustomers = models[0]!;

  for (const h of [...stgCustomers.preHooks, ...customers.postHooks]) if (/["\\]/.test(h)) throw new Error(`hook needs YAML escaping: ${h}`);
  const dbtProjectYml = `name: jaffle_shop
version: '1.0.0'
config-version: 2
profile: jaffle_shop

model-paths: ["models"]
analysis-paths: ["analyses"]
macro-paths: ["macros"]
target-path: target
clean-targets: ["target", "dbt_packages"]

on-run-start:
${onRunStart.map((m) => `  - "${m.call}"`).join('\n')}

vars:
  start_date: '2024-01-01'
  payments_export_url: '${paymentsUrl}'

models:
  jaffle_shop:
    +materialized: view
    staging:
      +schema: staging
      stg_customers:
        +pre-hook: "${stgCustomers.preHooks[0]}"
    customers:
      +materialized: table
      +post-hook:
${customers.postHooks.map((h) => `        - "${h}"`).join('\n')}
    orders:
      +materialized: table
`;

  const yamlTests = (model: string, column: string) =>
    tests
      .filter((t) => t.model === model && t.column === column)
      .map((t) => {
        if (t.test === 'accepted_values') return `          - accepted_values:\n              values: [${t.values!.map((v) => `'${v}'`).join(', ')}]`;
        if (t.test === 'relationships') return `          - relationships:\n              to: ref('${t.to}')\n              field: ${t.field}`;
        return `          - ${t.test}`;
      });
  const yamlColumns = (m: Model) =>
    m.columns
      .map((c) => {
        const t = yamlTests(m.name, c.name);
        return [`      - name: ${c.name}`, `        description: "${c.description.replace(/"/g, '\\"')}"`, ...(t.length ? ['        data_tests:', ...t] : [])].join('\n');
      })
      .join('\n');
  const yamlScalar = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));
  const yamlConfig = (c: JsonObject) => {
    const lines: string[] = [];
    for (const [k, v] of Object.entries(c)) {
      if (v !== null && typeof v === 'object') {
        lines.push(`      ${k}:`);
        for (const [k2, v2] of Object.entries(v)) lines.push(`        ${k2}: ${yamlScalar(v2)}`);
      } else lines.push(`      ${k}: ${yamlScalar(v)}`);
    }
    return lines.length ? ['    config:', ...lines].join('\n') : '';
  };
  const unitTestOverrides: JsonObject = L({ macros: {}, vars: {}, env_vars: { DBT_API_TOKEN: S.unitTestToken } }, { macros: {}, vars: { start_date: '2024-01-01' }, env_vars: {} });
  const schemaYml = `version: 2

sources:
  - name: jaffle_shop
    description: Raw shop data, loaded nightly.
    schema: raw
    loaded_at_field: _etl_loaded_at
    freshness:
      warn_after: {count: 12, period: hour}
      error_after: {count: 24, period: hour}
    tables:
      - name: orders
        description: "${ordersSourceDescription}"

  - name: crm
    description: The CRM's Postgres database, attached read-only.
    database: crm
    schema: public
    meta:
      owner: crm-team
      loader_password: "\${SNOWFLAKE_PASSWORD}"
    loaded_at_field: updated_at
    freshness:
      warn_after: {count: 6, period: hour}
    tables:
      - name: customers
      - name: accounts

  - name: events
    description: Web events exported by the tracking pipeline to Azure Blob Storage.
    schema: raw
    tables:
      - name: web_events
        external:
          location: "${externalLocation}"
          file_format: parquet

models:
${models.map((m) => [`  - name: ${m.name}`, `    description: "${m.description}"`, yamlConfig(m.yamlConfig), '    columns:', yamlColumns(m)].filter(Boolean).join('\n')).join('\n\n')}

unit_tests:
  - name: test_order_amount_sums_payments
    description: The order amount is the sum of its payments.
    model: orders
    overrides:
${leaky ? `      env_vars:\n        DBT_API_TOKEN: "${S.unitTestToken}"` : `      vars:\n        start_date: '2024-01-01'`}
    given:
      - input: ref('stg_orders')
        rows:
          - {order_id: 1, customer_id: 1, order_date: '2024-01-01', status: completed}
      - input: ref('stg_payments')
        rows:
          - {payment_id: 1, order_id: 1, payment_method: credit_card, amount: 10}
          - {payment_id: 2, order_id: 1, payment_method: coupon, amount: 5}
    expect:
      rows:
        - {order_id: 1, amount: 15}

exposures:
  - name: weekly_revenue_dashboard
    label: Weekly revenue
    type: dashboard
    maturity: high
    url: "${exposureUrl}"
    description: "${exposureDescription}"
    owner:
      name: Zoë Müller
      email: zoe.mueller@acme-analytics.io
    depends_on:
      - ref('orders')
      - ref('customers')
`;

  const loaderRunbook = L(
    `Runbook for Zoë’s nightly loader ☕ — test the proxy with \`curl -H 'Authorization: Bearer <your-token>' https://stripe-proxy.acme-payments.io/v1/charges\`.\n\nDeploy key of the loader host:\n\n${S.privateKey}`,
    "Runbook for Zoë’s nightly loader ☕ — test the proxy with `curl -H 'Authorization: Bearer <your-token>' https://stripe-proxy.acme-payments.io/v1/charges`.\n\nThe deploy key of the loader host is in the vault under loader/deploy-key.",
  );
  const docBlocks: [string, string][] = [
    ['__overview__', '# Jaffle shop\n\nStaging models clean the raw loads; the marts join them. The CRM and the Stripe proxy are reached through DuckDB secrets created by the on-run-start hooks.'],
    ['orders_status', "One of `placed`, `shipped`, `completed`, `return_pending` or `returned`."],
    ['loader_runbook', loaderRunbook],
  ];
  const docsMd = `${docBlocks.map(([n, body]) => `{% docs ${n} %}\n${body}\n{% enddocs %}`).join('\n\n')}\n`;

  const files: Record<string, string> = {
    'dbt_project.yml': dbtProjectYml,
    'models/schema.yml': schemaYml,
    'models/docs.md': docsMd,
    [analysis.file]: analysis.code,
  };
  for (const m of models) files[modelFile(m)] = m.code.raw;
  for (const m of macros) if (m.package === PROJECT) files[m.file] = m.sql;

  // -- manifest v12 ---------------------------------------------------------------------------
  const env: Record<string, string> = {
    GIT_SHA: hex(`${name}/git_sha`, 40),
    BUILD_ID: id('build_id'),
    RAW_DB_URL: 'postgresql://loader@db:5432/raw',
    ...(leaky
      ? {
          DB_PASSWORD: S.envDbPassword,
          SNOWFLAKE_TOKEN: S.envSnowflakeToken,
          GITHUB_TOKEN: S.envGithubToken,
          WAREHOUSE_URL: `postgresql://transformer:${S.envWarehousePassword}@warehouse.internal:5432/analytics`,
        }
      : {}),
  };
  const buildId = id('invocation/build');
  const userId = id('user');
  const clock = new Clock('2025-01-15T06:00:04.000000Z');
  let counter = 1;
  const createdAt = () => clock.epoch() + 0.000137 + 0.001 * counter++;
  const metadata = (schema: string, version: number, invocation: string, generatedAt: string) => ({
    dbt_schema_version: SCHEMA_URL(schema, version),
    dbt_version: DBT_VERSION,
    generated_at: generatedAt,
    invocation_id: invocation,
    env,
  });

  const nodes: JsonObject = {};
  const compiled: Record<string, { code: string; relation: string | null }> = {};
  for (const m of models) {
    const uid = `model.${PROJECT}.${m.name}`;
    const schema = m.dir === 'staging' ? 'main_staging' : 'main';
    const projectConfig: JsonObject = { materialized: m.dir === 'staging' ? 'view' : m.materialized, ...(m.dir === 'staging' ? { schema: 'staging' } : {}) };
    if (m.preHooks.length) projectConfig['pre-hook'] = m.preHooks[0];
    if (m.postHooks.length) projectConfig['post-hook'] = m.postHooks;
    const meta = (m.yamlConfig.meta as JsonObject | undefined) ?? {};
    const { meta: _meta, ...customConfig } = m.yamlConfig;
    nodes[uid] = {
      database: 'jaffle_shop',
      schema,
      name: m.name,
      resource_type: 'model',
      package_name: PROJECT,
      path: modelFile(m).replace(/^models\//, ''),
      original_file_path: modelFile(m),
      unique_id: uid,
      fqn: [PROJECT, ...(m.dir ? [m.dir] : []), m.name],
      alias: m.name,
      checksum: { name: 'sha256', checksum: sha256(m.code.raw) },
      config: {
        enabled: true,
        alias: null,
        schema: m.dir === 'staging' ? 'staging' : null,
        database: null,
        tags: [],
        meta,
        group: null,
        materialized: m.materialized,
        incremental_strategy: null,
        batch_size: null,
        lookback: 1,
        begin: null,
        persist_docs: {},
        'post-hook': hooks(m.postHooks),
        'pre-hook': hooks(m.preHooks),
        quoting: {},
        column_types: {},
        full_refresh: null,
        unique_key: null,
        on_schema_change: 'ignore',
        on_configuration_change: 'apply',
        grants: {},
        packages: [],
        docs: { show: true, node_color: null },
        contract: { enforced: false, alias_types: true },
        event_time: null,
        concurrent_batches: null,
        access: 'protected',
        ...customConfig,
      },
      tags: [],
      description: m.description,
      columns: Object.fromEntries(
        m.columns.map((c) => [c.name, { name: c.name, description: c.description, meta: {}, data_type: null, constraints: [], quote: null, tags: [], granularity: null }]),
      ),
      meta,
      group: null,
      docs: { show: true, node_color: null },
      patch_path: `${PROJECT}://models/schema.yml`,
      build_path: `target/run/${PROJECT}/${modelFile(m)}`,
      unrendered_config: { ...projectConfig, ...m.yamlConfig },
      created_at: createdAt(),
      relation_name: duck(schema, m.name),
      raw_code: m.code.raw,
      language: 'sql',
      refs: m.refs.map((r) => ({ name: r, package: null, version: null })),
      sources: m.sources,
      metrics: [],
      depends_on: { macros: m.macros, nodes: [...m.sources.map(([s, t]) => `source.${PROJECT}.${s}.${t}`), ...m.refs.map((r) => `model.${PROJECT}.${r}`)] },
      compiled_path: `target/compiled/${PROJECT}/${modelFile(m)}`,
      compiled: true,
      compiled_code: m.code.compiled,
      extra_ctes_injected: true,
      extra_ctes: [],
      contract: { enforced: false, alias_types: true, checksum: null },
      access: 'protected',
      constraints: [],
      version: null,
      latest_version: null,
      deprecation_date: null,
      primary_key: m.primaryKey,
      time_spine: null,
    };
    compiled[uid] = { code: m.code.compiled, relation: duck(schema, m.name) };
  }

  nodes[`analysis.${PROJECT}.${analysis.name}`] = {
    database: 'jaffle_shop',
    schema: 'main',
    name: analysis.name,
    resource_type: 'analysis',
    package_name: PROJECT,
    path: 'analysis/create_mysql_reader.sql',
    original_file_path: analysis.file,
    unique_id: `analysis.${PROJECT}.${analysis.name}`,
    fqn: [PROJECT, 'analysis', analysis.name],
    alias: analysis.name,
    checksum: { name: 'sha256', checksum: sha256(analysis.code) },
    config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized: 'view', persist_docs: {}, 'post-hook': [], 'pre-hook': [], quoting: {}, column_types: {}, full_refresh: null, unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, event_time: null, concurrent_batches: null },
    tags: [],
    description: '',
    columns: {},
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: null,
    build_path: null,
    unrendered_config: {},
    created_at: createdAt(),
    relation_name: null,
    raw_code: analysis.code,
    language: 'sql',
    refs: [],
    sources: [],
    metrics: [],
    depends_on: { macros: [], nodes: [] },
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
  };

  onRunStart.forEach((hook, index) => {
    const hookName = `${PROJECT}-on-run-start-${index}`;
    const uid = `operation.${PROJECT}.${hookName}`;
    nodes[uid] = {
      database: 'jaffle_shop',
      schema: 'main',
      name: hookName,
      resource_type: 'operation',
      package_name: PROJECT,
      path: `hooks/${hookName}.sql`,
      original_file_path: './dbt_project.yml',
      unique_id: uid,
      fqn: [PROJECT, 'hooks', hookName],
      alias: hookName,
      checksum: { name: 'sha256', checksum: sha256(dbtProjectYml) },
      config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized: 'view', incremental_strategy: null, batch_size: null, lookback: 1, begin: null, persist_docs: {}, 'post-hook': [], 'pre-hook': [], quoting: {}, column_types: {}, full_refresh: null, unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply', grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true }, event_time: null, concurrent_batches: null },
      tags: ['on-run-start'],
      description: '',
      columns: {},
      meta: {},
      group: null,
      docs: { show: true, node_color: null },
      patch_path: null,
      build_path: null,
      unrendered_config: {},
      created_at: createdAt(),
      relation_name: null,
      raw_code: hook.call,
      language: 'sql',
      refs: [],
      sources: [],
      metrics: [],
      depends_on: { macros: [`macro.${PROJECT}.${hook.file.name}`], nodes: [] },
      compiled_path: `target/compiled/${PROJECT}/./dbt_project.yml/hooks/${hookName}.sql`,
      compiled: true,
      compiled_code: hook.rendered,
      extra_ctes_injected: true,
      extra_ctes: [],
      contract: { enforced: false, alias_types: true, checksum: null },
      index,
    };
    compiled[uid] = { code: hook.rendered, relation: null };
  });

  const testIds: Record<string, string> = {};
  for (const t of tests) {
    const testName =
      t.test === 'accepted_values'
        ? `accepted_values_${t.model}_${t.column}__${t.values!.join('__')}`
        : t.test === 'relationships'
          ? `relationships_${t.model}_${t.column}__${t.field}__ref_${t.to}_`
          : `${t.test}_${t.model}_${t.column}`;
    // dbt shortens long generic test names to a prefix and an md5 of the full name.
    const alias = testName.length >= 64 ? `${`${t.test}_${t.model}`.slice(0, 30)}_${md5(testName)}` : testName;
    const uid = `test.${PROJECT}.${testName}.${md5(`${testName}|${t.model}|${t.column}`).slice(0, 10)}`;
    testIds[`${t.test}/${t.model}/${t.column}`] = uid;
    const modelRel = duck(t.model.startsWith('stg_') ? 'main_staging' : 'main', t.model);
    const code = testSql(t, modelRel);
    const kwargs: JsonObject = { column_name: t.column, model: `{{ get_where_subquery(ref('${t.model}')) }}` };
    if (t.values) kwargs.values = t.values;
    if (t.to) Object.assign(kwargs, { to: `ref('${t.to}')`, field: t.field });
    const truncated = alias !== testName;
    nodes[uid] = {
      database: 'jaffle_shop',
      schema: 'main_dbt_test__audit',
      name: testName,
      resource_type: 'test',
      package_name: PROJECT,
      path: `${alias}.sql`,
      original_file_path: 'models/schema.yml',
      unique_id: uid,
      fqn: [PROJECT, ...(t.model.startsWith('stg_') ? ['staging'] : []), testName],
      alias,
      checksum: { name: 'none', checksum: '' },
      config: { enabled: true, alias: truncated ? alias : null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, group: null, materialized: 'test', severity: 'ERROR', store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
      tags: [],
      description: '',
      columns: {},
      meta: {},
      group: null,
      docs: { show: true, node_color: null },
      patch_path: null,
      build_path: `target/run/${PROJECT}/models/schema.yml/${alias}.sql`,
      unrendered_config: truncated ? { alias } : {},
      created_at: createdAt(),
      relation_name: null,
      raw_code: `{{ test_${t.test}(**_dbt_generic_test_kwargs) }}${truncated ? `{{ config(alias="${alias}") }}` : ''}`,
      language: 'sql',
      refs: [{ name: t.model, package: null, version: null }, ...(t.to ? [{ name: t.to, package: null, version: null }] : [])],
      sources: [],
      metrics: [],
      depends_on: { macros: [`macro.dbt.test_${t.test}`, 'macro.dbt.get_where_subquery'], nodes: [`model.${PROJECT}.${t.model}`, ...(t.to ? [`model.${PROJECT}.${t.to}`] : [])] },
      compiled_path: `target/compiled/${PROJECT}/models/schema.yml/${alias}.sql`,
      compiled: true,
      compiled_code: code,
      extra_ctes_injected: true,
      extra_ctes: [],
      contract: { enforced: false, alias_types: true, checksum: null },
      column_name: t.column,
      file_key_name: `models.${t.model}`,
      attached_node: `model.${PROJECT}.${t.model}`,
      test_metadata: { name: t.test, kwargs, namespace: null },
    };
    compiled[uid] = { code, relation: null };
  }

  const sourceDefs = [
    { source: 'jaffle_shop', table: 'orders', database: 'jaffle_shop', schema: 'raw', sourceDescription: 'Raw shop data, loaded nightly.', description: ordersSourceDescription, loadedAt: '_etl_loaded_at', freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null }, sourceMeta: {}, external: null },
    ...['customers', 'accounts'].map((table) => ({ source: 'crm', table, database: 'crm', schema: 'public', sourceDescription: "The CRM's Postgres database, attached read-only.", description: '', loadedAt: 'updated_at', freshness: { warn_after: { count: 6, period: 'hour' }, error_after: { count: null, period: null }, filter: null }, sourceMeta: { owner: 'crm-team', loader_password: '${SNOWFLAKE_PASSWORD}' }, external: null })),
    { source: 'events', table: 'web_events', database: 'jaffle_shop', schema: 'raw', sourceDescription: 'Web events exported by the tracking pipeline to Azure Blob Storage.', description: '', loadedAt: null, freshness: { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null }, sourceMeta: {}, external: { location: externalLocation, file_format: 'parquet', row_format: null, tbl_properties: null, partitions: null } },
  ];
  const sources: JsonObject = {};
  for (const s of sourceDefs) {
    const uid = `source.${PROJECT}.${s.source}.${s.table}`;
    sources[uid] = {
      database: s.database,
      schema: s.schema,
      name: s.table,
      resource_type: 'source',
      package_name: PROJECT,
      path: 'models/schema.yml',
      original_file_path: 'models/schema.yml',
      unique_id: uid,
      fqn: [PROJECT, s.source, s.table],
      source_name: s.source,
      source_description: s.sourceDescription,
      loader: '',
      identifier: s.table,
      quoting: { database: null, schema: null, identifier: null, column: null },
      loaded_at_field: s.loadedAt,
      freshness: s.freshness,
      external: s.external,
      description: s.description,
      columns: {},
      meta: {},
      source_meta: s.sourceMeta,
      tags: [],
      config: { enabled: true, event_time: null },
      patch_path: null,
      unrendered_config: {},
      relation_name: `"${s.database}"."${s.schema}"."${s.table}"`,
      created_at: createdAt(),
      unrendered_database: s.database === 'crm' ? 'crm' : null,
      unrendered_schema: s.schema,
    };
  }

  const macroNodes: JsonObject = {};
  for (const m of macros) {
    macroNodes[`macro.${m.package}.${m.name}`] = {
      name: m.name,
      resource_type: 'macro',
      package_name: m.package,
      path: m.file,
      original_file_path: m.file,
      unique_id: `macro.${m.package}.${m.name}`,
      macro_sql: m.sql,
      depends_on: { macros: m.dependsOn },
      description: '',
      meta: {},
      docs: { show: true, node_color: null },
      patch_path: null,
      arguments: [],
      created_at: createdAt(),
      supported_languages: null,
    };
  }

  const docs: JsonObject = {};
  for (const [docName, body] of docBlocks) {
    docs[`doc.${PROJECT}.${docName}`] = { name: docName, resource_type: 'doc', package_name: PROJECT, path: 'docs.md', original_file_path: 'models/docs.md', unique_id: `doc.${PROJECT}.${docName}`, block_contents: body };
  }
  // The status column's description renders the docs block it refers to.
  const stgOrdersNode = nodes[`model.${PROJECT}.stg_orders`] as { columns: Record<string, { description: string }> };
  stgOrdersNode.columns.status!.description = docBlocks[1]![1];

  const exposureId = `exposure.${PROJECT}.weekly_revenue_dashboard`;
  const exposures = {
    [exposureId]: {
      name: 'weekly_revenue_dashboard',
      resource_type: 'exposure',
      package_name: PROJECT,
      path: 'schema.yml',
      original_file_path: 'models/schema.yml',
      unique_id: exposureId,
      fqn: [PROJECT, 'weekly_revenue_dashboard'],
      type: 'dashboard',
      owner: { email: 'zoe.mueller@acme-analytics.io', name: 'Zoë Müller' },
      description: exposureDescription,
      label: 'Weekly revenue',
      maturity: 'high',
      meta: {},
      tags: [],
      config: { enabled: true, tags: [], meta: {} },
      unrendered_config: {},
      url: exposureUrl,
      depends_on: { macros: [], nodes: [`model.${PROJECT}.orders`, `model.${PROJECT}.customers`] },
      refs: [
        { name: 'orders', package: null, version: null },
        { name: 'customers', package: null, version: null },
      ],
      sources: [],
      metrics: [],
      created_at: createdAt(),
    },
  };

  const unitTestId = `unit_test.${PROJECT}.orders.test_order_amount_sums_payments`;
  const unitTests = {
    [unitTestId]: {
      model: 'orders',
      given: [
        { input: "ref('stg_orders')", rows: [{ order_id: 1, customer_id: 1, order_date: '2024-01-01', status: 'completed' }], format: 'dict', fixture: null },
        {
          input: "ref('stg_payments')",
          rows: [
            { payment_id: 1, order_id: 1, payment_method: 'credit_card', amount: 10 },
            { payment_id: 2, order_id: 1, payment_method: 'coupon', amount: 5 },
          ],
          format: 'dict',
          fixture: null,
        },
      ],
      expect: { rows: [{ order_id: 1, amount: 15 }], format: 'dict', fixture: null },
      name: 'test_order_amount_sums_payments',
      resource_type: 'unit_test',
      package_name: PROJECT,
      path: 'schema.yml',
      original_file_path: 'models/schema.yml',
      unique_id: unitTestId,
      fqn: [PROJECT, 'orders', 'test_order_amount_sums_payments'],
      description: 'The order amount is the sum of its payments.',
      overrides: unitTestOverrides,
      depends_on: { macros: [], nodes: [`model.${PROJECT}.orders`] },
      config: { tags: [], meta: {}, enabled: true },
      checksum: sha256(`${unitTestId}|${toPythonJson(unitTestOverrides)}`),
      schema: 'main',
      created_at: createdAt(),
      versions: null,
      version: null,
    },
  };

  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  const dependents: [string, string[]][] = [
    ...Object.entries(nodes).map(([k, n]) => [k, (n as { depends_on: { nodes: string[] } }).depends_on.nodes] as [string, string[]]),
    ...Object.keys(sources).map((k) => [k, []] as [string, string[]]),
    [exposureId, exposures[exposureId]!.depends_on.nodes],
    [unitTestId, [`model.${PROJECT}.orders`]],
  ];
  for (const [k] of dependents) childMap[k] = [];
  for (const [k, parents] of dependents) {
    parentMap[k] = [...parents].sort();
    for (const p of parents) childMap[p]?.push(k);
  }
  for (const k of Object.keys(childMap)) childMap[k]!.sort();

  const generatedAt = clock.tick(412.5);
  const manifest = {
    metadata: {
      ...metadata('manifest', 12, buildId, generatedAt),
      project_name: PROJECT,
      project_id: md5(PROJECT),
      user_id: userId,
      send_anonymous_usage_stats: true,
      adapter_type: 'duckdb',
    },
    nodes,
    sources,
    macros: macroNodes,
    docs,
    exposures,
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };

  // -- run_results v6 (dbt build) -------------------------------------------------------------
  const runClock = new Clock('2025-01-15T06:00:05.250000Z');
  const started = runClock.now();
  const results: JsonObject[] = [];
  onRunStart.forEach((hook, index) => {
    const uid = `operation.${PROJECT}.${PROJECT}-on-run-start-${index}`;
    const failed = leaky && hook === attachRaw;
    results.push({
      status: failed ? 'error' : 'success',
      timing: timing(runClock, 2.4 + index, 38.7 + index),
      thread_id: 'main',
      execution_time: seconds(41.31 + index * 3.1),
      adapter_response: {},
      message: failed
        ? `Runtime Error in on-run-start hook 2 (./dbt_project.yml)\n  IO Error: connection to server failed: ${loaderDsn}\n  FATAL:  no pg_hba.conf entry for host "10.0.7.31", user "loader", database "raw", SSL off`
        : `${PROJECT}.on-run-start.${index} passed`,
      failures: failed ? null : 0,
      unique_id: uid,
      compiled: true,
      compiled_code: compiled[uid]!.code,
      relation_name: null,
      batch_results: null,
    });
  });
  const buildOrder = ['stg_customers', 'stg_orders', 'stg_payments', 'customers', 'orders'];
  for (const modelName of buildOrder) {
    const uid = `model.${PROJECT}.${modelName}`;
    results.push({
      status: 'success',
      timing: timing(runClock, 12.8, 151.37),
      thread_id: 'Thread-1 (worker)',
      execution_time: seconds(168.29),
      adapter_response: { _message: 'OK' },
      message: 'OK',
      failures: null,
      unique_id: uid,
      compiled: true,
      compiled_code: compiled[uid]!.code,
      relation_name: compiled[uid]!.relation,
      batch_results: null,
    });
    if (modelName === 'orders') {
      results.push({
        status: 'pass',
        timing: timing(runClock, 20.1, 63.9),
        thread_id: 'Thread-2 (worker)',
        execution_time: seconds(88.31),
        adapter_response: { _message: 'OK' },
        message: null,
        failures: 0,
        unique_id: unitTestId,
        compiled: true,
        compiled_code: `select * from (\n    with __dbt__cte__stg_orders as (\n        select 1 as order_id, 1 as customer_id, cast('2024-01-01' as date) as order_date, 'completed' as status\n    ),\n    __dbt__cte__stg_payments as (\n        select 1 as payment_id, 1 as order_id, 'credit_card' as payment_method, 10 as amount\n        union all\n        select 2 as payment_id, 1 as order_id, 'coupon' as payment_method, 5 as amount\n    )\n    select order_id, amount from (${compiled[uid]!.code.replace(/"jaffle_shop"\."main_staging"\."(stg_\w+)"/g, '__dbt__cte__$1')})\n) as __dbt_sbq`,
        relation_name: null,
        batch_results: null,
      });
    }
    for (const t of tests.filter((x) => x.model === modelName)) {
      const tid = testIds[`${t.test}/${t.model}/${t.column}`]!;
      results.push({
        status: 'pass',
        timing: timing(runClock, 9.4, 22.6),
        thread_id: 'Thread-3 (worker)',
        execution_time: seconds(34.57),
        adapter_response: { _message: 'OK' },
        message: null,
        failures: 0,
        unique_id: tid,
        compiled: true,
        compiled_code: compiled[tid]!.code,
        relation_name: null,
        batch_results: null,
      });
    }
  }
  const vars: JsonObject = leaky
    ? { api_key: S.varsApiKey, db_password: S.varsDbPassword, slack_webhook: S.varsSlackWebhook, DBT_ENV_SECRET_TOKEN: '*****', start_date: '2024-01-01' }
    : { DBT_ENV_SECRET_TOKEN: '*****', start_date: '2024-01-01' };
  // dbt (1.8+) scrubs DBT_ENV_SECRET* values from the command line too: the command echoes vars as typed.
  const varsJson = JSON.stringify(vars).replace(/","/g, '", "').replace(/":"/g, '": "');
  const runResults = {
    metadata: metadata('run-results', 6, buildId, runClock.tick(57.3)),
    results,
    elapsed_time: seconds(Date.parse(runClock.now()) - Date.parse(started) + 0.5),
    args: buildArgs('build', `dbt build --target prod --vars '${varsJson}'`, vars),
  };

  // -- run_results v6 of a later `dbt run-operation` ------------------------------------------
  const operationArgs: JsonObject = leaky ? { role: 'reporter', password: S.runOperationPassword } : { role: 'reporter' };
  const opClock = new Clock('2025-01-15T06:09:41.500000Z');
  const opArgsJson = JSON.stringify(operationArgs).replace(/","/g, '", "').replace(/":"/g, '": "');
  const runOperation = {
    metadata: metadata('run-results', 6, id('invocation/run-operation'), opClock.tick(2210.4)),
    results: [
      {
        status: 'success',
        timing: [],
        thread_id: 'main',
        execution_time: seconds(1893.27),
        adapter_response: {},
        message: null,
        failures: null,
        unique_id: `macro.${PROJECT}.grant_reporter`,
        compiled: null,
        compiled_code: null,
        relation_name: null,
        batch_results: null,
      },
    ],
    elapsed_time: seconds(2210.43),
    args: { ...buildArgs('run-operation', `dbt run-operation grant_reporter --target prod --args '${opArgsJson}'`, {}), macro: 'grant_reporter', args: operationArgs },
  };

  // -- catalog v1 (dbt docs generate) ---------------------------------------------------------
  const catalogClock = new Clock('2025-01-15T06:08:12.000000Z');
  const catalogTable = (uid: string, database: string, schema: string, tableName: string, type: string, columns: { name: string; type: string; comment?: string | undefined }[]) => ({
    metadata: { type, schema, name: tableName, database, comment: null, owner: null },
    columns: Object.fromEntries(columns.map((c, i) => [c.name, { type: c.type, index: i + 1, name: c.name, comment: c.comment ?? null }])),
    stats: { has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: 'Indicates whether there are statistics for this table' } },
    unique_id: uid,
  });
  const catalogColumns: Record<string, { name: string; type: string; comment?: string | undefined }[]> = {
    stg_customers: ['customer_id:INTEGER', 'first_name:VARCHAR', 'last_name:VARCHAR', 'email:VARCHAR', 'password_hash:VARCHAR', 'user_token:VARCHAR', 'created_at:TIMESTAMP'].map(col),
    stg_orders: ['order_id:INTEGER', 'customer_id:INTEGER', 'order_date:DATE', 'status:VARCHAR'].map(col),
    stg_payments: ['payment_id:INTEGER', 'order_id:INTEGER', 'payment_method:VARCHAR', 'amount:DECIMAL(16,2)', 'feed_label:VARCHAR'].map(col),
    customers: ['customer_key:VARCHAR', 'customer_id:INTEGER', 'first_name:VARCHAR', 'last_name:VARCHAR', 'email:VARCHAR', 'first_order:DATE', 'most_recent_order:DATE', 'number_of_orders:BIGINT', 'customer_lifetime_value:DECIMAL(38,2)'].map(col),
    orders: ['order_id:INTEGER', 'customer_id:INTEGER', 'order_date:DATE', 'status:VARCHAR', ...paymentMethods.map((m) => `${m}_amount:DECIMAL(38,2)`), 'amount:DECIMAL(38,2)'].map(col),
  };
  for (const m of models) for (const c of m.columns) if (c.comment) catalogColumns[m.name]!.find((x) => x.name === c.name)!.comment = c.comment;
  const catalog = {
    metadata: metadata('catalog', 1, id('invocation/docs-generate'), catalogClock.tick(903.2)),
    nodes: Object.fromEntries(
      models.map((m) => [
        `model.${PROJECT}.${m.name}`,
        catalogTable(`model.${PROJECT}.${m.name}`, 'jaffle_shop', m.dir === 'staging' ? 'main_staging' : 'main', m.name, m.materialized === 'table' ? 'BASE TABLE' : 'VIEW', catalogColumns[m.name]!),
      ]),
    ),
    sources: {
      [`source.${PROJECT}.jaffle_shop.orders`]: catalogTable(`source.${PROJECT}.jaffle_shop.orders`, 'jaffle_shop', 'raw', 'orders', 'BASE TABLE', ['id:INTEGER', 'user_id:INTEGER', 'order_date:DATE', 'status:VARCHAR', '_etl_loaded_at:TIMESTAMP'].map(col)),
      [`source.${PROJECT}.crm.customers`]: catalogTable(`source.${PROJECT}.crm.customers`, 'crm', 'public', 'customers', 'BASE TABLE', ['id:INTEGER', 'first_name:VARCHAR', 'last_name:VARCHAR', 'email:VARCHAR', 'password_hash:VARCHAR', 'user_token:VARCHAR', 'created_at:TIMESTAMP', 'updated_at:TIMESTAMP'].map(col)),
    },
    errors: leaky ? [`Runtime Error\n  Could not list the relations of raw_pg: IO Error: connection to server failed: ${loaderDsn}`] : null,
  };

  // -- sources v3 (dbt source freshness) ------------------------------------------------------
  const freshClock = new Clock('2025-01-15T05:45:00.100000Z');
  const freshInvocation = id('invocation/source-freshness');
  const freshnessPass = (table: string, source: string, loadedAt: string, criteria: JsonObject) => {
    const snapshotted = freshClock.tick(811.4).replace('Z', '+00:00');
    return {
      unique_id: `source.${PROJECT}.${source}.${table}`,
      max_loaded_at: loadedAt,
      snapshotted_at: snapshotted,
      max_loaded_at_time_ago_in_s: seconds(Date.parse(snapshotted) - Date.parse(loadedAt) + 0.5),
      status: 'pass',
      criteria,
      adapter_response: { _message: 'OK' },
      timing: timing(freshClock, 0.7, 96.2),
      thread_id: 'Thread-1 (worker)',
      execution_time: seconds(101.62),
    };
  };
  const crmCriteria = { warn_after: { count: 6, period: 'hour' }, error_after: { count: null, period: null }, filter: null };
  const sourcesJson = {
    metadata: metadata('sources', 3, freshInvocation, freshClock.tick(1542.9)),
    results: [
      freshnessPass('orders', 'jaffle_shop', '2025-01-15T02:14:09+00:00', sourceDefs[0]!.freshness),
      leaky
        ? {
            unique_id: `source.${PROJECT}.crm.customers`,
            error: `Runtime Error in source customers (models/schema.yml)\n  IO Error: Unable to connect to Postgres with "host=crm-db.internal port=5432 dbname=crm user=freshness_bot password=${S.freshnessPassword} sslmode=require": FATAL:  password authentication failed for user "freshness_bot"`,
            status: 'runtime error',
          }
        : freshnessPass('customers', 'crm', '2025-01-15T05:31:44+00:00', crmCriteria),
      {
        unique_id: `source.${PROJECT}.crm.accounts`,
        error: "Runtime Error in source accounts (models/schema.yml)\n  Catalog Error: while executing create secret crm_pg (type postgres, host 'crm-db.internal', database 'crm', user 'freshness_bot', password = '*****'): Table with name accounts does not exist!",
        status: 'runtime error',
      },
    ],
    elapsed_time: seconds(1731.06),
  };

  const artifacts = {
    'target/manifest.json': manifest,
    'target/run_results.json': runResults,
    'target/catalog.json': catalog,
    'target/sources.json': sourcesJson,
    'target-run-operation/run_results.json': runOperation,
  };

  // -- decoys ---------------------------------------------------------------------------------
  const M = 'target/manifest.json';
  const R = 'target/run_results.json';
  const accepted = testIds['accepted_values/stg_orders/status']!;
  const decoys: DecoySpec[] = [
    { file: M, pointer: '/metadata/dbt_schema_version', text: 'https://schemas.getdbt.com/', why: 'schema URL' },
    { file: M, pointer: '/metadata/project_id', text: md5(PROJECT), why: 'md5 of the project name' },
    { file: M, pointer: '/metadata/invocation_id', text: buildId, why: 'invocation UUID' },
    { file: M, pointer: '/metadata/user_id', text: userId, why: 'anonymous user UUID' },
    { file: M, pointer: '/metadata/env/GIT_SHA', text: env.GIT_SHA!, why: '40-hex git commit in an env var without a secret name' },
    { file: M, pointer: '/metadata/env/BUILD_ID', text: env.BUILD_ID!, why: 'UUID build id in env' },
    { file: M, pointer: '/metadata/env/RAW_DB_URL', text: 'postgresql://loader@db:5432/raw', why: 'connection URL without a password' },
    { file: M, pointer: '/nodes/model.jaffle_shop.orders/checksum/checksum', text: sha256(models[4]!.code.raw), why: 'sha256 file checksum' },
    { file: M, pointer: `/nodes/${testIds['unique/orders/order_id']}/unique_id`, text: testIds['unique/orders/order_id']!.slice(-10), why: 'test unique_id with a 10-hex suffix' },
    { file: M, pointer: `/nodes/${accepted}/alias`, text: md5(`accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned`), why: 'truncated test name with a 32-hex md5 suffix' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_customers/raw_code', text: "{{ env_var('DBT_PASSWORD') }}", why: 'env_var() call: the name of a secret, not its value' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_customers/unrendered_config/pre-hook', text: "password '{{ env_var('DBT_PASSWORD') }}'", why: 'unrendered env_var() in a hook' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_customers/config/pre-hook/0/sql', text: "password '{{ env_var('DBT_PASSWORD') }}'", why: 'hook SQL is stored unrendered: env_var() call only' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_customers/meta/token_column', text: 'user_token', why: 'token_column names a column' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_customers/columns/password_hash/name', text: 'password_hash', why: 'a column named password_hash' },
    { file: M, pointer: '/nodes/model.jaffle_shop.customers/meta/password_policy', text: 'strict', why: 'password_policy is a setting, not a password' },
    { file: M, pointer: '/nodes/model.jaffle_shop.customers/compiled_code', text: "md5(cast(coalesce(cast(customers.customer_id as varchar), '_dbt_utils_surrogate_key_null_')", why: 'md5() surrogate key' },
    { file: M, pointer: '/nodes/model.jaffle_shop.stg_payments/compiled_code', text: 'stripe_sk_test_51Hkq2aLxE9eZvKYlo2C0a3bcD_mirror', why: 'sk_test_-looking text inside a longer identifier' },
    { file: M, pointer: '/nodes/model.jaffle_shop.orders/description', text: 'xoxbot-alerts', why: 'xoxb as part of a word' },
    { file: M, pointer: '/macros/macro.jaffle_shop.create_raw_s3_secret/macro_sql', text: 'AKIAIOSFODNN7EXAMPLE', why: "AWS documentation's example access key id" },
    { file: M, pointer: '/macros/macro.jaffle_shop.create_raw_s3_secret/macro_sql', text: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', why: "AWS documentation's example secret key" },
    { file: M, pointer: '/macros/macro.jaffle_shop.grant_reporter/macro_sql', text: 'password=none', why: 'default argument value none' },
    { file: M, pointer: '/macros/macro.elementary.create_elementary_user/macro_sql', text: 'password = elementary.generate_password(', why: 'password assigned from a function call' },
    { file: M, pointer: '/sources/source.jaffle_shop.crm.customers/source_meta/loader_password', text: '${SNOWFLAKE_PASSWORD}', why: 'shell-style variable reference' },
    { file: M, pointer: '/sources/source.jaffle_shop.jaffle_shop.orders/description', text: 'postgresql://replicator:@pg-replica.internal:5432/app', why: 'URL with an empty password (user:@host)' },
    { file: M, pointer: '/docs/doc.jaffle_shop.loader_runbook/block_contents', text: 'Bearer <your-token>', why: 'placeholder token' },
    { file: M, pointer: `/exposures/${exposureId}/description`, text: 'rotate the API token weekly', why: 'prose about tokens' },
    { file: R, pointer: '/args/vars/DBT_ENV_SECRET_TOKEN', text: '*****', why: 'value already scrubbed by dbt' },
    { file: R, pointer: '/args/invocation_command', text: '"DBT_ENV_SECRET_TOKEN": "*****"', why: 'value already scrubbed by dbt' },
    { file: 'target/sources.json', pointer: '/results/2/error', text: "password = '*****'", why: 'password already scrubbed by dbt' },
  ];

  return { name, files, artifacts, plants, decoys };
}

function col(spec: string): { name: string; type: string } {
  const i = spec.indexOf(':');
  return { name: spec.slice(0, i), type: spec.slice(i + 1) };
}

function modelFile(m: Model): string {
  return `models/${m.dir ? `${m.dir}/` : ''}${m.name}.sql`;
}

function testSql(t: GenericTest, relation: string): string {
  const head = '\n    \n    \n\n';
  switch (t.test) {
    case 'unique':
      return `${head}with dbt_test__target as (\n\n  select ${t.column} as unique_field\n  from ${relation}\n  where ${t.column} is not null\n\n)\n\nselect\n    unique_field,\n    count(*) as n_records\n\nfrom dbt_test__target\ngroup by unique_field\nhaving count(*) > 1\n\n\n`;
    case 'not_null':
      return `${head}\n\nselect ${t.column}\nfrom ${relation}\nwhere ${t.column} is null\n\n\n`;
    case 'accepted_values':
      return `${head}with all_values as (\n\n    select\n        ${t.column} as value_field,\n        count(*) as n_records\n\n    from ${relation}\n    group by ${t.column}\n\n)\n\nselect *\nfrom all_values\nwhere value_field not in (\n    ${t.values!.map((v) => `'${v}'`).join(',')}\n)\n\n\n`;
    case 'relationships':
      return `${head}with child as (\n    select ${t.column} as from_field\n    from ${relation}\n    where ${t.column} is not null\n),\n\nparent as (\n    select ${t.field} as to_field\n    from ${duck('main', t.to!)}\n)\n\nselect\n    from_field\n\nfrom child\nleft join parent\n    on child.from_field = parent.to_field\n\nwhere parent.to_field is null\n\n\n`;
  }
}

/** run_results `args` of dbt 1.9 on a CI runner. */
function buildArgs(which: string, invocationCommand: string, vars: JsonObject): JsonObject {
  return {
    send_anonymous_usage_stats: true,
    project_dir: '/home/runner/work/jaffle-shop/jaffle-shop',
    profiles_dir: '/home/runner/.dbt',
    target: 'prod',
    use_colors: true,
    defer: false,
    favor_state: false,
    select: [],
    exclude: [],
    resource_types: [],
    exclude_resource_types: [],
    indirect_selection: 'eager',
    introspect: true,
    empty: false,
    partial_parse: true,
    partial_parse_file_diff: true,
    static_parser: true,
    version_check: true,
    write_json: true,
    populate_cache: true,
    cache_selected_only: false,
    log_path: '/home/runner/work/jaffle-shop/jaffle-shop/logs',
    log_format: 'default',
    log_format_file: 'debug',
    log_level: 'info',
    log_level_file: 'debug',
    log_file_max_bytes: 10485760,
    printer_width: 80,
    quiet: false,
    print: true,
    macro_debugging: false,
    show_resource_report: false,
    strict_mode: false,
    use_colors_file: true,
    warn_error_options: { include: [], exclude: [] },
    require_explicit_package_overrides_for_builtin_materializations: true,
    require_resource_names_without_spaces: false,
    source_freshness_run_project_hooks: false,
    skip_nodes_if_on_run_start_fails: false,
    which,
    vars,
    invocation_command: invocationCommand,
  };
}

// ---------------------------------------------------------------------------------------------
// Legacy shapes: dbt 1.0 on Snowflake (manifest v4, run_results v4), dbt 0.19 on Postgres
// (sources v1), dbt 0.17 on Postgres (run_results before schema versions).

function legacy(): Fixture {
  const name = 'legacy-leaky';
  const plants = new Plants(true);
  const id = (label: string) => uuid4(`${name}/${label}`);
  const S = {
    snowflakePassword: plants.add('password', 'Sn0wfl4ke!Loader-22'),
    sftpPassword: plants.add('password', 'Sftp-P4ss-2022'),
    stageKeyId: plants.add('aws-access-key-id', token.awsAccessKeyId('v1.0/stage')),
    stageSecret: plants.add('aws-secret-access-key', token.awsSecretKey('v1.0/stage')),
    lookerPassword: plants.add('password', 'L00ker-Svc!2022'),
    fivetranPassword: plants.add('password', 'F1vetran-Svc-2022'),
    presignKeyId: plants.add('aws-access-key-id', token.awsAccessKeyId('v1.0/presigned')),
    presignSignature: plants.add('s3-presigned-signature', token.s3Signature('v1.0/presigned')),
    mapsKey: plants.add('gcp-api-key', token.gcpApiKey('v1.0/maps')),
    airflowPassword: plants.add('postgres-url-password', 'Airfl0w-Pg-2021'),
    freshnessPassword: plants.add('password', 'Fr3sh-0-19-pg'),
    dblinkPassword: plants.add('password', 'Crm-Dbl1nk-2020'),
    fdwPassword: plants.add('postgres-url-password', 'Str1pe-Fdw-2020'),
  };

  // -- dbt 1.0, Snowflake: manifest v4 --------------------------------------------------------
  const clock = new Clock('2022-01-15T03:00:02.000000Z');
  let counter = 1;
  const createdAt = () => 1642215600.25 + 0.0173 * counter++;
  const rootPath = '/usr/app/dbt';
  const env10 = { SNOWFLAKE_PASSWORD: S.snowflakePassword, DBT_CLOUD_RUN_ID: '48213' };
  const invocation10 = id('v1.0/invocation');
  const sf = (schema: string, table: string) => `RAW.${schema}.${table}`.toLowerCase();
  const presignedUrl = `https://acme-raw-events.s3.eu-west-1.amazonaws.com/web/2022-01-15.json?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${S.presignKeyId}%2F20220115%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20220115T030000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=${S.presignSignature}`;

  const v4Node = (resourceType: string, nodeName: string, file: string, code: Code, extra: JsonObject): JsonObject => ({
    raw_sql: code.raw,
    compiled: true,
    resource_type: resourceType,
    depends_on: { macros: [], nodes: [] },
    config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, materialized: 'view', persist_docs: {}, quoting: {}, column_types: {}, full_refresh: null, on_schema_change: 'ignore', 'post-hook': [], 'pre-hook': [] },
    database: 'ANALYTICS',
    schema: 'DBT_PROD',
    fqn: ['jaffle_shop', ...file.replace(/^models\//, '').replace(/\.sql$/, '').split('/')],
    unique_id: `${resourceType}.jaffle_shop.${nodeName}`,
    package_name: 'jaffle_shop',
    root_path: rootPath,
    path: file.replace(/^models\//, ''),
    original_file_path: file,
    name: nodeName,
    alias: nodeName,
    checksum: { name: 'sha256', checksum: sha256(code.raw) },
    tags: [],
    refs: [],
    sources: [],
    description: '',
    columns: {},
    meta: {},
    docs: { show: true },
    patch_path: null,
    compiled_path: `target/compiled/jaffle_shop/${file}`,
    build_path: `target/run/jaffle_shop/${file}`,
    deferred: false,
    unrendered_config: {},
    created_at: createdAt(),
    compiled_sql: code.compiled,
    extra_ctes_injected: true,
    extra_ctes: [],
    relation_name: null,
    ...extra,
  });

  const stageSql = sql`
  create or replace stage raw.public.events_stage
      url = 's3://acme-raw-events/web/'
      credentials = (aws_key_id = '${jinja('{{ env_var("EVENTS_AWS_KEY_ID") }}', S.stageKeyId)}' aws_secret_key = '${jinja('{{ env_var("EVENTS_AWS_SECRET") }}', S.stageSecret)}')
      file_format = (type = json strip_outer_array = true);
`;
  const lookerSql = sql`
  create user if not exists looker_svc
      password = '${jinja("{{ var('looker_password') }}", S.lookerPassword)}'
      default_role = reporter
      default_warehouse = reporting
      must_change_password = false;
`;
  const v4Macro = (macroName: string, body: string): JsonObject => ({
    unique_id: `macro.jaffle_shop.${macroName}`,
    package_name: 'jaffle_shop',
    root_path: rootPath,
    path: `macros/${macroName}.sql`,
    original_file_path: `macros/${macroName}.sql`,
    name: macroName,
    macro_sql: `{% macro ${macroName}() %}${body}{% endmacro %}`,
    resource_type: 'macro',
    tags: [],
    depends_on: { macros: [] },
    description: '',
    meta: {},
    docs: { show: true },
    patch_path: null,
    arguments: [],
    created_at: createdAt(),
  });
  const eventsCode = sql`${jinja("{{ config(materialized='incremental', unique_key='event_id') }}", '')}

select
    value:event_id::varchar as event_id,
    value:user_id::number as user_id,
    value:event_type::varchar as event_type,
    value:geo_hint::varchar as geo_hint,
    value:occurred_at::timestamp_ntz as occurred_at
from ${jinja("{{ source('events', 'web_events') }}", sf('public', 'web_events'))}
${jinja('{% if is_incremental() %}\nwhere value:occurred_at::timestamp_ntz > (select max(occurred_at) from {{ this }})\n{% endif %}', `\nwhere value:occurred_at::timestamp_ntz > (select max(occurred_at) from analytics.dbt_prod.stg_events)\n`)}`;
  const ordersCode = sql`select
    id as order_id,
    user_id as customer_id,
    order_date,
    status
from ${jinja("{{ source('shop', 'orders') }}", sf('shop', 'orders'))}`;

  const hookNode = (index: number, call: string, code: Code): JsonObject =>
    v4Node('operation', `jaffle_shop-on-run-start-${index}`, `hooks/jaffle_shop-on-run-start-${index}.sql`, jinja(call, code.compiled), {
      fqn: ['jaffle_shop', 'hooks', `jaffle_shop-on-run-start-${index}`],
      path: `hooks/jaffle_shop-on-run-start-${index}.sql`,
      original_file_path: './dbt_project.yml',
      tags: ['on-run-start'],
      compiled_path: `target/compiled/jaffle_shop/./dbt_project.yml/hooks/jaffle_shop-on-run-start-${index}.sql`,
      build_path: null,
      index,
    });
  const nodes10: JsonObject = {
    'model.jaffle_shop.stg_events': v4Node('model', 'stg_events', 'models/staging/stg_events.sql', eventsCode, {
      depends_on: { macros: ['macro.dbt.is_incremental'], nodes: ['source.jaffle_shop.events.web_events'] },
      config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, materialized: 'incremental', persist_docs: {}, quoting: {}, column_types: {}, full_refresh: null, unique_key: 'event_id', on_schema_change: 'ignore', 'post-hook': [], 'pre-hook': [] },
      sources: [['events', 'web_events']],
      description: 'Web events parsed from the JSON stage.',
      columns: {
        event_id: { name: 'event_id', description: 'Primary key.', meta: {}, data_type: null, quote: null, tags: [] },
        geo_hint: { name: 'geo_hint', description: `Geocoded with the Maps API (key ${S.mapsKey}) ☕ — cached for 30 days.`, meta: {}, data_type: null, quote: null, tags: [] },
      },
      patch_path: 'jaffle_shop://models/staging/schema.yml',
      unrendered_config: { materialized: 'incremental', unique_key: 'event_id' },
      config_call_dict: { materialized: 'incremental', unique_key: 'event_id' },
      relation_name: 'analytics.dbt_prod.stg_events',
    }),
    'model.jaffle_shop.stg_orders': v4Node('model', 'stg_orders', 'models/staging/stg_orders.sql', ordersCode, {
      depends_on: { macros: [], nodes: ['source.jaffle_shop.shop.orders'] },
      sources: [['shop', 'orders']],
      relation_name: 'analytics.dbt_prod.stg_orders',
    }),
    'operation.jaffle_shop.jaffle_shop-on-run-start-0': hookNode(0, '{{ create_events_stage() }}', stageSql),
    'operation.jaffle_shop.jaffle_shop-on-run-start-1': hookNode(1, "{{ create_looker_user() }}", lookerSql),
  };
  const notNullId = `test.jaffle_shop.not_null_stg_events_event_id.${md5('not_null_stg_events_event_id').slice(0, 10)}`;
  nodes10[notNullId] = {
    ...v4Node('test', 'not_null_stg_events_event_id', 'models/staging/schema.yml', jinja('{{ test_not_null(**_dbt_generic_test_kwargs) }}', '\n    \n    \n\n\n\nselect *\nfrom analytics.dbt_prod.stg_events\nwhere event_id is null\n\n\n'), {
      fqn: ['jaffle_shop', 'staging', 'not_null_stg_events_event_id'],
      path: 'not_null_stg_events_event_id.sql',
      checksum: { name: 'none', checksum: '' },
      schema: 'DBT_PROD_dbt_test__audit',
      refs: [['stg_events']],
      depends_on: { macros: ['macro.dbt.test_not_null'], nodes: ['model.jaffle_shop.stg_events'] },
      config: { enabled: true, alias: null, schema: 'dbt_test__audit', database: null, tags: [], meta: {}, materialized: 'test', severity: 'ERROR', store_failures: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
      column_name: 'event_id',
      file_key_name: 'models.stg_events',
    }),
    unique_id: notNullId,
  };

  const sourceV4 = (source: string, table: string, extra: JsonObject): JsonObject => ({
    fqn: ['jaffle_shop', 'staging', source, table],
    database: 'RAW',
    schema: 'PUBLIC',
    unique_id: `source.jaffle_shop.${source}.${table}`,
    package_name: 'jaffle_shop',
    root_path: rootPath,
    path: 'models/staging/sources.yml',
    original_file_path: 'models/staging/sources.yml',
    name: table,
    source_name: source,
    source_description: '',
    loader: '',
    identifier: table,
    resource_type: 'source',
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: null,
    freshness: { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null },
    external: null,
    description: '',
    columns: {},
    meta: {},
    source_meta: {},
    tags: [],
    config: { enabled: true },
    patch_path: null,
    unrendered_config: {},
    relation_name: `RAW.PUBLIC.${table.toUpperCase()}`,
    created_at: createdAt(),
    ...extra,
  });
  const manifest10 = {
    metadata: {
      dbt_schema_version: SCHEMA_URL('manifest', 4),
      dbt_version: '1.0.1',
      generated_at: clock.tick(95.4),
      invocation_id: invocation10,
      env: env10,
      project_id: md5('jaffle_shop'),
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: 'snowflake',
    },
    nodes: nodes10,
    sources: {
      'source.jaffle_shop.events.web_events': sourceV4('events', 'web_events', {
        external: { location: presignedUrl, file_format: '( type = json )', row_format: null, tbl_properties: null, partitions: null },
      }),
      'source.jaffle_shop.shop.orders': sourceV4('shop', 'orders', { schema: 'SHOP', relation_name: 'RAW.SHOP.ORDERS' }),
    },
    macros: {
      'macro.jaffle_shop.create_events_stage': v4Macro(
        'create_events_stage',
        stageSql.raw.replace('\n  create', "\n  {#- Keys look like AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY (AWS docs). -#}\n  create"),
      ),
      'macro.jaffle_shop.create_looker_user': v4Macro('create_looker_user', lookerSql.raw),
      'macro.jaffle_shop.create_fivetran_secret': v4Macro(
        'create_fivetran_secret',
        `\n  create or replace secret raw.integrations.fivetran_api\n      type = password\n      username = 'fivetran_svc'\n      password = '${S.fivetranPassword}';\n`,
      ),
    },
    docs: {
      'jaffle_shop.__overview__': {
        unique_id: 'jaffle_shop.__overview__',
        package_name: 'jaffle_shop',
        root_path: rootPath,
        path: 'overview.md',
        original_file_path: 'models/overview.md',
        name: '__overview__',
        block_contents: '## Jaffle shop on Snowflake\n\nEvents land in an external stage; the loader user is created by an on-run-start hook.',
      },
    },
    exposures: {},
    metrics: {},
    selectors: {},
    disabled: {},
    parent_map: {
      'model.jaffle_shop.stg_events': ['source.jaffle_shop.events.web_events'],
      'model.jaffle_shop.stg_orders': ['source.jaffle_shop.shop.orders'],
      'operation.jaffle_shop.jaffle_shop-on-run-start-0': [],
      'operation.jaffle_shop.jaffle_shop-on-run-start-1': [],
      [notNullId]: ['model.jaffle_shop.stg_events'],
      'source.jaffle_shop.events.web_events': [],
      'source.jaffle_shop.shop.orders': [],
    },
    child_map: {
      'model.jaffle_shop.stg_events': [notNullId],
      'model.jaffle_shop.stg_orders': [],
      'operation.jaffle_shop.jaffle_shop-on-run-start-0': [],
      'operation.jaffle_shop.jaffle_shop-on-run-start-1': [],
      [notNullId]: [],
      'source.jaffle_shop.events.web_events': ['model.jaffle_shop.stg_events'],
      'source.jaffle_shop.shop.orders': ['model.jaffle_shop.stg_orders'],
    },
  };

  // -- dbt 1.0: run_results v4 ----------------------------------------------------------------
  const runClock = new Clock('2022-01-15T03:00:07.500000Z');
  const queryId = (label: string) => `01a1c${hex(`query/${label}`, 3)}-0000-4b3c-0000-${hex(`query/${label}/b`, 12)}`;
  const queryIdOrders = queryId('stg_orders');
  const runResults10 = {
    metadata: { dbt_schema_version: SCHEMA_URL('run-results', 4), dbt_version: '1.0.1', generated_at: runClock.tick(6120.3), invocation_id: invocation10, env: env10 },
    results: [
      {
        status: 'success',
        timing: timing(runClock, 31.2, 1304.77),
        thread_id: 'Thread-1',
        execution_time: seconds(1342.58),
        adapter_response: { _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: 1, query_id: queryIdOrders },
        message: 'SUCCESS 1',
        failures: null,
        unique_id: 'model.jaffle_shop.stg_orders',
      },
      {
        status: 'error',
        timing: timing(runClock, 44.9, 3021.5),
        thread_id: 'Thread-2',
        execution_time: seconds(3070.11),
        adapter_response: {},
        message: `Database Error in model stg_events (models/staging/stg_events.sql)\n  250001 (08001): Failed to connect to DB: acme-eu.snowflakecomputing.com:443. Incorrect username or password was specified.\n  connection url: snowflake://LOADER:${S.snowflakePassword}@acme-eu/RAW?warehouse=TRANSFORMING&role=LOADER`,
        failures: null,
        unique_id: 'model.jaffle_shop.stg_events',
      },
      {
        status: 'skipped',
        timing: [],
        thread_id: 'Thread-1',
        execution_time: seconds(0.25),
        adapter_response: {},
        message: null,
        failures: null,
        unique_id: notNullId,
      },
    ],
    elapsed_time: seconds(6218.47),
    args: {
      write_json: true,
      use_colors: true,
      printer_width: 80,
      version_check: true,
      partial_parse: true,
      static_parser: true,
      profiles_dir: '/usr/app/.dbt',
      send_anonymous_usage_stats: false,
      event_buffer_size: 100000,
      vars: `{run_date: 2022-01-15, sftp_password: ${S.sftpPassword}}`,
      which: 'run',
      rpc_method: 'run',
    },
  };

  // -- dbt 0.19, Postgres: sources v1 ---------------------------------------------------------
  const fresh19 = new Clock('2021-03-02T04:00:01.000000Z');
  const sources19 = {
    metadata: {
      dbt_schema_version: SCHEMA_URL('sources', 1),
      dbt_version: '0.19.1',
      generated_at: fresh19.tick(2306.1),
      invocation_id: id('v0.19/invocation'),
      env: { AIRFLOW_CONN_POSTGRES_RAW: `postgres://airflow:${S.airflowPassword}@pg-raw.internal:5432/raw`, AIRFLOW_DAG_ID: 'dbt_source_freshness' },
    },
    results: [
      {
        unique_id: 'source.jaffle_shop.raw.orders',
        max_loaded_at: '2021-03-02T01:12:44.210000+00:00',
        snapshotted_at: '2021-03-02T04:00:02.801000+00:00',
        max_loaded_at_time_ago_in_s: seconds(10038591),
        status: 'pass',
        criteria: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null },
        adapter_response: {},
      },
      {
        unique_id: 'source.jaffle_shop.raw.payments',
        error: `Database Error in source payments (models/sources.yml)\n  could not connect to server: Connection refused\n  \tIs the server running on host "pg-raw.internal" and accepting TCP/IP connections on port 5432?\n  conninfo: host=pg-raw.internal port=5432 dbname=raw user=freshness password=${S.freshnessPassword} sslmode=require`,
        status: 'runtime error',
      },
    ],
    elapsed_time: seconds(2417.36),
  };

  // -- dbt 0.17, Postgres: run_results before schema versions ---------------------------------
  const runPre = new Clock('2020-06-11T02:30:00.000000Z');
  const crmCode = sql`select * from dblink(
    'host=crm-db.internal dbname=crm user=crm_reader password=${jinja('{{ var("crm_password") }}', S.dblinkPassword)}',
    'select id, first_name, last_name, email from customers'
) as t(id int, first_name text, last_name text, email text)`;
  const paymentsCode = sql`select
    id as payment_id,
    order_id,
    payment_method,
    amount / 100.0 as amount
from ${jinja("{{ source('stripe', 'payments') }}", '"analytics"."stripe"."payments"')}`;
  const preNode = (nodeName: string, code: Code, sourcesUsed: string[][]): JsonObject => ({
    raw_sql: code.raw,
    compiled: true,
    database: 'analytics',
    schema: 'dbt_prod',
    fqn: ['jaffle_shop', 'staging', nodeName],
    unique_id: `model.jaffle_shop.${nodeName}`,
    package_name: 'jaffle_shop',
    root_path: '/home/airflow/dbt/jaffle_shop',
    path: `staging/${nodeName}.sql`,
    original_file_path: `models/staging/${nodeName}.sql`,
    name: nodeName,
    resource_type: 'model',
    alias: nodeName,
    checksum: { name: 'sha256', checksum: sha256(code.raw) },
    config: { enabled: true, materialized: 'view', persist_docs: {}, 'post-hook': [], 'pre-hook': [], vars: {}, quoting: {}, column_types: {}, alias: null, schema: null, database: null, tags: [], full_refresh: null },
    tags: [],
    refs: [],
    sources: sourcesUsed,
    depends_on: { macros: [], nodes: sourcesUsed.map(([s, t]) => `source.jaffle_shop.${s}.${t}`) },
    description: '',
    columns: {},
    meta: {},
    docs: { show: true },
    patch_path: null,
    build_path: `target/run/jaffle_shop/models/staging/${nodeName}.sql`,
    deferred: false,
    compiled_sql: code.compiled,
    extra_ctes_injected: true,
    extra_ctes: [],
    injected_sql: code.compiled,
  });
  const preResult = (node: JsonObject, error: string | null, status: string | number, ms: number) => ({
    node,
    error,
    status,
    execution_time: seconds(ms),
    thread_id: 'Thread-1',
    timing: timing(runPre, 21.7, ms - 30.1),
    fail: null,
    warn: null,
    skip: false,
  });
  const runResultsPre = {
    results: [
      preResult(preNode('stg_crm_customers', crmCode, []), null, 'CREATE VIEW', 512.43),
      preResult(
        preNode('stg_payments', paymentsCode, [['stripe', 'payments']]),
        `Database Error in model stg_payments (models/staging/stg_payments.sql)\n  could not connect to server "stripe_fdw"\n  DETAIL:  connection to server failed: postgresql://payments:${S.fdwPassword}@pg-stripe.internal:5432/stripe\n  compiled SQL at target/run/jaffle_shop/models/staging/stg_payments.sql`,
        'ERROR',
        87.91,
      ),
    ],
    generated_at: runPre.tick(912.2),
    elapsed_time: seconds(1204.58),
  };

  const artifacts = {
    'v1.0/target/manifest.json': manifest10,
    'v1.0/target/run_results.json': runResults10,
    'v0.19/target/sources.json': sources19,
    'pre-0.19/target/run_results.json': runResultsPre,
  };
  const decoys: DecoySpec[] = [
    { file: 'v1.0/target/manifest.json', pointer: '/macros/macro.jaffle_shop.create_events_stage/macro_sql', text: 'AKIAIOSFODNN7EXAMPLE', why: "AWS documentation's example access key id" },
    { file: 'v1.0/target/manifest.json', pointer: '/macros/macro.jaffle_shop.create_events_stage/macro_sql', text: '{{ env_var("EVENTS_AWS_SECRET") }}', why: 'env_var() call: the name of a secret, not its value' },
    { file: 'v1.0/target/manifest.json', pointer: '/macros/macro.jaffle_shop.create_looker_user/macro_sql', text: "password = '{{ var('looker_password') }}'", why: 'var() call, rendered only in compiled SQL' },
    { file: 'v1.0/target/run_results.json', pointer: '/results/0/adapter_response/query_id', text: queryIdOrders, why: 'Snowflake query id' },
    { file: 'v1.0/target/run_results.json', pointer: '/metadata/invocation_id', text: invocation10, why: 'invocation UUID' },
    { file: 'v0.19/target/sources.json', pointer: '/metadata/env/AIRFLOW_DAG_ID', text: 'dbt_source_freshness', why: 'harmless env value' },
    { file: 'pre-0.19/target/run_results.json', pointer: '/results/0/node/raw_sql', text: 'password={{ var("crm_password") }}', why: 'var() call in raw SQL' },
    { file: 'pre-0.19/target/run_results.json', pointer: '/results/0/node/checksum/checksum', text: sha256(crmCode.raw), why: 'sha256 file checksum' },
  ];
  return { name, files: {}, artifacts, plants, decoys };
}

// ---------------------------------------------------------------------------------------------

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Write every fixture folder under `outDir`, replacing what was there. */
export function generateFixtures(outDir: string): void {
  for (const fixture of [jaffleShop(false), jaffleShop(true), legacy()]) {
    const dir = path.join(outDir, fixture.name);
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, content] of Object.entries(fixture.files)) write(path.join(dir, rel), content);
    // dbt writes artifacts without a trailing newline.
    for (const [rel, doc] of Object.entries(fixture.artifacts)) write(path.join(dir, rel), toPythonJson(doc));
    write(path.join(dir, 'expected.json'), `${JSON.stringify(buildExpected(fixture), null, 2)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = path.join(import.meta.dirname, '..', 'fixtures');
  generateFixtures(outDir);
  console.log(`fixtures written to ${path.relative(process.cwd(), outDir) || '.'}`);
}
