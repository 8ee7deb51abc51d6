/**
 * Red team 104 (and red team 100's freshness filter): values that look like credentials and are not. A literal a
 * secret-named column is compared with by `<>`, `!=` or `not in (…)` is the value a filter leaves out (a load batch's
 * hash, a browser's write key), and was reported as the column's secret by sql-password and password-assignment.
 * Shopify's cart tokens (base64 of a region's tag and a ULID) were read as encoded user:password pairs, and the
 * OpenID Connect spec's sample id_token as a JWT.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PW = 'Zq8kLm2vX9pgT4wRb6';
const HASH = 'ad96c0b2f6aed63445dd7da4607a4b93';
const STRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

t.test("a filter's inequality leaves its literal out", async (t) => {
  const { findsNothing } = ruleProbe('compiled_code');
  findsNothing(t, 'compiled-code', [
    `select * from t where _loader_token <> '${HASH}'`,
    "select * from t where newrelic_browser_license_key != 'NRJS-bcabe3034b89461030e'",
    "select * from t where segment_write_key != 'Y7kYCkSarWpNKAv4aO5F7E4Vr8eRsoTr'",
    `select * from t where token not in ('${PW}', '${HASH}')`,
    `select * from t where "api_key" not in (N'${PW}')`,
    `select * from t where api_key not like '${PW}'`,
    `select * from t where password <> '${PW}'`,
    `select * from t where password != "${PW}"`,
  ]);
  ruleProbe('filter').findsNothing(t, 'free-text', [`_sdc_batched_at > '2020-01-01' and _loader_token <> '${HASH}'`]);
});

t.test('equality and a list lookup still read the literal as the secret; a known format is found anywhere', async (t) => {
  const { finds } = ruleProbe('compiled_code');
  finds(t, 'compiled-code', [
    [`select * from users where password = '${PW}'`, PW],
    [`select * from t where api_key in ('${PW}')`, PW],
    [`select * from t where s.token in ('', '${PW}')`, PW],
    [`create user etl password '${PW}'`, PW],
    // code's `!=` in an `if` is no filter: the hard-coded password it checks against (red team 105)
    [`    if password != '${PW}':`, PW],
    [`select * from t where api_key <> '${STRIPE}'`, STRIPE],
    [`select * from t where token not in ('${STRIPE}')`, STRIPE],
  ]);
  ruleProbe('filter').finds(t, 'free-text', [[`_sdc_batched_at > '2020-01-01' and _loader_token = '${PW}'`, PW]]);
});

// Shopify's cart and checkout tokens: base64 of a cloud region's tag and a ULID
const SHOPIFY_CART = 'Z2NwLXVzLWNlbnRyYWwxOjAxSFZGN0JQR0hWN1RaNFk5NFhSU1NFOEFE'; // gcp-us-central1:01HVF7BPGHV7TZ4Y94XRSSE8AD
const AWS_REGION_ULID = 'YXdzLWV1LXdlc3QtMTowMUoySzhNM040UDVRNlI3UzhUOVYwVzFYMg=='; // aws-eu-west-1:01J2K8M3N4P5Q6R7S8T9V0W1X2
// made up for this test: a pair of a user and a password, a ULID as another user's password, a password beside a region's tag
const BASIC_PAIR = 'ZXRsX2xvYWRlcjpBdTdoIXB3LVpxOGtMbTJ2'; // etl_loader:Au7h!pw-Zq8kLm2v
const ULID_PASSWORD = 'c3ZjX2xvYWRlcjowMUhWRjdCUEdIVjdUWjRZOTRYUlNTRThBRA=='; // svc_loader:01HVF7BPGHV7TZ4Y94XRSSE8AD
const REGION_PASSWORD = 'Z2NwLXVzLWNlbnRyYWwxOlpxOGtMbTJ2WDlwZ1Q0d1JiNg=='; // gcp-us-central1:Zq8kLm2vX9pgT4wRb6

t.test("a cloud region's tag and a ULID, base64-encoded, is a Shopify cart's id, not Basic credentials", async (t) => {
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [
    `select * from shopify.checkouts where cart_token = '${SHOPIFY_CART}'`,
    `select * from shopify.carts where cart_token = '${AWS_REGION_ULID}'`,
  ]);
  ruleProbe('description').findsNothing(t, 'free-text', [
    // (one character short, as the red team's example was: its ULID decodes to 25 characters)
    'Shopify cart token (2023+ format), e.g. Z2NwLXVzLWVhc3QxOjAxSFhZWjEyMzQ1Njc4OTBBQkNERUZHSEo',
    `Shopify checkout token, e.g. ${SHOPIFY_CART}`,
  ]);
});

t.test("a Shopify cart's token under a column or key named token is the order's id: a unit test's rows, an equality", async (t) => {
  // (Fivetran's Shopify checkout table has a `token` column: its rows copied into a unit test's given rows, or a model
  // that looks one order up; the red team's fx-rt104b note)
  ruleProbe('token').findsNothing(t, 'config-meta', [SHOPIFY_CART, AWS_REGION_ULID]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [`select * from shopify.checkout where token = '${SHOPIFY_CART}'`]);
  // …and a secret under the same name, or a pair beside a region's tag that is no ULID, still is one
  ruleProbe('token').finds(t, 'config-meta', [[REGION_PASSWORD, REGION_PASSWORD]]);
});

t.test('a Basic pair, a ULID as a user\'s password and a password beside a region\'s tag are still found', async (t) => {
  const { found } = ruleProbe('compiled_code');
  for (const value of [BASIC_PAIR, ULID_PASSWORD, REGION_PASSWORD]) {
    t.ok(found(`select http_get('https://api.example.com', 'Authorization: Basic ${value}')`, 'compiled-code').includes(value), value);
    t.ok(found(`select * from t where auth = '${value}'`, 'compiled-code').includes(value), `bare ${value}`);
  }
});

// The OpenID Connect Core spec's sample id_token: its text's (https issuer, from the red team's repro) and its appendix's (http)
const RS256_HEADER = 'eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ';
const SIGNATURE =
  'ggW8hZ1EuVLuxNuuIJKX_V8a_OMXzR0EHR9R6jgdqrOOF4daGU96Sr_P6qJp6IcmD3HP99Obi1PRs-cwh3LO-p146waJ8IhehcwL7F09JdijmBqkvPeB2T9CJNqeGpe-gccMg4vfKjkM8FcGvnzZUN4_KSP0aAp1tOJ1zZwgjxqGByKHiOtX7TpdQyHE5lcMiKPXfEIQILVq0pc_E2DzL7emopWoaoZTF_m0_N0YzFC6g6EJbOEoRoSK5hoDalrcvRYLSrQAZZKflyuVCyixEoV9GfNQC3_osjzw2PAithfubEEBLuVVk4XUVrWOLrLl0nx7RkKU8NXNHq-rvKMzqg';
const jwt = (payload: string) => `${RS256_HEADER}.${payload}.${SIGNATURE}`;
const OIDC_SPEC_TOKEN = jwt('eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjI0ODI4OTc2MTAwMSIsImF1ZCI6InM2QmhkUmtxdDMiLCJub25jZSI6Im4tMFM2X1d6QTJNaiIsImV4cCI6MTMxMTI4MTk3MCwiaWF0IjoxMzExMjgwOTcwfQ');
const OIDC_APPENDIX_TOKEN = jwt('eyJpc3MiOiJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwic3ViIjoiMjQ4Mjg5NzYxMDAxIiwiYXVkIjoiczZCaGRSa3F0MyIsIm5vbmNlIjoibi0wUzZfV3pBMk1qIiwiZXhwIjoxMzExMjgxOTcwLCJpYXQiOjEzMTEyODA5NzB9');
// made up for this test: the spec's issuer with another client and times; the spec's times from another issuer
const SAME_ISSUER_TOKEN = jwt('eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjkwMjEwIiwiYXVkIjoiZGJ0LWNsb3VkLXByb2QiLCJleHAiOjE5MTEyODE5NzAsImlhdCI6MTcxMTI4MDk3MH0');
// …and the spec's issuer and client, issued in 2026, valid until 2030 (red team 105)
const SAME_CLIENT_TOKEN = jwt('eyJpc3MiOiAiaHR0cDovL3NlcnZlci5leGFtcGxlLmNvbSIsICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwgImF1ZCI6ICJzNkJoZFJrcXQzIiwgImV4cCI6IDE4OTM0NTYwMDAsICJpYXQiOiAxNzkzNDU2MDAwLCAiZW1haWwiOiAiYW5hQGFjbWUuaW8ifQ');
const EXPIRED_TOKEN = jwt('eyJpc3MiOiJodHRwczovL2xvZ2luLmFjbWUtY29ycC5jb20iLCJzdWIiOiIyNDgyODk3NjEwMDEiLCJhdWQiOiI4ZjJrcSIsImV4cCI6MTMxMTI4MTk3MCwiaWF0IjoxMzExMjgwOTcwfQ');

t.test("the OpenID Connect spec's sample id_token is a sample, as jwt.io's is; another token of its issuer or its age is not", async (t) => {
  const { found, findsNothing } = ruleProbe('description');
  findsNothing(t, 'free-text', [
    `Sample id_token from the OpenID Connect Core spec: ${OIDC_SPEC_TOKEN}`,
    `id_token=${OIDC_APPENDIX_TOKEN}`,
    `Authorization: Bearer ${OIDC_SPEC_TOKEN}`,
  ]);
  for (const token of [SAME_ISSUER_TOKEN, EXPIRED_TOKEN, SAME_CLIENT_TOKEN]) t.same(found(`the id_token we got back: ${token}`, 'free-text'), [token], token.slice(43, 100));
});
