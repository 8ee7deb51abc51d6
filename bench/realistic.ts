/**
 * A findings-heavy manifest in the vocabulary of real dbt projects: columns such as `api_key_id`,
 * `password_hash`, `token_count`, configs with `unique_key`, hooks that grant and vacuum,
 * descriptions that speak of paths, passes and keys — and secrets planted the way dbt leaks them:
 * `DBT_ENV_CUSTOM_ENV_*` in `metadata.env`, tokens and webhooks in `meta`, connection URLs and
 * `create user … password '…'` in compiled SQL, keys in pre-hooks. About two planted secrets in every
 * model (the findings-heavy set), or in a share of the models only (`plantShare`: the issue's density).
 */
import { dumps, gen, type Gen, Writer } from './generate.js';

/** Column and word stock that real projects use: many contain the letters of secret keywords. */
const COLUMNS = [
  'api_key_id', 'password_hash', 'password_changed_at', 'token_count', 'token_type', 'access_token_expires_at', 'secret_santa_flag',
  'passed_qa', 'pass_rate', 'path', 'file_path', 'url_path', 'session_key', 'surrogate_key', 'unique_key', 'primary_key', 'key_account_flag',
  'credential_type', 'auth_method', 'basic_plan_flag', 'bearer_share', 'dsn_name', 'sas_region', 'patient_id', 'pat_count', 'keyword',
  'customer_id', 'order_id', 'amount_usd', 'status', 'created_at', 'updated_at', 'email_domain', 'country_code', 'is_deleted', 'loaded_at',
];
const PROSE = [
  'Number of API keys issued to the account; the key values themselves live in the vault, never here.',
  'bcrypt password_hash of the user, salted; compared on login, never decrypted.',
  'Tokens consumed by the prompt (token_count), used to bill the customer per 1k tokens.',
  'Secret Santa participants for the holiday event; one row per pass of the draw.',
  'Path of the source file in the bucket, relative to the landing prefix.',
  'True when the record passed every quality check of the nightly pass.',
  'Surrogate key built from the natural key columns with dbt_utils.generate_surrogate_key.',
  'Rotated by the platform team every 90 days; see the credential rotation runbook.',
  'Basic plan customers only; bearer of the share is the account owner.',
];
const WORDS = 'order customer payment amount status region channel invoice product account session event revenue margin cohort funnel'.split(' ');

interface Secret {
  where: 'env' | 'meta' | 'compiled' | 'sql-literal' | 'pre-hook' | 'description';
  value: string;
}

/** Secret shapes the scanner knows, each a different credential every time. */
function secret(g: Gen, kind: number): Secret {
  switch (kind % 8) {
    case 0:
      return { where: 'env', value: `Pg-${g.alnum(14)}` };
    case 1:
      return { where: 'meta', value: `ghp_${g.alnum(36)}` };
    case 2:
      return { where: 'compiled', value: `postgresql://loader:W4r-${g.alnum(12)}@warehouse.internal:5432/analytics` };
    case 3:
      return { where: 'sql-literal', value: `Rp-${g.alnum(16)}` };
    case 4:
      return { where: 'pre-hook', value: `xoxb-${Math.floor(g.rand() * 1e12)}-${Math.floor(g.rand() * 1e12)}-${g.alnum(24)}` };
    case 5:
      return { where: 'meta', value: `https://hooks.slack.com/services/T${g.alnum(8).toUpperCase()}/B${g.alnum(10).toUpperCase()}/${g.alnum(24)}` };
    case 6:
      return { where: 'description', value: `AKIA${g.alnum(16).toUpperCase()}` };
    default:
      return { where: 'compiled', value: `sk_live_${g.alnum(24)}` };
  }
}

