/**
 * `dbt-tools-lint redact PATH… --out DIR`: sanitized copies of artifacts, every finding's value
 * replaced by `*****` (dbt's own mask), so teams can publish docs and archive artifacts. The JSON
 * keeps its shape; a re-scan of the output is clean. Never overwrites its input unless --in-place.
 */
import { constants } from 'node:buffer';
import { lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { STDIN_PATH } from '../artifacts/stdin.js';
import { isMsgpackFile } from '../artifacts/candidate.js';
import { realPathOr } from '../util/real-path.js';
import type { Argv } from 'yargs';
import { InputError, UsageError } from '../errors.js';
import { NotWholeError } from '../artifacts/recognize.js';
import { InvalidUtf8Error, invalidUtf8 } from '../artifacts/read.js';
import { runOnlySalt } from '../findings/fingerprint.js';
import { scan, DEFAULT_MAX_FILE_SIZE } from '../engine/scan.js';
import { archiveFormat } from '../artifacts/archive-format.js';
import { isInside } from '../artifacts/discover.js';
import type { FileKind, Finding } from '../types.js';
import { embeddedArtifacts, looksLikeHtml } from '../artifacts/html.js';
import { startsWithMark, textBlocks } from '../util/text-blocks.js';
import { stderrLine, type CliIO } from './context.js';
import { writeChunksAtomically } from './output.js';
import { jsonPlan, MASK, plainMasks, textPlan, type Span } from './redact-plan.js';
import { COPY_MIN, inPiecesOf, spanTexts, withCopiesMasked, withKeysRenamed, withReplacements } from './redact-rewrite.js';

export function redactOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', { describe: 'dbt target directories, artifact files or globs', type: 'string', array: true, demandOption: true })
    .option('out', { describe: 'folder to write the sanitized copies to (same relative paths)', type: 'string', requiresArg: true })
    .option('in-place', { describe: 'overwrite the artifacts themselves', type: 'boolean', default: false })
    .option('follow-symlinks', { describe: 'redact artifacts that are symbolic links leading out of the folder (in place: the files they lead to)', type: 'boolean', default: false })
    .option('debug', { describe: 'print stack traces of internal errors', type: 'boolean', default: false })
    .check((argv) => {
      if (!argv.out === !argv.inPlace) throw new UsageError('redact needs exactly one of --out DIR or --in-place');
      return true;
    })
    .example('$0 redact target --out public/target', 'sanitized copies for dbt docs or an archive');
}

/** Sizes of the rewrite; tests make the blocks small to put a seam everywhere. */
export const REDACT_TUNING = {
  /**
   * The bytes read at a time. A block's text under 128 KiB is an ordinary young object, gone at the next scavenge (as
   * the scan's windows are: STREAM_TUNING); at 1 MiB each went to V8's large-object space until a full collection, and
   * a 100 MB manifest's copy peaked at 295 MB of memory, 200 MB at 64 KiB, in the same time.
   */
  blockBytes: 64 * 1024,
  /** the most a page, read whole, may be: V8's longest string */
  pageChars: constants.MAX_STRING_LENGTH,
};

/**
 * A file's redacted copy, in pieces as the file is read: its findings' spans masked (a JSON artifact as the document it
 * is: see jsonPlan; a rendered model or a log, which is no JSON document, over whole escapes: see textPlan), then every
 * other copy of the secrets. A byte order mark is kept, before the text redacted: offsets count the text after it, as
 * lines and columns do. A page (static_index.html) is read whole: see redactedPage.
 */
function redactedCopy(file: string, findings: readonly Span[], plainText: boolean, secrets: readonly string[], tally: { count: number }): Iterable<string> {
  const mark = startsWithMark(file);
  const text = () => textBlocks(file, REDACT_TUNING.blockBytes, mark ? MARK_BYTES : 0);
  let masked: Iterable<string> = text();
  if (findings.length > 0 && plainText) masked = withReplacements(text(), textPlan(text(), findings));
  else if (findings.length > 0 && isPage(file, mark)) masked = redactedPage(readPage(file, mark), findings);
  else if (findings.length > 0) masked = redactedJson(text, findings);
  return withCopiesMasked(inPiecesOf(mark ? withMark(masked) : masked, PIECE_CHARS), secrets, tally);
}

/** The size of the pieces the steps after the masks read (see inPiecesOf): young objects too, as blocks are. */
const PIECE_CHARS = 32 * 1024;

const MARK_BYTES = 3;

/** The text after a byte order mark, with the mark before it again. */
function* withMark(text: Iterable<string>): Generator<string> {
  yield '\ufeff';
  yield* text;
}

