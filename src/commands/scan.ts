/** `dbt-tools-lint [scan] [PATH...]`: the default command. */
import type { Argv, Options } from 'yargs';
import { loadConfig } from '../config/load.js';
import { compileConfig } from '../config/compile.js';
import { DEFAULT_SALT, isSecretSalt, MIN_SECRET_SALT, runOnlySalt, SALT_ENV, secretSalt } from '../findings/fingerprint.js';
import { baselineSuppressor, MAX_BASELINE_BYTES, prunedBaseline, readBaseline, serializeBaseline, staleEntries, type Baseline } from '../config/baseline.js';
import { scan, DEFAULT_MAX_FILE_SIZE } from '../engine/scan.js';
import { allowlistSuppressor, combineSuppressors } from '../findings/suppress.js';
import { atOrAbove } from '../findings/sort.js';
import { FORMATTERS, type FormatContext, type Formatter, type FormatName } from '../formatters/index.js';
import { InputError, UsageError } from '../errors.js';
import type { Severity } from '../types.js';
import { EXIT, stderrLine, type CliIO } from './context.js';
import { maskSecretsIn } from '../findings/preview.js';
import { readSmallFile, type RegularFileError } from '../util/small-file.js';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { realPathOr } from '../util/real-path.js';
import { findProjectDir } from '../artifacts/project.js';
import { inArchive } from '../artifacts/archive-format.js';
import { STDIN_PATH } from '../artifacts/stdin.js';
import { isRemote } from '../sources/url.js';
import type { Selection, Shard } from '../engine/select.js';
import type { Finding } from '../types.js';
import { assertWritable, writeAtomically, writeChunksAtomically } from './output.js';
import { TOOL_NAME } from '../version.js';
import { progressDisplay } from '../engine/progress.js';

export const DEFAULT_BASELINE = '.dbt-tools-lint-baseline.json';

/** The options of a gate, which check-staged takes as scan does (it runs the scan): said once for both. */
export const GATE_OPTIONS = {
  'fail-on': { describe: 'lowest severity that makes the exit code 1 [default: config failOn, else warning]', choices: ['error', 'warning', 'note', 'none'], type: 'string', requiresArg: true },
  config: { alias: 'c', describe: `config file [default: ${'.dbt-tools-lint.json'} found upward from the current directory]`, type: 'string', requiresArg: true },
  baseline: { describe: 'hide findings recorded in this baseline file; new ones still fail', type: 'string', requiresArg: true },
  quiet: { alias: 'q', describe: 'print only findings: no summary, nothing at all when clean', type: 'boolean', default: false },
  debug: { describe: 'print stack traces of internal errors', type: 'boolean', default: false },
} as const satisfies Record<string, Options>;

