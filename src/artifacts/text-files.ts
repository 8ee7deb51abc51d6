/**
 * Plain-text files beside the JSON artifacts that hold the same values: rendered models in
 * target/compiled/ and target/run/ (SQL, and the Python of a Python model: dbt writes its compiled
 * code there as a .py file), and the project's logs/dbt.log (scrubbed only for DBT_ENV_SECRET*
 * values). Found next to a scanned target directory, or named explicitly.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type TextFileKind = 'compiled-sql' | 'compiled-python' | 'log';

const MAX_TEXT_FILES = 20_000;
const MAX_DEPTH = 24;

/** The rendered models' file types under compiled/ and run/, by extension. */
const COMPILED_KINDS: Readonly<Record<string, TextFileKind>> = { '.sql': 'compiled-sql', '.py': 'compiled-python' };

/** A target's folders of rendered models: compiled/ (every dbt compile and run), run/ (what a run executed, DDL around them). */
export const RENDERED_FOLDERS: ReadonlySet<string> = new Set(['compiled', 'run']);

/**
 * compiled-sql (or compiled-python) for .sql (.py) files under a compiled/ or run/ folder and for dbt Fusion's query log,
 * log for .log files.
 */
export function textFileKind(file: string): TextFileKind | undefined {
  const posix = file.split(path.sep).join('/');
  const compiled = COMPILED_KINDS[path.posix.extname(posix)];
  if (compiled && /(^|\/)(compiled|run)\//.test(posix)) return compiled;
  if (isQueryLog(posix)) return 'compiled-sql';
  if (ROTATED_LOG.test(posix)) return 'log';
  return undefined;
}

/**
 * The name a rotation gives a log's backup after the log's: dbt's own (`--log-file-max-bytes`: dbt.log.1 … dbt.log.5,
 * the oldest last, the number captured), or a day's or an hour's, as logrotate's dateext and Python's timed rotation name
 * them (dbt.log-20261204, dbt.log.2026-12-04, dbt.log.2026-12-04_10).
 */
const BACKUP = String.raw`(?:\.(\d{1,4})|[.-]\d{4}-?\d{2}-?\d{2}(?:[_-]?\d{2}(?:-?\d{2}){0,2})?)`;

/** A log, or a backup of one (see BACKUP). */
const ROTATED_LOG = new RegExp(`\\.log${BACKUP}?$`);

/** dbt's log and its backups by name, as a logs/ folder holds them. */
const DBT_LOG = new RegExp(`^dbt\\.log${BACKUP}?$`);

const LOG_BACKUP = new RegExp(`(\\.log)${BACKUP}$`);

/** A backup's name as the log's own (`dbt.log.1`, `dbt.log-20261204` → `dbt.log`): where its findings are, across rotations. */
export function logName(file: string): string {
  return path.basename(file).replace(LOG_BACKUP, '$1');
}

/** Whether a file is dbt.log or one of its backups (dbt.log.1). */
export function isDbtLog(file: string): boolean {
  return DBT_LOG.test(path.basename(file));
}

/**
 * dbt Fusion's log of the SQL it ran, beside dbt.log in logs/: every statement rendered, env_var() values and
 * `create user … password '…'` included, as compiled/ and run/ hold a model's. Read as rendered SQL.
 */
const QUERY_LOG = 'query_log.sql';

/** Whether a file is dbt Fusion's query log (logs/query_log.sql). */
export function isQueryLog(file: string): boolean {
  return path.posix.basename(file.split(path.sep).join('/')) === QUERY_LOG;
}

/** Whether a file is one that a logs/ folder is read for: dbt.log, its backups, Fusion's query log. */
export function isLogsFile(file: string): boolean {
  return isDbtLog(file) || isQueryLog(file);
}

/** The order of dbt's logs by name: dbt.log, then its backups by number (dbt.log.2 before dbt.log.10), then a day's by name. */
export function byDbtLogOrder(a: string, b: string): number {
  const backup = (file: string) => {
    const m = DBT_LOG.exec(path.posix.basename(file));
    return m?.[1] !== undefined ? Number(m[1]) : path.posix.basename(file) === 'dbt.log' ? 0 : 1e4;
  };
  return backup(a) - backup(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The logs in a logs/ folder: dbt.log, then its backups in order (dbt.log.1, dbt.log.2, …; red team 79: a secret
 * logged before the log rotated was in dbt.log.1, which no scan read), then Fusion's query_log.sql, as paths under `shown`.
 */
function dbtLogsIn(dir: string, shown: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => (DBT_LOG.test(name) || name === QUERY_LOG) && isFile(path.join(dir, name)));
  } catch {
    return [];
  }
  return names.sort(byDbtLogOrder).map((name) => path.join(shown, name));
}

/** A backup of dbt's log that a rotation compressed (logrotate's `compress`: dbt.log.2.gz, dbt.log-20261204.gz). */
const COMPRESSED_DBT_LOG = new RegExp(`^dbt\\.log${BACKUP}?\\.gz$`);

/** A compressed backup of dbt's log by its name (`dbt.log.2.gz`). */
export function isCompressedDbtLog(name: string): boolean {
  return COMPRESSED_DBT_LOG.test(name);
}

/**
 * The compressed backups of dbt's log beside a target, in the logs/ folders that textFilesOf reads: not read with the
 * folder (an archive is read when given: see discover.ts), and said, so that no secret in one is passed over in silence.
 */
export function compressedLogsOf(targetDir: string): string[] {
  const out: string[] = [];
  for (const { dir, shown } of logFolders(targetDir)) {
    try {
      for (const name of readdirSync(dir).sort()) if (COMPRESSED_DBT_LOG.test(name)) out.push(path.join(shown, name));
    } catch {
      // no logs/ folder: none
    }
  }
  return out;
}

/**
 * Where a target's logs are: logs/ beside it when the target is a project's (dbt_project.yml beside it) or is named as
 * dbt names it, logs/ inside it (`--log-path target/logs`) and the folder itself; each as a path on disk and as shown,
 * under the target as given.
 */
function logFolders(targetDir: string): { dir: string; shown: string }[] {
  const project = path.dirname(path.resolve(targetDir));
  const folders = [
    // (named from the folder as given: `.` in the target is `../logs/dbt.log`, not dirname's `./logs/dbt.log`)
    ...(isDbtTarget(targetDir) ? [{ dir: path.join(project, 'logs'), shown: path.join(targetDir, '..', 'logs') }] : []),
    { dir: path.join(targetDir, 'logs'), shown: path.join(targetDir, 'logs') },
    // the folder's own: logs/ given as the PATH, or a target that holds its log (`--log-path target`)
    { dir: targetDir, shown: targetDir },
  ];
  // (logs/ given in a project is its project's logs/ too: read once)
  return folders.filter((f, i) => folders.findIndex((g) => path.resolve(g.dir) === path.resolve(f.dir)) === i);
}

/** Whether a folder is a dbt project's target, as dbt lays it out: named `target`, or with dbt_project.yml beside it (`target-path: build`). */
function isDbtTarget(dir: string): boolean {
  const resolved = path.resolve(dir);
  return path.basename(resolved) === 'target' || existsSync(path.join(path.dirname(resolved), 'dbt_project.yml'));
}

/**
 * Whether a folder is where a dbt project writes its target: its dbt_project.yml beside it, and named `target` or as the
 * project's `target-path` says (`target-path: build`). Stricter than isDbtTarget, which takes a folder given as a target
 * at its word: a staged file's folders are any of the repository's (red team 91: `scripts/run/…`, `models/run/…`,
 * `macros/compiled/…` beside dbt_project.yml, Maven's `java-svc/target/run/…`, were taken for rendered models).
 */
function isProjectTarget(dir: string): boolean {
  const resolved = path.resolve(dir);
  const name = path.basename(resolved);
  const declared = declaredTargetPath(path.dirname(resolved));
  if (declared === null) return false;
  return declared === undefined ? name === 'target' : path.basename(declared) === name;
}

/** The `target-path` a folder's dbt_project.yml declares; undefined when it declares none (dbt's `target`), null when the folder has none. */
export function declaredTargetPath(projectDir: string): string | undefined | null {
  let project: string;
  try {
    project = readFileSync(path.join(projectDir, 'dbt_project.yml'), 'utf8');
  } catch {
    return null;
  }
  return TARGET_PATH.exec(project)?.[1];
}

/** dbt_project.yml's `target-path: "build"` (a line of its own; dbt's default is `target`). */
const TARGET_PATH = /^target-path:[ \t]{0,16}["']?([^"'#\s]{1,256})/m;

/**
 * What a scan of a target folder reads of a file found by its path alone (a staged file): a rendered model under the
 * target's compiled/ or run/ (`<target>/compiled/<project>/models/x.sql`, the target a project's: see isProjectTarget), or
 * dbt's log or a backup of it (dbt.log, dbt.log.1), wherever it is kept (`--log-path`). Not any .log, nor the .sql of a
 * folder that happens to be named run/ (`scripts/run/001.sql`): those are no dbt output.
 */
export function targetTextFileKind(file: string): TextFileKind | undefined {
  if (isDbtLog(file)) return 'log';
  const kind = COMPILED_KINDS[path.extname(file)];
  if (kind === undefined) return undefined;
  const segments = path.resolve(file).split(path.sep);
  // (compiled/ or run/, then the project's folder, then at least the model's file)
  for (let i = segments.length - 3; i > 0; i--) {
    if (RENDERED_FOLDERS.has(segments[i]!) && isProjectTarget(segments.slice(0, i).join(path.sep) || path.sep)) return kind;
  }
  return undefined;
}

/** Whether a file name is a rendered model's (.sql or .py), as compiled/ and run/ hold them. */
export function isCompiledModelName(name: string): boolean {
  return COMPILED_KINDS[path.posix.extname(name)] !== undefined;
}

/**
 * The model file a rendered file came from: target/compiled/<project>/models/x.sql holds the
 * compiled models/x.sql, target/run/<project>/models/y.py the Python model models/y.py.
 */
export function compiledSourcePath(file: string): string | undefined {
  return renderedPlace(file)?.sourcePath;
}

/** Where a rendered model's file is: its target folder (as the file's path writes it), the project or package, the model's file. */
export interface RenderedPlace {
  targetDir: string;
  project: string;
  sourcePath: string;
}

/**
 * target/compiled/<project>/models/x.sql: the target folder `target`, the project (a package's name for its models) and
 * the model's file in it, `models/x.sql`; undefined for a file not under compiled/ or run/.
 */
export function renderedPlace(file: string): RenderedPlace | undefined {
  const m = RENDERED_PATH.exec(file.split(path.sep).join('/'));
  if (!m) return undefined;
  // (the separators joined above are one character each: the target's part of the path is the file's own)
  const targetDir = file.slice(0, m.index) || (m[0].startsWith('/') ? path.sep : '.');
  return { targetDir, project: m[1]!, sourcePath: m[2]! };
}

/** The folder whose manifest a file is read with: a rendered model's target folder, else the file's own folder. */
export function homeDir(file: string): string {
  return renderedPlace(file)?.targetDir ?? path.dirname(file);
}

const RENDERED_PATH = /(?:^|\/)(?:compiled|run)\/([^/]+)\/(.+\.(?:sql|py))$/;

/**
 * Rendered models (SQL and Python) under a target directory, and logs/dbt.log beside it when the target
 * is a project's (dbt_project.yml beside it) or is named as dbt names it: a CI job's upload of `target/`
 * and `logs/` keeps no dbt_project.yml, and its log echoes what the run's connections and errors said.
 */
export function textFilesOf(targetDir: string, unlisted: Unlisted[] = []): string[] {
  const out: string[] = [];
  for (const sub of RENDERED_FOLDERS) walkCompiled(path.join(targetDir, sub), 0, out, unlisted);
  // (and a log kept in the target, `--log-path target/logs`: a CI job that uploads the target keeps its log with it)
  for (const { dir, shown } of logFolders(targetDir)) out.push(...dbtLogsIn(dir, shown));
  return out;
}

/** A folder under compiled/ or run/ that could not be listed, and the file system's code (EACCES, ELOOP, …). */
export interface Unlisted {
  dir: string;
  code: string;
}

function walkCompiled(dir: string, depth: number, out: string[], unlisted: Unlisted[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_TEXT_FILES) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // none there (most targets have no run/), or a file by that name: nothing to read; else the models under it are not
    // read, and the scan says so (no permission: every secret under it would have been passed over in silence)
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code !== 'ENOENT' && code !== 'ENOTDIR') unlisted.push({ dir, code });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walkCompiled(full, depth + 1, out, unlisted);
    else if (e.isFile() && isCompiledModelName(e.name) && out.length < MAX_TEXT_FILES) out.push(full);
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
