/**
 * Recognize a dbt artifact by its content: `metadata.dbt_schema_version` from 0.19 on, the shape
 * of the top-level keys before that and for semantic_manifest.json, graph_summary.json and
 * perf_info.json (which have no metadata). Never by file name; a MessagePack file is recognized as
 * the Manifest dbt keeps for partial parsing.
 */
import type { ArtifactInfo, ArtifactKind } from '../types.js';
import { InputError } from '../errors.js';

/** semantic_manifest.json's arrays of entries, and what dbt's ids call one of each. */
export const SEMANTIC_ENTRIES: ReadonlyMap<string, string> = new Map([
  ['semantic_models', 'semantic_model'],
  ['metrics', 'metric'],
  ['saved_queries', 'saved_query'],
]);

const SCHEMA_URL = /\/dbt\/(manifest|run-results|catalog|sources)\/v(\d+)\.json$/;

/** The newest schema version of each artifact we know; newer ones are scanned as the latest. */
export const KNOWN_VERSIONS: Partial<Record<ArtifactKind, number>> = { manifest: 12, 'run-results': 6, catalog: 1, sources: 3 };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An artifact to read, or why not. `broken`: the file says it is a dbt artifact but is not a whole one; what it
 * holds is read, and the run fails (an error even in a folder, where other JSON is passed over).
 */
export type Recognition = { ok: true; info: ArtifactInfo; broken?: string } | { ok: false; reason: string };

/**
 * The collection every artifact of a kind holds, in every schema version dbt has written (manifest v1–v12, run-results
 * v1–v6, catalog v1, sources v1–v3, and before 0.19): a file without it, or with null or a string there, was cut short
 * or rewritten, and reading what is left of it would pass as clean.
 */
const BODY: Partial<Record<ArtifactKind, readonly [key: string, shape: 'object' | 'array']>> = {
  manifest: ['nodes', 'object'],
  'run-results': ['results', 'array'],
  catalog: ['nodes', 'object'],
  sources: ['results', 'array'],
};

const shapeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Why a document recognized as `kind` is not a whole one, or undefined. */
function brokenBody(kind: ArtifactKind, document: Json): string | undefined {
  const body = BODY[kind];
  if (!body) return undefined;
  const [key, shape] = body;
  if (!(key in document)) return `it has no "${key}"`;
  const value = document[key];
  const fits = shape === 'array' ? Array.isArray(value) : isObject(value);
  return fits ? undefined : `its "${key}" is ${shapeOf(value)}, not ${shape === 'array' ? 'an array' : 'an object'}`;
}

const CUT_SHORT = '(cut short or rewritten? dbt writes it whole)';

/** `cutShort`: the document of a file cut short, closed where it was cut (see read.ts's CutShortError): a key written after the cut is not there. */
export function recognizeArtifact(document: unknown, cutShort = false): Recognition {
  if (!isObject(document)) return { ok: false, reason: 'the top-level JSON value is not an object' };
  const metadata = document.metadata;
  const schema = isObject(metadata) ? metadata.dbt_schema_version : undefined;
  if (typeof schema === 'string') {
    const m = SCHEMA_URL.exec(schema);
    if (!m) return { ok: false, reason: 'metadata.dbt_schema_version names no artifact this linter reads (manifest, run-results, catalog, sources)' };
    const kind = m[1] as ArtifactKind;
    const broken = brokenBody(kind, document);
    const read: Recognition = { ok: true, info: info(kind, Number(m[2]), metadata as Json, document) };
    return broken ? { ...read, broken: `metadata.dbt_schema_version names a ${kind} (v${m[2]}), but ${broken} ${CUT_SHORT}` } : read;
  }
  const legacy = legacyKind(document);
  if (legacy) {
    // (legacyKind knows the other kinds by their body's type already; a manifest only by its keys)
    const broken = metadata !== undefined && !isObject(metadata) ? `its "metadata" is ${shapeOf(metadata)}, not an object` : legacy === 'manifest' ? brokenBody(legacy, document) : undefined;
    const read: Recognition = { ok: true, info: info(legacy, 0, isObject(metadata) ? metadata : {}, document) };
    return broken ? { ...read, broken: `the shape of a ${legacy} from before dbt 0.19, but ${broken} ${CUT_SHORT}` } : read;
  }
  if (isSemanticManifest(document, cutShort)) return { ok: true, info: info('semantic-manifest', 0, {}, document) };
  if (isGraphSummary(document)) return { ok: true, info: { ...info('graph-summary', 0, {}, document), invocationId: document._invocation_id as string } };
  if (isPerfInfo(document)) return { ok: true, info: info('perf-info', 0, {}, document) };
  return { ok: false, reason: 'no metadata.dbt_schema_version and not the shape of a pre-0.19 dbt artifact' };
}

/**
 * semantic_manifest.json (dbt 1.6+): no metadata, lists of semantic models and metrics, the project's configuration.
 * Cut short, what dbt writes first tells it: its semantic models, the metrics and configuration after them may not be
 * there (red team 75: a cut before project_configuration lost every secret the models' configs held).
 */
