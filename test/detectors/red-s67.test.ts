/**
 * Session 63: red team 67 wrote artifacts as every serializer may (escapes, pretty-printing, BOM, CRLF, chunk seams; its
 * stream findings are in test/engine/stream-equivalence and text-files, a URL as a key in test/engine/token-keys),
 * red team 68 filled ten adapters' artifacts with the ids and hashes they generate, and red team 70 looked for false
 * findings of what the session widened. Here: a password's name followed by the role it signs in as, a password of one
 * word and a number under a password's name, a server's Segment write key, a trace token (which signs nobody in), and
 * a URL written as a key.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("a secret's name, then the role it signs in as: the value is read as a secret's", async (t) => {
  const password = 'Maplecobalt4517!Sum';
  for (const name of ['db_password_svc', 'SNOWFLAKE_PASSWORD_LOADER', 'pg_password_ro', 'warehouse_password_transformer']) {
    ruleProbe(name).finds(t, 'config-meta', [[password, password]]);
  }
  for (const name of ['password_hash_ro', 'password_policy_loader', 'primary_key_reader']) ruleProbe(name).findsNothing(t, 'config-meta', [password]);
  // after a token's, a secret's or a key's word a role names what reads or holds one (red team 70)
  const held: [string, string][] = [['token_reporter', 'looker'], ['token_loader', 'fivetran'], ['token_master', 'main'], ['auth_token_reader', 'header'], ['secret_replica', 'us-central1'], ['api_key_reader', 'macros/get_api_key.sql']];
  for (const [name, value] of held) ruleProbe(name).findsNothing(t, 'config-meta', [value]);
});

t.test("a URL written as a key names no secret for its value (red team 70: a jdbc URL's password=${…} made its value one)", async (t) => {
  ruleProbe('jdbc:postgresql://warehouse.internal:5432/analytics?user=dbt&password=${DB_PASSWORD}').findsNothing(t, 'config-meta', ['jdbc']);
  ruleProbe('postgresql://warehouse/analytics?password=').findsNothing(t, 'cli-vars', ['primary']);
});

t.test('a password of one word and a number under a password name; names of two words or more stay names', async (t) => {
  for (const value of ['panda_636', 'otter_2024', 'p4ssw0rd_42']) {
    ruleProbe('api_password').finds(t, 'cli-vars', [[value, value]]);
    ruleProbe('password').finds(t, 'config-meta', [[value, value]]);
  }
  ruleProbe('api_password').findsNothing(t, 'cli-vars', ['dbt_prod_2024', 'snowflake_etl', 'sha2_256', 'step_2']);
  // under a token's or a key's name a snake-case value is a name (`pepper_1991`: a key of a lookup)
  ruleProbe('api_key').findsNothing(t, 'cli-vars', ['pepper_1991']);
});

t.test("a server's Segment or RudderStack write key is a secret under its name, as segment-token reads it in text", async (t) => {
  const key = 'UPXtTFNAgQX53kr5qo89dg1YoVPzDovm';
  for (const name of ['segment_write_key', 'SEGMENT_WRITE_KEY', 'rudderstack_write_key']) ruleProbe(name).finds(t, 'config-meta', [[key, key]]);
  ruleProbe('segment_key').findsNothing(t, 'config-meta', [key]);
  // a note where the key would go, naming the vault it is kept in (red team 70)
  for (const name of ['segment_write_key', 'api_key']) ruleProbe(name).findsNothing(t, 'config-meta', ['The write key of the iOS source, kept in 1Password', 'kept in 1Password']);
  ruleProbe('api_key').finds(t, 'config-meta', [['correct horse 1Password staple', 'correct horse 1Password staple']]);
  ruleProbe('description').finds(t, 'free-text', [[`SEGMENT_WRITE_KEY: "${key}"`, key]]);
});

t.test('a trace token is a caller-chosen id: no finding under its name or as a header', async (t) => {
  const trace = '4f027ae1eb7128b0571363f008a9d7d7';
  ruleProbe('trace_token').findsNothing(t, 'cli-vars', [trace]);
  ruleProbe('message').findsNothing(t, 'run-messages', [`trino.client: "POST /v1/statement HTTP/1.1" 200; X-Trino-Trace-Token: ${trace}; nextUri=https://trino.acme.io/v1/statement/queued/20240101_000000_00001_abcde/y`]);
  // a bearer of a request is still one
  const bearer = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYnQifQ.Xk9vL2pQ7rT4wZ1nB8cR5yH3sF6gJ0aE2uQ7iO4tMxY';
  ruleProbe('message').finds(t, 'run-messages', [[`X-Trino-Trace-Token: ${trace}; Authorization: Bearer ${bearer}`, bearer]]);
});
