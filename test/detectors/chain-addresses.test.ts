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
