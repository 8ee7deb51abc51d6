/**
 * The engine as a library: find the artifacts, read each once, walk it once, and return findings
 * with positions, masked. The CLI, the programmatic API and the tests all call `scan`.
 */
import micromatch from 'micromatch';
import path from 'node:path';
import type { ArtifactKind, FileKind, Finding, ScanResult, ScanSummary } from '../types.js';
import { TOOL_NAME } from '../version.js';
import { InputError } from '../errors.js';
import { discoverCandidates, type Candidate } from '../artifacts/discover.js';
import { CutShortError, InvalidUtf8Error, decodeArtifact, invalidUtf8, isBlank, parseArtifactJson, readArtifactBytes, type ArtifactText } from '../artifacts/read.js';
import { embeddedArtifacts, looksLikeHtml, segmentView, type EmbeddedSegment } from '../artifacts/html.js';
import { homeDir, renderedPlace, textFileKind, type TextFileKind } from '../artifacts/text-files.js';
import { isMsgpackFile } from '../artifacts/candidate.js';
import { unpackArchives, type UnpackedArchives } from '../artifacts/archive.js';
import type { StdinSource } from '../artifacts/stdin.js';
import { scanPartialParse } from './msgpack-scan.js';
import { scanTextFile } from './text-scan.js';
import { renderedNode } from './rendered.js';
import { scanPage } from './page-scan.js';
import { KNOWN_VERSIONS, notADbtArtifact, notWhole, recognizeArtifact } from '../artifacts/recognize.js';
import { findProjectDir, SourceFiles } from '../artifacts/project.js';
import { beginFileHashes, beginPartHashes, DEFAULT_SALT, endFileHashes, endPartHashes, SALT_ENV, type PastBudget } from '../findings/fingerprint.js';
import { sortFindings } from '../findings/sort.js';
import { countDistinctSecrets, markExpired } from '../findings/urgency.js';
import { compileRules, portableRules, type ActiveRule, type CompiledRules, type ExtraDetector, type PortableRules } from './compile.js';
import { staleArtifactFindings } from './integrity.js';
import { RULES } from '../rules/index.js';
import { collectNodes, walkDocument, type NodeRef, type WalkStats } from './walk.js';
import { ManifestNodes } from './manifest-nodes.js';
import { artifactFindings, scanSegmentStreamed, scanStreamed, streamThreshold } from './scan-stream.js';
import type { Shift } from './hit-log.js';
import { availableParallelism } from 'node:os';
import { parallelPlan, scanInParallel, scanUnit, sizeOf } from './parallel.js';
import { startReadHelperEarly, stopReadHelperEarly, STREAM_TUNING } from './stream-read.js';
import { startSplitEarly, stopSplitEarly } from './stream-walk.js';
import { dropSpareWorker, spareWorkerWaiting } from './worker-sync.js';
import { ProgressTracker, type ScanProgress } from './progress.js';
import { combineSuppressors, inlineSuppressor, type SuppressionInput, type Suppressor } from '../findings/suppress.js';
import { selectCandidates, selectsFailedFolder, withSkippedArchives, type Selection, type Shard } from './select.js';
import { closeRemoteStores } from '../sources/remote-store.js';
import { isRemote } from '../sources/url.js';