function isSemanticManifest(document: Json, cutShort: boolean): boolean {
  if (cutShort) return Array.isArray(document.semantic_models) && (document.metrics === undefined || Array.isArray(document.metrics)) && (document.project_configuration === undefined || isObject(document.project_configuration));
  return Array.isArray(document.semantic_models) && Array.isArray(document.metrics) && isObject(document.project_configuration);
}

/**
 * graph_summary.json (dbt 1.6+): the invocation's id and the DAG, each node by number with its unique id,
 * type and successors (`linked`, and `with_test_edges` from 1.7). Node names only; read as any artifact is,
 * so that a scan of `target/*.json` reads it rather than stopping at it.
 */
function isGraphSummary(document: Json): boolean {
  return typeof document._invocation_id === 'string' && isObject(document.linked);
}

/**
 * perf_info.json (`dbt parse` writes it from 1.5): how many files were parsed and how long each step took, per
 * project and parser (dbt's ManifestLoaderInfo). Read as any artifact is, for the same reason as graph_summary.json.
 */
function isPerfInfo(document: Json): boolean {
  return typeof document.path_count === 'number' && Array.isArray(document.projects) && ('load_all_elapsed' in document || 'is_partial_parse_enabled' in document);
}

/**
 * A decoded partial_parse.msgpack: dbt's Manifest object, whose metadata names the manifest schema
 * and which holds the collections a manifest.json holds (nodes, macros) and the env_vars map.
 */
export function recognizePartialParse(document: unknown, cut = false): Recognition {
  if (!isObject(document)) return { ok: false, reason: 'the top-level MessagePack value is not a map' };
  // (a file cut short holds the maps before its cut: dbt writes nodes first, macros after the sources; a cut after the
  // first bytes may hold the metadata only, which names the manifest's schema)
  const named = isObject(document.metadata) && typeof document.metadata.dbt_schema_version === 'string' && document.metadata.dbt_schema_version.includes('/manifest/');
  const shaped = cut ? isObject(document.nodes) || named : isObject(document.nodes) && isObject(document.macros);
  if (!shaped) return { ok: false, reason: 'not the shape of dbt\'s partial-parse manifest (no nodes and macros maps)' };
  const metadata = isObject(document.metadata) ? document.metadata : {};
  return { ok: true, info: info('partial-parse', 0, metadata, document) };
}

function info(kind: ArtifactKind, schemaVersion: number, metadata: Json, document: Json): ArtifactInfo {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    kind,
    schemaVersion,
    dbtVersion: str(metadata.dbt_version),
    invocationId: str(metadata.invocation_id),
    generatedAt: str(metadata.generated_at) ?? str(document.generated_at) ?? (isObject(document.meta) ? str(document.meta.generated_at) : undefined),
  };
}

/** Pre-0.19 artifacts carry no schema version: tell them apart by their top-level shape. */
function legacyKind(document: Json): ArtifactKind | undefined {
  const has = (k: string) => k in document;
  if (has('nodes') && has('macros') && (has('parent_map') || has('child_map') || has('docs'))) return 'manifest';
  if (Array.isArray(document.results)) {
    const first = document.results[0];
    if (isObject(first) && ('max_loaded_at' in first || 'snapshotted_at' in first || 'criteria' in first)) return 'sources';
    if (isObject(first) && ('node' in first || 'unique_id' in first) && ('status' in first || 'error' in first)) return 'run-results';
    if (document.results.length === 0 && has('generated_at') && (has('elapsed_time') || has('args'))) return 'run-results';
  }
  if (isLegacySourceMap(document)) return 'sources';
  if (isObject(document.nodes) && !has('macros') && !has('results')) {
    const first = Object.values(document.nodes)[0];
    if (first === undefined || (isObject(first) && 'columns' in first && 'metadata' in first)) return 'catalog';
  }
  return undefined;
}

/**
 * sources.json as dbt 0.17 and earlier wrote it (`dbt source snapshot-freshness`): `meta`
 * (generated_at, elapsed_time) and `sources`, a map from each source's unique id to its freshness
 * (max_loaded_at, snapshotted_at, state, criteria) or, when its query failed, to
 * `{error, state: "runtime error"}`.
 */
function isLegacySourceMap(document: Json): boolean {
  const meta = document.meta;
  if (!isObject(meta) || !('generated_at' in meta) || !isObject(document.sources) || 'nodes' in document || 'results' in document) return false;
  const first = Object.values(document.sources)[0];
  return first === undefined || (isObject(first) && ('max_loaded_at' in first || 'snapshotted_at' in first || 'state' in first || 'error' in first));
}

/** The error of a file that is no dbt artifact. */
export function notADbtArtifact(file: string, recognized: Extract<Recognition, { ok: false }>): InputError {
  return new InputError(`${file}: not a dbt artifact: ${recognized.reason}`);
}

/** An artifact that is not whole, after what it holds was read: the run fails (redact copies no such file: see runRedact). */
export class NotWholeError extends InputError {
  constructor(
    readonly file: string,
    /** why, without the file's name */
    readonly broken: string,
  ) {
    super(`${file}: not a whole dbt artifact: ${broken}; what it holds was read`);
  }
}

export function notWhole(file: string, broken: string): NotWholeError {
  return new NotWholeError(file, broken);
}