export function scanOptions<T>(y: Argv<T>, io: CliIO) {
  return y
    .positional('paths', { describe: 'dbt target directories, artifact files, globs, or archives of them (.zip, .tar, .tar.gz, .gz) (default: --dbt-target)', type: 'string', array: true })
    .option('stdin-filename', { describe: 'the name of the artifact that - (stdin) reads, for reports and for its kind (logs/dbt.log, runs.tar.gz)', type: 'string', requiresArg: true })
    .option('dbt-target', {
      describe: 'dbt target directory to scan when no PATH is given',
      type: 'string',
      requiresArg: true,
      default: io.env.DBT_TARGET_PATH ?? './target',
      defaultDescription: '$DBT_TARGET_PATH or ./target',
    })
    .option('format', { alias: 'f', describe: 'output format', choices: Object.keys(FORMATTERS), default: 'text', type: 'string', requiresArg: true })
    .option('json', { describe: 'same as --format json (the dbt-tools family flag)', type: 'boolean', default: false })
    .option('group-by', { describe: 'text output: list findings under their file, or under their secret (most urgent first)', choices: ['file', 'secret'], default: 'file', type: 'string', requiresArg: true })
    .option('now', { describe: 'judge credential expiry against this ISO time instead of the clock (reproducible reports)', type: 'string', hidden: true, requiresArg: true })
    .option('output', { alias: 'o', describe: 'write the report to FILE instead of stdout (- for stdout)', type: 'string', requiresArg: true })
    .option('report', {
      describe: 'also write the findings as FORMAT to FILE (- for stdout), from the same scan: SARIF, annotations and a job summary in one run (repeatable)',
      type: 'string',
      array: true,
      requiresArg: true,
    })
    .option('fail-on', GATE_OPTIONS['fail-on'])
    .option('config', GATE_OPTIONS.config)
    .option('baseline', GATE_OPTIONS.baseline)
    .option('update-baseline', { describe: `write every current finding to the baseline (--baseline, default ${DEFAULT_BASELINE}) and exit 0`, type: 'boolean', default: false })
    .option('prune-baseline', { describe: 'remove from --baseline the entries no finding matches any more (fixed), accept nothing new; then report and exit as without it', type: 'boolean', default: false })
    .option('include-suppressed', { describe: 'list suppressed findings in text output too', type: 'boolean', default: false })
    .option('project-dir', { describe: 'dbt project root that report paths are relative to [default: the folder with dbt_project.yml above the target]', type: 'string', requiresArg: true })
    .option('sarif-primary', { describe: "SARIF primary location: the project's source file or the artifact", choices: ['source', 'artifact'], default: 'source', type: 'string', requiresArg: true })
    .option('category', { describe: 'SARIF automationDetails category (one per upload when you upload several SARIF files)', type: 'string', requiresArg: true })
    .option('color', { describe: 'color text output [default: when stdout is a terminal and NO_COLOR is unset]', type: 'boolean' })
    .option('max-age', { describe: 'fail (exit 2) on artifacts generated longer ago than DURATION (90m, 24h, 7d, 2w)', type: 'string', requiresArg: true })
    .option('quiet', GATE_OPTIONS.quiet)
    .option('debug', GATE_OPTIONS.debug)
    .option('max-file-size', { describe: 'refuse artifacts larger than this many bytes [default: 2 GiB]', type: 'number', requiresArg: true })
    .option('follow-symlinks', { describe: 'follow symlinks in a scanned directory that lead out of it (else skipped, with a warning)', type: 'boolean', default: false })
    .option('progress', { describe: 'show files, MB and findings on stderr during long scans [default: when stderr is a terminal]', type: 'boolean' })
    .option('stream', { describe: 'stream every JSON artifact through the tokenizer (default: from 8 MiB; from 1 MiB when the run holds 16 MiB or more)', type: 'boolean', hidden: true })
    .option('jobs', { describe: 'threads that scan (default: the number of cores; 1: no worker threads)', type: 'number', requiresArg: true })
    .option('since', { describe: 'scan only the folders (runs) with an artifact, and the archive files, modified since DATE (2025-01-31, an ISO time, or an age: 7d)', type: 'string', requiresArg: true })
    .option('shard', { describe: 'scan only shard K of N (K/N): a stable partition of the folders, for a CI matrix or an array job', type: 'string', requiresArg: true })
    .example('$0', 'scan ./target (or $DBT_TARGET_PATH)')
    .example('$0 target/ --format sarif --output dbt-secrets.sarif', 'SARIF for GitHub code scanning')
    .example('$0 target/ --format html --output dbt-secrets.html', 'one self-contained page: what to rotate first, then every finding')
    .example('$0 target/ -f sarif -o dbt.sarif --report github=- --report markdown=summary.md', 'a CI job: SARIF, annotations and a summary from one scan')
    .example("$0 'archive/*/target' --fail-on error", 'many runs, fail only on errors')
    .example("$0 's3://acme-dbt/runs/*/target' --since 7d --shard 1/4", 'a week of runs in a bucket, first of four shards')
    .example('aws s3 cp s3://acme-dbt/runs/2025-01-31/manifest.json - | $0 - --stdin-filename manifest.json', 'an artifact piped in')
    .example('$0 --update-baseline', `accept the current findings; later runs with --baseline ${DEFAULT_BASELINE} fail only on new ones`);
}

