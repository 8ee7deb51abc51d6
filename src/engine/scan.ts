/**
 * The engine as a library: find the artifacts, read each once, walk it once, and return findings
 * with positions, masked. The CLI, the programmatic API and the tests all call `scan`.
 */
import path from 'node:path';
import type { ArtifactKind, Finding, ScanResult, ScanSummary } from '../types.js';
import { InputError } from '../errors.js';
import { discoverCandidates } from '../artifacts/discover.js';
import { parseArtifactJson, readArtifactText } from '../artifacts/read.js';
import { recognizeArtifact } from '../artifacts/recognize.js';
import { buildFindings } from '../findings/build.js';
import { DEFAULT_SALT } from '../findings/fingerprint.js';
import { sortFindings } from '../findings/sort.js';
import { compileRules, type ActiveRule, type CompiledRules } from './compile.js';
import { walkDocument, type WalkStats } from './walk.js';

export interface ScanOptions {
  /** Target directories, artifact files or globs. */
  paths: readonly string[];
  /** Rules with their configured severity; default: every rule at its default severity. */
  rules?: readonly ActiveRule[];
  disabledDetectors?: ReadonlySet<string>;
  /** Refuse files larger than this many bytes. */
  maxFileSize?: number;
  /** Salt of the value hash inside fingerprints. */
  salt?: string;
  /** Called after each artifact, for progress reporting. */
  onArtifact?: (file: string, bytes: number, findings: number) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 ** 3;

export function scan(options: ScanOptions): ScanResult {
  const started = performance.now();
  const compiled = compileRules({ ...(options.rules ? { rules: options.rules } : {}), ...(options.disabledDetectors ? { disabledDetectors: options.disabledDetectors } : {}) });
  const candidates = discoverCandidates(options.paths);
  const summary: ScanSummary = {
    filesScanned: 0,
    artifacts: [],
    bytesScanned: 0,
    stringsScanned: 0,
    findings: 0,
    bySeverity: { error: 0, warning: 0, note: 0 },
    durationMs: 0,
  };
  const stats: WalkStats = { values: 0 };
  let findings: Finding[] = [];
  /** unique_id → original_file_path from each directory's manifest, to place run results in files. */
  const sourceFiles = new Map<string, Map<string, string>>();

  for (const candidate of candidates) {
    const artifact = scanOne(candidate.file, candidate.required, compiled, options, stats, sourceFiles);
    if (!artifact) continue;
    summary.filesScanned++;
    summary.bytesScanned += artifact.bytes;
    summary.artifacts.push({ file: candidate.file, kind: artifact.kind, schemaVersion: artifact.schemaVersion, bytes: artifact.bytes });
    findings = findings.concat(artifact.findings);
    options.onArtifact?.(candidate.file, artifact.bytes, artifact.findings.length);
  }
  if (summary.filesScanned === 0) {
    throw new InputError(`no dbt artifact found in ${options.paths.join(', ')} (files there are JSON but not dbt artifacts)`);
  }
  for (const f of findings) {
    if (f.uniqueId && !f.originalFilePath) {
      const fromManifest = sourceFiles.get(path.dirname(f.file))?.get(f.uniqueId);
      if (fromManifest) f.originalFilePath = fromManifest;
    }
  }
  sortFindings(findings);
  summary.stringsScanned = stats.values;
  summary.findings = findings.length;
  for (const f of findings) summary.bySeverity[f.severity]++;
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, summary };
}

interface ScannedArtifact {
  kind: ArtifactKind;
  schemaVersion: number;
  bytes: number;
  findings: Finding[];
}

function scanOne(
  file: string,
  required: boolean,
  compiled: CompiledRules,
  options: ScanOptions,
  stats: WalkStats,
  sourceFiles: Map<string, Map<string, string>>,
): ScannedArtifact | undefined {
  const artifact = readArtifactText(file, { maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
  const document = parseArtifactJson(file, artifact);
  const recognized = recognizeArtifact(document);
  if (!recognized.ok) {
    if (required) throw new InputError(`${file}: not a dbt artifact: ${recognized.reason}`);
    return undefined;
  }
  const { kind, schemaVersion } = recognized.info;
  if (kind === 'manifest') sourceFiles.set(path.dirname(file), manifestSourceFiles(document));
  const hits = walkDocument(document, kind, compiled, stats);
  const findings = buildFindings(hits, {
    file,
    kind,
    text: artifact.text,
    bomLength: artifact.bomLength,
    rules: compiled.rules,
    salt: options.salt ?? DEFAULT_SALT,
  });
  return { kind, schemaVersion, bytes: artifact.bytes, findings };
}

function manifestSourceFiles(document: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const doc = document as Record<string, unknown>;
  for (const collection of ['nodes', 'sources', 'macros', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests']) {
    const entries = doc[collection];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [id, node] of Object.entries(entries as Record<string, unknown>)) {
      const file = (node as Record<string, unknown> | null)?.original_file_path;
      if (typeof file === 'string') out.set(id, file);
    }
  }
  return out;
}
