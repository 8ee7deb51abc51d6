/**
 * Session 53: red team 64's misses in compiled SQL. `pass:` as the first word of a comment names a password (as a
 * config line's `pass:` does), not a test's status; a password that is the last word of its line after `password` is
 * taken in a person's shape (`-- TODO remove: snowflake password Maplewood2024*`); and a generator's password with a
 * run of letters (`Zqumpm08hsE8!`) is random, not words, after `password` and a space. Prose that goes on after a
 * value it names, or names no value, stays silent. Each case names the exact secret found, or that nothing is,
 * through the rule's keyword search and anchors.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const { finds, findsNothing } = ruleProbe('compiled_code');

t.test('pass: as the first word of a comment', async (t) => {
  finds(t, 'compiled-code', [
    ['select * from customers -- pass: Cedarwoodtree2024#', 'Cedarwoodtree2024#'],
    ['select 1 # pass: Cedarwoodtree2024#', 'Cedarwoodtree2024#'],
    ['select 1 /* pass: Cedarwoodtree2024# */', 'Cedarwoodtree2024#'],
    ['select 1\n-- pass: Zqumpm08hsE8!\nfrom t', 'Zqumpm08hsE8!'],
  ]);
  findsNothing(t, 'compiled-code', [
    '-- tests pass: 3 of 4',
    '-- pass: true',
    'select 1 -- pass: see vault entry',
    "select 1 -- pass: {{ env_var('PW') }}",
    // not a comment's first word: a test's status in prose
    'the tests pass: Cedarwoodtree2024#',
    'select 1 -- the bypass: Cedarwoodtree2024#',
  ]);
});

t.test('after password and a space: the last word of a line, or a generator\'s value with a run of letters', async (t) => {
  finds(t, 'compiled-code', [
    ['select 1\n-- TODO remove: snowflake password Maplewood2024*', 'Maplewood2024*'],
    ['-- TODO remove: snowflake password Maplewood2024*\nselect 1', 'Maplewood2024*'],
    // (a sentence's closing mark is left out of a value read from prose)
    ['select 1 -- snowflake password Zqumpm08hsE8!', 'Zqumpm08hsE8'],
    ['-- the password Zqumpm08hsE8 opens the loader role', 'Zqumpm08hsE8'],
  ]);
  findsNothing(t, 'compiled-code', [
    // prose goes on after a value it names, or ends a sentence with it
    '-- the password Reset-Policy#2 applies',
    'Passwords follow the password Reset-Policy#2.',
    // words, not a password's shape
    'select 1 -- password CustomerLifetimeValueV2',
    'rotate the token Quarterly2024',
    '-- reset the password policy',
    "-- password {{ env_var('SNOWFLAKE_PASSWORD') }}",
  ]);
});