export interface ScanArgs {
  paths?: string[];
  stdinFilename?: string;
  dbtTarget: string;
  format: string;
  json?: boolean;
  groupBy?: 'file' | 'secret';
  now?: string;
  output?: string;
  report?: string[];
  failOn?: string;
  config?: string;
  baseline?: string;
  /** The baseline holds findings of files this run does not read (a hook's, of the staged files): none of its entries is called fixed. */
  baselineCoversMore?: boolean;
  updateBaseline: boolean;
  pruneBaseline?: boolean;
  includeSuppressed: boolean;
  quiet: boolean;
  maxAge?: string;
  color?: boolean;
  maxFileSize?: number;
  followSymlinks?: boolean;
  progress?: boolean;
  stream?: boolean;
  jobs?: number;
  since?: string;
  shard?: string;
  projectDir?: string;
  sarifPrimary: 'source' | 'artifact';
  category?: string;
}

export function runScan(args: ScanArgs, io: CliIO): number {
  const startedAt = new Date();
  const format = formatOf(args);
  const now = args.now === undefined ? startedAt : parseInstant(args.now);
  const loaded = loadConfig({ ...(args.config ? { configFile: args.config } : {}), cwd: io.cwd });
  const config = compileConfig(loaded.config, loaded.files, now);
  // (a config met on the walk up past the working directory with no repository around: named, for who reads the run)
  if (loaded.foundAboveWithoutRepository) io.stderr(stderrLine(`using the config ${path.relative(io.cwd, loaded.files[0]!) || loaded.files[0]}, found above the working directory with no git repository around it (--config names the one to use)`, 'warning'));
  const maxFileSize = args.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
  const maxAgeMs = args.maxAge === undefined ? undefined : parseDuration(args.maxAge);
  const failOn = (args.failOn ?? config.failOn ?? 'warning') as Severity | 'none';
  // (what the config turns off of the gate, said each run: red team 97)
  for (const warning of config.warnings) io.stderr(stderrLine(warning, 'warning'));
  if (args.failOn === undefined && config.failOn === 'none') io.stderr(stderrLine(`${path.relative(io.cwd, loaded.files[0]!) || loaded.files[0]}: failOn is none: findings do not fail the run (--fail-on sets the gate for a run)`, 'warning'));
  // (`-o -` is stdout, as a report's `FORMAT=-` is: not a file named `-`)
  const output = args.output === undefined || args.output === '-' ? undefined : inWorkingDir(args.output, io.cwd);
  if (output) assertWritable(output);
  const reports = extraReports(args, format, output, io.cwd);
  for (const report of reports) if (report.file) assertWritable(report.file, '--report');
  // the files this run writes its reports to (--output's and each --report's; undefined: stdout)
  const reportFiles = [{ as: format, file: output, what: '--output' }, ...reports.map((r) => ({ as: r.format, file: r.file, what: '--report' }))];
  const baselineFile = inWorkingDir(args.baseline ?? (args.updateBaseline ? DEFAULT_BASELINE : ''), io.cwd) || undefined;
  if (args.pruneBaseline && (!args.baseline || args.updateBaseline)) throw new UsageError('--prune-baseline: name the baseline to prune with --baseline (and no --update-baseline, which rewrites it whole)');
  if (args.updateBaseline || args.pruneBaseline) assertWritable(baselineFile!, '--baseline');
  const showsHashes = format !== 'text' || args.groupBy === 'secret' || reports.length > 0 || baselineFile !== undefined || config.allowlist.fingerprints.size > 0;
  const salt = runSalt(fingerprintSalt(io.env, config.salt), showsHashes);
  const baseline: Baseline | undefined = baselineFile && args.baseline && !args.updateBaseline ? readBaseline(baselineFile, salt) : undefined;

  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new UsageError('--jobs must be a whole number of threads, 1 or more');
  const since = args.since === undefined ? undefined : parseSince(args.since, startedAt);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  const progress = (args.progress ?? stderrIsTTY) ? progressDisplay(io.stderr, { terminal: stderrIsTTY, label: TOOL_NAME }) : undefined;
  // a run that read nothing still writes its reports, saying why (JSON's errors, SARIF's notifications): an old
  // report left in their place would be uploaded as this run's
  const writeFailedReports = (messages: readonly string[]): void => {
    const context: FormatContext = { rules: config.rules, color: false, exitCode: EXIT.error, unreadable: messages.map(maskSecretsIn), cwd: path.resolve(io.cwd), startedAt };
    for (const { as, file, what } of reportFiles) if (file || PARSED_FROM_STDOUT.has(as)) writeReport(as, file, NOTHING_READ, context, io, what);
  };
  // a baseline without an unreadable artifact's findings would take them for fixed: none is written, and a line says so
  const sayBaselineNotWritten = (): void => {
    if (args.updateBaseline) io.stderr(stderrLine(`--update-baseline: ${baselineFile}: not written, since an artifact could not be read (listed below): its findings would be taken for fixed`));
  };
  let result!: ReturnType<typeof scan>;
  let nothingRead = false;
  let selection: Selection | undefined;
  // artifacts that cannot be read: the others are still scanned and reported, and the run exits 2
  const unreadable: InputError[] = [];
  const paths = args.paths && args.paths.length > 0 ? args.paths : [args.dbtTarget];
  if (args.stdinFilename !== undefined && !paths.includes(STDIN_PATH)) throw new UsageError('--stdin-filename names the artifact that - (stdin) reads; pass - among the paths');
  try {
    result = scan({
      paths: paths.map((p) => (p === STDIN_PATH ? p : inWorkingDir(p, io.cwd))),
      archivesInFolders: true,
      stdin: { file: io.stdin, name: args.stdinFilename === undefined ? undefined : inWorkingDir(args.stdinFilename, io.cwd) },
      rules: config.rules,
      disabledDetectors: config.disabledDetectors,
      extraDetectors: config.extraDetectors,
      suppressor: combineSuppressors(
        loaded.files[0] ? allowlistSuppressor(config.allowlist, loaded.files[0], io.cwd) : undefined,
        baseline ? baselineSuppressor(baseline) : undefined,
      ),
      maxFileSize,
      followSymlinks: args.followSymlinks ?? false,
      onWarning: (message) => io.stderr(stderrLine(message, 'warning')),
      salt,
      now,
      ...(args.stream !== undefined ? { stream: args.stream } : {}),
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(shard ? { shard } : {}),
      onSelection: (s) => (selection = s),
      onUnreadable: (error) => void unreadable.push(error),
      // a dbt artifact behind a symlink out of the folder (`target/manifest.json -> ../state/manifest.json`) is not read
      // (--follow-symlinks reads it): a gate does not pass on it, as on any artifact it could not read (red team 90: the
      // warning alone, exit 0, JSON's errors and SARIF's notifications empty)
      onSkippedLink: (file, named) => {
        if (named) unreadable.push(new InputError(`${file}: not read: a symlink that leads outside the folder scanned; pass --follow-symlinks to scan it, or scan the file it leads to`));
      },
    });
  } catch (error) {
    // nothing could be read: each artifact that could not be is one line (below), not the first alone
    if (!(unreadable.length > 1 && error === unreadable[0])) {
      if (error instanceof InputError) {
        writeFailedReports([error.message]);
        sayBaselineNotWritten();
      }
      throw error;
    }
    nothingRead = true;
  } finally {
    progress?.done();
  }
  if (nothingRead) {
    writeFailedReports(unreadable.map((error) => error.message));
    sayBaselineNotWritten();
    return reportUnreadable(unreadable, io);
  }
  // a report or a baseline written over an artifact just scanned would destroy it (a file not there yet is none of them)
  const existing = [...reportFiles, { file: args.updateBaseline ? baselineFile : undefined, what: '--baseline' }].filter(
    (r): r is { file: string; what: string } => r.file !== undefined && existsSync(r.file),
  );
  if (existing.length > 0) {
    const scanned = new Set(result.summary.artifacts.map((a) => realPathOr(a.file)));
    for (const { file, what } of existing) {
      if (scanned.has(realPathOr(file))) throw new UsageError(`${what} ${file}: is an artifact this run scanned; writing there would replace it (choose another file)`);
    }
  }
  if (args.updateBaseline) assertBaselineOrNew(baselineFile!);
  maskSecretsInPaths(result);

  if (maxAgeMs !== undefined) assertFresh(result.summary.artifacts, maxAgeMs, args.maxAge!, startedAt);
  // an archive audit says what it listed and left out; a local scan of a target stays quiet
  const audit = since !== undefined || shard !== undefined || result.summary.artifacts.some((a) => isRemote(a.file));
  // (files, as listed: a docs page holds two artifacts, the manifest and the catalog inlined in it)
  const filesRead = new Set(result.summary.artifacts.map((a) => a.file)).size;
  if (audit && selection && !args.quiet) io.stderr(`${TOOL_NAME}: ${describeSelection(selection, filesRead, result.summary.bytesScanned, unreadable.length)}\n`);

  // no baseline, and the report of what was read, as any run with an unreadable artifact makes (exit 2; `-f json` its errors)
  if (args.updateBaseline && unreadable.length > 0) sayBaselineNotWritten();
  else if (args.updateBaseline) {
    writeAtomically(baselineFile!, serializeBaseline(result.findings, salt), '--baseline');
    const accepted = result.findings.filter((f) => !f.suppressed).length;
    io.stderr(`Wrote ${accepted} finding${accepted === 1 ? '' : 's'} to the baseline ${baselineFile}; pass --baseline ${args.baseline ?? DEFAULT_BASELINE} on later runs to fail only on new ones\n`);
    return EXIT.clean;
  }

  // (with an artifact that could not be read, an entry is fixed only where its own artifact was read whole)
  const unmatched = baseline && !args.baselineCoversMore ? staleEntries(baseline, result.findings, unreadable.length > 0 ? readWhole(result.summary.artifacts, unreadable) : undefined) : undefined;
  let stale = unmatched?.stale ?? [];
  // (not with an unreadable artifact: its findings would be taken for fixed)
  if (args.pruneBaseline && baseline && unreadable.length > 0) io.stderr(stderrLine(`--prune-baseline: ${baselineFile}: not pruned, since an artifact could not be read (listed below)`));
  if (args.pruneBaseline && baseline && unreadable.length === 0) {
    writeAtomically(baselineFile!, prunedBaseline(baseline, new Set(stale.map((e) => e.fingerprint))), '--baseline');
    if (!args.quiet) io.stderr(`Removed ${stale.length} fixed entr${stale.length === 1 ? 'y' : 'ies'} from the baseline ${baselineFile}; ${baseline.entries.length - stale.length} remain\n`);
    stale = [];
  }

  const failing = failOn === 'none' ? 0 : result.findings.filter((f) => !f.suppressed && atOrAbove(f.severity, failOn)).length;
  // an unreadable artifact fails the run whatever the others hold (JSON's exitCode and SARIF's executionSuccessful say so)
  const exitCode = unreadable.length > 0 ? EXIT.error : failing > 0 ? EXIT.findings : EXIT.clean;
  const color = output ? false : (args.color ?? wantsColor(io));
  const context: FormatContext = {
    rules: config.rules,
    color,
    exitCode,
    // (as on stderr: a message may quote a path whose folder is named by a token)
    unreadable: unreadable.map((error) => maskSecretsIn(error.message)),
    includeSuppressed: args.includeSuppressed,
    quiet: args.quiet,
    groupBy: args.groupBy ?? 'file',
    cwd: path.resolve(io.cwd),
    projectDir: reportRoot(args.projectDir, result.findings, io.cwd),
    sarifPrimary: args.sarifPrimary,
    startedAt,
    ...(commitSha(io.env) ? { commitSha: commitSha(io.env)! } : {}),
    ...(args.category ? { category: args.category } : {}),
    ...(baseline ? { staleBaseline: { file: baseline.file, count: stale.length, unchecked: unmatched?.unchecked.length ?? 0 } } : {}),
  };
  writeReport(format, output, result, context, io);
  for (const report of reports) writeReport(report.format, report.file, result, { ...context, color: report.file ? false : (args.color ?? wantsColor(io)) }, io, '--report');
  if (unreadable.length > 0) reportUnreadable(unreadable, io);
  return exitCode;
}