export interface ScanOptions {
  /** Target directories, artifact files or globs; `-`: an artifact (or an archive of them) read from stdin. */
  paths: readonly string[];
  /** What `-` reads and the name its findings go by (default: /dev/stdin, `<stdin>`). */
  stdin?: StdinSource;
  /** Rules with their configured severity; default: every rule at its default severity. */
  rules?: readonly ActiveRule[];
  disabledDetectors?: ReadonlySet<string>;
  /** Detectors from the config file. */
  extraDetectors?: readonly ExtraDetector[];
  /** Accepts findings (allowlist, baseline); meta suppressions on nodes always apply. */
  suppressor?: Suppressor;
  /** Refuse files larger than this many bytes. */
  maxFileSize?: number;
  /** Salt of the value hash inside fingerprints and secret ids: public (default 'dbt-tools-lint/v1'), or `secretSalt(key)` for a key nobody else knows. */
  salt?: string;
  /** The time expiry is judged against (a credential that expired before it is ranked last); default: when the scan starts. */
  now?: Date;
  /** The dbt project root for source-file locations; default: found above each artifact (dbt_project.yml). */
  projectDir?: string;
  /** Follow symlinks in a scanned directory that lead out of it (default: skip them, with a warning). */
  followSymlinks?: boolean;
  /** Told about files that discovery skipped (a symlink out of the scanned directory). */
  onWarning?: (message: string) => void;
  /** Told about each symlink out of the scanned directory that discovery skipped (see DiscoverOptions.onSkippedLink). */
  onSkippedLink?: (file: string, named: boolean) => void;
  /**
   * Stream JSON artifacts through a tokenizer instead of parsing each whole: true for every size,
   * false only for files too large for one string (over 512 MiB); default: from 8 MiB on, or
   * from 1 MiB on when the run holds 16 MiB of JSON or more.
   */
  stream?: boolean;
  /** @internal Stream from this size when `stream` is not given (set by `scan` from the run's size). */
  streamFromBytes?: number;
  /**
   * Threads that scan (this one included): worker threads take whole directories when there are
   * several and enough data. Default: the number of cores; 1 scans in this thread only.
   */
  jobs?: number;
  /** Called after each artifact, for progress reporting. */
  onArtifact?: (file: string, bytes: number, findings: number) => void;
  /** Called now and then with files, bytes and findings so far (see engine/progress.ts). */
  onProgress?: (progress: ScanProgress) => void;
  /** Scan only the folders with a file or object modified at or after this time (ms since the epoch). */
  since?: number;
  /** Scan only this shard of a stable partition of the folders (see engine/select.ts). */
  shard?: Shard;
  /** A folder among `paths` reads the archives right in it too (the scan command's; redact rewrites no archive). */
  archivesInFolders?: boolean;
  /** Compressed backups of dbt's log given as PATHs, resolved (set by scan from the archives unpacked): not warned of with their folder. */
  compressedLogsGiven?: ReadonlySet<string>;
  /** Folders unpacked from archives beside a folder's own files (set by scan): one with no dbt artifact is a warning. */
  besideOrigins?: ReadonlySet<string>;
  /** A folder as the user knows it, which its shard is chosen by: an archive's unpacked folder by its place in the archive (set by scan). */
  shownAs?: (folder: string) => string;
  /** Told what discovery found and what `since` and `shard` left out, before the scan starts. */
  onSelection?: (selection: Selection) => void;
  /**
   * Told of each artifact that cannot be read (invalid JSON, a file named as an artifact that is
   * none, too large), and the scan goes on with the others; the caller decides what the run then
   * fails with (the CLI: exit 2). Without it the first such file ends the scan with its InputError.
   * When no artifact could be read, the first one's error is thrown all the same.
   */
  onUnreadable?: (error: InputError) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 ** 3;

export function scan(given: ScanOptions): ScanResult {
  let archives: UnpackedArchives | undefined;
  try {
    archives = unpackArchives(given.paths, { maxFileSize: given.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, onWarning: given.onWarning, stdin: given.stdin, followSymlinks: given.followSymlinks, since: given.since, shard: given.shard, archivesInFolders: given.archivesInFolders });
    // a damaged archive's entries before the damage are scanned; the damage is an unreadable input (the CLI: exit 2)
    for (const message of archives?.damaged ?? []) {
      if (!given.onUnreadable) throw new InputError(message);
      given.onUnreadable(new InputError(message));
    }
    return archives ? inArchiveTerms(scanCandidates(archiveOptions(given, archives), archives), archives) : scanCandidates(given);
  } catch (error) {
    if (archives && error instanceof Error) error.message = archives.display(error.message);
    throw error;
  } finally {
    stopSplitEarly();
    stopReadHelperEarly();
    dropSpareWorker();
    closeRemoteStores();
    archives?.remove();
  }
}

/** The options with the archives' folders for paths, and names shown in the archives' terms. */
function archiveOptions(given: ScanOptions, archives: UnpackedArchives): ScanOptions {
  const { onArtifact, onWarning, onUnreadable, suppressor } = given;
  return {
    ...given,
    paths: archives.paths,
    ...(archives.compressedLogs.size > 0 ? { compressedLogsGiven: archives.compressedLogs } : {}),
    ...(archives.besideRoots.size > 0 ? { besideOrigins: archives.besideRoots } : {}),
    // (a shard by the private folder's random name would differ in each run: red team 65)
    shownAs: archives.display,
    // an allowlist's paths name what the user sees: `runs.zip!/…`, not the folder it was unpacked to
    ...(suppressor ? { suppressor: (input: SuppressionInput) => suppressor({ ...input, file: archives.display(input.file) }) } : {}),
    ...(onArtifact ? { onArtifact: (file: string, bytes: number, count: number) => onArtifact(archives.display(file), bytes, count) } : {}),
    ...(onWarning ? { onWarning: (message: string) => onWarning(archives.display(message)) } : {}),
    ...(onUnreadable ? { onUnreadable: (error: InputError) => onUnreadable(Object.assign(error, { message: archives.display(error.message) })) } : {}),
  };
}

/** Every file a result names, from the folder an archive was unpacked to back to `runs.zip!/…`. */
function inArchiveTerms(result: ScanResult, archives: UnpackedArchives): ScanResult {
  const { display } = archives;
  for (const f of result.findings) {
    f.file = display(f.file);
    f.message = display(f.message);
    if (f.source?.projectDir) f.source.projectDir = display(f.source.projectDir);
  }
  for (const a of result.summary.artifacts) a.file = display(a.file);
  return result;
}

function scanCandidates(given: ScanOptions, archives?: UnpackedArchives): ScanResult {
  const started = performance.now();
  const now = given.now ?? new Date();
  const discovered = discoverCandidates(given.paths, given);
  // inputs that discovery could not read: a PATH named is said in every shard and whatever --since says; a folder a glob
  // matched, in its shard and when modified since
  const failed = discovered.filter((c) => c.failed !== undefined && (c.file === c.origin || selectsFailedFolder(c.file, given)));
  const chosen = selectCandidates(discovered.filter((c) => c.failed === undefined), given);
  const { kept } = chosen;
  const selection = archives ? withSkippedArchives(chosen.selection, archives) : chosen.selection;
  given.onSelection?.(selection);
  // a shard that the partition left empty while the others hold the folders (10 runs in 4 shards: one time in five)
  // reads nothing and passes: a matrix leg that failed on some run folders' names would be switched off
  const emptyShard = kept.length === 0 && selection.listed > 0 && selection.skippedShard === selection.listed;
  if (kept.length === 0 && !emptyShard) throw new InputError(nothingSelected(given, selection));
  // an artifact that cannot be read does not hide what the others hold (with onUnreadable; else it ends the scan)
  let firstUnreadable: InputError | undefined;
  const unreadable = (error: InputError): void => {
    if (!given.onUnreadable) throw error;
    firstUnreadable ??= error;
    given.onUnreadable(error);
  };
  // what discovery could not read (a folder of rendered models it could not list, an input without an artifact): said as
  // an unreadable artifact is
  for (const c of failed) unreadable(new InputError(c.failed!));
  for (const c of kept) if (c.unreadable !== undefined) unreadable(new InputError(`${c.file}: ${c.unreadable}`));
  // Manifests first, so run results in the same directory can be placed in their source files.
  const candidates = kept.filter((c) => c.unreadable === undefined).sort((a, b) => Number(isManifestName(b.file)) - Number(isManifestName(a.file)));
  // (each file's size asked once: the choices below all read them, 200 folders' 600 files were asked five times)
  const sizes = candidates.map((c) => sizeOf(c.file));
  const options: ScanOptions = given.stream === undefined ? { ...given, streamFromBytes: streamThreshold(sizes.reduce((sum, size) => sum + size, 0)) } : given;
  // several directories and enough data: worker threads too (folders scanned side by side split nothing and search on no helper)
  const plan = parallelPlan(candidates, options, sizes);
  // a manifest to walk in two halves: the second half's thread loads while this one compiles
  const splitSetup = plan ? undefined : splitAhead(candidates, sizes, options);
  if (splitSetup) startSplitEarly(splitSetup, options.salt ?? DEFAULT_SALT);
  // a large file searched ahead by a helper thread: the thread starts while this one compiles
  if (!plan && helperAhead(candidates, sizes, options)) startReadHelperEarly();
  // (one the command line started before it loaded, that this scan will not take: stopped)
  else stopReadHelperEarly();
  // a worker the command line started before it loaded (bin/load-cli.js), that neither a split nor folders side by side will take
  if (spareWorkerWaiting() && !splitSetup && !plan) dropSpareWorker();
  const compiled = compileRules(given);
  const suppressor = combineSuppressors(inlineSuppressor(RULES.map((r) => r.id), options.onWarning, now), given.suppressor);
  const summary: ScanSummary = {
    filesScanned: 0,
    artifacts: [],
    bytesScanned: 0,
    stringsScanned: 0,
    findings: 0,
    suppressed: 0,
    bySeverity: { error: 0, warning: 0, note: 0 },
    distinctSecrets: 0,
    durationMs: 0,
  };
  const stats: WalkStats = { values: 0 };
  const sources = new SourceFiles();
  const findings: Finding[] = [];
  const manifestNodes = new ManifestNodes();

  const progress = options.onProgress ? new ProgressTracker(candidates.map((c) => c.file), options.onProgress) : undefined;
  const onArtifact = (file: string, bytes: number, count: number) => {
    options.onArtifact?.(file, bytes, count);
    progress?.artifact(bytes, count);
  };
  // a manifest alone in its folder: nothing will ask for its nodes (run results, a catalog)
  // (a rendered model's file under its compiled/ or run/ counts for its target's manifest: see renderedNode)
  const perFolder = new Map<string, number>();
  for (const c of candidates) {
    const home = homeDir(c.file);
    perFolder.set(home, (perFolder.get(home) ?? 0) + 1);
  }
  const scanFile = (file: string, required: boolean) =>
    scanOne(file, required, compiled, { ...options, suppressor, sources, onBytes: progress?.reading, nodesAsked: perFolder.get(homeDir(file))! > 1 }, stats, manifestNodes);
  // results of the folders scanned side by side back in this order
  const inParallel =
    plan &&
    scanInParallel(
      candidates,
      { ...options, onArtifact },
      suppressor,
      stats,
      (unit, recorder, unitStats) => {
        const nodes = new ManifestNodes();
        // the workers use the other cores: no helper thread for a large file scanned here
        return scanUnit(unit, (file, required) => scanOne(file, required, compiled, { ...options, jobs: 1, suppressor: recorder, sources }, unitStats, nodes));
      },
      plan,
    );
  const newerSeen = new Set<string>();
  let blanks = 0;
  /** Per PATH (a candidate's origin): how many artifacts it gave, or -1 once one of its files was said unreadable. */
  const perOrigin = new Map<string, number>();
  for (const [index, candidate] of candidates.entries()) {
    let artifacts: ScannedArtifact[];
    try {
      artifacts = inParallel ? inParallel(index) : scanFile(candidate.file, candidate.required);
    } catch (error) {
      // a malformed manifest.json does not hide what the folder's other artifacts hold
      if (!(error instanceof InputError)) throw error;
      perOrigin.set(candidate.origin, -1);
      unreadable(error);
      continue;
    }
    const sofar = perOrigin.get(candidate.origin) ?? 0;
    if (sofar >= 0) perOrigin.set(candidate.origin, sofar + artifacts.length);
    for (const artifact of artifacts) {
      summary.filesScanned++;
      if (artifact.blank) blanks++;
      summary.bytesScanned += artifact.bytes + (artifact.pageBytes ?? 0);
      summary.artifacts.push({
        file: candidate.file,
        kind: artifact.kind,
        schemaVersion: artifact.schemaVersion,
        bytes: artifact.bytes,
        ...(artifact.invocationId ? { invocationId: artifact.invocationId } : {}),
        ...(artifact.generatedAt ? { generatedAt: artifact.generatedAt } : {}),
      });
      warnIfNewer(candidate.file, artifact, newerSeen, options.onWarning);
      if (artifact.byPlace) options.onWarning?.(byPlaceWarning(candidate.file, artifact.byPlace));
      // (a copy of all so far for each artifact would grow with the square of an archive's artifacts)
      for (const finding of artifact.findings) findings.push(finding);
      if (!inParallel) onArtifact(candidate.file, artifact.bytes, artifact.findings.length);
      // (after its findings: they are not lost because the file is not whole)
      if (artifact.broken) unreadable(notWhole(candidate.file, artifact.broken));
      if (artifact.invalidUtf8At !== undefined) unreadable(new InvalidUtf8Error(candidate.file, artifact.invalidUtf8At));
    }
  }
  // (a shard whose folders hold JSON of another tool only, while the others hold the artifacts, reads nothing and passes as
  // an empty shard does: the whole scan would, review 155)
  const otherToolsShard = options.shard !== undefined && selection.skippedShard > 0 && !firstUnreadable;
  if (summary.filesScanned === 0 && !(emptyShard && !firstUnreadable) && !otherToolsShard) {
    if (firstUnreadable) throw firstUnreadable;
    throw new InputError(`no dbt artifact found in ${options.paths.join(', ')} (files there are JSON but not dbt artifacts)`);
  }
  // one PATH of several whose files are all JSON but no dbt artifact (an upload of the wrong folder, `target/package.json`):
  // an unreadable input, as it is alone, the others reported (red team 152: exit 0 beside another PATH, nothing said). Not
  // where --since or --shard chose among a glob's folders (the others hold the artifacts: review 155; a PATH named is
  // said in every shard, review 156); an archive found
  // beside a folder's own files is a warning, as one that holds nothing is
  for (const [origin, count] of perOrigin) {
    if (count !== 0 || ((options.since !== undefined || options.shard !== undefined) && micromatch.scan(origin).isGlob)) continue;
    const message = `${origin}: no dbt artifact found (files there are JSON but not dbt artifacts)`;
    if (options.besideOrigins?.has(origin)) options.onWarning?.(`${message} (an archive in the folder scanned: its other files were read)`);
    else unreadable(new InputError(message));
  }
  // never pass on nothing: rendered models and logs that are all empty, and no artifact beside them (red team 109)
  if (blanks > 0 && blanks === summary.filesScanned && !firstUnreadable) {
    throw new InputError(`${options.paths.join(', ')}: nothing to scan: the ${blanks === 1 ? 'one file' : `${blanks} files`} found (rendered SQL or dbt's log) ${blanks === 1 ? 'is' : 'are'} empty, and no dbt artifact is beside ${blanks === 1 ? 'it' : 'them'}`);
  }
  for (const finding of staleArtifactFindings(summary.artifacts, compiled.rules)) findings.push(finding);
  markExpired(findings, now);
  sortFindings(findings);
  summary.distinctSecrets = countDistinctSecrets(findings);
  summary.stringsScanned = stats.values;
  for (const f of findings) {
    if (f.suppressed) summary.suppressed++;
    else {
      summary.findings++;
      summary.bySeverity[f.severity]++;
    }
  }
  summary.durationMs = Math.round(performance.now() - started);
  return { findings, summary };
}

/** What a file whose guessable values came past its slow-hash budget (see SLOW_HASH_BUDGET) tells: which fingerprints key on the place only, and how every one could key on its value. */
function byPlaceWarning(file: string, { slowHashed, findings }: PastBudget): string {
  const those = findings === 1 ? 'finding of a guessable value is' : `${findings.toLocaleString('en-US')} findings of guessable values are`;
  return `${file}: ${those} fingerprinted by place, not by value, each counted as a secret of its own, and a baseline cannot tell another value put in ${findings === 1 ? 'its place' : 'their places'} (${slowHashed.toLocaleString('en-US')} distinct ones, chosen by their values whatever their order, have its slow hashes; a secret key in ${SALT_ENV} needs none)`;
}

/**
 * A schema version newer than this linter knows is read as the newest it knows (dbt adds fields more than it moves
 * them), said once a kind and version: the places a newer dbt adds are read by the fallback rule only.
 */
function warnIfNewer(file: string, artifact: ScannedArtifact, seen: Set<string>, onWarning: ((message: string) => void) | undefined): void {
  const known = KNOWN_VERSIONS[artifact.kind as ArtifactKind];
  if (known === undefined || artifact.schemaVersion <= known) return;
  const key = `${artifact.kind}/${artifact.schemaVersion}`;
  if (seen.has(key)) return;
  seen.add(key);
  onWarning?.(`${file}: a ${artifact.kind} of schema v${artifact.schemaVersion}, newer than the v${known} this version of ${TOOL_NAME} knows: read as v${known}, where places a newer dbt adds are read only as free text; upgrade ${TOOL_NAME}`);
}

export interface ScannedArtifact {
  kind: FileKind;
  schemaVersion: number;
  invocationId: string | undefined;
  generatedAt: string | undefined;
  /** Why it is not a whole dbt artifact (what it holds was read; the run fails). */
  broken?: string;
  /** The byte offset of the file's first byte that is no UTF-8 (what it holds was read; the run fails: see InvalidUtf8Error). */
  invalidUtf8At?: number;
  bytes: number;
  /** The bytes of the page an artifact is inlined in, around the artifacts (static_index.html's head, scripts, markup): read too, given with its first artifact. */
  pageBytes?: number;
  /** A text file found beside the artifacts that holds nothing but spaces (read, no finding; a scan of such files only is an error). */
  blank?: true;
  /** The file's findings whose guessable value came past its slow-hash budget, fingerprinted by their place (see SLOW_HASH_BUDGET): given with its first artifact. */
  byPlace?: PastBudget;
  findings: Finding[];
}

/**
 * The rules for a back half's thread when the scan, on this thread, will come to a local JSON file
 * large enough to be walked in two halves (see walkFile); else undefined.
 */
function splitAhead(candidates: readonly Candidate[], sizes: readonly number[], options: ScanOptions): PortableRules | undefined {
  return onThisThread(candidates, sizes, options, STREAM_TUNING.splitMinBytes, Infinity) ? portableRules(options) : undefined;
}

/** Whether the scan, on this thread, will come to a local JSON file of the size the helper thread searches ahead in (see ChunkReader). */
function helperAhead(candidates: readonly Candidate[], sizes: readonly number[], options: ScanOptions): boolean {
  return onThisThread(candidates, sizes, options, STREAM_TUNING.helperMinBytes, STREAM_TUNING.splitMinBytes);
}

/**
 * A local JSON file of `from` bytes or more, and less than `below` (`sizes`: each candidate's), that this thread will
 * stream with threads beside it (asked only when folders are not scanned side by side).
 */
function onThisThread(candidates: readonly Candidate[], sizes: readonly number[], options: ScanOptions, from: number, below: number): boolean {
  if (!threadsAllowed(options) || options.stream === false) return false;
  return candidates.some((c, i) => !isRemote(c.file) && !textFileKind(c.file) && !isMsgpackFile(c.file) && sizes[i]! >= from && sizes[i]! < below);
}

/** Whether a file's scan may use threads beside this one: not with `--jobs 1` (nor in a scan worker, or beside them), and only with a core for them. */
function threadsAllowed(options: Pick<ScanOptions, 'jobs'>): boolean {
  return options.jobs !== 1 && availableParallelism() > 1;
}

/** The manifest node whose code a rendered model's file holds, when its target folder's manifest was scanned before it (see renderedNode). */
function renderedNodeOf(file: string, manifestNodes: ManifestNodes): NodeRef | undefined {
  const place = renderedPlace(file);
  return place && renderedNode(place, manifestNodes.get(place.targetDir));
}

/** @internal One candidate file: its artifacts (several for a static_index.html), or none when it is not one. */
export function scanOne(
  file: string,
  required: boolean,
  compiled: CompiledRules,
  options: ScanOptions & { suppressor: Suppressor; sources: SourceFiles; onBytes?: ((bytes: number) => void) | undefined; nodesAsked?: boolean | undefined },
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): ScannedArtifact[] {
  // each file has its own budget of slow hashes (see SLOW_HASH_BUDGET)
  const before = beginFileHashes();
  let scanned: ScannedArtifact[];
  try {
    scanned = scanFileOf(file, required, compiled, options, stats, manifestNodes);
  } catch (error) {
    endFileHashes(before);
    throw error;
  }
  const budget = endFileHashes(before);
  if (budget.findings > 0 && scanned[0]) scanned[0].byPlace = budget;
  return scanned;
}

function scanFileOf(
  file: string,
  required: boolean,
  compiled: CompiledRules,
  options: Parameters<typeof scanOne>[3],
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): ScannedArtifact[] {
  if (isMsgpackFile(file)) return scanPartialParse(file, required, compiled, { ...options, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE }, stats);
  const textKind = textFileKind(file);
  if (!textKind) {
    const helperThreads = threadsAllowed(options);
    const split = helperThreads ? portableRules(options) : undefined;
    const streamed = scanStreamed(file, required, compiled, { ...options, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, helperThreads, split }, stats, manifestNodes);
    if (streamed) return streamed;
  }
  const bytes = readArtifactBytes(file, { maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
  // a rendered model or a log found beside the artifacts that holds nothing (a model whose SQL is only Jinja, a query log
  // of a run that ran none: red team 108) is read, and has no finding; one named on the command line is an error
  if (textKind && !required && isBlank(bytes)) return [{ kind: textKind, schemaVersion: 0, invocationId: undefined, generatedAt: undefined, bytes: bytes.length, blank: true, findings: [] }];
  const artifact = decodeArtifact(file, bytes, textKind && TEXT_EXPECTED[textKind]);
  // (a log or a rendered model that ends inside a character is no JSON that could be whole without it: the cut-off
  // character is a byte that is no UTF-8, as it is mid-file; red team 95: it passed, exit 0)
  const invalidUtf8At = artifact.invalidUtf8At ?? (textKind ? artifact.cutInCharacterAt : undefined);
  if (invalidUtf8At === undefined) return scanRead(file, artifact, textKind, required, compiled, options, stats, manifestNodes);
  // A byte that is no UTF-8 (a Latin-1 `é` in a description, a cp1252 byte in a log line): what the file holds is read
  // all the same, each such byte as U+FFFD, and its findings reported; then the file fails the run with one line, its
  // first bad byte's offset (red team 89: a token beside the byte went unreported, the run said only "invalid UTF-8").
  // That line is the file's only one (cut short as well, or a page without its artifacts, it says no more); a file that
  // cannot be read as an artifact at all says what it always said.
  let scanned: ScannedArtifact[];
  try {
    scanned = scanRead(file, artifact, textKind, required, compiled, { ...options, onUnreadable: options.onUnreadable && (() => {}) }, stats, manifestNodes);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(invalidUtf8(file, invalidUtf8At));
    throw error;
  }
  if (scanned.length === 0) throw new InputError(invalidUtf8(file, invalidUtf8At));
  for (const read of scanned) delete read.broken;
  scanned[0]!.invalidUtf8At = invalidUtf8At;
  return scanned;
}

/** What a text file should be, for the errors of one that is empty or binary. */
const TEXT_EXPECTED: Readonly<Record<TextFileKind, string>> = {
  'compiled-sql': "dbt's rendered SQL (text)",
  'compiled-python': "a Python model dbt rendered (text)",
  log: "dbt's log (text)",
};

/** scanOne of a file read into `artifact` (a text file of `textKind`, a page, or a JSON artifact). */
function scanRead(
  file: string,
  artifact: ArtifactText,
  textKind: ReturnType<typeof textFileKind>,
  required: boolean,
  compiled: CompiledRules,
  options: Parameters<typeof scanOne>[3],
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): ScannedArtifact[] {
  if (textKind) {
    const findings = scanTextFile({
      file,
      kind: textKind,
      text: artifact.text,
      compiled,
      salt: options.salt ?? DEFAULT_SALT,
      suppressor: options.suppressor,
      projectDir: options.projectDir ?? findProjectDir(file),
      sources: options.sources,
      hashLater: threadsAllowed(options),
      node: renderedNodeOf(file, manifestNodes),
    });
    return [{ kind: textKind, schemaVersion: 0, invocationId: undefined, generatedAt: undefined, bytes: artifact.bytes, findings }];
  }
  // static_index.html: the manifest and catalog embedded in it, with positions in the HTML file.
  if (looksLikeHtml(artifact.text)) {
    const segments = embeddedArtifacts(artifact.text);
    const page = (): Finding[] => ownBudget(() => scanPage({ file, text: artifact.text, segments, compiled, salt: options.salt ?? DEFAULT_SALT, suppressor: options.suppressor }));
    if (segments.length === 0) {
      if (!required && !file.endsWith('.html')) return [];
      const none = new InputError(`${file}: HTML without an embedded dbt manifest or catalog (expected dbt docs generate --static output)`);
      // a page cut short before its artifacts (a copy or an upload that stopped in dbt's bundle): the head it has is read
      // all the same, its secrets reported, and the error fails the run as before
      const head = options.onUnreadable ? page() : [];
      if (head.length === 0) throw none;
      options.onUnreadable!(none);
      return [{ kind: 'static-html', schemaVersion: 0, invocationId: undefined, generatedAt: undefined, bytes: artifact.bytes, findings: head }];
    }
    // the page around them (its head, comments, attributes, inline scripts), read even when an artifact in it is cut short
    const pageFindings = page();
    let cutShort: InputError | undefined;
    // (each artifact inlined, and the page around them, with what is left of the page's slow-hash budget: each is built once it is read)
    const scanned = segments.flatMap((segment): ScannedArtifact[] => ownBudget(() => {
      const range = segmentRange(artifact, segment);
      // (the catalog inlined after the manifest asks for its nodes)
      // (not in a page with a byte that is no UTF-8: its U+FFFD counts three bytes in the text where the file has one, and
      // the segment's range would not be the file's)
      const streamed = artifact.invalidUtf8At === undefined && scanSegmentStreamed(file, range, compiled, { ...options, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, helperThreads: threadsAllowed(options), nodesAsked: true }, stats, manifestNodes);
      if (streamed) return [streamed];
      const view = { ...artifact, text: segmentView(artifact.text, segment) };
      try {
        const document = scanDocument(file, view, true, compiled, options, stats, manifestNodes);
        return document ? [{ ...document, bytes: range.to - range.from }] : [];
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        cutShort ??= error;
        return [];
      }
    }));
    // a page cut short in its catalog, or with secrets in its head: what was read is reported, and the error fails the run all the same
    if (cutShort && (!options.onUnreadable || (scanned.length === 0 && pageFindings.length === 0))) throw cutShort;
    if (cutShort) options.onUnreadable!(cutShort);
    if (scanned[0]) {
      scanned[0].findings = scanned[0].findings.concat(pageFindings);
      // (the page was read whole: the summary's bytes are the file's, not only its inlined JSON's; red team 103)
      scanned[0].pageBytes = artifact.bytes - scanned.reduce((sum, a) => sum + a.bytes, 0);
    } else if (pageFindings.length > 0) scanned.push({ kind: 'static-html', schemaVersion: 0, invocationId: undefined, generatedAt: undefined, bytes: artifact.bytes, findings: pageFindings });
    return scanned;
  }
  const scanned = scanDocument(file, artifact, required, compiled, options, stats, manifestNodes);
  return scanned ? [scanned] : [];
}

/**
 * `scan`, with a slow-hash budget of its own, what is left of the file's (see beginPartHashes): a page's inlined artifacts
 * and the page around them are each built once read, so that each one's values are all offered before its first finding.
 */
function ownBudget<T>(scan: () => T): T {
  const file = beginPartHashes();
  try {
    return scan();
  } finally {
    endPartHashes(file);
  }
}

/** An artifact inlined in a page: its bytes in the file, and where it begins in the page's text (see scanSegmentStreamed). */
function segmentRange(page: ArtifactText, segment: EmbeddedSegment): { from: number; to: number; at: Shift } {
  const { text } = page;
  const from = 3 * page.bomLength + Buffer.byteLength(text.slice(0, segment.start), 'utf8');
  const to = from + Buffer.byteLength(text.slice(segment.start, segment.end), 'utf8');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < segment.start; i = text.indexOf('\n', i + 1)) line++;
  return { from, to, at: { base: segment.start, line, lineStart: text.lastIndexOf('\n', segment.start - 1) + 1 } };
}

function scanDocument(
  file: string,
  artifact: ArtifactText,
  required: boolean,
  compiled: CompiledRules,
  options: ScanOptions & { suppressor: Suppressor; sources: SourceFiles },
  stats: WalkStats,
  manifestNodes: ManifestNodes,
): ScannedArtifact | undefined {
  let document: unknown;
  let read = artifact;
  let cut: CutShortError | undefined;
  try {
    document = parseArtifactJson(file, artifact);
  } catch (error) {
    if (!(error instanceof CutShortError)) throw error;
    // a file cut short: what it holds up to the cut is read (its places are the file's), then it fails the run
    cut = error;
    document = error.document;
    read = { ...artifact, text: error.text };
  }
  const recognized = recognizeArtifact(document, cut !== undefined);
  if (!recognized.ok) {
    if (cut) throw cut;
    if (required) throw notADbtArtifact(file, recognized);
    return undefined;
  }
  const { kind, schemaVersion } = recognized.info;
  // (a file cut in its metadata holds the start of its invocation's id: no other artifact's, and no run's to compare)
  const { invocationId, generatedAt } = cut ? { invocationId: undefined, generatedAt: undefined } : recognized.info;
  const dir = path.dirname(file);
  if (kind === 'manifest') manifestNodes.set(dir, invocationId, collectNodes(document));
  const hits = walkDocument(document, kind, compiled, stats, kind === 'manifest' ? undefined : manifestNodes.get(dir, invocationId));
  const findings = artifactFindings(hits, file, kind, read, compiled, options, threadsAllowed(options));
  const broken = cut?.reason ?? recognized.broken;
  return { kind, schemaVersion, invocationId, generatedAt, ...(broken ? { broken } : {}), bytes: artifact.bytes, findings };
}

function nothingSelected(options: ScanOptions, selection: Selection): string {
  // (every file a folder held was skipped: symlinks that lead outside it, or that cannot be resolved, each warned of)
  if (selection.listed === 0) return `${options.paths.join(', ')}: no dbt artifact left to read: every file found was skipped (see the warning above)`;
  const found = `${options.paths.join(', ')}: ${selection.listed} artifact file${selection.listed === 1 ? '' : 's'} in ${selection.folders} folder${selection.folders === 1 ? '' : 's'}`;
  const since = new Date(options.since!).toISOString();
  return `${found}, none modified since ${since}${selection.skippedShard ? ` in shard ${options.shard!.index}/${options.shard!.count}` : ''}`;
}

/** A manifest by its name: `manifest.json`, and the names it is kept under beside other runs' (`dbt_20_manifest.json`, `manifest_v12.json`). */
function isManifestName(file: string): boolean {
  return /manifest[^/]*\.json$/i.test(file);
}
