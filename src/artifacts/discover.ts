/**
 * Turn the PATHs a user gave into artifact files: a dbt target directory, an artifact file, or a
 * glob over many runs' artifacts. Finding nothing is an error: a CI gate must never pass on nothing.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { realPathOr } from '../util/real-path.js';
import micromatch from 'micromatch';
import { InputError } from '../errors.js';
import { describeFsError } from './read.js';
import { compressedLogsOf, isCompressedDbtLog, isLogsFile, RENDERED_FOLDERS, textFilesOf, type Unlisted } from './text-files.js';
import { isRemote } from '../sources/url.js';
import { ARTIFACT_NAMES, isHtmlFile, mayBeArtifact, notRead, PARTIAL_PARSE, STATIC_DOCS, type Candidate } from './candidate.js';
import { isDocsPage } from './html.js';
import { remoteCandidates } from './discover-remote.js';
import { archiveFormat, archivesIn, unreadArchive } from './archive-format.js';

export { ARTIFACT_NAMES, STATIC_DOCS, type Candidate } from './candidate.js';

const MAX_GLOB_DEPTH = 32;

export interface DiscoverOptions {
  /** Follow symlinks that lead out of the scanned directory; by default they are skipped with a warning. */
  followSymlinks?: boolean;
  /** Told about each file skipped that way: a pre-commit hook must not fail on a stray link, nor hide it. */
  onWarning?: (message: string) => void;
  /**
   * Told about each symlink skipped because it leads out (redact in place leaves the file it leads to as it is); `named`:
   * under a dbt artifact's name (a scan does not pass on it, see runScan).
   */
  onSkippedLink?: (file: string, named: boolean) => void;
  /** A folder given as a PATH, or matched by a glob, reads the archives right in it too (archive.ts unpacks them). */
  archivesInFolders?: boolean | undefined;
  /** Compressed backups of dbt's log given as PATHs, resolved (archive.ts): read, not warned of with their folder. */
  compressedLogsGiven?: ReadonlySet<string> | undefined;
}

export function discoverCandidates(inputs: readonly string[], options: DiscoverOptions = {}): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (c: Candidate) => {
    const key = isRemote(c.file) ? c.file : path.resolve(c.file);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  };
  const failed: Candidate[] = [];
  for (const input of inputs) {
    let found: Candidate[];
    try {
      found = isRemote(input) ? remoteCandidates(input, options) : micromatch.scan(input).isGlob ? expandGlob(input, options) : expandPath(input, options);
    } catch (error) {
      // one PATH of several that holds no artifact or cannot be read does not hide what the others hold (red team 65)
      if (!(error instanceof InputError) || inputs.length === 1) throw error;
      found = [failedCandidate(input, input, error)];
    }
    for (const c of found) (c.failed === undefined ? add(c) : failed.push(c));
  }
  // nothing found anywhere: the first failure is the error, as with one PATH
  if (out.length === 0 && failed.length > 0) throw new InputError(failed[0]!.failed!);
  return [...out, ...failed];
}

function failedCandidate(file: string, origin: string, error: InputError): Candidate {
  return { file: toPosix(file), required: true, origin, failed: error.message };
}

function expandPath(input: string, options: DiscoverOptions): Candidate[] {
  let st;
  try {
    st = statSync(input);
  } catch (error) {
    throw new InputError(`${input}: ${describeFsError(error)}; expected a dbt target directory, an artifact file or a glob`);
  }
  // A PATH given explicitly is followed wherever it leads; only links found inside directories are checked.
  if (st.isDirectory()) return directoryCandidates(input, input, options);
  return [{ file: toPosix(input), required: true, origin: input }];
}