/**
 * A token that is a whole folder's or file's name (`runs/ghp_…/target`, an archive entry `AKIA…/manifest.json`) is
 * masked in the paths every report and the baseline print, as a secret quoted on stderr is (red team 63: the paths
 * were printed whole). Reading is done: the scan and its suppressors had the real paths. A path with no secret in it
 * stays as it is; each distinct one is looked at once.
 */
function maskSecretsInPaths(result: ReturnType<typeof scan>): void {
  const masked = new Map<string, string>();
  const mask = (file: string): string => {
    let shown = masked.get(file);
    if (shown === undefined) masked.set(file, (shown = maskSecretsIn(file)));
    return shown;
  };
  for (const f of result.findings) {
    f.file = mask(f.file);
    if (f.source) {
      f.source.file = mask(f.source.file);
      if (f.source.projectDir !== undefined) f.source.projectDir = mask(f.source.projectDir);
    }
  }
  for (const a of result.summary.artifacts) {
    a.file = mask(a.file);
    // (dbt writes a uuid and a time in its metadata; anything else there, a token among it, is masked as a path is)
    if (a.invocationId !== undefined) a.invocationId = mask(a.invocationId);
    if (a.generatedAt !== undefined) a.generatedAt = mask(a.generatedAt);
  }
}

/**
 * Formats that a program reads from stdout (`--json | jq`, `--format sarif > results.sarif`, the runner that reads
 * GitHub's workflow commands, a job summary appended to `$GITHUB_STEP_SUMMARY`): a run that read nothing writes them
 * there too, with its error, not 0 bytes that the next step fails to parse or shows as nothing (red team 65). Text and
 * HTML on stdout would say no more than the error line on stderr.
 */
