/**
 * Manifests grown from real content: the nodes and sources of the real v12 manifests in
 * ../shared/corpus/real, repeated under new unique ids until the file reaches the size asked for,
 * with one real manifest's macros, docs and metadata around them. Real projects are full of the
 * words secret keywords are made of (`unique_key`, `path`, `passed`, `token_count`), which
 * synthetic text avoids. The corpus holds no secret: every finding on these files is a false positive.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writer, writeTail } from './generate.js';

export const CORPUS = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real');

/** The v12 manifests of the corpus (dbt 1.9 to 2.0). */
const SOURCES = [
  'dbt-artifacts-parser/manifest_v12_dbt1.9.json',
  'dbt-bouncer/dbt_20_manifest.json',
  'dbt-bouncer/dbt_112_manifest.json',
  'global-trade/manifest_v12_dbt1.11.7_large.json',
];

export function corpusPresent(): boolean {
  return SOURCES.every((f) => existsSync(path.join(CORPUS, f)));
}

/** [id, value, which corpus manifest it came from]: two corpus manifests share node ids. */
type Entries = [string, Record<string, unknown>, number][];

interface Pool {
  nodes: Entries;
  sources: Entries;
  /** One real manifest, whose metadata, macros and docs frame the grown file. */
  frame: Record<string, unknown>;
}

function load(): Pool {
  const manifests = SOURCES.map((f) => JSON.parse(readFileSync(path.join(CORPUS, f), 'utf8')) as Record<string, Record<string, Record<string, unknown>>>);
  return {
    nodes: manifests.flatMap((m, source) => Object.entries(m['nodes'] ?? {}).map(([id, node]): Entries[number] => [id, node, source])),
    sources: manifests.flatMap((m, source) => Object.entries(m['sources'] ?? {}).map(([id, node]): Entries[number] => [id, node, source])),
    frame: manifests[0]!,
  };
}

/** A copy of a node under a new id: `model.jaffle_shop.orders` from manifest 1 → `model.jaffle_shop.orders_m1_c12`. */
function renamed([id, node, source]: Entries[number], copy: number): [string, string] {
  const newId = `${id}_m${source}_c${copy}`;
  return [newId, JSON.stringify({ ...node, unique_id: newId })];
}

/** Copies of `entries` under new ids, at least one whole copy, until the file reaches `end` bytes; their ids. */
function writeCopies(w: Writer, entries: Entries, end: number): string[] {
  const ids: string[] = [];
  for (let copy = 0; w.size < end || copy === 0; copy++) {
    for (const entry of entries) {
      if (copy > 0 && w.size >= end) break;
      const [newId, json] = renamed(entry, copy);
      w.write(`${ids.length ? ', ' : ''}${JSON.stringify(newId)}: ${json}`);
      ids.push(newId);
    }
  }
  return ids;
}

/** Write a one-line manifest of about `bytes` bytes grown from the corpus; returns its size. */
export function writeCorpusManifest(file: string, bytes: number): number {
  const pool = load();
  const w = new Writer(file);
  const frame = pool.frame;
  const macros = JSON.stringify(frame['macros']);
  // nodes and sources fill what the frame (macros, docs, maps) leaves
  const body = Math.max(0, bytes - macros.length);
  w.write(`{"metadata": ${JSON.stringify(frame['metadata'])}, "nodes": {`);
  // sources take about a tenth of what nodes take in the corpus: keep that proportion
  const sourceShare = 0.08;
  const ids = writeCopies(w, pool.nodes, body * (0.9 - sourceShare));
  w.write('}, "sources": {');
  writeCopies(w, pool.sources, body * 0.9);
  w.write(`}, "macros": ${macros}, "docs": ${JSON.stringify(frame['docs'])}`);
  writeTail(w, ids);
  return w.close();
}