/** Every *.json (and the partial_parse.msgpack) directly in a target directory; a project directory falls through to its target/. */
function directoryCandidates(dir: string, origin: string, options: DiscoverOptions): Candidate[] {
  // A dbt project directory (dbt_project.yml beside target/) means its target/.
  const projectTarget = path.join(dir, 'target');
  if (existsSync(path.join(dir, 'dbt_project.yml')) && isDirectory(projectTarget)) return directoryCandidates(projectTarget, origin, options);
  // (the folder listed once for both)
  const entries = listFolder(dir);
  const files = [...jsonFilesIn(dir, entries), ...docsPagesIn(dir, entries)];
  const unlisted: Unlisted[] = [];
  const folder = toPosix(path.join(dir, '.'));
  const texts: Candidate[] = textFilesOf(dir, unlisted).map((file) => ({ file: toPosix(file), required: false, origin, folder }));
  for (const { dir: sub, code } of unlisted) texts.push({ file: toPosix(sub), required: true, origin, folder, unreadable: `cannot list the folder (${code}): the rendered models under it are not scanned` });
  const keep = (file: string, root: string, required: boolean) => staysInside(file, root, required, options);
  if (!files.some((name) => ARTIFACT_NAMES.has(name)) && texts.every((t) => isLogsFile(t.file))) {
    const target = path.join(dir, 'target');
    // (a target/ that holds only rendered SQL, compiled/ or run/ kept without the JSON: read too; so is one beside a
    // logs/dbt.log or a JSON file of the job's own, a CI job's upload without dbt_project.yml: the log alone was
    // scanned, target/'s secrets passed over with a warning, exit 0, red team 79; the folder's JSON is read too, as
    // artifacts renamed are)
    if (isDirectory(target) && (jsonFilesIn(target).length > 0 || textFilesOf(target).length > 0)) {
      const own = files.filter((name) => keep(path.join(dir, name), dir, false)).map((name) => ({ file: toPosix(path.join(dir, name)), required: false, origin }));
      return [...directoryCandidates(target, origin, options), ...own];
    }
  }
  if (files.length === 0 && texts.length === 0) {
    throw new InputError(`${dir}: no dbt artifact found (looked for *.json such as manifest.json, run_results.json, catalog.json, sources.json, and partial_parse.msgpack)${archiveHint(dir)}`);
  }
  const artifacts = files.filter((name) => keep(path.join(dir, name), dir, ARTIFACT_NAMES.has(name)));
  warnOfSubfolders(dir, options);
  warnOfCompressedLogs(dir, options);
  return [
    ...artifacts.map((name) => ({ file: toPosix(path.join(dir, name)), required: ARTIFACT_NAMES.has(name), origin })),
    // logs/dbt.log lives in the project, beside the target directory
    ...texts.filter((t) => keep(t.file, path.dirname(path.resolve(dir)), false)),
  ];
}

/**
 * The archives (as paths under `input`) right in the folder a scan of `input` reads, the folder or a project's target/,
 * in one listing: those read (`readable`; not a compressed backup of dbt's log, which warnOfCompressedLogs says) and those
 * of a format not read (`unread`: `.tar.xz`, `.json.bz2`). None when `input` is no folder.
 */
export function archivesOfFolder(input: string): { readable: string[]; unread: string[] } {
  const readable: string[] = [];
  const unread: string[] = [];
  if (!isDirectory(input)) return { readable, unread };
  const dir = scannedFolder(input);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return { readable, unread };
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (unreadArchive(name) !== undefined) unread.push(file);
    else if (archiveFormat(name) !== undefined && !isCompressedDbtLog(name) && statSync(file, { throwIfNoEntry: false })?.isFile() === true) readable.push(file);
  }
  return { readable, unread };
}

/** The folder a scan of a folder reads: it, or a project's target/. */
function scannedFolder(input: string): string {
  return existsSync(path.join(input, 'dbt_project.yml')) && isDirectory(path.join(input, 'target')) ? path.join(input, 'target') : input;
}

/** Whether a folder holds anything a scan of it reads besides its archives (discovery finds a file in it). */
export function scansOtherFiles(dir: string): boolean {
  try {
    return directoryCandidates(dir, dir, {}).length > 0;
  } catch {
    return false;
  }
}

/**
 * A target is read one level deep: say so when a subfolder holds artifacts (a `--state` copy kept in `target/state/`,
 * a previous run's `target/prod/`), which a scan of the target does not read. One line, naming one and how many.
 */
function warnOfSubfolders(dir: string, options: DiscoverOptions): void {
  if (!options.onWarning) return;
  // (dbt's own subfolders of a target, compiled/ and run/, are read by textFilesOf)
  const holding = subfoldersOf(dir).filter((name) => !RENDERED_FOLDERS.has(name) && holdsArtifacts(path.join(dir, name)));
  if (holding.length === 0) return;
  const base = toPosix(dir).replace(/\/+$/, '');
  const more = holding.length > 1 ? ` and ${holding.length - 1} more` : '';
  options.onWarning(`${base}/${holding[0]}${more}: dbt artifacts in a subfolder are not scanned with the folder above; pass '${base}/${holding[0]}' too to scan them`);
}

/**
 * A backup of dbt's log that a rotation compressed (dbt.log.2.gz) is not read with the folder, as no archive in it is: say
 * so, naming the first and how many, and how to read them (an archive given as a PATH is read whole).
 */