const PARSED_FROM_STDOUT: ReadonlySet<FormatName> = new Set<FormatName>(['json', 'sarif', 'junit', 'gitlab', 'github', 'markdown']);

/** The result of a run that read nothing (see writeFailedReports). */
const NOTHING_READ: ReturnType<typeof scan> = {
  findings: [],
  summary: { filesScanned: 0, artifacts: [], bytesScanned: 0, stringsScanned: 0, findings: 0, suppressed: 0, bySeverity: { error: 0, warning: 0, note: 0 }, distinctSecrets: 0, durationMs: 0 },
};

/** --update-baseline writes over a baseline or makes a new file: never over another file (`--baseline package.json`). */
function assertBaselineOrNew(file: string): void {
  let text: string;
  try {
    text = readSmallFile(file, MAX_BASELINE_BYTES);
  } catch (error) {
    // no file yet (or none to read): made new; a FIFO, a device, a folder, a huge file: no baseline to replace
    if ((error as RegularFileError).fromFileSystem) return;
    throw new UsageError(`--baseline ${file}: ${(error as RegularFileError).message}; --update-baseline writes a baseline file`);
  }
  let tool: unknown;
  try {
    tool = (JSON.parse(text) as { tool?: unknown } | null)?.tool;
  } catch {
    // a baseline of ours that a merge left its conflict markers in: regenerated, as --update-baseline is asked to
    tool = /^<{7}(?: |$)/m.test(text) && text.includes(`"tool": "${TOOL_NAME}"`) ? TOOL_NAME : undefined;
  }
  if (tool !== TOOL_NAME) throw new UsageError(`--baseline ${file}: exists and is not a ${TOOL_NAME} baseline; --update-baseline would replace it (choose another file, or delete it first)`);
}