/** A JSON text (read twice: once to plan, once to write) redacted. */
function redactedJson(text: () => Iterable<string>, findings: readonly Span[]): Iterable<string> {
  const plan = jsonPlan(text(), findings);
  return withKeysRenamed(inPiecesOf(withReplacements(text(), plan.replacements), PIECE_CHARS), plan.renamedKeys);
}

/** Whether the file is a page (the dbt docs' static_index.html), as its first characters say. */
function isPage(file: string, mark: boolean): boolean {
  // (512 characters are no more than 2048 bytes; a return from the loop closes the file)
  for (const head of textBlocks(file, 2048, mark ? MARK_BYTES : 0)) return looksLikeHtml(head);
  return false;
}

/** A page's text (after its byte order mark). */
function readPage(file: string, mark: boolean): string {
  assertReadableWhole(file);
  return readFileSync(file, 'utf8').slice(mark ? 1 : 0);
}

/** A page is read whole (its inlined artifacts are found in its text): one too large for a string is refused, exit 2. */
function assertReadableWhole(file: string): void {
  const size = statSync(file).size;
  // (a byte is at most a character: a page within the limit in bytes is within it in characters)
  if (size > REDACT_TUNING.pageChars) {
    throw new InputError(`${file}: a page of ${size} bytes, more than redact can read whole (${REDACT_TUNING.pageChars} characters); redact the manifest.json and catalog.json it was made from, and generate the page again`);
  }
}

/**
 * static_index.html: each artifact inlined in its script redacted as the JSON document it is (a number under a secret's
 * name quoted, a secret key renamed: the page's script reads that JSON), the page around them masked where its findings
 * are. A plain mask there left `"db_password": *****` (a script that no longer runs: the docs site dead) and two secret
 * keys of one object as one key twice (red team 69).
 */
function* redactedPage(text: string, findings: readonly Span[]): Generator<string> {
  let at = 0;
  for (const segment of embeddedArtifacts(text)) {
    yield* withReplacements([text.slice(at, segment.start)], plainMasks(within(findings, at, segment.start)));
    const json = text.slice(segment.start, segment.end);
    const inside = within(findings, segment.start, segment.end);
    if (inside.length === 0) yield json;
    else yield* redactedJson(() => [json], inside);
    at = segment.end;
  }
  yield* withReplacements([text.slice(at)], plainMasks(within(findings, at, text.length)));
}

/**
 * A check that `file` is as the scan read it, made before its copy is written (the copy is made from the file, read again,
 * with the findings' offsets): it changed after the scan began (its inode's change time, which no program sets, is later)
 * or while its copy was made (its size, time or inode moved), and the offsets are another text's. Red team 112: a token
 * written into a manifest during a 9 s in-place redact stayed in it, and the run said it was redacted.
 */
export function unchangedSince(file: string, began: number): () => void {
  const changed = () => new InputError(`${file}: changed while redact read it; not rewritten (its findings are the text before the change): run redact again once nothing writes to it`);
  const before = statSync(file);
  // (a second's slack: a file system's times may be coarser than the clock's)
  if (before.ctimeMs > began + 1000) throw changed();
  return () => {
    const after = statSync(file);
    if (after.ino !== before.ino || after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ctimeMs !== before.ctimeMs) throw changed();
  };
}

/** The spans of the findings that start in text[from, to), their offsets from `from` (a finding's fields are read, not copied: some are getters). */
function within(findings: readonly Span[], from: number, to: number): Span[] {
  return findings.filter((f) => f.charOffset >= from && f.charOffset < to).map((f) => ({ charOffset: f.charOffset - from, charLength: f.charLength }));
}

