/**
 * Red team 87 (dbt-tools-lint over 79 public dbt projects: none of its 25 findings a credential): Fivetran's system
 * columns before a fixture row's id, a web framework's anti-forgery token in a link, a
 * numbered column's name under a numbered token's, a swap's sell token, a list of numbered columns, a coin's name and symbol in a VALUES row, a Solana
 * mint's address selected as a token. Beside each, the secret of the same shape still found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const code = ruleProbe('raw_code');
const fixture = ruleProbe('rows');
const prose = ruleProbe('description');

t.test("Fivetran's system columns name no secret: a header ending in one stands before a row's id", async (t) => {
  // fivetran/dbt_ad_reporting, integration_tests/seeds/pinterest_targeting_geo_data.csv
  const seed = 'country_id,country_name,_fivetran_synced\nbe1a1fcb4d5a3f9c6c0d8e1e7a7e2d4e,bea81c1795a612d8fc3a232b156467bc,2024-04-01 12:00:00\n';
  code.findsNothing(t, 'raw-code', [seed, 'id,_fivetran_deleted\nbe1a1fcb4d5a3f9c6c0d8e1e7a7e2d4e,false', 'id,_fivetran_start,_fivetran_end\n4f2a9c1e7b3d5a8c6e0f1b2d3a4c5e6f,2024-01-01']);
  fixture.findsNothing(t, 'config-meta', [seed]);
  code.finds(t, 'raw-code', [
    ['FIVETRAN_API_SECRET=4CZP011xfaUIaw5NSba6vMiIuji1Iu9n', '4CZP011xfaUIaw5NSba6vMiIuji1Iu9n'],
    ['fivetran_api_key: be1a1fcb4d5a3f9c6c0d8e1e7a7e2d4e', 'be1a1fcb4d5a3f9c6c0d8e1e7a7e2d4e'],
    ['-- fivetran api secret: 4CZP011xfaUIaw5NSba6vMiIuji1Iu9n', '4CZP011xfaUIaw5NSba6vMiIuji1Iu9n'],
    // a system column before the vendor's name in another row
    ['id,_fivetran_synced\n1,2024-01-01\n{% set fivetran_secret = "4CZP011xfaUIaw5NSba6vMiIuji1Iu9n" %}', '4CZP011xfaUIaw5NSba6vMiIuji1Iu9n'],
  ]);
  fixture.finds(t, 'config-meta', [['name,fivetran_api_secret\nprod,4CZP011xfaUIaw5NSba6vMiIuji1Iu9n', '4CZP011xfaUIaw5NSba6vMiIuji1Iu9n']]);
});

t.test("a web framework's anti-forgery token in a link signs nobody in; an access token in a link does", async (t) => {
  // GitLab's analytics project, transform/snowflake-dbt/models/common/schema.yml (dim_crm_person.has_opted_out_email)
  const setup = 'https://gitlab.my.salesforce.com/_ui/common/config/field/StandardFieldAttributes/d?id=HasOptedOutOfEmail&type=Lead';
  const guard = 'VmpFPSxNakF5TVMwd09TMHhNMVF4T1Rvd056b3hNeTR3T0RKYSxwMVlkUEdVTWhCVUhVcDRZV0ZPOExYLFl6UTNNekF5';
  prose.findsNothing(t, 'free-text', [
    `A built in Salesforce field on the [lead](${setup}&retURL=%2Fp%2Fsetup%2Flayout&_CONFIRMATIONTOKEN=${guard}&setupid=LeadFields) object.`,
    'Submitted from https://app.example.com/orders?authenticity_token=Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vBVmpFPSxNakF5&commit=Save',
    'Posted with https://app.example.com/forms?__RequestVerificationToken=CfDJ8NrAkS2bL9YkZtZwQm7m1HHk4wQ9zLmP2xR7vBqq&id=4',
  ]);
  prose.finds(t, 'free-text', [
    [`See ${setup}&_CONFIRMATIONTOKEN=${guard}&access_token=Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB`, 'Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB'],
    ['Export link: https://api.example.com/v1/export?token=Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB&format=csv', 'Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB'],
    ['Confirm with https://app.example.com/users/confirmation?confirmation_token=Hk4wQ9zLmP2xR7vBk3Jd', 'Hk4wQ9zLmP2xR7vBk3Jd'],
  ]);
});

t.test("a numbered column's name under a numbered token's, and a swap's sell token, are no secret", async (t) => {
  code.findsNothing(t, 'raw-code', [
    // duneanalytics/spellbook, curvefi_ethereum_tvl_daily.sql: a macro's arguments naming a pool table's columns
    "{{\n    enrich_dex_pools_balances(\n          pools_table = ref('curve_ethereum_view_pools')\n        , token0 = 'coin0'\n        , token1 = 'coin1'\n        , token2 = 'coin2'\n        , token3 = 'coin3'\n    )\n}}",
    // duneanalytics/spellbook, zeroex_settler_txs_cte.sql: the coin a swap sells, a calldata word named in a comment
    '    -- permit-class sell token: word1 last 20 bytes (left-padded address), gated on the take/VIP\n    -- selector whitelist + zero word1 padding + positive permitted amount + non-native token.',
    "{{ zeroex_quote(sellToken = 'WETH', buy_token = 'usdc2') }}",
  ]);
  code.finds(t, 'raw-code', [
    ["{{ enrich_dex_pools_balances(token0 = 'Hk4wQ9zLmP2xR7vBk3Jd') }}", 'Hk4wQ9zLmP2xR7vBk3Jd'],
    ["{% set token = 'ghp_Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vBk3Jd' %}", 'ghp_Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vBk3Jd'],
    ['    -- api token: Hk4wQ9zLmP2xR7vB (the partner API)', 'Hk4wQ9zLmP2xR7vB'],
    ['    -- token: word1 (the partner API)', 'word1'],
    // a paging word only as a word of its own: Statuspage's token (trufflehog's sample, red team 73)
    ["-- statuspage export\n/*\nstatuspage token = '0c8xiakjyy42sep7fs17pzq08ra0e4aj04uq'\n*/", '0c8xiakjyy42sep7fs17pzq08ra0e4aj04uq'],
    // under an unnumbered token's or a password's name, a word and a number stay a person's password
    ["{{ connect(token = 'hunter2') }}", 'hunter2'],
    // a numbered name's value that goes on no series: a person's password (red team 88)
    ["{{ connect(token2 = 'hunter22') }}", 'hunter22'],
    ["{{ connect(apikey1 = 'tiger12') }}", 'tiger12'],
    // a credential's token named in a comment: only a swap's coins are no secret there (red team 88)
    ['    -- remote cache token: Hk4wQ9zLmP2xR7vB', 'Hk4wQ9zLmP2xR7vB'],
    // a swap's word before a token's name, and a token's shape after it (red team 88)
    ['    -- buy token: Xq7mT2vK9pLw4RzN8bY3cHd6JfUe1Sa5', 'Xq7mT2vK9pLw4RzN8bY3cHd6JfUe1Sa5'],
    ['    -- password: Hk4wQ9zLmP2xR7vB', 'Hk4wQ9zLmP2xR7vB'],
  ]);
});

