/** What discovery gives the scan (local files: discover.ts; objects in buckets: discover-remote.ts). */
import path from 'node:path';
import { textFileKind } from './text-files.js';

/** A file to read. `required` files must be dbt artifacts; others are skipped when they are not. */
export interface Candidate {
  file: string;
  required: boolean;
  /** The PATH argument it came from, for error messages. */
  origin: string;
  /**
   * The target folder a rendered model or a log was found for (its compiled/ and run/ files, the logs/dbt.log beside
   * it): what keeps a run together in a shard and in a --since choice (a worker's units stay folders:
   * a large compiled/ tree is scanned beside the manifest). Absent for a file in the folder
   * itself, or named alone.
   */
  folder?: string;
  /** Why it cannot be read, known at discovery (a folder of rendered models that cannot be listed): an unreadable input, not read. */
  unreadable?: string;
  /**
   * Discovery's whole error for this input, which names it: one of several PATHs, or a folder a glob matched, that holds
   * no artifact or cannot be read. An unreadable input, not read; the others are scanned.
   */
  failed?: string;
}

/** The run a candidate belongs to: its target folder (see Candidate.folder). */
export function runFolder(c: Candidate): string {
  return c.folder ?? path.posix.dirname(c.file);
}

/** `dbt docs generate --static` inlines the manifest and catalog into this page. */
export const STATIC_DOCS = 'static_index.html';

/** What every `dbt parse` leaves for the next one: the whole Manifest in MessagePack. */
export const PARTIAL_PARSE = 'partial_parse.msgpack';

/**
 * The names dbt gives its artifacts; in a directory these must be valid artifacts. Not graph_summary.json and
 * perf_info.json: they hold node names and timings only, and a name that common is no promise of dbt's shape (a
 * folder scan reads them when recognize.ts knows their shape, and leaves them, without an error, when not).
 */
export const ARTIFACT_NAMES = new Set(['manifest.json', 'run_results.json', 'catalog.json', 'sources.json', 'semantic_manifest.json', STATIC_DOCS, PARTIAL_PARSE]);

/** A MessagePack file, read by engine/msgpack-scan.ts rather than as JSON text. */
export const isMsgpackFile = (file: string) => file.endsWith('.msgpack');

/** An HTML file by its name (`.html`, `.htm`, any case): a page that may inline artifacts (see html.ts isDocsPage). */
export const isHtmlFile = (file: string) => /\.html?$/i.test(file);

/**
 * Whether a file a glob matched may be an artifact by its name (a local file or an object's key): what a target
 * folder's scan reads, JSON, the docs page, the partial parse, rendered models, the log. Not a README or a picture
 * beside the runs that `runs/*` matches too.
 */
export function mayBeArtifact(file: string): boolean {
  return file.endsWith('.json') || file.endsWith('.html') || file.endsWith('.msgpack') || textFileKind(file) !== undefined;
}

/** The warning for what a glob matched and does not read (files, or a bucket's objects): how many, and the first. */
export function notRead(pattern: string, skipped: readonly string[], what: 'file' | 'object'): string {
  const one = skipped.length === 1;
  return `${pattern}: ${one ? `one ${what}` : `${skipped.length} ${what}s`} the glob matched ${one ? 'is' : 'are'} not read, as no artifact has ${one ? 'its' : 'their'} file type (${skipped[0]}${one ? '' : ', …'})`;
}
