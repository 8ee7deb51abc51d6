/**
 * Work done once, when the command line's bundle is built, instead of at every start: the anchors
 * the pre-filter derives from the registry's patterns (anchors.ts, anchor-steps.ts and the keyword
 * anchors of prefilter.ts), about 50 ms of each start. scripts/code-cache.mjs records what a scan
 * of the bundled sample works out; bin/load-cli.js hands the table to the bundle (checked against
 * the bundle it was recorded with) before it runs, in a global slot, since the anchors of the
 * token formats are worked out while the bundle loads.
 *
 * Each entry is keyed by everything its value is a function of (a pattern's source and flags, the
 * keywords), so it can only stand for its own input; a key not in the table, or no table (the
 * tests, the API), is worked out as usual. Worker threads started from the bundle read the table as
 * the main thread does; the keyword helper, a module of its own, is given the stepped anchors.
 */
import { hash } from 'node:crypto';

/** The global slot the loader fills: `record` (the build) fills `tables` instead of reading them. */
export const PREPARED_SLOT = Symbol.for('@dbt-tools/lint prepared');

interface Slot {
  record: boolean;
  tables: Record<string, Record<string, unknown>>;
}

/** For tests: entries read from the table, entries worked out. */
export const PREPARED_COUNTS = { read: 0, worked: 0 };

export interface Codec<T, E> {
  encode(value: T): E;
  decode(data: E): T;
}

const slot = (): Slot | undefined => (globalThis as Record<symbol, Slot | undefined>)[PREPARED_SLOT];

/** `compute()`, or its value as the table holds it under `key`. */
export function prepared<T, E>(table: string, key: string, compute: () => T, codec: Codec<T, E>): T {
  const given = slot();
  const entries = given?.tables[table];
  if (given && !given.record && entries && Object.hasOwn(entries, key)) {
    PREPARED_COUNTS.read++;
    return codec.decode(entries[key] as E);
  }
  PREPARED_COUNTS.worked++;
  const value = compute();
  if (given?.record) (given.tables[table] ??= {})[key] = codec.encode(value);
  return value;
}

/**
 * The tables `names` as this thread reads them, for a worker thread to read too (see readPreparedTables); undefined
 * when there are none (or they are being recorded).
 */
export function preparedTables(names: readonly string[]): Slot['tables'] | undefined {
  const given = slot();
  if (!given || given.record) return undefined;
  const tables: Slot['tables'] = {};
  for (const name of names) if (given.tables[name]) tables[name] = given.tables[name];
  return tables;
}

/** In a worker thread that does not load the bundle: read the tables its starter passed on (from preparedTables). */
export function readPreparedTables(tables: Slot['tables'] | undefined): void {
  if (tables && slot() === undefined) (globalThis as Record<symbol, Slot | undefined>)[PREPARED_SLOT] = { record: false, tables };
}

/** A short key for a long input (every keyword and anchor of the registry). */
export function digestKey(parts: readonly string[]): string {
  // one call, not a hash object per key: the registry's 300 patterns are keyed at every start
  return hash('sha256', parts.join('\u0000'), 'base64');
}
