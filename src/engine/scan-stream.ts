/**
 * The streaming path of `scan` for one JSON artifact: taken for files too large for one string
 * (over 512 MiB), for large files by default (less memory, no tree), and for any size with
 * `stream: true`. Findings, positions, node context and suppressions are the in-memory path's.
 *
 * Anything unusual sends the file back to the in-memory path, which reports it exactly as it
 * always has (broken JSON, invalid UTF-8, duplicate keys, FIFOs, HTML pages); only a file too
 * large for that path gets its error from the stream, and where the error cuts the document (cut
 * short, a value longer than a string, nesting too deep) what came before it is reported, as the
 * in-memory path reports a document cut short.
 */
import { constants } from 'node:buffer';
import path from 'node:path';
import type { ArtifactKind, Finding } from '../types.js';
import { InputError } from '../errors.js';
import { JsonStreamError } from '../artifacts/stream-json.js';
import { looksLikeHtml } from '../artifacts/html.js';
import { notADbtArtifact, recognizeArtifact, type Recognition } from '../artifacts/recognize.js';
import { findProjectDir, type SourceFiles } from '../artifacts/project.js';
import { describePath } from '../artifacts/json-integrity.js';
import { buildFindings, type BuildContext } from '../findings/build.js';
import { DEFAULT_SALT } from '../findings/fingerprint.js';
import type { Suppressor } from '../findings/suppress.js';
import type { CompiledRules, PortableRules } from './compile.js';
import { InvalidBackHalf, NotStreamable, walkFile, walkRange, type StreamWalk } from './stream-walk.js';
import type { Shift } from './hit-log.js';
import { artifactSize, readHead } from '../sources/index.js';
import type { WalkStats } from './walk.js';
import type { ManifestNodes } from './manifest-nodes.js';

export const STREAM_LIMITS = {
  /** V8's longest string (0x1fffffe8 UTF-16 units): a larger file cannot be parsed in memory. */
  inMemoryMaxBytes: constants.MAX_STRING_LENGTH,
  /**
   * From this size a JSON artifact is streamed unless `stream: false`: as fast as JSON.parse from
   * about 8 MB on, at less memory (10 MB manifest: 0.35 s both ways, peak RSS 84 MB streamed,
   * 120 MB parsed; 4 MB: 0.25 s parsed, 0.28 s streamed).
   */
  thresholdBytes: 8 * 1024 * 1024,
  /**
   * Once a run holds this much JSON, every file of it streams (from `warmThresholdBytes` on): JSON.parse
   * is native and wins on a few small files, the tokenizer wins once the JIT has warmed up to it. 200
   * target folders, each a 1.2 MB manifest, a 106 KB catalog and a 27 KB run results: the manifests
   * took 4.4 s parsed and 3.1 s streamed; then the catalogs, parsed and walked as a tree, 5.5 ms each
   * (a fifth of the run, for a twelfth of its bytes), and 1.8 ms streamed.
   */
  warmRunBytes: 16 * 1024 * 1024,
  warmThresholdBytes: 0,
};

/** The size from which a run with `totalBytes` of JSON artifacts streams a file (see STREAM_LIMITS). */
export function streamThreshold(totalBytes: number): number {
  return totalBytes >= STREAM_LIMITS.warmRunBytes ? STREAM_LIMITS.warmThresholdBytes : STREAM_LIMITS.thresholdBytes;
}

export interface StreamContext {
  stream?: boolean | undefined;
  /** Stream from this size when `stream` is not given (default STREAM_LIMITS.thresholdBytes). */
  streamFromBytes?: number | undefined;
  /** May a helper thread search keywords ahead (default true; false inside a scan worker). */
  helperThreads?: boolean | undefined;
  /** The rules as plain data, when a large manifest may be walked in two halves on two threads. */
  split?: PortableRules | undefined;
  /**
   * May another artifact of the file's folder ask for a manifest's nodes (default true)? When none is
   * scanned, a streamed manifest keeps only its nodes' ids (a tenth of a node's NodeInfo, on 600 MB of
   * nodes about 55 MB less at the peak).
   */
  nodesAsked?: boolean | undefined;
  maxFileSize: number;
  salt?: string | undefined;
  projectDir?: string | undefined;
  suppressor: Suppressor;
  sources: SourceFiles;
  /** Bytes read so far in this file, now and then. */
  onBytes?: ((bytes: number) => void) | undefined;
}