/**
 * Whether a baseline entry's artifact was read whole this run: scanned, and named by no line of an artifact that could
 * not be read (an entry without a file, from an older baseline, may be anywhere).
 */
function readWhole(artifacts: readonly { file: string }[], unreadable: readonly InputError[]): (file: string | undefined) => boolean {
  const broken = unreadable.map((error) => maskSecretsIn(error.message));
  const whole = new Set(artifacts.map((a) => a.file).filter((file) => !broken.some((message) => message.startsWith(`${file}: `))));
  return (file) => file !== undefined && whole.has(file);
}

/** The artifacts that could not be read, one line each, naming the file and where it breaks (never its content); exit 2. */
function reportUnreadable(unreadable: readonly InputError[], io: CliIO): number {
  for (const error of unreadable) io.stderr(stderrLine(error.message));
  return EXIT.error;
}

/** The report as `format`, to `file` (or stdout). To a file, a format that comes in pieces is written as it is made: the whole report is never held. */
function writeReport(format: FormatName, file: string | undefined, result: ReturnType<typeof scan>, context: FormatContext, io: CliIO, what = '--output'): void {
  const formatter: Formatter = FORMATTERS[format];
  if (file && formatter.chunks) writeChunksAtomically(file, formatter.chunks(result, context), what);
  else if (file) writeAtomically(file, formatter(result, context), what);
  else io.stdout(formatter(result, context));
}