export function runRedact(args: { paths: string[]; out?: string; inPlace: boolean; followSymlinks?: boolean }, io: CliIO): number {
  if (args.paths.includes(STDIN_PATH)) throw new UsageError('redact - : redact writes sanitized copies of files it reads by their paths; - (stdin) is read by scan only');
  const inputs = args.paths.map((p) => (path.isAbsolute(p) ? p : path.join(io.cwd, p)));
  // an archive's files live only as long as its scan: a redacted copy of one is made from the unpacked folder
  const archive = args.paths.find((p) => archiveFormat(p) !== undefined);
  if (archive) throw new UsageError(`redact ${archive}: an archive is not rewritten; unpack it and redact the folder (a re-packed archive is then yours to make)`);
  // (what the scan skips, a symbolic link leading out of the folder, say, is said: it is not redacted either)
  const warn = (message: string) => io.stderr(stderrLine(message, 'warning'));
  // a file that cannot be read whole ends the run before anything is written, with one line
  const notWhole = (error: InputError) => {
    // (a file with a byte that is no UTF-8 is not copied: its copy would hold U+FFFD for the byte, the file's bytes
    // changed; it ends the run with the line it always had)
    if (error instanceof InvalidUtf8Error) throw new InputError(invalidUtf8(error.file, error.byteOffset));
    if (!(error instanceof NotWholeError)) throw error;
    // (dbt's binary cache is never copied nor rewritten: said below, with its findings)
    if (isMsgpackFile(error.file)) return warn(error.message);
    // …nor is an artifact that is not whole: a secret its cut ends in is no secret to a detector that needs what follows
    // it (a SQL literal's closing quote), and its copy kept the password (red team 95: exit 0, "and is redacted")
    throw new InputError(`${error.file}: not a whole dbt artifact: ${error.broken}; not copied: redact copies whole artifacts only (what a cut leaves of a secret may not be found, and a copy would keep it); regenerate it with dbt, or move it out of the folder`);
  };
  // (in place, a link out of the folder still serves its file's secrets from the folder: see the exit below)
  let skippedLinks = 0;
  // (a file the scan read is rewritten only as it was read: one that changed since the scan began is not, see unchangedSince)
  const began = Date.now();
  // (it shows no hash: a key of its own, no slow hash)
  const result = scan({ paths: inputs, salt: runOnlySalt(), maxFileSize: DEFAULT_MAX_FILE_SIZE, followSymlinks: args.followSymlinks ?? false, onWarning: warn, onUnreadable: notWhole, onSkippedLink: () => skippedLinks++ });
  // partial_parse.msgpack is dbt's cache, not a document to publish: never copied nor rewritten
  const binary = result.summary.artifacts.filter((a) => a.kind === 'partial-parse').map((a) => a.file);
  // only the binary cache: nothing would be redacted and its findings stay: no pass, one line
  if (binary.length === result.summary.artifacts.length) {
    const count = result.findings.length;
    throw new InputError(`nothing to redact in ${args.paths.join(', ')}: dbt's binary partial-parse cache is never rewritten${count > 0 ? ` (${count} finding${count === 1 ? '' : 's'})` : ''}; delete it, dbt rebuilds it on the next parse`);
  }
  let left = 0;
  for (const file of binary) {
    const count = result.findings.filter((f) => f.file === file).length;
    left += count;
    io.stderr(`${file}: not redacted (dbt's binary partial-parse cache${count > 0 ? `, ${count} finding${count === 1 ? '' : 's'}` : ''}); delete it, dbt rebuilds it on the next parse\n`);
  }
  // (a static_index.html holds two artifacts: one file)
  const read = [...new Set(result.summary.artifacts.filter((a) => a.kind !== 'partial-parse').map((a) => a.file))];
  const outDir = args.out ? path.resolve(io.cwd, args.out) : undefined;
  // The copies keep their paths under the PATHs given: `redact target --out public/target` writes public/target/manifest.json.
  // A file the scan read beside them (the project's logs/dbt.log beside target/) is not copied: its place under --out
  // would be none of the PATHs' (red team 76: target's files went to public/target/target/, the log to public/target/logs/).
  // (with several PATHs, a file is copied when it is in one of them: the log beside one of two targets was copied
  // under their common folder, without the warning)
  const given = inputsDir(inputs);
  const base = given ?? commonDir(read);
  const roots = given ? inputs.map((input) => path.resolve(input)) : [base];
  const outside = outDir ? read.filter((file) => !roots.some((root) => isInside(path.resolve(file), root))) : [];
  for (const file of outside) warn(`${file}: read beside ${args.paths.join(', ')}, not copied (it is outside the PATHs given; give it, or the folder that holds both, to copy it too)`);
  const files = read.filter((file) => !outside.includes(file));
  // each copy's place (the inputs' paths under --out), or in place the file itself: a symbolic link's, not the link
  const targetOf = (file: string) => (outDir ? path.join(outDir, path.relative(base, file)) : realPathOr(file));
  if (outDir) {
    // (a copy's place, not its folder, against every input: `redact . --out .` from a project wrote over target/ and logs/;
    // a link left in --out, `out/manifest.json -> ../in/run_results.json`, wrote one input's copy over another, red team 82)
    const inputsByRealPath = new Map(read.map((f) => [realPathOr(f), f]));
    for (const f of files) {
      const place = targetOf(f);
      const over = inputsByRealPath.get(realPathOr(place));
      if (over !== undefined) throw new UsageError(`--out ${args.out}: would overwrite the input ${over} (use --in-place to do that on purpose)`);
      // …and a copy is not written through a link: where it leads is no place of --out's
      if (isSymbolicLink(place)) throw new UsageError(`--out ${args.out}: ${place} is a symbolic link; a copy is not written through one (remove it, or choose another --out)`);
    }
  }
  // a rendered model's SQL or Python and a log are text: masked where the findings are, never parsed as JSON
  const plainText = new Set(result.summary.artifacts.filter((a) => TEXT_KINDS.has(a.kind)).map((a) => a.file));
  // findings about files (stale-artifacts: an invocation id that differs) hold no secret: nothing of theirs is masked
  const held = result.findings.filter((f) => f.secretId !== undefined);
  // (a secret found only in a file not copied is masked in the copies all the same)
  const secrets = foundSecrets(read, held);
  // every folder of the copies made before the first is written: a folder that cannot be made ends the run with none
  // written, not with some (red team 69)
  if (outDir) for (const dir of new Set(files.map((file) => path.dirname(targetOf(file))))) makeFolder(dir, args.out!);
  // a page too large to read whole is said before any copy is written
  for (const file of files) if (!plainText.has(file) && held.some((f) => f.file === file) && isPage(file, startsWithMark(file))) assertReadableWhole(file);
  let redacted = 0;
  let linked = 0;
  const copies = { count: 0 };
  const rewritten = new Set<string>();
  for (const file of files) {
    const target = targetOf(file);
    // in place, two artifacts that are one file (a link beside the file it leads to) are rewritten once: the second
    // read the first's rewrite and masked it at the original's offsets (red team 69)
    if (rewritten.has(target)) continue;
    rewritten.add(target);
    const findings = held.filter((f) => f.file === file);
    const copy = (tally: { count: number }) => redactedCopy(file, findings, plainText.has(file), plainText.has(file) ? secrets.inText : secrets.inJson, tally);
    // in place, a file without findings is rewritten only when it holds a copy of a secret: counted first
    if (findings.length === 0 && !outDir && !holdsCopies(copy)) continue;
    const read = unchangedSince(file, began);
    // in place, the file is written anew and renamed over its name: another name of the old one (a hard link, as `cp -al`
    // and `rsync --link-dest` snapshots make) keeps every secret (red team 118), said and counted
    const links = outDir ? 1 : linkCount(target);
    if (links > 1) {
      warn(`${target}: has ${links - 1} other name${links === 2 ? '' : 's'} (hard link${links === 2 ? '' : 's'}) that still hold${links === 2 ? 's' : ''} its secrets: redact rewrites the file under this name only (find ${links === 2 ? 'it' : 'them'} with find -samefile, and delete or redact ${links === 2 ? 'it' : 'them'})`);
      linked++;
    }
    writeChunksAtomically(target, copy(copies), 'redact', () => read());
    redacted += findings.length;
  }
  const also = copies.count > 0 ? ` and ${copies.count} cop${copies.count === 1 ? 'y' : 'ies'} of them elsewhere` : '';
  io.stderr(`Redacted ${redacted} value${redacted === 1 ? '' : 's'}${also} in ${files.length} artifact${files.length === 1 ? '' : 's'}${outDir ? ` into ${args.out}` : ' in place'}\n`);
  // in place, the folder still holds the cache's secrets: a step that uploads it next must not go on (a copy leaves the cache out)
  if (!outDir && left > 0) {
    io.stderr(`${left} finding${left === 1 ? '' : 's'} left in the folder, in dbt's partial-parse cache: exit 1 until it is deleted\n`);
    return 1;
  }
  // …nor where a link out of the folder was left as it is: an upload that follows links publishes its file (red team 69)
  if (!outDir && skippedLinks > 0) {
    io.stderr(`${skippedLinks} symbolic link${skippedLinks === 1 ? '' : 's'} out of the folder left as ${skippedLinks === 1 ? 'it is' : 'they are'}, the file${skippedLinks === 1 ? '' : 's'} it leads to not redacted (see the warning${skippedLinks === 1 ? '' : 's'} above; --follow-symlinks rewrites ${skippedLinks === 1 ? 'it' : 'them'}): exit 1\n`);
    return 1;
  }
  if (linked > 0) {
    io.stderr(`${linked} file${linked === 1 ? '' : 's'} redacted in place ${linked === 1 ? 'has' : 'have'} other names that keep the secrets (see the warning${linked === 1 ? '' : 's'} above): exit 1\n`);
    return 1;
  }
  return 0;
}