export interface StreamedArtifact {
  kind: ArtifactKind;
  schemaVersion: number;
  invocationId: string | undefined;
  generatedAt: string | undefined;
  broken?: string;
  bytes: number;
  findings: Finding[];
}

/**
 * Scan `file` by streaming when that path applies: returns its artifact ([] when it is JSON but
 * not a dbt artifact and not required), or undefined to let the in-memory path read the file.
 */
export function scanStreamed(
  file: string,
  required: boolean,
  compiled: CompiledRules,
  ctx: StreamContext,
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): StreamedArtifact[] | undefined {
  const size = artifactSize(file);
  if (size === undefined || size > ctx.maxFileSize || size === 0) return undefined;
  const tooLarge = size > STREAM_LIMITS.inMemoryMaxBytes;
  if (!tooLarge && !(ctx.stream ?? size >= (ctx.streamFromBytes ?? STREAM_LIMITS.thresholdBytes))) return undefined;
  if (looksLikeHtml(head(file))) return undefined;

  const local: WalkStats = { values: 0 };
  let streamed: ReturnType<typeof walkFile>;
  try {
    // a file the in-memory path can read is read there for the message of its error (one parse),
    // so an invalid back half of it need not be read again by the front half first
    streamed = walkFile(file, compiled, local, {
      size,
      helper: ctx.helperThreads ?? true,
      onBytes: ctx.onBytes,
      split: ctx.split,
      salt: ctx.salt ?? DEFAULT_SALT,
      readOnInvalid: tooLarge,
      nodeInfo: ctx.nodesAsked ?? true,
      // (a result's env_var() calls, asked mid-walk, from the folder's last manifest: the walk has not read the invocation yet)
      knownNodes: manifestNodes.get(path.dirname(file)),
    });
  } catch (error) {
    if (error instanceof NotStreamable || error instanceof InvalidBackHalf) return undefined;
    if (!(error instanceof JsonStreamError)) throw error;
    if (!tooLarge) return undefined;
    throw new InputError(describeStreamError(file, error));
  }
  const { walk, cut } = streamed;
  try {
    const recognized = recognizeArtifact(walk.document);
    // cut short before it says it is an artifact: the error alone
    if (cut && !recognized.ok) throw new InputError(describeStreamError(file, cut));
    if (!recognized.ok) {
      if (required) throw notADbtArtifact(file, recognized);
      return [];
    }
    stats.values += local.values;
    const artifact = streamedArtifact(walk, recognized, file, compiled, ctx, manifestNodes, streamed.bytes, cut !== undefined);
    // what came before the cut is reported, and the run fails (as for a document cut short read in memory)
    return [cut ? { ...artifact, broken: describeCut(cut) } : artifact];
  } finally {
    // the hits not read (an error, not a dbt artifact): their spill file goes too
    walk.dispose();
  }
}

/** Artifacts inlined in pages that were streamed (for tests). */
export const PAGE_STREAM_COUNTS = { segments: 0 };

/**
 * An artifact that static_index.html inlines, between the page's bytes `from` and `to`, streamed when it is large (as a
 * file of its size is): positions are the page's (`at`, where it begins in the page's text). Undefined to let the
 * in-memory path read it: small, cut short, no JSON, or no dbt artifact (that path says why).
 */
export function scanSegmentStreamed(
  file: string,
  range: { from: number; to: number; at: Shift },
  compiled: CompiledRules,
  ctx: StreamContext,
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): StreamedArtifact | undefined {
  const size = range.to - range.from;
  if (!(ctx.stream ?? size >= (ctx.streamFromBytes ?? STREAM_LIMITS.thresholdBytes))) return undefined;
  const dir = path.dirname(file);
  const local: WalkStats = { values: 0 };
  let walk: ReturnType<typeof walkRange>;
  try {
    walk = walkRange(file, compiled, local, { ...range, salt: ctx.salt ?? DEFAULT_SALT, hashLater: ctx.helperThreads ?? true, nodeInfo: ctx.nodesAsked ?? true, knownNodes: manifestNodes.get(dir) });
  } catch (error) {
    if (error instanceof NotStreamable || error instanceof JsonStreamError) return undefined;
    throw error;
  }
  try {
    const recognized = recognizeArtifact(walk.document);
    if (!recognized.ok) return undefined;
    PAGE_STREAM_COUNTS.segments++;
    stats.values += local.values;
    return streamedArtifact(walk, recognized, file, compiled, ctx, manifestNodes, size);
  } finally {
    walk.dispose();
  }
}

