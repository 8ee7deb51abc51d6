/**
 * Session 45: red team 51 (the formats TruffleHog, detect-secrets and secretlint define, planted where dbt leaks
 * them) saw a generator's value after a spaced `=` in the middle of a sentence missed (`set aws_secret_access_key
 * = … before running`), and a secret's name whose head comes before `for` or `of` (`PASSWORD_FOR_LOADER`) or that
 * names a session's cookie read as no secret's name, and a token in a URL's fragment read on past its `&`.
 * Red team 52 then found what those readings took that is none: run ids after `token =`, a head for a purpose
 * (`token_for_pagination`). Each case names the exact secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'a spaced = mid-sentence, a generated value', text: 'Note: password = Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1A before the load', secrets: ['Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1A'] },
  { label: "detect-secrets' IBM Cloud IAM key in a sentence", text: 'The ibm_cloud_iam_key = O0muvQ2Lm8XkP4zWr7YtB1nC5vJd9HsF3aGe6KqUxT0iy is used by the sync.', secrets: ['O0muvQ2Lm8XkP4zWr7YtB1nC5vJd9HsF3aGe6KqUxT0iy'] },
  { label: "a sentence's full stop is no part of it", text: 'Use secret_key = Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1A.', secrets: ['Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1A'] },
  { label: "a URL fragment's token ends at its &", text: 'https://app.acme.io/reports/9#access_token=Kq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1AqWe2rT9y&token_type=bearer', secrets: ['Kq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1AqWe2rT9y'] },
  // stay silent: code, names, words, calls
  { label: 'another variable', text: 'x = 1; password = other_password_value_here; y', secrets: [] },
  { label: 'a call', text: 'token = fetch_access_token(client, scope)', secrets: [] },
  { label: 'an attribute', text: 'password = self.config.warehouse.password', secrets: [] },
  { label: 'a comparison', text: 'if password == stored_hash_value_1234 then', secrets: [] },
  { label: 'a short value mid-line', text: 'when password = Summer2024 and more words', secrets: [] },
  { label: 'a value code goes on after', text: 'let api_key = Hq7ZmX2pLw9RtV4cN8bH3jYd0Ks5Fg1A+suffix;', secrets: [] },
  // red team 52: an Airflow run's id after `token =` in prose (a date in it), a password policy's word
  { label: "an Airflow run's id", text: "The job's run token = run_2024_11_03T04_00_00_manual_backfill is the Airflow run_id.", secrets: [] },
  { label: "an Airflow run's id with its time", text: 'Refreshed when token = scheduled__2024-11-03T04:00:00+00:00 completes.', secrets: [] },
  { label: "a policy's name", text: 'password = PasswordComplexityPolicyViolation when invalid', secrets: [] },
  { label: "md5 of 'password', named as such", text: "The hashed value api_secret = 5f4dcc3b5aa765d61d8327deb882cf99 is md5('password') used to find weak accounts.", secrets: [] },
  { label: 'md5 of the empty string', text: 'In the runbook, secret = d41d8cd98f00b204e9800998ecf8427e (md5 of the empty string) is what you will see.', secrets: [] },
  { label: "a run's id after a pair, at the line's end", text: 'password = PasswordComplexityPolicyViolation when invalid; token = scheduled__2024-11-03T04:00:00+00:00', secrets: [] },
]);

check(secretKeyNameDetector, [
  { label: 'a password for a loader', key: 'PASSWORD_FOR_LOADER', text: 'Lw9RtV4cN8bH3jYd', secrets: ['Lw9RtV4cN8bH3jYd'] },
  { label: "a job's secret value", key: 'DBT_ENV_CUSTOM_ENV_MY_SECRET_VALUE_FOR_JOB', text: 'LqQyRv8Zk2Xm4Wp7Nt3Hc9Jb6Fd1Gs5A', secrets: ['LqQyRv8Zk2Xm4Wp7Nt3Hc9Jb6Fd1Gs5A'] },
  { label: "a session's cookie", key: 'session_cookie', text: 'Acme#Dk92-xLq7Pw4Z', secrets: ['Acme#Dk92-xLq7Pw4Z'] },
  // stay silent
  { label: "a password's hash", key: 'HASH_OF_PASSWORD', text: 'Lw9RtV4cN8bH3jYd', secrets: [] },
  { label: "a secret's name", key: 'name_for_secret', text: 'prod/warehouse/loader', secrets: [] },
  { label: 'a consent banner', key: 'consent_cookie', text: 'analytics', secrets: [] },
  { label: "sha256 of 'password'", key: 'API_SECRET', text: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8', secrets: [] },
  { label: "an Airflow run's id", key: 'dag_run_token', text: 'manual__2024-11-03T10:15:00+00:00', secrets: [] },
  { label: "an Airflow run's id, underscored", key: 'backfill_token', text: 'run_2024_11_03T04_00_00_manual_backfill', secrets: [] },
]);

t.test("jwt.io's sample with its name edited is still the sample", async (t) => {
  const edited = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgQW5hbHlzdCIsImlhdCI6MTUxNjIzOTAyMn0.NN_OQT9q8mBcjneicWmqulL_yM5piYgmWWU746z9MgQ';
  const text = `Example id_token: ${edited}`;
  t.same(DETECTORS.flatMap((d) => d.detect(text, { key: undefined }).map((m) => d.id)), [], 'sub 1234567890 issued at 1516239022, named Jane Analyst');
  // the same claims with another issue time and name: a token like any other
  const other = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ sub: '1234567890', name: 'Jane Analyst', iat: 1716239022 })).toString('base64url')}.NN_OQT9q8mBcjneicWmqulL_yM5piYgmWWU746z9MgQ`;
  t.ok(DETECTORS.some((d) => d.detect(`Example id_token: ${other}`, { key: undefined }).length > 0), 'not the sample');
});

t.pass('cases above');