/** How many names a file has (1 when it cannot be told). */
function linkCount(file: string): number {
  try {
    return statSync(file).nlink;
  } catch {
    return 1;
  }
}

/** The kinds of file that are text, not a JSON document. */
const TEXT_KINDS: ReadonlySet<string> = new Set<FileKind>(['compiled-sql', 'compiled-python', 'log']);

/** The secrets the findings found, as secretsAmong gives them: each finding's span of its file (offsets after a byte order mark). */
function foundSecrets(files: readonly string[], findings: readonly Finding[]): { inJson: string[]; inText: string[] } {
  const raws: string[] = [];
  for (const file of files) {
    const own = findings.filter((f) => f.file === file && f.charLength >= COPY_MIN);
    if (own.length === 0) continue;
    for (const raw of spanTexts(textBlocks(file, REDACT_TUNING.blockBytes, startsWithMark(file) ? MARK_BYTES : 0), own)) raws.push(raw);
  }
  return secretsAmong(raws);
}

/**
 * Each found secret as the artifacts write it (the finding's span of the raw text: escapes included),
 * and as JSON writes its value, when that differs: a password found under one key may be written
 * again where nothing says it is one (a description, a list in `--vars`), and a copy left in a
 * "sanitized" file is a leak all the same. Numbers are left out: their digits may be part of others.
 * `inText` adds each value as it reads, escapes undone, for the text files (rendered models, logs).
 */