function warnOfCompressedLogs(dir: string, options: DiscoverOptions): void {
  if (!options.onWarning) return;
  // (one given as a PATH too is read: red team 152 was told to pass what it had passed)
  const compressed = compressedLogsOf(dir).filter((file) => !options.compressedLogsGiven?.has(path.resolve(file))).map(toPosix);
  if (compressed.length === 0) return;
  const more = compressed.length > 1 ? ` and ${compressed.length - 1} more` : '';
  options.onWarning(`${compressed[0]}${more}: a compressed backup of dbt's log is not read with the folder; pass ${compressed.length > 1 ? 'them' : 'it'} too to scan ${compressed.length > 1 ? 'them' : 'it'}`);
}

/** Subfolders looked at for a hint or a warning: an archive of runs is listed, never walked. */
const HINT_MAX_SUBFOLDERS = 2000;

/** A folder's subfolders by name (at most HINT_MAX_SUBFOLDERS), but node_modules and hidden ones; none when it cannot be read. */
function subfoldersOf(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => e.name)
      .slice(0, HINT_MAX_SUBFOLDERS);
  } catch {
    return [];
  }
}

/** Whether a folder holds an artifact by its usual name, right in it. */
function holdsArtifacts(dir: string, anyJson = false): boolean {
  try {
    return readdirSync(dir).some((name) => ARTIFACT_NAMES.has(name) || (anyJson && name.endsWith('.json')));
  } catch {
    return false;
  }
}

/**
 * A folder of runs (`archive/<run>/target/manifest.json`) is not scanned whole: say which glob
 * would scan it, when its subfolders (or their target/) hold artifacts. Empty when none do.
 */
function archiveHint(dir: string): string {
  let direct = 0;
  let inTarget = 0;
  // (any JSON, as a scan of the folder reads: artifacts kept under names of their own, `manifest_v12.json`, count too)
  for (const name of subfoldersOf(dir)) {
    if (holdsArtifacts(path.join(dir, name), true)) direct++;
    else if (holdsArtifacts(path.join(dir, name, 'target'), true)) inTarget++;
  }
  const base = toPosix(dir).replace(/\/+$/, '');
  if (direct + inTarget === 0) {
    const archives = archivesIn(dir);
    if (archives.length === 0) return deeperRuns(dir) ? `; its subfolders' subfolders hold runs: to scan them all, pass a glob such as '${base}/**'` : '';
    const shown = archives.slice(0, 3).join(', ') + (archives.length > 3 ? ', …' : '');
    return `; it holds ${archives.length === 1 ? 'an archive' : `${archives.length} archives`} (${shown}): pass ${archives.length === 1 ? 'it' : 'them'} to scan what ${archives.length === 1 ? 'it holds' : 'they hold'}, e.g. '${base}/${archives[0]}'`;
  }
  // (`*/`: the subfolders only, whether the shell expands it or this tool does, not a README beside them)
  const glob = inTarget > direct ? `${base}/*/target` : `${base}/*/`;
  const count = direct + inTarget;
  return `; ${count} of its subfolders ${count === 1 ? 'holds' : 'hold'} artifacts: to scan them all, pass a glob such as '${glob}'`;
}

/** Folders looked at for that hint, subfolders and theirs: a bucket's dates and their jobs (`runs/<date>/<job>/target`). */
const HINT_MAX_DEEPER = 200;

/**
 * Whether runs lie two folders down (`runs/<date>/build.zip`, `runs/<date>/<job>/target/manifest.json`, red team 152's
 * bucket, given as its root): among the first HINT_MAX_DEEPER subfolders, an archive or a folder of artifacts in one.
 */
function deeperRuns(dir: string): boolean {
  let looked = 0;
  for (const name of subfoldersOf(dir)) {
    if (++looked > HINT_MAX_DEEPER) return false;
    const sub = path.join(dir, name);
    if (archivesIn(sub).length > 0) return true;
    for (const inner of subfoldersOf(sub)) {
      if (++looked > HINT_MAX_DEEPER) return false;
      if (holdsArtifacts(path.join(sub, inner), true) || holdsArtifacts(path.join(sub, inner, 'target'), true)) return true;
    }
  }
  return false;
}

/**
 * Whether a file found in `root` may be read: a regular entry, or a symlink that resolves inside
 * `root` (or anywhere, with --follow-symlinks). A dangling or looping link under a dbt artifact's
 * name is kept, so that reading it fails (exit 2); under any other name it is skipped, and said unless `unnamed` (a link a
 * glob passes over without naming it: nothing to read nor walk, red team 118, a glob warned of a symlink loop beside what it
 * searched for).
 */
