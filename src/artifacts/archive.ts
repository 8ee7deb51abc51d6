/**
 * Archives of artifacts, as CI uploads them and security teams download them: a zip, a tar (or
 * tar.gz, tgz) or one gzip-ed file (manifest.json.gz), given on the command line, local or in an
 * object store. Each is unpacked by a worker (archive-worker.ts) into a private folder that lives
 * as long as the scan; the scan reads the folders in it that hold artifacts, and every name it
 * reports is put back in the archive's terms: `runs.zip!/2025-01-01/target/manifest.json`.
 */
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { isFailure, SyncWorkers, type WorkerFailure } from '../engine/worker-sync.js';
import { artifactModified, artifactSize, openArtifact, readHead } from '../sources/index.js';
import { isRemote, parseRemote } from '../sources/url.js';
import { ARCHIVE_HEAD, archiveFormat, archiveFormatOfHead, unreadArchive, type ArchiveFormat, type ExtractReply, type ExtractRequest } from './archive-format.js';
import micromatch from 'micromatch';
import { ARTIFACT_NAMES, isHtmlFile } from './candidate.js';
import { isDocsPage } from './html.js';
import { archivesMatching, archivesOfFolder, scansOtherFiles } from './discover.js';
import { remoteArchivesMatching } from './discover-remote.js';
import { isCompressedDbtLog } from './text-files.js';
import { spoolStdin, STDIN_PATH, type StdinSource } from './stdin.js';
import { shardOf, type Shard } from '../engine/select.js';

export { archiveFormat } from './archive-format.js';

/** Entries one archive may hold (a zip of a year of nightly runs holds a few thousand). */
export const MAX_ARCHIVE_ENTRIES = 1_000_000;
/** What one archive may unpack to, at most; less when the disk holds less (see unpackArchives). */
export const MAX_UNPACKED_BYTES = 16 * 1024 ** 3;
/** Left free on the disk the archives are unpacked to. */
const DISK_RESERVE = 512 * 1024 ** 2;

export interface UnpackOptions {
  maxFileSize: number;
  onWarning?: ((message: string) => void) | undefined;
  /** Where the private folder is made (default: the system's temporary folder). */
  tmpDir?: string;
  /** What `-` among the inputs reads (see stdin.ts). */
  stdin?: StdinSource | undefined;
  /** Follow symlinks out of a glob's base when looking for the archives it matches (--follow-symlinks). */
  followSymlinks?: boolean | undefined;
  /** --since: an archive (file or object) modified before this time (ms since the epoch) is left out, not unpacked. */
  since?: number | undefined;
  /** --shard: an archive's own errors are said in the shard its name falls in only (its runs are dealt out by the scan). */
  shard?: Shard | undefined;
  /** A folder given as a PATH reads the archives right in it too (see folderInputs); redact does not rewrite archives. */
  archivesInFolders?: boolean | undefined;
}

/** The archives of one scan, unpacked: the paths to scan instead, and the way back to the archives' names. */
export class UnpackedArchives {
  /** Private folder of each archive → the name it is shown by (`runs.zip!`). */
  private readonly shown = new Map<string, string>();
  readonly paths: string[] = [];
  /** What damaged archives still held was unpacked; their damage, one message each (see ExtractReply.damaged). */
  readonly damaged: string[] = [];
  /** Archives that could not be read whose errors belong to another shard: nothing of theirs is in this one. */
  skippedShard = 0;
  /** Archives not unpacked, as --since leaves them out (see UnpackOptions.since). */
  skippedSince = 0;
  /** The compressed backups of dbt's log given as PATHs (`logs/dbt.log.2.gz`), resolved: read, so no warning says they are not. */
  readonly compressedLogs = new Set<string>();
  /** The folders unpacked from archives found beside a folder's own files: what they lack is a warning, not an error. */
  readonly besideRoots = new Set<string>();

  constructor(private readonly scratch: string) {}

  add(root: string, display: string, paths: readonly string[]): void {
    this.shown.set(root, `${display}!`);
    this.paths.push(...paths);
  }