function columns(g: Gen, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const name = i < COLUMNS.length && g.rand() < 0.7 ? g.pick(COLUMNS) : `${g.pick(WORDS)}_${g.pick(COLUMNS)}`;
    out[name] = { name, description: g.pick(PROSE), meta: g.rand() < 0.2 ? { pii: true, masking_policy: 'hash_sha256' } : {}, data_type: g.pick(['varchar', 'integer', 'timestamp', 'boolean']), constraints: [], quote: null, tags: [], granularity: null };
  }
  return out;
}

function code(g: Gen, name: string, rendered: boolean, planted: readonly Secret[]): string {
  const cols = Array.from({ length: 10 + Math.floor(g.rand() * 10) }, () => g.pick(COLUMNS));
  const ref = (m: string) => (rendered ? `"analytics"."staging"."${m}"` : `{{ ref('${m}') }}`);
  let out = rendered ? '' : "{{ config(materialized='incremental', unique_key='surrogate_key') }}\n\n";
  out += `with src as (\n    select * from ${ref(`stg_${g.pick(WORDS)}`)}\n    ${rendered ? '' : "{% if is_incremental() %}where loaded_at > (select max(loaded_at) from {{ this }}){% endif %}"}\n),\n`;
  out += `keyed as (\n    select\n${cols.map((c) => `        ${c},`).join('\n')}\n        md5(cast(coalesce(cast(customer_id as text), '_dbt_utils_surrogate_key_null_') as text)) as surrogate_key\n    from src\n    where password_hash is not null and token_count > 0 -- passed QA\n)\n`;
  for (const s of planted) {
    if (!rendered) continue;
    if (s.where === 'compiled') out += `-- loaded with attach('${s.value}')\n`;
    if (s.where === 'sql-literal') out += `-- {{ create_reporting_user() }}\ncreate user if not exists reporting_${g.pick(WORDS)} password '${s.value}';\n`;
  }
  return `${out}select * from keyed /* ${name} */`;
}

function model(g: Gen, project: string, i: number, planted: readonly Secret[]): [string, string] {
  const name = `${g.pick(['stg', 'int', 'fct', 'dim'])}_${g.pick(WORDS)}_${g.pick(WORDS)}_${i}`;
  const id = `model.${project}.${name}`;
  const meta: Record<string, unknown> = { owner: `${g.pick(WORDS)}-team@acme.io`, contains_pii: g.rand() < 0.3, sla_hours: 6 };
  const descriptions = [g.pick(PROSE)];
  const preHook = [{ sql: `grant usage on schema staging to role reporter`, transaction: true, index: null }];
  for (const s of planted) {
    if (s.where === 'meta') meta[g.rand() < 0.5 ? 'alert_webhook' : 'deploy_token'] = s.value;
    if (s.where === 'description') descriptions.push(`Loaded with access key ${s.value}.`);
    if (s.where === 'pre-hook') preHook.push({ sql: `call notify_slack('${s.value}', '${name}')`, transaction: true, index: null });
  }
  const config = {
    enabled: true, alias: null, schema: g.pick(['staging', 'marts', 'intermediate']), database: null, tags: ['nightly'], meta, group: null,
    materialized: 'incremental', incremental_strategy: 'merge', unique_key: 'surrogate_key', on_schema_change: 'append_new_columns',
    persist_docs: { relation: true, columns: true }, 'post-hook': [{ sql: 'vacuum {{ this }}', transaction: false, index: null }], 'pre-hook': preHook,
    quoting: {}, column_types: {}, full_refresh: null, grants: { select: ['reporter'] }, packages: [], docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true }, access: 'protected',
  };
  const node = {
    database: 'analytics', schema: config.schema, name, resource_type: 'model', package_name: project, path: `${name}.sql`,
    original_file_path: `models/${config.schema}/${name}.sql`, unique_id: id, fqn: [project, config.schema, name], alias: name,
    checksum: { name: 'sha256', checksum: g.hex(64) }, config, tags: config.tags, description: descriptions.join(' '),
    columns: columns(g, 8 + Math.floor(g.rand() * 10)), meta, group: null, docs: { show: true, node_color: null },
    patch_path: `${project}://models/${config.schema}/schema.yml`, build_path: null, unrendered_config: { materialized: 'incremental', unique_key: 'surrogate_key' },
    created_at: 1736920804 + i / 1000, relation_name: `"analytics"."${config.schema}"."${name}"`,
    raw_code: code(g, name, false, planted), language: 'sql',
    refs: [{ name: `stg_${g.pick(WORDS)}`, package: null, version: null }], sources: [], metrics: [],
    depends_on: { macros: ['macro.dbt_utils.generate_surrogate_key', 'macro.dbt.is_incremental'], nodes: [`model.${project}.stg_${g.pick(WORDS)}`] },
    compiled_path: `target/compiled/${project}/models/${name}.sql`, compiled: true, compiled_code: code(g, name, true, planted),
    extra_ctes_injected: true, extra_ctes: [], contract: { enforced: false, alias_types: true, checksum: null }, access: 'protected',
    constraints: [], version: null, latest_version: null, deprecation_date: null,
  };
  return [id, dumps(node, true)];
}

