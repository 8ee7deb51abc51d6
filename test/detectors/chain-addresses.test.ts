/**
 * Session 38's hunt on public dbt projects: blockchain models (Dune's spellbook, Flipside's
 * ethereum-models) name contract addresses `token`, `op_token`, `maker_token`, and tables of
 * tokens give each a kind and a listing date. An EVM address (0x and 40 hex digits) is public on
 * its chain and a calendar date is a cell: neither is a secret under any name. A private key
 * (0x and 64 hex digits) under a secret's name still is.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import type { Detector } from '../../src/types.js';

const spans = (detector: Detector, text: string, key?: string) => detector.detect(text, { key }).map((m) => text.slice(m.start, m.end));
const ADDRESS = '0x1cEB5cB57C4D4E2b2433641b95Dd330A33185A44';
const PRIVATE_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';

t.test('an EVM address assigned to a token-named variable is no secret', async (t) => {
  t.same(spans(assignmentDetector, `{% set op_token = '${ADDRESS}' %}\nselect 1`), []);
  t.same(spans(assignmentDetector, `where _token = '${ADDRESS.toLowerCase()}' -- FRAX`), []);
  t.same(spans(assignmentDetector, `{{ balances(filter_mainnet_token = '${ADDRESS}') }}`), []);
  // a private key's 32 bytes, and a token of 40 characters without the 0x, still are
  t.same(spans(assignmentDetector, `{% set private_key = '${PRIVATE_KEY}' %}`), [PRIVATE_KEY]);
  t.same(spans(assignmentDetector, `{% set api_token = 'Zq3vR8mXk2PwL9tYb4NcH7sDf1Gj6aKe0uWo5iQz' %}`), ['Zq3vR8mXk2PwL9tYb4NcH7sDf1Gj6aKe0uWo5iQz']);
});

t.test("a unit test's CSV column of token addresses is no secret", async (t) => {
  const rows = `tx_hash,amount,keeper,token\n0xca1e${'0'.repeat(60)},0.11,0x9429cd74a3984396f3117d51cde46ea8e0e21487,${ADDRESS}`;
  t.same(spans(secretKeyNameDetector, rows, 'rows'), []);
  const keys = `id,private_key\n1,${PRIVATE_KEY}`;
  t.same(spans(secretKeyNameDetector, keys, 'rows'), [PRIVATE_KEY]);
});

t.test('a date in a row beside a secret-named label is no secret', async (t) => {
  const values = `values\n  (${ADDRESS}, 'Yearn yvDAI v2', 'Token', '2021-05-25'),\n  (${ADDRESS}, 'Pancakeswap v1', 'Protocol', '2021-04-26')`;
  t.same(spans(sqlCredentialDetector, values), []);
  t.same(spans(sqlCredentialDetector, `select set_config('app.api_token', '2021-05-25x7Qp', false)`), ['2021-05-25x7Qp']);
});

t.test('a padded constant and a spaced call expression are no secret', async (t) => {
  const wsol = `So${'1'.repeat(40)}2`;
  t.same(spans(assignmentDetector, `{% set wsol_token = '${wsol}' %}`), []);
  const credentials = `0x01${'0'.repeat(22)}${ADDRESS.slice(2).toLowerCase()}`;
  t.same(spans(assignmentDetector, `where withdrawal_credentials = '${credentials}'`), []);
  t.same(spans(assignmentDetector, `dict(methods.withdraw, secret="substr(call_input, 4 + 32*0 + 1, 32)")`), []);
  // a key with a short run, and a password with parentheses but no spaced arguments, still are
  t.same(spans(assignmentDetector, `{% set api_token = 'Zq3vR8mXk2PwL9tYb4NcH7sDf1Gj6aKe0000uWo5iQz' %}`), ['Zq3vR8mXk2PwL9tYb4NcH7sDf1Gj6aKe0000uWo5iQz']);
  t.same(spans(assignmentDetector, `secret="Wq7(vR2)pmZ9xKd4"`), ['Wq7(vR2)pmZ9xKd4']);
});

t.test("a row of a VALUES list names a thing, and its label is no secret", async (t) => {
  // Dune's spellbook: tables of NFT collections and exchanges, one row each (name, symbol or handle)
  const nfts = `select * from (values\n  (0xf115d1bf7e9ac1e5a6679322aabc0cbbdc370237, 'Cursed Egg', 'CURSEDEGG'),\n  (${ADDRESS}, 'FounderToken', 'FT_NFT'),\n  (0x71dc3049cd060aece04b6028a6ebf35301f2ee5a, 'IslandsWelcomePass', 'ISLN-WP')\n) as t (address, name, symbol)`;
  t.same(spans(sqlCredentialDetector, nfts), []);
  const mappings = `values\n    ('arrakis_finance','Arrakis Finance')\n    ,('collab_land_dao_pass', 'Collab.Land')\n    ,('Perpetualprotocol','Perpetual Protocol')`;
  t.same(spans(sqlCredentialDetector, mappings), []);
  // a label that repeats its row's name (`'LordToken', 'LordToken_off'`) is the name's handle, in a row or a call
  t.same(spans(sqlCredentialDetector, `, ('Liquid', 'Liquid_Global', TRUE, FALSE)\n , ('LordToken', 'LordToken_off', TRUE, FALSE)`), []);
  // a settings table's password row still is, with a digit or as a passphrase outside a row
  const settings = `insert into app_settings values ('db_user', 'loader'), ('db_password', 'Tr0ub4dor&3x'), ('region', 'eu-west-1')`;
  t.same(spans(sqlCredentialDetector, settings), ['Tr0ub4dor&3x']);
  t.same(spans(sqlCredentialDetector, `select set_config('app.api_token', 'Blue-Horse-Battery', false)`), ['Blue-Horse-Battery']);
});

t.test('text written in hex is judged as the text', async (t) => {
  // a DEX's fixture rows: `maker_token` holds an address, itself written out in hex
  const hexed = `0x${Buffer.from(ADDRESS.toLowerCase()).toString('hex')}`;
  const rows = `amount,maker_token,taker_token\n10446.65,${hexed},${ADDRESS}\n`;
  t.same(spans(secretKeyNameDetector, rows, 'rows'), []);
  // a password in hex is still a password, and a key's random bytes are not text
  const password = Buffer.from('hunter2-Xy9!q').toString('hex');
  t.same(spans(secretKeyNameDetector, `id,password\n1,${password}\n2,${PRIVATE_KEY}\n`, 'rows'), [password, PRIVATE_KEY]);
});

t.test('a call within calls is an expression, not a secret', async (t) => {
  const macro = `"token"         : "substr(cast(cast(json_extract_scalar(data, '$.token') as uint256) as varbinary), 13)",`;
  t.same(spans(assignmentDetector, macro), []);
  // parentheses that do not close where the value ends are a password's
  t.same(spans(assignmentDetector, `secret="Wq7(vR 2)pmZ9xKd4)"`), ['Wq7(vR 2)pmZ9xKd4)']);
  t.same(spans(assignmentDetector, `secret="f(a b)(c)"`), ['f(a b)(c)']);
});
