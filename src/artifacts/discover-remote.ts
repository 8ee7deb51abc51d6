/**
 * PATHs that are object-store URLs: an object, a folder (key prefix) or a glob over keys, with
 * the rules of local paths. One listing from the longest literal prefix; the folders and files
 * are then picked from it with micromatch, as the local walk picks them from directories.
 */
import micromatch from 'micromatch';
import { InputError } from '../errors.js';
import type { ObjectInfo } from '../sources/providers/types.js';
import { storeFor } from '../sources/remote-store.js';
import { parseRemote, remoteUrl, type RemoteUrl } from '../sources/url.js';
import { ARTIFACT_NAMES, isHtmlFile, mayBeArtifact, notRead, PARTIAL_PARSE, STATIC_DOCS, type Candidate } from './candidate.js';
import { byDbtLogOrder, isCompiledModelName, isLogsFile } from './text-files.js';
import { archiveFormat } from './archive-format.js';
import { isDocsPage } from './html.js';

export function remoteCandidates(input: string, options: { onWarning?: (message: string) => void } = {}): Candidate[] {
  const url = parseRemote(input);
  const store = storeFor(url.scheme);
  const { isGlob, base } = micromatch.scan(url.key);
  if (isGlob) {
    const prefix = base === '' ? '' : `${base.replace(/\/+$/, '')}/`;
    const objects = store.list(url, prefix, input);
    const { found, skipped, archives } = globCandidates(url, objects, input);
    // the archives it matched are copied and read before discovery (archive.ts): what else it matched may hold nothing
    if (found.length === 0 && archives.length > 0) {
      if (skipped.length > 0) options.onWarning?.(notRead(input, skipped.map((key) => remoteUrl(url.scheme, url.bucket, key)), 'object'));
      return [];
    }
    if (found.length === 0 && skipped.length > 0) throw new InputError(`${input}: the glob matched ${count(skipped.length)} (${remoteUrl(url.scheme, url.bucket, skipped[0]!)}${skipped.length > 1 ? ', …' : ''}) and no artifact: dbt writes JSON (and a docs page, partial_parse.msgpack, rendered .sql and .py, dbt.log)`);
    if (found.length === 0) throw new InputError(`${input}: the glob matched no object (${count(objects.length)} listed under ${remoteUrl(url.scheme, url.bucket, prefix)})`);
    if (skipped.length > 0) options.onWarning?.(notRead(input, skipped.map((key) => remoteUrl(url.scheme, url.bucket, key)), 'object'));
    return found;
  }
  const key = url.key.replace(/\/+$/, '');
  const objects = store.list(url, key, input);
  if (key !== '' && !url.key.endsWith('/') && objects.some((o) => o.key === key)) return [{ file: input, required: true, origin: input }];
  const inFolder = objects.filter((o) => key === '' || o.key.startsWith(`${key}/`));
  const found = folderCandidates(url, key, inFolder, input);
  if (found.length === 0) {
    const where = remoteUrl(url.scheme, url.bucket, key === '' ? '' : `${key}/`);
    throw new InputError(`${where}: no dbt artifact found (${count(inFolder.length)} listed; looked for manifest.json, run_results.json, catalog.json, sources.json)${archiveHint(url, key, inFolder)}`);
  }
  // the folder's listing does not reach its parent: one more, of the logs/ folder (dbt.log, its backups, Fusion's query log)
  const logs = logsBesideTarget(key);
  if (logs !== undefined) for (const log of dbtLogsAmong(store.list(url, `${logs}/`, input), logs)) found.push({ file: remoteUrl(url.scheme, url.bucket, log), required: false, origin: input, folder: remoteUrl(url.scheme, url.bucket, key) });
  return found;
}

/**
 * The logs/ folder beside a folder named `target` (a CI job's upload of target/ and logs/), as on disk (text-files.ts):
 * the key it would have, or undefined for a folder of another name.
 */
function logsBesideTarget(dir: string): string | undefined {
  const parts = dir.split('/');
  if (parts[parts.length - 1] !== 'target') return undefined;
  return [...parts.slice(0, -1), 'logs'].join('/');
}

/** The keys of dbt.log and its backups (dbt.log.1, …), then Fusion's query_log.sql, directly in the folder `logs`, in their order. */
function dbtLogsAmong(objects: readonly ObjectInfo[], logs: string): string[] {
  return objects
    .map((o) => o.key)
    .filter((key) => key.startsWith(`${logs}/`) && !below(logs, key).includes('/') && isLogsFile(key))
    .sort(byDbtLogOrder);
}

function count(n: number): string {
  return `${n} object${n === 1 ? '' : 's'}`;
}

/** The part of `key` below the folder `dir` ('' is the bucket's root). */
function below(dir: string, key: string): string {
  return dir === '' ? key : key.slice(dir.length + 1);
}

/**
 * What a target folder holds: *.json, static_index.html and partial_parse.msgpack directly in it, and the pages beside
 * them that have an artifact inlined (a docs site's index.html, told by content as on disk: red team 98); rendered
 * models (SQL, Python) under compiled/ and run/.
 */