export function secretsAmong(raws: Iterable<string>): { inJson: string[]; inText: string[] } {
  const found = new Set<string>();
  // a value with an escape as it reads: a rendered model or a log holds it so (`Hk4\wQ9"…`, red team 69), a JSON text never
  const decoded = new Set<string>();
  for (const raw of raws) {
    if (/^[\d.eE+-]+$/.test(raw) || raw.includes(MASK)) continue;
    found.add(raw);
    try {
      const value = JSON.parse(`"${raw}"`) as string;
      const written = JSON.stringify(value).slice(1, -1);
      // …and as other writers of JSON write it: `/` escaped (`\/`, PHP's, Java's), all past ASCII escaped (`\u00e9`,
      // Python's json.dumps, dbt's own); and percent-encoded, as a connection URL holds a password (`Pq7%2Fj…`): the same
      // value, which a copy left so holds in clear (red team 82)
      const ascii = written.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const forms = [written, ascii, ...[written, ascii].map((form) => form.replace(/\//g, '\\/')), percentEncoded(value)];
      for (const form of forms) if (form !== undefined && form.length >= COPY_MIN) found.add(form);
      if (value !== raw && value.length >= COPY_MIN) decoded.add(value);
    } catch {
      // a span of a page or of a part that is no JSON string: as written only
    }
  }
  // longest first: a secret that holds another is masked whole
  const byLength = (a: string, b: string) => b.length - a.length;
  return { inJson: [...found].sort(byLength), inText: [...new Set([...found, ...decoded])].sort(byLength) };
}

/** A value percent-encoded as a URL's user information holds it; undefined for a lone surrogate, which has no UTF-8. */
function percentEncoded(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Whether a copy would mask a copy of a secret (the copy read through, not written). */
function holdsCopies(copy: (tally: { count: number }) => Iterable<string>): boolean {
  const tally = { count: 0 };
  for (const _ of copy(tally)) if (tally.count > 0) break;
  return tally.count > 0;
}

/**
 * The folder of a redacted copy, made with its parents one at a time; a clear line when it cannot be
 * (a file in the way, no permission). Not mkdirSync's `recursive`: where a parent exists and the
 * folder cannot be made in it all the same (ENOENT under /proc/sys), Node's own loop retries forever.
 */
function makeFolder(dir: string, out: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !isFolder(at); ) {
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && isFolder(folder)) continue;
      const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'a read-only file system' : code === 'ENOENT' ? 'the file system does not allow a folder there' : (code ?? 'failed');
      throw new InputError(`--out ${out}: cannot create the folder ${dir} (${why})`);
    }
  }
}

function isSymbolicLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The folder every PATH given is in or is (a file's folder), when each is a file or a folder on disk; undefined for a glob. */
function inputsDir(inputs: readonly string[]): string | undefined {
  const dirs: string[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      return undefined;
    }
    dirs.push(isDir ? path.join(path.resolve(input), 'x') : path.resolve(input));
  }
  return dirs.length > 0 ? commonDir(dirs) : undefined;
}

function commonDir(files: readonly string[]): string {
  const dirs = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  const first = dirs[0] ?? [];
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(path.sep) || path.sep;
}

