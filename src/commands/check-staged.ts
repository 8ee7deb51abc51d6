/**
 * `dbt-tools-lint check-staged [FILE...]`: the entry of the pre-commit hooks. pre-commit passes the
 * staged files and, while hooks run, the working tree holds their staged content. A file is a dbt
 * artifact when its content says so (`recognizeArtifact`), whatever its name or folder; a rendered
 * model (target/compiled/, target/run/) or dbt's log, which have no content of dbt's own, by its path.
 *
 * - default (hook `dbt-tools-lint`): scan the staged artifacts for secrets; when none is staged,
 *   scan --dbt-target if it exists. No target yet (a fresh clone, a CI job before `dbt compile`)
 *   is a pass: a commit hook cannot require a dbt run.
 * - `--forbid-artifacts` (hook `dbt-artifacts-not-committed`): fail when any staged file is an
 *   artifact, one line per file.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { STDIN_PATH } from '../artifacts/stdin.js';
import type { Argv } from 'yargs';
import { describeFsError, parseArtifactJson, readArtifactBytes, readArtifactText } from '../artifacts/read.js';
import { recognizeArtifact, recognizePartialParse } from '../artifacts/recognize.js';
import { isHtmlFile, isMsgpackFile, PARTIAL_PARSE } from '../artifacts/candidate.js';
import { decodeMsgpack } from '../artifacts/msgpack.js';
import { archiveFormat, artifactsInArchive } from '../artifacts/archive.js';
import { embeddedArtifacts, looksLikeHtml } from '../artifacts/html.js';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/scan.js';
import type { ArtifactKind } from '../types.js';
import { InputError, UsageError } from '../errors.js';
import { EXIT, type CliIO } from './context.js';
import { GATE_OPTIONS, runScan } from './scan.js';
import { declaredTargetPath, targetTextFileKind, type TextFileKind } from '../artifacts/text-files.js';

export interface CheckStagedArgs {
  files?: string[];
  forbidArtifacts: boolean;
  /** Given on the command line; else $DBT_TARGET_PATH, else `target`. */
  dbtTarget?: string;
  config?: string;
  failOn?: string;
  baseline?: string;
  quiet: boolean;
}

export function checkStagedOptions<T>(y: Argv<T>) {
  return y
    .positional('files', { describe: 'staged files (pre-commit passes them); those that are not dbt artifacts are skipped', type: 'string', array: true })
    .option('forbid-artifacts', { describe: 'fail when any of the files is a dbt artifact instead of scanning it', type: 'boolean', default: false })
    .option('dbt-target', {
      describe: 'target directory to scan when no artifact is staged (skipped when it does not exist; given, its folder must hold the dbt project)',
      type: 'string',
      requiresArg: true,
      defaultDescription: '$DBT_TARGET_PATH or target',
    })
    .option('config', GATE_OPTIONS.config)
    .option('fail-on', GATE_OPTIONS['fail-on'])
    // (read only: a hook sees the staged files, too few to update or prune a baseline by)
    .option('baseline', GATE_OPTIONS.baseline)
    .option('quiet', GATE_OPTIONS.quiet)
    .option('debug', GATE_OPTIONS.debug)
    .example('$0 check-staged target/manifest.json models/schema.yml', 'scan the staged artifacts, as the dbt-tools-lint hook does')
    .example('$0 check-staged --baseline .dbt-tools-lint-baseline.json', "scan what is staged, the baseline's findings hidden")
    .example('$0 check-staged --forbid-artifacts state/manifest.json', 'fail: a dbt artifact is staged');
}