function folderCandidates(url: RemoteUrl, dir: string, objects: readonly ObjectInfo[], origin: string): Candidate[] {
  const out: Candidate[] = [];
  const texts: Candidate[] = [];
  for (const o of objects) {
    const rest = below(dir, o.key);
    const file = remoteUrl(url.scheme, url.bucket, o.key);
    if (!rest.includes('/') && (rest.endsWith('.json') || rest === STATIC_DOCS || rest === PARTIAL_PARSE)) out.push({ file, required: ARTIFACT_NAMES.has(rest), origin });
    // (read up to the first inlined artifact's start; dbt's own index.html, which loads the JSON beside it, is no candidate)
    else if (!rest.includes('/') && isHtmlFile(rest) && isDocsPage(file)) out.push({ file, required: false, origin });
    else if (/^(?:compiled|run)\/./.test(rest) && isCompiledModelName(rest)) texts.push({ file, required: false, origin, folder: remoteUrl(url.scheme, url.bucket, dir) });
  }
  if (out.length + texts.length > 0) return [...out.sort(byFile), ...texts.sort(byFile)];
  // a dbt project folder (or any folder: a CI job's upload of target/ and logs/) whose target/ holds the artifacts; the log beside it
  const target = dir === '' ? 'target' : `${dir}/target`;
  const inTarget = objects.filter((o) => o.key.startsWith(`${target}/`));
  if (inTarget.length === 0) return [];
  const found = folderCandidates(url, target, inTarget, origin);
  const logs = dir === '' ? 'logs' : `${dir}/logs`;
  if (found.length > 0) for (const log of dbtLogsAmong(objects, logs)) found.push({ file: remoteUrl(url.scheme, url.bucket, log), required: false, origin, folder: remoteUrl(url.scheme, url.bucket, target) });
  return found;
}

/**
 * The archive objects a glob over keys matches (`s3://acme-dbt/runs/*` over run-2.zip), by URL, and whether it matched
 * anything else that discovery reads: archive.ts copies and reads them as if each were given as a PATH. None for a URL
 * that is no glob.
 */
export function remoteArchivesMatching(input: string): { archives: string[]; others: boolean } {
  const url = parseRemote(input);
  const { isGlob, base } = micromatch.scan(url.key);
  if (!isGlob) return { archives: [], others: true };
  // (the store keeps the listing: discovery's walk of the glob does not list again)
  const objects = storeFor(url.scheme).list(url, base === '' ? '' : `${base.replace(/\/+$/, '')}/`, input);
  const { found, skipped, archives } = globCandidates(url, objects, input);
  return { archives: archives.map((key) => remoteUrl(url.scheme, url.bucket, key)), others: found.length + skipped.length > 0 };
}

/** Objects the glob names, and the folders it names (their artifacts, as for a folder given as PATH); the archives, by key. */
function globCandidates(url: RemoteUrl, objects: readonly ObjectInfo[], origin: string): { found: Candidate[]; skipped: string[]; archives: string[] } {
  const matches = micromatch.matcher(url.key.replace(/\/+$/, ''), { dot: false });
  // a glob that ends in `/` names folders only, as on disk
  const foldersOnly = url.key.endsWith('/');
  const folders = new Map<string, ObjectInfo[]>();
  const files: Candidate[] = [];
  // objects the glob matched whose type no artifact has (a README beside the runs): not read, as on disk
  const skipped: string[] = [];
  const archives: string[] = [];
  for (const o of objects) {
    // the shortest folder above the object that the glob names takes it (the local walk stops there too)
    const parts = o.key.split('/');
    let folder: string | undefined;
    for (let i = 1; i < parts.length && folder === undefined; i++) {
      const dir = parts.slice(0, i).join('/');
      if (matches(dir)) folder = dir;
    }
    if (folder !== undefined) {
      const list = folders.get(folder);
      if (list) list.push(o);
      else folders.set(folder, [o]);
    } else if (matches(o.key) && !foldersOnly) {
      const name = parts[parts.length - 1]!;
      if (mayBeArtifact(o.key)) files.push({ file: remoteUrl(url.scheme, url.bucket, o.key), required: ARTIFACT_NAMES.has(name), origin });
      else if (archiveFormat(o.key) !== undefined) archives.push(o.key);
      else skipped.push(o.key);
    }
  }
  // (the listing, from the glob's literal prefix, holds the logs beside `runs/*/target` too)
  const fromFolders = [...folders.keys()].sort().flatMap((dir) => {
    const found = folderCandidates(url, dir, folders.get(dir)!, origin);
    const logs = logsBesideTarget(dir);
    if (found.length > 0 && logs !== undefined) for (const log of dbtLogsAmong(objects, logs)) found.push({ file: remoteUrl(url.scheme, url.bucket, log), required: false, origin, folder: remoteUrl(url.scheme, url.bucket, dir) });
    return found;
  });
  return { found: [...fromFolders, ...files.sort(byFile)], skipped, archives: archives.sort() };
}

function byFile(a: Candidate, b: Candidate): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** A folder of runs is not scanned whole: name the glob that would scan them. */
function archiveHint(url: RemoteUrl, dir: string, objects: readonly ObjectInfo[]): string {
  const direct = new Set<string>();
  const inTarget = new Set<string>();
  for (const o of objects) {
    const parts = below(dir, o.key).split('/');
    const name = parts[parts.length - 1]!;
    // (any JSON, as a scan of the folder reads: artifacts kept under names of their own count too)
    if (!ARTIFACT_NAMES.has(name) && !name.endsWith('.json')) continue;
    if (parts.length === 2) direct.add(parts[0]!);
    else if (parts.length === 3 && parts[1] === 'target') inTarget.add(parts[0]!);
  }
  const total = direct.size + inTarget.size;
  if (total === 0) return '';
  const base = remoteUrl(url.scheme, url.bucket, dir === '' ? '' : `${dir}/`);
  const glob = inTarget.size > direct.size ? `${base}*/target` : `${base}*/`;
  return `; ${total} of its subfolders ${total === 1 ? 'holds' : 'hold'} artifacts: to scan them all, pass a glob such as '${glob}'`;
}