function staysInside(file: string, root: string, required: boolean, options: DiscoverOptions, unnamed = false): boolean {
  try {
    if (!lstatSync(file).isSymbolicLink()) return true;
  } catch {
    return true; // gone since the listing: reading it reports why
  }
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (error) {
    if (required) return true;
    if (!unnamed) options.onWarning?.(`${toPosix(file)}: skipped, a symlink that cannot be resolved (${describeFsError(error)})`);
    return false;
  }
  if (options.followSymlinks || isInside(real, realPathOr(root))) return true;
  options.onSkippedLink?.(file, required);
  options.onWarning?.(`${toPosix(file)}: skipped, a symlink that leads outside ${toPosix(root)} (pass --follow-symlinks to scan it)`);
  return false;
}

export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function jsonFilesIn(dir: string, entries: Dirent[] = listFolder(dir)): string[] {
  return entries
    .filter((e) => (e.name.endsWith('.json') || e.name === STATIC_DOCS || e.name === PARTIAL_PARSE) && (e.isFile() || e.isSymbolicLink() || e.isDirectory() || e.isFIFO()))
    .map((e) => e.name)
    .sort();
}

/** A folder's entries; an input error when it cannot be listed. */
function listFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${dir}: cannot list directory: ${describeFsError(error)}`);
  }
}

/**
 * The pages among a folder's `entries`, other than static_index.html, that have a dbt artifact inlined (a docs site
 * publishes dbt docs generate --static's page as index.html, beside the JSON: red team 96, read in a tar holding the page
 * alone and not in the folder), told by their content; dbt's own index.html, which loads the JSON beside it, is none.
 */
function docsPagesIn(dir: string, entries: Dirent[]): string[] {
  return entries
    .filter((e) => isHtmlFile(e.name) && e.name !== STATIC_DOCS && (e.isFile() || e.isSymbolicLink()) && isDocsPage(path.join(dir, e.name)))
    .map((e) => e.name)
    .sort();
}

/**
 * The archives a glob matches, in order, and whether it matched anything else (a folder, a file) that discovery reads:
 * archives are unpacked (archive.ts) as if each were given as a PATH, beside the folders and artifacts it matches.
 */
export function archivesMatching(pattern: string, options: DiscoverOptions = {}): { archives: string[]; others: boolean; folders: string[] } {
  const archives: string[] = [];
  const folders: string[] = [];
  let others = false;
  // (an archive met twice, `latest.zip` a link to a run's upload, is read once, as a folder met twice is: red team 75)
  const real = new Set<string>();
  const deep = reachesBelow(pattern);
  walkGlob(pattern, options, (rel, name, isDir) => {
    if (isDir) {
      folders.push(rel);
      others = true;
      // (under `**`, below a folder that holds nothing of its own to scan, as discovery walks it: see expandGlob)
      return deep && !scansOtherFiles(rel);
    }
    if (archiveFormat(name) === undefined) others = true;
    else {
      const file = realPathOr(rel);
      if (real.has(file)) return;
      real.add(file);
      archives.push(rel);
    }
  });
  return { archives, others, folders };
}

function expandGlob(pattern: string, options: DiscoverOptions): Candidate[] {
  const out: Candidate[] = [];
  let failed: Candidate[] = [];
  let archives = 0;
  const skipped: string[] = [];
  /** The folders that gave something to scan (their files, or archives read as theirs): a failed folder above one is none. */
  const found: string[] = [];
  const deep = reachesBelow(pattern);
  const root = walkGlob(pattern, options, (rel, name, isDir) => {
    if (isDir) {
      // a run's folder without an artifact (a job that failed before dbt wrote one) among others that hold them
      try {
        out.push(...directoryCandidates(rel, pattern, options));
        found.push(toPosix(rel));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        // (a run's folder that holds its upload, `runs/2026-11-23/build.zip`: the archive is read as the folder's, see
        // archive.ts's globInputs; red team 152)
        if (options.archivesInFolders && archivesOfFolder(rel).readable.length > 0) {
          archives++;
          found.push(toPosix(rel));
        } else failed.push(failedCandidate(rel, pattern, error));
        // (under `**`, what is below it: `runs/**` over `runs/<date>/<job>/target`, red team 152)
        return deep;
      }
    }
    // an archive is unpacked before discovery (archive.ts), never read as JSON
    else if (archiveFormat(name) !== undefined) archives++;
    else if (!mayBeArtifact(rel)) skipped.push(rel);
    else out.push({ file: rel, required: ARTIFACT_NAMES.has(name), origin: pattern });
  });
  // a folder above others the glob matched that gave something (`runs/**` matches `runs/2026-11-20` and its `build/target`):
  // passed through, not empty
  if (failed.length > 0 && deep) {
    const sorted = [...found, ...out.map((c) => c.file)].sort();
    failed = failed.filter((c) => !holdsMatch(sorted, `${c.file.replace(/\/+$/, '')}/`));
    // (of an empty tree, its top folder only: one line, not one a level, review 155)
    const folders = new Set(failed.map((c) => c.file.replace(/\/+$/, '')));
    failed = failed.filter((c) => !hasAncestorIn(c.file.replace(/\/+$/, ''), folders));
  }
  if (skipped.length > 0 && (out.length > 0 || archives > 0)) options.onWarning?.(notRead(pattern, skipped, 'file'));
  // the archives it matched are scanned: what else it matched may hold nothing (a README beside them)
  if (archives > 0) return [...out, ...failed];
  // every folder it matched failed: the first one's error, as for that folder alone
  if (out.length === 0 && failed.length > 0) throw new InputError(failed[0]!.failed!);
  if (out.length === 0 && skipped.length > 0) throw new InputError(`${pattern}: the glob matched ${skipped.length === 1 ? 'one file' : `${skipped.length} files`} (${skipped[0]}${skipped.length > 1 ? ', …' : ''}) and no artifact: dbt writes JSON (and a docs page, partial_parse.msgpack, rendered .sql and .py, dbt.log)`);
  if (out.length === 0) throw new InputError(`${pattern}: the glob matched no file or directory (searched under ${root})`);
  return [...out, ...failed];
}

/** Whether a glob may match below a folder it matched: a `**` in it. */
function reachesBelow(pattern: string): boolean {
  return toPosix(pattern).includes('**');
}

