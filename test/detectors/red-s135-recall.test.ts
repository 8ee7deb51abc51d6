/**
 * Red team 135: "secret key" and "API key" in a team's own language name a secret as `password` does: Spanish
 * `clave_secreta`, Portuguese `chave_secreta`, French `clé_secrète` and `jeton_api`, German `schlüssel_api` and
 * `Geheimschlüssel`, Polish `tajny_klucz`, Dutch `api_sleutel`, Russian `ключ_api`, Japanese `APIキー` and `秘密鍵`.
 * A key alone (`clave`, `ключ`, `鍵`, `clave_primaria`) and Brazil's invoice access key (`chave_de_acesso`) name none.
 * Oracle's `user/password@alias` under a connection's name (`ORACLE_CONN`) is its password.
 */
import t from 'tap';
import { manifest, runResults, scanArtifact } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const KEY = 'b8Zq1LmW4vXk7Pd2Rt9Ns6Yc3Hf0Ja5E';
const PASSWORD = 'Tq4vRm82Lx#q';

const NAMES = ['APIキー', '秘密鍵', 'API키', 'clave_secreta', 'clave_de_api', 'chave_secreta', 'clé_secrète', 'chiave_api', 'jeton_api', 'schlüssel_api', 'geheimschlüssel', 'tajny_klucz', 'api_sleutel', 'ключ_api', 'ключ_доступа',
  // close forms (red team 136)
  'llave_secreta', 'clavesecreta', 'ApiSchluessel', 'geheimschluessel', 'klucz_prywatny', 'апи_ключ', '私钥'];
const NOT_NAMES = ['clave', 'ключ', '鍵', 'clave_primaria', 'schlüssel', 'chave_de_acesso'];

t.test("a secret key's or an API key's name in another language names a secret, in meta, vars and env", async (t) => {
  for (const value of [KEY, PASSWORD]) {
    const meta = Object.fromEntries([...NAMES, ...NOT_NAMES].map((k) => [k, value]));
    const node = { unique_id: 'model.shop.orders', resource_type: 'model', original_file_path: 'models/orders.sql', config: { meta } };
    const named = (jsonPath: string) => /(?:\.([^.[\]]+)|\['([^']+)'\])$/.exec(jsonPath)!.slice(1).find((k) => k !== undefined);
    const found = scanArtifact(manifest({ nodes: { [node.unique_id]: node } })).findings.map((f) => named(f.jsonPath));
    t.same(new Set(found), new Set(NAMES), `meta, ${value === KEY ? 'a random key' : 'a password'}: each secret's name, no other`);
    const vars = scanArtifact(runResults({ args: { vars: meta } }), 'run_results.json').findings.map((f) => named(f.jsonPath));
    t.same(new Set(vars), new Set(NAMES), `vars, ${value === KEY ? 'a random key' : 'a password'}: each secret's name, no other`);
  }
  const env = scanArtifact(manifest({}, Object.fromEntries(NAMES.map((k) => [k, KEY])))).findings;
  t.equal(env.length, NAMES.length, 'env: each');
});

t.test("Oracle's user/password@alias under a connection's name: its password; an id, a driver, a ref there are none", async (t) => {
  // (and a connection's word alone or before a system's: TNS_CONNECT, CONN_ORACLE; red team 136)
  for (const [key, rule] of [['DBT_ENV_CUSTOM_ENV_ORACLE_CONN', 'env-metadata'], ['ora_connect_string', 'config-meta'], ['DB_CONNECTION', 'cli-vars'], ['TNS_CONNECT', 'config-meta'], ['DBT_ENV_CUSTOM_ENV_CONN_ORACLE', 'env-metadata']] as const) {
    const probe = ruleProbe(key);
    t.same(probe.found('etl_user/ank1376AVA@ORCLPDB1', rule), ['ank1376AVA'], `${key}: Oracle's user/password@alias`);
    t.same(probe.found('etl:Kx9mQ2vLp7Rz@acme-xy12345/analytics', rule), ['Kx9mQ2vLp7Rz'], `${key}: user:password@account`);
    probe.findsNothing(t, rule, ['postgres_default', 'mysql', 'snowflake', 'team/project@v2', 'analytics/dbt@main', 'dbt-labs/dbt-utils@1.1.1', 'scott/tiger@ORCL', 'data-eng/warehouse_loader@prod']);
    // a package's or a repository's ref, Snowflake's account/warehouse@role: words a person made (red team 136)
    probe.findsNothing(t, rule, ['acme/dbtProject2@v1.2.0', 'acme/Analytics2024@main', 'acme-xy12345/Compute_WH2@SYSADMIN']);
  }
});

t.test("JSON percent-encoded into a URL's query (an OAuth state, a config parameter): its secret; a count or a template there is none", async (t) => {
  const state = 'https://app.acme.io/cb?state=%7B%22password%22%3A%22Tq4vRm82Lx%23q%22%7D';
  const config = `https://app.acme.io/cb?config=%7B%22api_key%22%3A%22${KEY}%22%7D`;
  for (const [key, rule] of [['url', 'locations-urls'], ['compiled_code', 'compiled-code'], ['description', 'free-text']] as const) {
    const probe = ruleProbe(key);
    t.same(probe.found(`see ${state} now`, rule), ['Tq4vRm82Lx%23q'], `${rule}: a password in encoded JSON`);
    t.same(probe.found(`see ${config} now`, rule), [KEY], `${rule}: an API key in encoded JSON`);
    probe.findsNothing(t, rule, ['https://app.acme.io/cb?state=%7B%22token_count%22%3A%2212%22%7D', 'https://app.acme.io/cb?state=%7B%22password%22%3A%22%7B%7B%20pw%20%7D%7D%22%7D']);
  }
});