export interface RealisticOptions {
  seed?: number;
  /**
   * Share of the models that carry a pair of planted secrets, spread evenly (not drawn: with 1, every model
   * does and the file is the findings-heavy set, byte for byte). The rest are the same models without them.
   */
  plantShare?: number;
}

/** Secrets planted, by the place they were put in. */
export type Planted = Record<Secret['where'], number>;

/** Write a one-line manifest of about `bytes` bytes in real projects' vocabulary; returns its size and the secrets planted. */
export function writeRealisticManifest(file: string, bytes: number, { seed = 42, plantShare = 1 }: RealisticOptions = {}): { bytes: number; planted: Planted } {
  const g = gen(seed);
  const project = 'acme_analytics';
  const w = new Writer(file);
  const env: Record<string, string> = { DBT_ENV_CUSTOM_ENV_GIT_SHA: g.hex(40), DBT_ENV_CUSTOM_ENV_CI_JOB: 'nightly' };
  for (let k = 0; k < 6; k++) env[`DBT_ENV_CUSTOM_ENV_${g.pick(['WAREHOUSE', 'LOADER', 'REPORTING'])}_PASSWORD_${k}`] = secret(g, 0).value;
  const planted: Planted = { env: 6, meta: 0, compiled: 0, 'sql-literal': 0, 'pre-hook': 0, description: 0 };
  const metadata = {
    dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.4', generated_at: '2025-01-15T06:00:04.412500Z',
    invocation_id: 'b1c2d3e4-7926-42b9-a1b7-1fcd364ecb92', env, project_name: project, project_id: g.hex(32), user_id: null,
    send_anonymous_usage_stats: false, adapter_type: 'postgres',
  };
  w.write(`{"metadata": ${JSON.stringify(metadata)}, "nodes": {`);
  let kind = 1;
  for (let i = 0; w.size < bytes * 0.97 || i === 0; i++) {
    // model i carries secrets when the running count of carriers (i + 1) × share passes a whole number
    const carries = Math.floor((i + 1) * plantShare) > Math.floor(i * plantShare);
    const secrets = carries ? [secret(g, kind++), secret(g, kind++)].filter((s) => s.where !== 'env') : [];
    for (const s of secrets) planted[s.where]++;
    const [id, json] = model(g, project, i, secrets);
    w.write(`${i ? ', ' : ''}${JSON.stringify(id)}: ${json}`);
  }
  w.write('}, "sources": {}, "macros": {}, "docs": {}, "exposures": {}, "metrics": {}, "groups": {}, "selectors": {}, "disabled": {}, "parent_map": {}, "child_map": {}, "group_map": {}, "saved_queries": {}, "semantic_models": {}, "unit_tests": {}}');
  return { bytes: w.close(), planted };
}