/** Whether a folder above `file` (a posix path) is one of `folders`. */
function hasAncestorIn(file: string, folders: ReadonlySet<string>): boolean {
  for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) if (folders.has(file.slice(0, i))) return true;
  return false;
}

/** Whether a path of `sorted` (sorted paths) begins with `prefix`. */
function holdsMatch(sorted: readonly string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]!.startsWith(prefix);
}

/** Walk a glob's base directory, telling `matched` of each entry the glob names (by its path, name, and whether a folder); returns the base. */
function walkGlob(pattern: string, options: DiscoverOptions, matched: (rel: string, name: string, isDir: boolean) => boolean | void): string {
  const { base } = micromatch.scan(pattern);
  const root = base === '' ? '.' : base;
  // a glob that ends in `/` names folders only, as the shell reads it
  const foldersOnly = /\/$/.test(toPosix(pattern));
  const matcher = micromatch.matcher(toPosix(pattern).replace(/\/+$/, ''), { dot: false });
  const visited = new Set<string>();
  /** The real paths of the folders the glob matched (walked ones are in `visited`: a link may match what a walk passed). */
  const matchedDirs = new Set<string>();
  /** `known`: the folder's real path, when its parent's is known and it is no symlink (one realpath a glob, not one a folder). */
  const walk = (dir: string, depth: number, known?: string) => {
    if (depth > MAX_GLOB_DEPTH) return;
    let real: string;
    try {
      real = known ?? realpathSync.native(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // symlink loop
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // (links after the folders themselves: of a folder met twice, the link is the one left out)
    entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const full = root === '.' && dir === '.' ? entry.name : path.join(dir, entry.name);
      const rel = toPosix(full);
      const named = matcher(rel);
      if (entry.isSymbolicLink() && !staysInside(full, root, ARTIFACT_NAMES.has(entry.name), options, !named)) continue;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
      if (named && (isDir || !foldersOnly)) {
        // a folder the glob meets twice (`latest/`, a link to the newest run's folder) is read once, under its own name:
        // every finding and count of an audit held it twice (red team 72)
        if (isDir) {
          const realDir = entry.isDirectory() ? path.join(real, entry.name) : realPathOr(full);
          if (matchedDirs.has(realDir)) {
            options.onWarning?.(`${rel}: the same folder as one the glob matched before (a symlink to it): read once`);
            continue;
          }
          matchedDirs.add(realDir);
        }
        // (a folder matched that holds no artifact of its own, under a glob that reaches below it, `runs/**`: walked too)
        if (matched(rel, entry.name, isDir) === true && isDir) walk(full, depth + 1, entry.isDirectory() ? path.join(real, entry.name) : undefined);
      } else if (isDir) walk(full, depth + 1, entry.isDirectory() ? path.join(real, entry.name) : undefined);
    }
  };
  if (!isDirectory(root)) throw new InputError(`${pattern}: the glob's base directory ${root} does not exist`);
  walk(root, 0);
  return root;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
