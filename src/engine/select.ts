/**
 * Archive audits: of the candidates a PATH names, keep the folders (runs) touched since a time,
 * and one shard of a stable partition, so that a CI matrix or an array job splits an archive and
 * the union of the shards is the whole. A folder is kept or left whole: its manifest and run
 * results stay together (stale-artifacts pairs them, run results take the manifest's nodes).
 */
import { createHash } from 'node:crypto';
import type { Candidate } from '../artifacts/discover.js';
import { runFolder } from '../artifacts/candidate.js';
import { artifactModified } from '../sources/index.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface Selection {
  /** Candidate files found, and the folders they are in. */
  listed: number;
  folders: number;
  /** Files left out by `since`, and by `shard`. */
  skippedSince: number;
  skippedShard: number;
}

/** The shard a folder falls in (1-based): the same on every machine and in every run. */
export function shardOf(folder: string, count: number): number {
  return (createHash('sha256').update(folder).digest().readUInt32BE(0) % count) + 1;
}

/**
 * Whether a folder that a glob matched and that holds no artifact (a run whose job failed before dbt wrote one) is
 * said in this run: in its own shard, as the runs beside it are, and only when modified since `since` (a nightly
 * `--since 24h` audit said one old failed run every night, failing each one).
 */
export function selectsFailedFolder(folder: string, options: { since?: number | undefined; shard?: Shard | undefined; shownAs?: ((folder: string) => string) | undefined }): boolean {
  if (options.shard && shardOf(options.shownAs ? options.shownAs(folder) : folder, options.shard.count) !== options.shard.index) return false;
  return options.since === undefined || (artifactModified(folder) ?? Infinity) >= options.since;
}

/**
 * The selection with the archives that the archive step left out (not unpacked, or whose errors are another shard's):
 * each counted as one file in a folder of its own, so that a shard that holds only other shards' archives passes.
 */
export function withSkippedArchives(selection: Selection, skipped: { skippedSince: number; skippedShard: number }): Selection {
  const archives = skipped.skippedSince + skipped.skippedShard;
  return {
    listed: selection.listed + archives,
    folders: selection.folders + archives,
    skippedSince: selection.skippedSince + skipped.skippedSince,
    skippedShard: selection.skippedShard + skipped.skippedShard,
  };
}

export function selectCandidates(
  candidates: readonly Candidate[],
  options: { since?: number | undefined; shard?: Shard | undefined; shownAs?: ((folder: string) => string) | undefined },
): { kept: Candidate[]; selection: Selection } {
  const byFolder = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const folder = runFolder(c);
    const list = byFolder.get(folder);
    if (list) list.push(c);
    else byFolder.set(folder, [c]);
  }
  const selection: Selection = { listed: candidates.length, folders: byFolder.size, skippedSince: 0, skippedShard: 0 };
  const left = new Set<Candidate>();
  for (const [folder, files] of byFolder) {
    if (options.shard && shardOf(options.shownAs ? options.shownAs(folder) : folder, options.shard.count) !== options.shard.index) {
      selection.skippedShard += files.length;
      for (const f of files) left.add(f);
    } else if (options.since !== undefined && !files.some((f) => (artifactModified(f.file) ?? Infinity) >= options.since!)) {
      selection.skippedSince += files.length;
      for (const f of files) left.add(f);
    }
  }
  return { kept: candidates.filter((c) => !left.has(c)), selection };
}
