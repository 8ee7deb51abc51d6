/** What discovery gives the scan (local files: discover.ts; objects in buckets: discover-remote.ts). */

/** A file to read. `required` files must be dbt artifacts; others are skipped when they are not. */
export interface Candidate {
  file: string;
  required: boolean;
  /** The PATH argument it came from, for error messages. */
  origin: string;
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