interface ExtraReport {
  format: FormatName;
  /** Absolute; undefined: stdout. */
  file: string | undefined;
}

/**
 * The --report FORMAT=FILE pairs, checked before the scan: a known format, a file, and no two
 * reports (the main one included) to the same file or both to stdout, where they would mix.
 */
function extraReports(args: ScanArgs, format: FormatName, output: string | undefined, cwd: string): ExtraReport[] {
  const reports: ExtraReport[] = [];
  if (args.report?.length && args.updateBaseline) throw new UsageError('--report and --update-baseline: a baseline update writes no report');
  const taken = new Map<string, string>([[output === undefined ? '-' : reportKey(output, cwd), `--format ${format}`]]);
  for (const spec of args.report ?? []) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const target = eq < 0 ? '' : spec.slice(eq + 1);
    if (!Object.hasOwn(FORMATTERS, name)) throw new UsageError(`--report ${spec}: FORMAT=FILE with FORMAT one of ${Object.keys(FORMATTERS).join(', ')}`);
    if (target === '') throw new UsageError(`--report ${spec}: give the file to write after '=' (- for standard output)`);
    const file = target === '-' ? undefined : inWorkingDir(target, cwd);
    const key = file === undefined ? '-' : reportKey(file, cwd);
    const before = taken.get(key);
    if (before) throw new UsageError(`--report ${spec}: ${file ? `${target} is` : 'standard output is'} already the report of ${before}${file ? '' : '; give --output FILE for it'}`);
    taken.set(key, `--report ${spec}`);
    reports.push({ format: name as FormatName, file });
  }
  return reports;
}

/**
 * A report's file as one name whatever way it was written (`r/x.sarif`, `./r//x.sarif`, an absolute path, through a link
 * to it or to its folder): two reports to one file would leave only the last (red team 132: `-o r/x.sarif --report
 * json=./r/x.sarif` uploaded the JSON as the SARIF). A remote URL is its own name.
 */
function reportKey(file: string, cwd: string): string {
  if (isRemote(file)) return file;
  const full = path.resolve(cwd, file);
  for (const real of [() => realpathSync(full), () => path.join(realpathSync(path.dirname(full)), path.basename(full))]) {
    try {
      return real();
    } catch {
      // not there (yet): its folder, or the path as written
    }
  }
  return full;
}

/** `--json` is `--format json`; with another --format given as well, the two disagree. */
function formatOf(args: ScanArgs): FormatName {
  if (!args.json) return args.format as FormatName;
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`--json and --format ${args.format} disagree; give one of them`);
  return 'json';
}