export function runCheckStaged(args: CheckStagedArgs, io: CliIO): number {
  // run by hand with no file: the files staged in git (under pre-commit, the files it passes are the staged ones its
  // `files` and `exclude` select; none is none)
  if (args.files?.includes(STDIN_PATH)) throw new UsageError('check-staged - : check-staged reads the staged files by their paths; - (stdin) is read by scan only');
  const files = args.files?.length ? args.files : io.env.PRE_COMMIT ? [] : gitStaged(io.cwd);
  const staged = files.map((file) => ({ file, what: stagedArtifact(path.resolve(io.cwd, file)) }));
  const artifacts = staged.filter((s): s is { file: string; what: string } => s.what !== undefined);
  if (args.forbidArtifacts) {
    for (const { file, what } of artifacts) {
      io.stdout(`${file}: ${what}; dbt artifacts do not belong in git: unstage it (git rm --cached) and add it to .gitignore\n`);
    }
    return artifacts.length > 0 ? EXIT.findings : EXIT.clean;
  }
  // a file named to scan that is not there is no pass (pre-commit passes only files that exist)
  for (const file of files) {
    const missing = unreachable(path.resolve(io.cwd, file));
    if (missing === undefined) continue;
    // (a staged link that leads to itself is there, as a link: what the file system said, as a scan says it, not "restore it")
    if (missing === 'ENOENT' || missing === 'ENOTDIR') throw new InputError(`${file}: no such file${io.env.PRE_COMMIT ? '' : inIndexOnly(io.cwd, file)}`);
    throw new InputError(`${file}: ${describeFsError({ code: missing })}`);
  }
  // the scan reads the working copy: run by hand (or by a hook manager that does not stash what is not
  // staged, as pre-commit does), it must be what the commit holds
  if (!io.env.PRE_COMMIT) {
    for (const { file } of artifacts) {
      if (differsFromIndex(io.cwd, file)) {
        throw new InputError(`${file}: the working copy differs from what is staged, and the commit holds the staged one; stage it (git add) or set the rest aside (git stash --keep-index), then check again`);
      }
    }
  }
  const paths = artifacts.map((a) => a.file);
  const dbtTarget = args.dbtTarget ?? io.env.DBT_TARGET_PATH ?? 'target';
  if (paths.length === 0 && !existsSync(path.resolve(io.cwd, dbtTarget))) {
    // no target yet is a pass (a fresh clone: dbt has not run); a target named in the hook's args whose folder holds no
    // dbt project is a mistyped path, which would pass every commit unseen (pre-commit hides a passing hook's output;
    // red team 132)
    const project = path.dirname(path.resolve(io.cwd, dbtTarget));
    if (args.dbtTarget !== undefined && !existsSync(path.join(project, 'dbt_project.yml')) && !isProjectTargetPath(path.resolve(io.cwd, dbtTarget), [project, io.cwd])) {
      throw new InputError(`--dbt-target ${dbtTarget}: no such directory, and ${path.relative(io.cwd, project) || '.'} holds no dbt project (dbt_project.yml) that would write it; is the path mistyped?`);
    }
    if (!args.quiet) io.stdout(`dbt-tools-lint: no dbt artifact staged and no ${dbtTarget} directory: nothing to scan\n`);
    return EXIT.clean;
  }
  return runScan(
    {
      paths,
      dbtTarget,
      format: 'text',
      updateBaseline: false,
      includeSuppressed: false,
      quiet: args.quiet,
      sarifPrimary: 'source',
      ...(args.config ? { config: args.config } : {}),
      ...(args.failOn ? { failOn: args.failOn } : {}),
      ...(args.baseline ? { baseline: args.baseline, baselineCoversMore: true } : {}),
    },
    io,
  );
}

/**
 * Whether a dbt project in one of `folders` names `target` as its `target-path` (`target-path: "../artifacts/target"` in
 * dbt_project.yml): a target kept outside its project is no mistyped path either.
 */
function isProjectTargetPath(target: string, folders: readonly string[]): boolean {
  return [...new Set(folders)].some((folder) => {
    const named = declaredTargetPath(folder);
    return typeof named === 'string' && path.resolve(folder, named) === target;
  });
}

/**
 * What a staged file is, when it carries dbt artifacts: a rendered model or dbt's log (by its path, as a scan of the
 * target finds them: they have no content of dbt's own to tell them by), a JSON or MessagePack artifact (by its
 * content), a docs page with the manifest inlined (`dbt docs generate --static`, often committed to publish it), or an
 * archive with artifacts in it (by its entries' names); else undefined.
 */
export function stagedArtifact(file: string): string | undefined {
  const text = targetTextFileKind(file);
  if (text !== undefined) return TEXT_OUTPUT[text];
  if (archiveFormat(file) !== undefined) {
    const held = artifactsInArchive(file, DEFAULT_MAX_FILE_SIZE);
    // an archive that cannot be read may hold artifacts: the scan then says what is wrong with it (exit 2)
    if (held === undefined) return 'an archive that could not be read (it may hold dbt artifacts)';
    return held.length > 0 ? `an archive holding dbt artifacts (${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''})` : undefined;
  }
  if (isHtmlFile(file)) return stagedDocsPage(file) ? 'a dbt docs page with the manifest and catalog inlined (dbt docs generate --static)' : undefined;
  if (isMsgpackFile(file)) {
    const kind = stagedMsgpackKind(file);
    return kind ? `a dbt ${kind} artifact (recognized by its content)` : undefined;
  }
  const { kind, byName } = stagedJsonKind(file);
  if (!kind) return undefined;
  return byName ? `a file under dbt's name ${path.basename(file)} that does not read as JSON` : `a dbt ${kind} artifact (recognized by its content)`;
}

/** What dbt's text output is, for --forbid-artifacts' line. */
const TEXT_OUTPUT: Readonly<Record<TextFileKind, string>> = {
  'compiled-sql': "a model dbt rendered into its target's compiled/ or run/ folder (its SQL, with every value resolved)",
  'compiled-python': "a Python model dbt rendered into its target's compiled/ or run/ folder (with every value resolved)",
  log: "dbt's log (it echoes connections, errors and the SQL run)",
};