/** The artifact a streamed walk read: its findings, and a manifest's nodes kept for the other artifacts of its folder. */
function streamedArtifact(
  walk: StreamWalk,
  recognized: Extract<Recognition, { ok: true }>,
  file: string,
  compiled: CompiledRules,
  ctx: StreamContext,
  manifestNodes: ManifestNodes,
  bytes: number,
  cut = false,
): StreamedArtifact {
  const { kind, schemaVersion, invocationId, generatedAt } = recognized.info;
  const dir = path.dirname(file);
  if (kind === 'manifest' && (ctx.nodesAsked ?? true)) manifestNodes.set(dir, invocationId, walk.collectedNodes());
  const hits = walk.finish(kind, kind === 'manifest' ? undefined : manifestNodes.get(dir, invocationId), cut);
  const findings = artifactFindings(hits, file, kind, { text: undefined }, compiled, ctx);
  return { kind, schemaVersion, invocationId, generatedAt, ...(recognized.broken ? { broken: recognized.broken } : {}), bytes, findings };
}

/** The findings of one artifact's hits, streamed or walked in memory (`text`: the artifact's text, when it is held). */
export function artifactFindings(
  hits: Parameters<typeof buildFindings>[0],
  file: string,
  kind: BuildContext['kind'],
  read: Pick<BuildContext, 'text'>,
  compiled: CompiledRules,
  ctx: Pick<StreamContext, 'salt' | 'suppressor' | 'projectDir' | 'sources'>,
  hashLater = false,
): Finding[] {
  return buildFindings(hits, {
    hashLater,
    file,
    kind,
    text: read.text,
    rules: compiled.rules,
    salt: ctx.salt ?? DEFAULT_SALT,
    suppressor: ctx.suppressor,
    projectDir: ctx.projectDir ?? findProjectDir(file),
    sources: ctx.sources,
  });
}

/** The first characters, as the in-memory path sees them (without a byte order mark). */
function head(file: string): string {
  return readHead(file, 2048).toString('utf8').replace(/^\ufeff/, '');
}

/** Why a file only the stream reads is not whole, after what came before was read (see NotWholeError). */
function describeCut(error: JsonStreamError): string {
  const where = `at byte offset ${error.byteOffset} (line ${error.line})`;
  if (error.kind === 'too-long') return `a value at ${describePath(error.path)} ${where} is longer than a JavaScript string can be (512 MiB), and nothing past it was read`;
  if (error.kind === 'too-deep') return `${error.reason} ${where}, and nothing past it was read`;
  return `invalid JSON ${where}: ${error.reason}`;
}

/** The in-memory path's messages, for files only the stream can read. */
function describeStreamError(file: string, error: JsonStreamError): string {
  const where = `at byte offset ${error.byteOffset} (line ${error.line})`;
  switch (error.kind) {
    case 'utf8':
      return `${file}: invalid UTF-8 at byte offset ${error.byteOffset}`;
    case 'duplicate-key':
      return `${file}: duplicate key ${describePath(error.path)} ${where}; JSON.parse would keep only the last value and hide the others from the scan`;
    case 'too-deep':
      return `${file}: ${error.reason} ${where}; not a dbt artifact, and not read further`;
    case 'too-long':
      return `${file}: a value at ${describePath(error.path)} ${where} is longer than a JavaScript string can be (512 MiB); the file cannot be scanned`;
    case 'number-out-of-range':
      return `${file}: number beyond the range of a double at ${describePath(error.path)} ${where}; it would be read as Infinity`;
    default:
      return `${file}: ${describeCut(error)}`;
  }
}