function parseInstant(text: string): Date {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--now ${text}: not a date; use ISO 8601, e.g. 2026-01-01T00:00:00Z`);
  return new Date(ms);
}

/** The root report paths are relative to: --project-dir, else the one dbt project all findings come from, else cwd. */
function reportRoot(given: string | undefined, findings: readonly Finding[], cwd: string): string {
  if (given) return path.resolve(cwd, given);
  const roots = new Set<string>();
  // once per folder, not once per finding (a target's artifacts share their project)
  const folders = new Set<string>();
  for (const f of findings) {
    // a project inside an archive (runs.zip!/proj) has no folder on disk to be the root
    if (f.source?.projectDir && !inArchive(f.source.projectDir)) roots.add(f.source.projectDir);
    else if (f.source?.projectDir) roots.add(path.resolve(cwd));
    else if (isRemote(f.file) || inArchive(f.file)) roots.add(path.resolve(cwd));
    else {
      const file = path.resolve(cwd, f.file);
      const folder = path.dirname(file);
      if (folders.has(folder)) continue;
      folders.add(folder);
      roots.add(findProjectDir(file) ?? path.resolve(cwd));
    }
    if (roots.size > 1) break; // two roots: the report is relative to cwd
  }
  return roots.size === 1 ? [...roots][0]! : path.resolve(cwd);
}

/** The key of value hashes: DBT_TOOLS_LINT_SALT (secret, never printed), else the config's `salt`, else the public default. */
function fingerprintSalt(env: NodeJS.ProcessEnv, configSalt: string | undefined): string {
  const key = env[SALT_ENV];
  if (key === undefined || key === '') return configSalt ?? DEFAULT_SALT;
  if (key.length < MIN_SECRET_SALT) throw new UsageError(`${SALT_ENV} is too short to keep fingerprints secret (${key.length} characters); use a random value of at least ${MIN_SECRET_SALT}`);
  return secretSalt(key);
}

/**
 * The key this run hashes values under. A run whose reports show no value hash (the text listing by file and nothing
 * else: no other report, no baseline, no fingerprint in the allowlist) keeps every hash to itself: a key of its own
 * (runOnlySalt), and no value needs the slow hash that a public salt calls for (the leaky sample's 259 secrets: 1.5 s,
 * of which 1 s was scrypt over its guessable ones). Distinct secrets are still counted as one run tells them apart.
 */
function runSalt(salt: string, showsHashes: boolean): string {
  return showsHashes || isSecretSalt(salt) ? salt : runOnlySalt();
}

function commitSha(env: NodeJS.ProcessEnv): string | undefined {
  const sha = env.CI_COMMIT_SHA ?? env.GITHUB_SHA;
  return sha && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
}

/** Paths are relative to the CLI's working directory (the process's, except when called in-process). */
function inWorkingDir(p: string, cwd: string): string {
  return p === '' || isRemote(p) || path.isAbsolute(p) || path.resolve(cwd) === process.cwd() ? p : path.join(cwd, p);
}

/** NO_COLOR (any value) turns color off, FORCE_COLOR (other than 0) turns it on; else only on a terminal. */
function wantsColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.isTTY;
}

/** --since: a date or time (ISO 8601), or an age before now (7d, 36h). */
export function parseSince(text: string, now: Date): number {
  if (/^\s*\d+\s*[smhdw]/.test(text) && !/^\d{4}-/.test(text)) return now.getTime() - parseDuration(text, '--since');
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new UsageError(`--since ${text}: not a date; use 2025-01-31, an ISO time such as 2025-01-31T06:00:00Z, or an age such as 7d`);
  return at;
}

/** --shard K/N: shard K (1 to N) of N. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${text}: expected K/N with 1 <= K <= N, e.g. 1/4`);
  return { index, count };
}

function describeSelection(s: Selection, scanned: number, bytes: number, unreadable: number): string {
  const skipped = s.skippedSince + s.skippedShard;
  const why = [s.skippedSince ? `${s.skippedSince} not modified since --since` : '', s.skippedShard ? `${s.skippedShard} in other shards` : ''].filter(Boolean).join(', ');
  // (an artifact that could not be read, or not whole, is listed below)
  const failed = unreadable > 0 ? `; ${unreadable} could not be read whole (listed below)` : '';
  return `listed ${s.listed} artifact file${s.listed === 1 ? '' : 's'} in ${s.folders} folder${s.folders === 1 ? '' : 's'}; scanned ${scanned} (${(bytes / 1024 / 1024).toFixed(1)} MB), skipped ${skipped}${why ? ` (${why})` : ''}${failed}`;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90m", "24h", "7d", "2w", or combinations such as "1d12h". */
export function parseDuration(text: string, flag = '--max-age'): number {
  const parts = [...text.matchAll(/(\d+)\s*([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.replace(/\s+/g, '')) {
    throw new UsageError(`${flag} ${text}: not a duration; use a number with s, m, h, d or w, e.g. 24h or 7d`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

/** A gate must not pass on old artifacts that a failed dbt run left behind. */
function assertFresh(artifacts: readonly { file: string; generatedAt?: string }[], maxAgeMs: number, maxAge: string, now: Date): void {
  for (const a of artifacts) {
    const generated = a.generatedAt ? Date.parse(a.generatedAt.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(a.generatedAt) ? a.generatedAt : `${a.generatedAt}Z`) : NaN;
    if (Number.isNaN(generated)) throw new InputError(`${a.file}: no generated_at timestamp, so --max-age ${maxAge} cannot be checked`);
    const age = now.getTime() - generated;
    if (age > maxAgeMs) {
      throw new InputError(`${a.file}: generated ${formatAge(age)} ago (${a.generatedAt}), older than --max-age ${maxAge}; regenerate the artifacts`);
    }
  }
}

function formatAge(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : hours >= 1 ? `${hours} h` : `${Math.max(1, Math.floor(ms / 60_000))} min`;
}
