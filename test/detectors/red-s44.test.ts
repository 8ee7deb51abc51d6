/**
 * Session 44: red team 49 (the peer scanners' formats planted where dbt leaks them) missed services'
 * keys under `<service>_key`, where the format's pattern wants the name written right before the value;
 * red team 50 (workflows) saw a double-quoted SQL password cut at a backslash-escaped quote, and
 * `redact` then left the rest of it. Each case names the exact secret, or none.
 */
import t from 'tap';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { checkDetector as check } from './detector-cases.js';

check(secretKeyNameDetector, [
  { label: "Okta's API token under okta_key", key: 'okta_key', text: '00sQ7vKp2mXw9LrT4bNc8HdZ1fJy6GtRa3UeWq5Ms0', secrets: ['00sQ7vKp2mXw9LrT4bNc8HdZ1fJy6GtRa3UeWq5Ms0'] },
  { label: "Codecov's token under CODECOV_KEY", key: 'DBT_ENV_CUSTOM_ENV_CODECOV_KEY', text: 'r8m2k5q9x1v7c3b6n4z0t8y2w5u1p9s3', secrets: ['r8m2k5q9x1v7c3b6n4z0t8y2w5u1p9s3'] },
  { label: "Fastly's API token", key: 'fastly_key', text: '4APCudTGRkXYVKRQjgIen6rVzULgsmWc', secrets: ['4APCudTGRkXYVKRQjgIen6rVzULgsmWc'] },
  // stay silent
  { label: 'linear is a word before it is a service', key: 'linear_key', text: 'k7x2m9q4v1c8b5n3z6t0y2w8u4p1s7r3', secrets: [] },
  { label: "a Looker view's primary key is a column", key: 'looker_primary_key', text: 'order_id', secrets: [] },
  { label: "Algolia's key of no kind may be its search key", key: 'algolia_key', text: 'bv194mqmzix6mnhh32nnhnwbco7s6sr2', secrets: [] },
]);

check(sqlCredentialDetector, [
  { label: 'a double-quoted password with a backslash-escaped quote', text: 'create user x identified by "Tq8\\"Lm3WxR";', secrets: ['Tq8\\"Lm3WxR'] },
  { label: 'the same after PASSWORD', text: 'alter user x password "Ab3\\"xYz9Qw";', secrets: ['Ab3\\"xYz9Qw'] },
  { label: 'SET PASSWORD FOR … = "…"', text: 'SET PASSWORD FOR etl = "Kq2\\"mV8pLx"', secrets: ['Kq2\\"mV8pLx'] },
  { label: "standard SQL's backslash before the closing quote", text: 'create user x identified by "C:\\path\\";', secrets: ['C:\\path\\'] },
  { label: 'a quote written twice', text: 'create user y password "Pa""ss9w0rdX";', secrets: ['Pa""ss9w0rdX'] },
]);

t.pass('cases above');