/** dbt's JSON artifacts by their file names: a file so named that does not read as JSON is taken for the artifact (see stagedArtifactKind). */
const JSON_NAMES: ReadonlyMap<string, ArtifactKind> = new Map([
  ['manifest.json', 'manifest'],
  ['run_results.json', 'run-results'],
  ['catalog.json', 'catalog'],
  ['sources.json', 'sources'],
  ['semantic_manifest.json', 'semantic-manifest'],
]);

/**
 * The files staged in the git repository around `cwd` (added, copied, modified, renamed), as paths
 * from `cwd`, those of the whole repository (run from `models/`, a staged `target/manifest.json` is
 * `../target/manifest.json`); none outside a repository.
 */
function gitStaged(cwd: string): string[] {
  try {
    const root = git(cwd, ['rev-parse', '--show-toplevel']).trim();
    const out = git(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z']);
    return out
      .split('\0')
      .filter((f) => f !== '')
      .map((f) => path.relative(cwd, path.join(root, f)));
  } catch {
    return [];
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

/** Whether git holds another version of `file` in its index than the working copy (false outside a repository, or for a file git does not track). */
function differsFromIndex(cwd: string, file: string): boolean {
  try {
    execFileSync('git', ['diff', '--quiet', '--', file], { cwd, stdio: 'ignore' });
    return false;
  } catch (error) {
    return (error as { status?: number }).status === 1;
  }
}

/** Why a file cannot be reached (stat's code: ENOENT, ELOOP, EACCES, …), or undefined when it can. */
function unreachable(file: string): string | undefined {
  try {
    statSync(file);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

/** For a file that is not in the working copy: that it is staged all the same, when git says so. */
function inIndexOnly(cwd: string, file: string): string {
  try {
    return git(cwd, ['ls-files', '--cached', '--', file]).trim() !== '' ? ' in the working copy, though it is staged: restore it (git checkout -- FILE) to check what the commit holds' : '';
  } catch {
    return '';
  }
}

/** An HTML file with a dbt artifact inlined in it. */
function stagedDocsPage(file: string): boolean {
  try {
    const text = readArtifactText(file, { maxFileSize: DEFAULT_MAX_FILE_SIZE }).text;
    return looksLikeHtml(text) && embeddedArtifacts(text).length > 0;
  } catch {
    return false;
  }
}

/** dbt's schema URL, which it writes first in every artifact since 0.19. */
const SCHEMA_URL_IN_HEAD = /"dbt_schema_version"\s*:\s*"https?:\/\/schemas\.getdbt\.com\/dbt\/(manifest|run-results|catalog|sources)\/v\d+\.json"/;
const HEAD_BYTES = 4096;

/**
 * The artifact kind of a file by its content, or undefined. A file that does not parse (truncated,
 * too large to hold as a string) still counts when its head carries dbt's schema URL, or when it has
 * dbt's name (an empty manifest.json, one cut before its schema URL): the scan then says what is wrong
 * with it (exit 2). A web app's manifest.json parses, and is passed over.
 */
export function stagedArtifactKind(file: string): ArtifactKind | undefined {
  return isMsgpackFile(file) ? stagedMsgpackKind(file) : stagedJsonKind(file).kind;
}

/** stagedArtifactKind of a JSON file, and whether its name alone said so. */
function stagedJsonKind(file: string): { kind?: ArtifactKind; byName?: boolean } {
  const head = readHead(file);
  const named = head === undefined ? undefined : JSON_NAMES.get(path.basename(file));
  const byName = named ? { kind: named, byName: true } : {};
  if (head === undefined || !/^\ufeff?\s*\{/.test(head)) return byName;
  let document: unknown;
  try {
    document = parseArtifactJson(file, readArtifactText(file, { maxFileSize: DEFAULT_MAX_FILE_SIZE }));
  } catch {
    const kind = SCHEMA_URL_IN_HEAD.exec(head)?.[1] as ArtifactKind | undefined;
    return kind ? { kind } : byName;
  }
  const recognized = recognizeArtifact(document);
  return recognized.ok ? { kind: recognized.info.kind } : {};
}

/** A MessagePack file that is dbt's Manifest, or one under dbt's name that cannot be read. */
function stagedMsgpackKind(file: string): ArtifactKind | undefined {
  try {
    return recognizePartialParse(decodeMsgpack(readArtifactBytes(file, { maxFileSize: DEFAULT_MAX_FILE_SIZE }))).ok ? 'partial-parse' : undefined;
  } catch {
    return path.basename(file) === PARTIAL_PARSE ? 'partial-parse' : undefined;
  }
}

function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // (without blocking: a FIFO staged under an artifact's name hung the hook; only a regular file has a head to read)
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return undefined; // a directory, a dangling link, no permission: not an artifact we can read
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
