/**
 * target/partial_parse.msgpack: dbt's whole Manifest in MessagePack, rewritten by every parse. It
 * holds what manifest.json holds (nodes with raw and compiled code, config, meta, macros) under
 * the same paths, so the manifest's rules read it as they read manifest.json, and its `env_vars`:
 * the value of every env var that `env_var()` read while parsing (rule env-metadata).
 *
 * Decoded in memory into the tree the walker reads (up to MSGPACK_MAX_BYTES); the hits' strings
 * are then found again in the bytes, and each finding's offset and length are bytes of the file.
 */
import { InputError } from '../errors.js';
import { decodeMsgpack, locateMsgpackScalars, MsgpackError } from '../artifacts/msgpack.js';
import { readArtifactBytes } from '../artifacts/read.js';
import { notADbtArtifact, recognizePartialParse } from '../artifacts/recognize.js';
import { artifactSize } from '../sources/index.js';
import { artifactFindings, type StreamContext } from './scan-stream.js';
import type { CompiledRules } from './compile.js';
import { walkDocument, type ValueHit, type WalkStats } from './walk.js';
import type { ScannedArtifact } from './scan.js';

/** Larger partial-parse files are refused (--max-file-size applies too): they are decoded whole, not streamed. */
export const MSGPACK_MAX_BYTES = 512 * 1024 * 1024;

export function scanPartialParse(
  file: string,
  required: boolean,
  compiled: CompiledRules,
  ctx: Pick<StreamContext, 'salt' | 'suppressor' | 'projectDir' | 'sources' | 'maxFileSize'>,
  stats: WalkStats,
): ScannedArtifact[] {
  const size = artifactSize(file);
  if (size !== undefined && size > MSGPACK_MAX_BYTES && size <= ctx.maxFileSize) {
    throw new InputError(`${file}: ${size} bytes is over the ${MSGPACK_MAX_BYTES} bytes (512 MiB) a partial_parse.msgpack may have: it is decoded in memory, not streamed`);
  }
  const bytes = readArtifactBytes(file, ctx);
  if (bytes.length === 0) throw new InputError(`${file}: empty file, expected dbt's partial-parse manifest (MessagePack)`);
  let document: unknown;
  // a file cut short (an upload that stopped) is read up to its cut, as a JSON artifact is: its findings, then the
  // line that says it is not whole (red team 80: the env vars' secrets in its first bytes were not reported)
  let broken: string | undefined;
  let recognized: ReturnType<typeof recognizePartialParse> | undefined;
  try {
    document = decodeMsgpack(bytes);
  } catch (error) {
    if (!(error instanceof MsgpackError)) throw error;
    const invalid = new InputError(`${file}: invalid MessagePack: ${error.message}`);
    if (!error.endsEarly) throw invalid;
    // (read on past a count the bytes cannot hold, damage that is no cut may follow: the first error is said, as before;
    // red team 81: a bit-flipped file was an internal error that hid every other file's findings)
    document = cutDocument(bytes);
    recognized = document === undefined ? undefined : recognizePartialParse(document, true);
    if (!recognized?.ok) throw invalid;
    broken = `invalid MessagePack: ${error.message} (truncated file?)`;
  }
  recognized ??= recognizePartialParse(document);
  if (!recognized.ok) {
    if (required) throw notADbtArtifact(file, recognized);
    return [];
  }
  const { kind, schemaVersion, invocationId, generatedAt } = recognized.info;
  // (a token written as a key is placed in JSON text only: locateMsgpackScalars finds values)
  const hits = walkDocument(document, kind, compiled, stats).filter((h) => !h.inKey);
  document = undefined;
  placeInBytes(bytes, hits);
  const findings = artifactFindings(hits, file, kind, { text: undefined }, compiled, ctx);
  return [{ kind, schemaVersion, invocationId, generatedAt, bytes: bytes.length, findings, ...(broken ? { broken } : {}) }];
}

/** What a file cut short holds up to its cut (decodeMsgpack's `cut`), or undefined when its bytes are damaged before the cut. */
function cutDocument(bytes: Buffer): unknown {
  try {
    return decodeMsgpack(bytes, true);
  } catch (error) {
    if (error instanceof MsgpackError) return undefined;
    throw error;
  }
}

/**
 * Give each hit its value's place in the file: a string's UTF-8 bytes, each match's span counted in
 * bytes; a number's whole encoding. A binary file has no lines: line 1, the column is the byte offset + 1.
 */
function placeInBytes(bytes: Buffer, hits: ValueHit[]): void {
  const spans = locateMsgpackScalars(bytes, hits.map((h) => h.path));
  hits.forEach((hit, i) => {
    const span = spans[i] ?? { start: 0, end: 0, isString: false };
    const byteAt = (index: number) => Buffer.byteLength(hit.value.slice(0, index));
    const rawSpans = hit.matches.flatMap((m) => (span.isString ? [byteAt(m.start), byteAt(m.end)] : [0, span.end - span.start]));
    hit.at = { offset: span.start, line: 1, column: span.start + 1, rawSpans };
  });
}
