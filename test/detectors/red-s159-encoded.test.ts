/**
 * Red team 159 (dbt under orchestrators): an Airflow connection's URI, exported as AIRFLOW_CONN_* and so in metadata.env,
 * carries its extras percent-encoded in the query: a PEM key as Python's quote_plus writes it (`-----BEGIN+PRIVATE+KEY-----%0A…`)
 * and the extras' JSON (`__extra__=%7B%22private_key_passphrase%22%3A…`). Both are decoded and read; a public key so
 * written stays none.
 */
import t from 'tap';
import { manifest, scanArtifact } from '../helpers.js';
import { ruleProbe } from './rule-probe.js';

// made up for this test (a PKCS#8 header's bytes, then random ones)
const BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4%2FM2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s%2BCLOyS56YyCFGeJZ';
const PEM_URI = `snowflake://DBT_SVC@/ANALYTICS?account=xy12345&warehouse=WH&private_key_content=-----BEGIN+PRIVATE+KEY-----%0A${BODY}%0A-----END+PRIVATE+KEY-----%0A`;
const PASSPHRASE = 'Tq9xLm2Kw7Vz4Rp';
const EXTRA_URI = `snowflake://DBT_SVC:@/ANALYTICS?__extra__=%7B%22account%22%3A%20%22xy12345%22%2C%20%22private_key_passphrase%22%3A%20%22${PASSPHRASE}%22%7D`;
// Python's quote_plus of json.dumps: a space after `:` written as `+` (review 161)
const PLUS_URI = `snowflake://u@acct/db?__extra__=%7B%22private_key_passphrase%22%3A+%22${PASSPHRASE}%22%7D`;
const PUBLIC_URI = 'snowflake://DBT_SVC@/ANALYTICS?rsa_public_key=-----BEGIN+PUBLIC+KEY-----%0AMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0%2FIzW7yWR7QkrmBL7jTKEn5u%0A-----END+PUBLIC+KEY-----%0A';

t.test("a key and a passphrase percent-encoded in an Airflow connection's query", async (t) => {
  for (const name of ['AIRFLOW_CONN_SNOWFLAKE_KP', 'DBT_ENV_CUSTOM_ENV_AIRFLOW_CONN_SF']) {
    const probe = ruleProbe(name);
    t.same(probe.found(PEM_URI, 'env-metadata').map((s) => s.slice(0, 30)), ['-----BEGIN+PRIVATE+KEY-----%0A'], `${name}: the key`);
    t.same(probe.found(EXTRA_URI, 'env-metadata'), [PASSPHRASE], `${name}: the passphrase`);
    t.same(probe.found(PLUS_URI, 'env-metadata'), [PASSPHRASE], `${name}: the passphrase, quote_plus's`);
    probe.findsNothing(t, 'env-metadata', [PUBLIC_URI]);
  }
  const { findings } = scanArtifact(manifest({}, { DBT_ENV_CUSTOM_ENV_AIRFLOW_CONN_SF: PEM_URI, DBT_ENV_CUSTOM_ENV_AIRFLOW_CONN_X: EXTRA_URI }));
  t.same(findings.map((f) => f.ruleId).sort(), ['env-metadata', 'env-metadata'], 'both found in metadata.env');
});