  keep(input: string): void {
    this.paths.push(input);
  }

  /** A file copied here that is shown by a name of its own (what was piped in: `<stdin>`). */
  addFile(file: string, shown: string): void {
    this.shown.set(file, shown);
    this.paths.push(file);
  }

  /**
   * A file name or message with each private folder replaced by its archive's name: the folder's name
   * whole, not the start of another's (with ten archives, folder `1` began folder `10`, and the tenth
   * archive's findings were named in the first's terms: `a1.zip!0/target/…`).
   */
  display = (text: string): string => {
    let out = text;
    for (const [root, shown] of this.shown) {
      if (!out.includes(root)) continue;
      out = out.split(root).reduce((joined, part) => joined + (/^[\w.-]/.test(part) ? root : shown) + part);
    }
    return out;
  };

  remove(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * Unpack the archives among `inputs`, and copy what `-` reads (an artifact or an archive piped in);
 * undefined when there are neither (the scan reads its inputs as given). Throws InputError, naming
 * the archive, for one that cannot be read or holds no artifact.
 */
export function unpackArchives(given: readonly string[], options: UnpackOptions): UnpackedArchives | undefined {
  // (the archives a folder holds, found there rather than named: one that holds no artifact is said, not an error)
  const inFolders = new Set<string>();
  const inputs = given.flatMap((input) => (isRemote(input) || micromatch.scan(input).isGlob ? globInputs(input, inFolders, options) : options.archivesInFolders ? folderInputs(input, inFolders, options) : [input]));
  const formats = new Map(inputs.map((input) => [input, archiveInputFormat(input)]));
  const archives = inputs.filter((input) => formats.get(input) !== undefined);
  const piped = inputs.filter((input) => input === STDIN_PATH).length;
  if (piped > 1) throw new UsageError('- (stdin) is given more than once');
  if (archives.length === 0 && piped === 0) return undefined;
  const scratch = mkdtempSync(path.join(options.tmpDir ?? os.tmpdir(), 'dbt-tools-lint-'));
  const unpacked = new UnpackedArchives(scratch);
  // an interrupted scan leaves no unpacked secrets behind: removed on exit, and by a watcher when
  // the process dies without one (a signal while the synchronous scan holds the thread, SIGKILL)
  const onExit = () => unpacked.remove();
  process.once('exit', onExit);
  removeWhenGone(scratch);
  // (started for the first archive: a run that only copies what was piped in starts none)
  let workers: SyncWorkers<ExtractRequest, ExtractReply | WorkerFailure> | undefined;
  try {
    let n = 0;
    // what an archive may unpack to (and be, piped in): less when the disk holds less
    const room = () => {
      const free = diskFree(scratch);
      return Math.min(MAX_UNPACKED_BYTES, free === undefined ? MAX_UNPACKED_BYTES : Math.max(0, free - DISK_RESERVE));
    };
    /**
     * An archive that cannot be read or holds no artifact, among other inputs: an unreadable input, as a damaged one's
     * damage is, and the others are scanned (red team 65: one empty download emptied an audit of a month of runs).
     * Alone, or when no input is left to scan, its error ends the scan as before.
     */
    const unreadableOfSeveral = (error: unknown): void => {
      if (!(error instanceof InputError) || inputs.length === 1) throw error;
      failed.push(error);
    };
    const failed: InputError[] = [];
    // one unreadable archive fails one matrix job, not all of them: its errors are said in its own shard (red team 72)
    const inShard = (shown: string) => options.shard === undefined || shardOf(shown, options.shard.count) === options.shard.index;
    const unreadableArchive = (shown: string, error: unknown): void => {
      if (error instanceof InputError && inputs.length > 1 && !inShard(shown)) unpacked.skippedShard++;
      else if (error instanceof InputError && inFolders.has(shown)) options.onWarning?.(`${error.message} (an archive in the folder scanned: its other files were read)`);
      else unreadableOfSeveral(error);
    };
    for (const given of inputs) {
      // the name the archive is shown by: its path or URL, or what was piped in (`<stdin>`)
      let input = given;
      let local: string;
      if (given === STDIN_PATH) {
        const free = room();
        const artifact = options.maxFileSize <= free ? { bytes: options.maxFileSize, what: 'the --max-file-size limit' } : { bytes: free, what: 'the free disk space' };
        const archive = { bytes: free, what: free < MAX_UNPACKED_BYTES ? 'the free disk space' : 'what an archive may hold' };
        const spooled = spoolStdin(path.join(scratch, 'stdin'), options.stdin ?? {}, { artifact, archive });
        input = spooled.shown;
        if (archiveFormat(spooled.file) === undefined) {
          unpacked.addFile(spooled.file, spooled.shown);
          continue;
        }
        local = spooled.file;
      } else if (!archives.includes(given)) {
        unpacked.keep(given);
        continue;
      } else if (options.since !== undefined && (artifactModified(given) ?? Infinity) < options.since) {
        // an upload older than the window is out of it, as an old run's folder is: not copied, not unpacked, so a broken
        // one from March does not fail an audit of last week (red team 72); one downloaded since is read, by its entries' times
        unpacked.skippedSince++;
        continue;
      } else if (isRemote(given)) local = copyObject(given, localCopyName(scratch, n + 1, given, formats.get(given)!));
      else if (archiveFormat(given) !== formats.get(given)) {
        // an archive its name does not say (`curl -o artifact`, a tar.gz named `.gz`): read through a name that does
        local = path.join(scratch, `${n + 1}.${formats.get(given)}`);
        try {
          symlinkSync(path.resolve(given), local);
        } catch {
          // (a file system or a system that makes no links: a copy, removed as the link would be)
          copyFileSync(given, local);
        }
      } else local = given;
      if (!isRemote(given) && isCompressedDbtLog(path.basename(given))) unpacked.compressedLogs.add(path.resolve(given));
      const root = path.join(scratch, String(++n));
      const request: ExtractRequest = {
        file: local,
        display: input,
        root,
        maxFileSize: options.maxFileSize,
        maxTotalBytes: room(),
        maxEntries: MAX_ARCHIVE_ENTRIES,
      };
      workers ??= new SyncWorkers(new URL('./archive-worker.js', import.meta.url), 1, {});
      workers.post(0, request);
      const { reply } = workers.next();
      if (isFailure(reply) && reply.fatal.name !== 'InputError') throw new Error(reply.fatal.message);
      if (local !== given) rmSync(local, { force: true });
      if (isFailure(reply)) {
        unreadableArchive(input, new InputError(reply.fatal.message));
        continue;
      }
      if (reply.refused.length > 0) {
        options.onWarning?.(`${input}: ${reply.refused.length} ${reply.refused.length === 1 ? 'entry' : 'entries'} not unpacked: ${reply.refused.slice(0, 5).join(', ')}${reply.refused.length > 5 ? ', …' : ''}`);
      }
      const notes = reply.notes ?? [];
      if (notes.length > 0) options.onWarning?.(`${input}: ${notes.slice(0, 5).join('; ')}${notes.length > 5 ? `; ${notes.length - 5} more` : ''}`);
      let roots: string[];
      try {
        roots = scanRoots(input, archiveFormat(local)!, root, reply, options.maxFileSize);
      } catch (error) {
        // what a damaged archive unpacked holds no artifact: its damage (or the first entry it could not read) is the error
        const why = reply.damaged ?? reply.unread?.[0];
        unreadableArchive(input, why === undefined || !(error instanceof InputError) ? error : new InputError(why));
        continue;
      }
      unpacked.add(root, input, roots);
      if (inFolders.has(given)) for (const r of roots) unpacked.besideRoots.add(r);
      if (!inShard(input)) continue;
      unpacked.damaged.push(...(reply.unread ?? []));
      if (reply.damaged !== undefined) unpacked.damaged.push(reply.damaged);
    }
    if (unpacked.paths.length === 0 && failed.length > 0) throw failed[0]!;
    if (unpacked.paths.length === 0 && unpacked.skippedSince > 0) {
      const count = unpacked.skippedSince === 1 ? 'an archive' : `${unpacked.skippedSince} archives`;
      throw new InputError(`${given.join(', ')}: ${count} not modified since ${new Date(options.since!).toISOString()} (an archive's own time: the file's, or the object's in a store)`);
    }
    unpacked.damaged.push(...failed.map((error) => error.message));
  } catch (error) {
    process.removeListener('exit', onExit);
    unpacked.remove();
    throw error;
  } finally {
    workers?.close();
  }
  const remove = unpacked.remove.bind(unpacked);
  unpacked.remove = () => {
    process.removeListener('exit', onExit);
    remove();
  };
  return unpacked;
}

/**
 * The dbt artifacts an archive holds, by their entries' names, without unpacking it (a pre-commit
 * hook asks whether a staged archive is one of artifacts); undefined when it cannot be read.
 */
export function artifactsInArchive(file: string, maxFileSize: number): string[] | undefined {
  const workers = new SyncWorkers<ExtractRequest, ExtractReply | WorkerFailure>(new URL('./archive-worker.js', import.meta.url), 1, {});
  try {
    workers.post(0, { file, display: file, root: '', maxFileSize, maxTotalBytes: MAX_UNPACKED_BYTES, maxEntries: MAX_ARCHIVE_ENTRIES, listOnly: true });
    const { reply } = workers.next();
    return isFailure(reply) ? undefined : reply.files;
  } finally {
    workers.close();
  }
}

/**
 * A glob as inputs, on disk or in a store: each archive it matches, as if given as a PATH (`runs/*` over uploaded run-2.zip
 * and run-3.tar.gz read them, as the shell's expansion of it does), and the glob itself for discovery when it matches
 * anything else.
 */
function globInputs(pattern: string, inFolders: Set<string>, options: UnpackOptions): string[] {
  let matched;
  try {
    // (no warnings here: discovery walks the glob again and says what it skips)
    matched = isRemote(pattern) ? remoteArchivesMatching(pattern) : archivesMatching(pattern, { followSymlinks: options.followSymlinks ?? false });
  } catch (error) {
    // a base folder that is not there, a bucket that cannot be listed: discovery says so, as one input of several
    if (error instanceof InputError) return [pattern];
    throw error;
  }
  const { archives, others } = matched;
  // the archives right in each folder it matched, as in a folder given as a PATH (`'runs/*'` over `runs/<date>/build.zip`:
  // red team 152, every run's upload passed over and the scan failed on the first folder); one beside the folder's own
  // files that cannot be read is a warning there, one alone stands for its folder and is an error
  if (options.archivesInFolders && !isRemote(pattern)) {
    const seen = new Set(archives);
    for (const folder of (matched as ReturnType<typeof archivesMatching>).folders) {
      const { readable } = archivesOfFolder(folder);
      if (readable.length === 0) continue;
      const beside = scansOtherFiles(folder);
      for (const archive of readable) {
        if (seen.has(archive)) continue;
        seen.add(archive);
        archives.push(archive);
        if (beside) inFolders.add(archive);
      }
    }
  }
  return others || archives.length === 0 ? [...archives, pattern] : archives;
}

/**
 * A folder given as a PATH, and the archives right in the folder a scan of it reads (its target/ for a project's), each as if
 * given as a PATH: a CI job's folder keeps an earlier run's upload beside the artifacts (`previous_run.zip`,
 * `manifest_prev.json.gz`: red team 114, passed over in silence while the folder's own artifacts were scanned). Alone in
 * the folder, the archives stand for it (as a glob's do). A compressed backup of dbt's log is left to its warning
 * (discover.ts). Any other input as it is.
 */
function folderInputs(input: string, inFolders: Set<string>, options: UnpackOptions): string[] {
  if (input === STDIN_PATH) return [input];
  const { readable: archives, unread } = archivesOfFolder(input);
  // (one of a format not read, `.tar.xz`, `.json.bz2`, `.zst`, beside them: said, as it is when named; red team 117)
  if (unread.length > 0) {
    const more = unread.length > 1 ? ` and ${unread.length - 1} more` : '';
    options.onWarning?.(`${unread[0]}${more}: an archive of a format not read (.zip, .tar, .tar.gz, .tgz and .gz are) is not scanned with the folder; unpack it and scan what it holds`);
  }
  if (archives.length === 0) return [input];
  // (one that cannot be read is a warning beside the folder's own files; alone, it stands for the folder and is an error:
  // review 155, a folder whose only upload was broken passed with a warning that its other files were read)
  if (!scansOtherFiles(input)) return archives;
  for (const archive of archives) inFolders.add(archive);
  return [...archives, input];
}

/**
 * A detached process that removes `dir` once this process is gone (and quits at once when `dir`
 * is removed first, as it is after every scan that ends).
 */
const WATCHER = `
const [pid, dir] = process.argv.slice(1);
const { existsSync, rmSync } = require('node:fs');
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!existsSync(dir)) process.exit(0);
  if (!alive()) { rmSync(dir, { recursive: true, force: true }); process.exit(0); }
}, 250);
`;

function removeWhenGone(dir: string): void {
  try {
    spawn(process.execPath, ['-e', WATCHER, String(process.pid), dir], { detached: true, stdio: 'ignore' }).unref();
  } catch {
    // no process to spare: the exit handler still removes it on every ordinary end
  }
}

/**
 * The format of an archive the user named, or undefined for any other PATH: a file (or object) whose name says zip,
 * tar, tar.gz, tgz or gz; or a local file whose first bytes show a zip, a tar or a gzip-ed tar under another name, or
 * none (`curl -o artifact` of a CI system's artifact zip, a tar.gz kept as `target.gz`: red team 65). A name that
 * says JSON, a page, a log or rendered code is read as that.
 */
function archiveInputFormat(input: string): ArchiveFormat | undefined {
  const unread = unreadArchive(input);
  if (unread && !isRemote(input) && isFile(input)) {
    throw new InputError(`${input}: a ${unread} archive is not read (.zip, .tar, .tar.gz, .tgz and .gz are); unpack it and scan the folder, or re-pack it as one of those`);
  }
  const named = archiveFormat(input);
  // (an object is told by its name; a .gz one by its head too, as a file is: one ranged read)
  if (isRemote(input)) {
    if (named === undefined || input.includes('*')) return undefined;
  } else if (input === STDIN_PATH || (named === undefined && TEXT_NAME.test(input)) || !isFile(input)) return undefined;
  // (a name first: an artifact's PATH costs no stat here)
  if (named !== undefined && named !== 'gzip') return named;
  const head = headOf(input);
  const sniffed = archiveFormatOfHead(head);
  // (under a .gz name, a JSON document that no gzip holds, a manifest saved as `backup.gz`, is read as the file it is,
  // not refused as "the file in it is not one a scan reads": red team 90; other bytes are said to be no gzip)
  if (named === 'gzip') return sniffed ?? (PLAIN_JSON_HEAD.test(head.toString('latin1', 0, 64)) ? undefined : 'gzip');
  // (a gzip-ed file under no .gz name: which file it holds, no name says; read as it is, and refused as no JSON)
  return sniffed === 'gzip' ? undefined : sniffed;
}

/** The start of a JSON document (a byte order mark, spaces, then an object or an array). */
const PLAIN_JSON_HEAD = /^(?:\xef\xbb\xbf)?[ \t\r\n]{0,32}[{[]/;

/** A file's first bytes that tell an archive (none when it cannot be read: reading it as an artifact then says why). */
function headOf(file: string): Buffer {
  try {
    return readHead(file, ARCHIVE_HEAD);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Names of the files a scan reads as text, never taken for an archive by their first bytes. */
const TEXT_NAME = /\.(?:json|msgpack|html?|log|sql|py|ya?ml|md|csv|txt)$/i;

function isFile(input: string): boolean {
  try {
    return statSync(input).isFile();
  } catch {
    return false;
  }
}

/**
 * What to scan in an unpacked archive: the file of a gzip-ed one; else each folder that holds an
 * artifact by its name or any JSON (a target/ folder, or one per run), as a target folder given on the
 * command line, and each docs page elsewhere that has an artifact inlined.
 */
function scanRoots(input: string, format: ArchiveFormat, root: string, reply: ExtractReply, maxFileSize: number): string[] {
  if (format === 'gzip') {
    if (reply.files.length === 0) throw new InputError(`${input}: the file in it is not one a scan reads (expected an artifact such as manifest.json.gz)`);
    return [path.join(root, reply.files[0]!)];
  }
  const folders = new Set<string>();
  // (and a folder of JSON under names of their own, `backup/manifest-2025-01-30.json`: read by content, as a folder on
  // disk is, not left out without a word: red team 65)
  for (const rel of reply.files) if (ARTIFACT_NAMES.has(path.posix.basename(rel)) || rel.endsWith('.json')) folders.add(path.posix.dirname(rel));
  // dbt docs published under another name (GitHub Pages' artifact.tar holds index.html): a page with an artifact inlined
  const pages = reply.files.filter((rel) => isHtmlFile(rel) && !folders.has(path.posix.dirname(rel)) && holdsDocs(path.join(root, rel), maxFileSize));
  if (folders.size === 0 && pages.length === 0) {
    const json = reply.files.filter((f) => f.endsWith('.json')).length;
    throw new InputError(
      `${input}: no dbt artifact in the archive (${reply.entries} entries, ${json} JSON; looked for ${[...ARTIFACT_NAMES].join(', ')} in any folder)`,
    );
  }
  return [...[...folders].sort().map((f) => (f === '.' ? root : path.join(root, f))), ...pages.map((rel) => path.join(root, rel))];
}

/** An HTML page with a dbt artifact inlined (dbt docs generate --static), up to --max-file-size. */
function holdsDocs(file: string, maxFileSize: number): boolean {
  try {
    return statSync(file).size <= maxFileSize && isDocsPage(file);
  } catch {
    return false;
  }
}

/**
 * Where the `n`th archive, an object, is copied: a name that says its format (read by it, as a file's is), and for a
 * gzip-ed file the object's own name, which names the file it holds (`manifest.json.gz` holds manifest.json). Copied as
 * `1.gzip`, that name said no format, and a bucket's manifest.json.gz was read as a tar (red team 98).
 */
function localCopyName(scratch: string, n: number, url: string, format: ArchiveFormat): string {
  if (format !== 'gzip') return path.join(scratch, `${n}.${format}`);
  const dir = path.join(scratch, `${n}.object`);
  mkdirSync(dir);
  return path.join(dir, path.posix.basename(parseRemote(url).key));
}

/** An archive in an object store, copied to local disk (an archive is read from its end: zip's directory). */
function copyObject(url: string, to: string): string {
  const size = artifactSize(url);
  if (size === undefined) throw new InputError(`${url}: no such object`);
  if (size > MAX_UNPACKED_BYTES) throw new InputError(`${url}: an archive of ${size} bytes is over the ${MAX_UNPACKED_BYTES} bytes read from a store`);
  const opened = openArtifact(url);
  if (!opened) throw new InputError(`${url}: no such object`);
  const out = openSync(to, 'w', 0o600);
  try {
    const buffer = Buffer.alloc(8 * 1024 * 1024);
    let at = 0;
    while (at < opened.size) {
      const got = opened.read(buffer, 0, Math.min(buffer.length, opened.size - at), at);
      if (got <= 0) throw new InputError(`${url}: the object ended at byte ${at} of ${opened.size}`);
      writeSync(out, buffer, 0, got);
      at += got;
    }
  } finally {
    closeSync(out);
    opened.close();
  }
  return to;
}

function diskFree(dir: string): number | undefined {
  try {
    const st = statfsSync(dir);
    return st.bavail * st.bsize;
  } catch {
    return undefined;
  }
}