t.test("a list of columns and a coin's name and symbol in a VALUES row are no name and its secret", async (t) => {
  code.findsNothing(t, 'raw-code', [
    // duneanalytics/spellbook, dex/tests/generic/check_dex_base_liquidity_seed.sql
    "{%- set seed_check_columns = ['block_number','id','token0','token1','amount0_raw','amount1_raw'] -%}",
    // duneanalytics/spellbook, tokens/models/tokens/gnosis/tokens_gnosis_nft_curated.sql
    "SELECT contract_address, name, symbol FROM (VALUES\n  (0x7762e6b6f9d92e4db4d12ed4386d6e2084df577c, 'TestToken0821', 'TV0821'),\n  (0x0d5e39b5d935a02ddd46472517f74a09542f8773, 'TestToken0822', 'TT0822')\n) AS temp_table (contract_address, name, symbol)",
  ]);
  code.finds(t, 'raw-code', [
    ["{%- set header = ['token1', 'Hk4wQ9zLmP2xR7vBk3Jd'] -%}", 'Hk4wQ9zLmP2xR7vBk3Jd'],
    ["insert into app_settings values (1, 'api_token', 'Hk4wQ9zLmP2xR7vB'), (2, 'timeout', '30')", 'Hk4wQ9zLmP2xR7vB'],
    // a setting's key, not a coin's display name: its short value is a PIN, not a ticker (red team 88)
    ["insert into app_settings values ('auth_token', 'PIN48291')", 'PIN48291'],
    ["(0x7762e6b6f9d92e4db4d12ed4386d6e2084df577c, 'TestToken0821', 'TV0821x9Qm2Lp7Hk4w'),", 'TV0821x9Qm2Lp7Hk4w'],
    // a password's column: capitals and digits are a password's
    ["insert into app_settings values (3, 'password', 'PASS1234')", 'PASS1234'],
  ]);
});

t.test("a Solana mint's address selected as a token beside a chain's name is public on the chain", async (t) => {
  // duneanalytics/spellbook, lido_accounting_ethereum_other_income.sql
  const stSol = '7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj';
  code.findsNothing(t, 'raw-code', [
    `, stsol_income as (\n\tselect\n\t\ti.period\n\t\t, '${stSol}' as token\n\t\t, coalesce(i.delta, 0) as amount_token\n\t\t, i.tx_id as evt_tx_hash\n\t\t, 'solana' as blockchain\n\tfrom stsol_transfers i\n)`,
    `where i.token_mint_address = '${stSol}'\n), x as (select '${stSol}' as token from y)`,
  ]);
  code.finds(t, 'raw-code', [
    // no chain named: a token of the same shape
    [`select '${stSol}' as token, 'prod' as env`, stSol],
    // not base58 (a 0 and an l): no address
    ["select 'Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB0l' as api_token, 'solana' as blockchain", 'Hk4wQ9zLmP2xR7vBk3JdQ9zLmP2xR7vB0l'],
    [`select '${stSol}' as private_key, 'solana' as blockchain`, stSol],
    // a credential's column, or only a supply chain named (red team 88)
    [`select '${stSol}' as api_token, 'solana' as blockchain`, stSol],
    [`-- supply chain partner feed\nselect '${stSol}' as token`, stSol],
  ]);
});

t.test("a pair's second literal may name the next: a name, then a secret's name, then the secret", async (t) => {
  // (the search went on after a pair whose name is none, past the secret's name: found while writing the cases above)
  code.finds(t, 'raw-code', [
    ["insert into service_credentials values ('svc_loader', 'password', 'Hk4wQ9zLmP2xR7vB')", 'Hk4wQ9zLmP2xR7vB'],
    ["{%- set entry = ['svc_loader', 'api_token', 'Hk4wQ9zLmP2xR7vBk3Jd'] -%}", 'Hk4wQ9zLmP2xR7vBk3Jd'],
  ]);
  code.findsNothing(t, 'raw-code', [
    "decode(kind, 'password', 'Login', 'token', 'Bearer')",
    "where setting_name in ('svc_loader', 'password', 'password_policy')",
  ]);
});
