/**
 * `dbt-tools-lint redact PATH… --out DIR`: sanitized copies of artifacts, every finding's value
 * replaced by `*****` (dbt's own mask), so teams can publish docs and archive artifacts. The JSON
 * keeps its shape; a re-scan of the output is clean. Never overwrites its input unless --in-place.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { STDIN_PATH } from '../artifacts/stdin.js';
import { realPathOr } from '../util/real-path.js';
import type { Argv } from 'yargs';
import { InputError, UsageError } from '../errors.js';
import { NotWholeError } from '../artifacts/recognize.js';
import { scan, DEFAULT_MAX_FILE_SIZE } from '../engine/scan.js';
import { archiveFormat } from '../artifacts/archive-format.js';
import { isInside } from '../artifacts/discover.js';
import type { FileKind, Finding } from '../types.js';
import { isSecretKey } from '../findings/preview.js';
import { embeddedArtifacts, looksLikeHtml } from '../artifacts/html.js';
import { parseDbtJson } from '../artifacts/read.js';
import { backslashesBefore, closeCutShort, openStringAt } from '../artifacts/json-text.js';
import { stderrLine, type CliIO } from './context.js';
import { writeAtomically } from './output.js';

export const MASK = '*****';

export function redactOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', { describe: 'dbt target directories, artifact files or globs', type: 'string', array: true, demandOption: true })
    .option('out', { describe: 'folder to write the sanitized copies to (same relative paths)', type: 'string' })
    .option('in-place', { describe: 'overwrite the artifacts themselves', type: 'boolean', default: false })
    .option('follow-symlinks', { describe: 'redact artifacts that are symbolic links leading out of the folder (in place: the files they lead to)', type: 'boolean', default: false })
    .option('debug', { describe: 'print stack traces of internal errors', type: 'boolean', default: false })
    .check((argv) => {
      if (!argv.out === !argv.inPlace) throw new UsageError('redact needs exactly one of --out DIR or --in-place');
      return true;
    })
    .example('$0 redact target --out public/target', 'sanitized copies for dbt docs or an archive');
}

/**
 * Replace each finding's span in the raw text (escapes included) by the mask, last first. A number
 * under a secret-named key becomes the masked string "*****": same place, still valid JSON. A key
 * that is itself a secret (a token pasted as a map key) becomes "*****key-N", distinct per key so
 * the object keeps its members.
 */
export function redactText(text: string, findings: readonly Finding[], plainText = false): string {
  // offsets count the text after a byte order mark, as lines and columns do: the mark is kept, before the text redacted
  if (text.charCodeAt(0) === 0xfeff) return `\ufeff${redactText(text.slice(1), findings, plainText)}`;
  // a rendered model or a log (plainText) is no JSON document: findings are masked where they are, over whole escapes
  if (plainText) return maskSpans(text, findings.map((f) => overEscapes(text, f)), () => MASK);
  return looksLikeHtml(text) ? redactPage(text, findings) : redactJson(text, findings);
}

/**
 * static_index.html: each artifact inlined in its script redacted as the JSON document it is (a number under a secret's
 * name quoted, a secret key renamed: the page's script reads that JSON), the page around them masked where its findings
 * are. A plain mask there left `"db_password": *****` (a script that no longer runs: the docs site dead) and two secret
 * keys of one object as one key twice (red team 69).
 */
function redactPage(text: string, findings: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const segment of embeddedArtifacts(text)) {
    parts.push(maskSpans(text.slice(at, segment.start), within(findings, at, segment.start), () => MASK));
    const json = text.slice(segment.start, segment.end);
    const inside = within(findings, segment.start, segment.end);
    parts.push(inside.length === 0 ? json : redactEmbedded(json, inside));
    at = segment.end;
  }
  parts.push(maskSpans(text.slice(at), within(findings, at, text.length), () => MASK));
  return parts.join('');
}

/** An inlined artifact redacted as JSON; one that does not parse (a page cut short) masked where its findings are. */
function redactEmbedded(json: string, findings: readonly Span[]): string {
  try {
    return redactJson(json, findings);
  } catch {
    // (JSON.parse's error, which quotes the text, is never shown)
    return maskSpans(json, findings, () => MASK);
  }
}

/**
 * A span of a text file widened to whole escapes: a log written as JSON lines holds a secret's `\"` as two characters,
 * and a span that ended between them (a value read up to a quote) left `\*****"`, a line that is JSON no longer (red
 * team 69). In a rendered model a backslash is itself: the mask takes a character more.
 */
function overEscapes(text: string, f: Span): Span {
  let start = f.charOffset;
  let end = f.charOffset + f.charLength;
  if (backslashesBefore(text, start) % 2 === 1) start--;
  if (end > start && backslashesBefore(text, end) % 2 === 1) end += text.charCodeAt(end) === 117 /* u */ ? 5 : 1;
  end = Math.min(end, text.length);
  return start === f.charOffset && end === f.charOffset + f.charLength ? f : { charOffset: start, charLength: end - start, jsonPointer: f.jsonPointer };
}

/** What redaction reads of a finding: its span in the raw text, and where its value is in the JSON document. */
type Span = Pick<Finding, 'charOffset' | 'charLength' | 'jsonPointer'>;

/** The spans of the findings that start in text[from, to), their offsets from `from` (a finding's fields are read, not copied: some are getters). */
function within(findings: readonly Span[], from: number, to: number): Span[] {
  return findings.filter((f) => f.charOffset >= from && f.charOffset < to).map((f) => ({ charOffset: f.charOffset - from, charLength: f.charLength, jsonPointer: f.jsonPointer }));
}

/** A JSON artifact redacted: see redactText. */
function redactJson(text: string, findings: readonly Span[]): string {
  const { document, cut } = parseWholeOrCut(text);
  // the string a cut left open is masked whole: a secret cut in two is part of one, and no detector reads it so (red team 75)
  const open = cut ? openStringAt(text) : -1;
  if (open >= 0 && open + 1 < text.length) findings = [...findings, { charOffset: open + 1, charLength: text.length - open - 1, jsonPointer: '' }];
  let n = 0;
  // a secret in a key is masked with a number of its own: two keys masked alike would be one key twice
  let out = maskSpans(text, findings, (f) =>
    inKey(text, f.charOffset + f.charLength) ? `${MASK}key-${++n}` : typeof valueAt(document, f.jsonPointer) === 'number' ? `"${MASK}"` : MASK,
  );
  for (const key of secretKeys(document)) out = out.split(JSON.stringify(key)).join(JSON.stringify(`${MASK}key-${++n}`));
  return out;
}

/**
 * The document the text holds, or for one cut short (an upload that stopped: the scan read it up to its cut and says it
 * is not whole) the document closed where it was cut, as the scan read it (closeCutShort): its copy is masked as written.
 */
function parseWholeOrCut(text: string): { document: unknown; cut: boolean } {
  try {
    return { document: parseDbtJson(text), cut: false };
  } catch (error) {
    const closed = closeCutShort(text);
    if (closed === undefined) throw error;
    return { document: parseDbtJson(closed), cut: true };
  }
}

/** Whether the JSON string that `from` is inside of (a finding's end) is an object's key: a `:` follows its closing quote. */
function inKey(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c === 58;
  }
  return false;
}

/**
 * The text with each finding's span replaced, in one pass (a copy of the text per finding was quadratic: 300,000 findings
 * in 12 MB). Spans that overlap are masked as one, with the first one's replacement.
 */
function maskSpans(text: string, findings: readonly Span[], replacement: (f: Span) => string): string {
  const parts: string[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.charOffset - b.charOffset || b.charLength - a.charLength)) {
    const end = f.charOffset + f.charLength;
    if (f.charOffset < at) {
      at = Math.max(at, end);
      continue;
    }
    parts.push(text.slice(at, f.charOffset), replacement(f));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Keys anywhere in the document that read as secrets (iterative: documents may nest deeply). */
function secretKeys(document: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      if (isSecretKey(key)) found.add(key);
      stack.push(child);
    }
  }
  return found;
}

function valueAt(document: unknown, pointer: string): unknown {
  let v = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function runRedact(args: { paths: string[]; out?: string; inPlace: boolean; followSymlinks?: boolean }, io: CliIO): number {
  if (args.paths.includes(STDIN_PATH)) throw new UsageError('redact - : redact writes sanitized copies of files it reads by their paths; - (stdin) is read by scan only');
  const inputs = args.paths.map((p) => (path.isAbsolute(p) ? p : path.join(io.cwd, p)));
  // an archive's files live only as long as its scan: a redacted copy of one is made from the unpacked folder
  const archive = args.paths.find((p) => archiveFormat(p) !== undefined);
  if (archive) throw new UsageError(`redact ${archive}: an archive is not rewritten; unpack it and redact the folder (a re-packed archive is then yours to make)`);
  // (what the scan skips, a symbolic link leading out of the folder, say, is said: it is not redacted either)
  const warn = (message: string) => io.stderr(stderrLine(message, 'warning'));
  // an artifact that is not whole (a manifest without nodes) is JSON all the same: what it holds is masked, with a warning;
  // one that cannot be read at all ends the run before anything is written
  const notWhole = (error: InputError) => {
    if (!(error instanceof NotWholeError)) throw error;
    warn(`${error.message}, and is redacted`);
  };
  // (in place, a link out of the folder still serves its file's secrets from the folder: see the exit below)
  let skippedLinks = 0;
  const result = scan({ paths: inputs, maxFileSize: DEFAULT_MAX_FILE_SIZE, followSymlinks: args.followSymlinks ?? false, onWarning: warn, onUnreadable: notWhole, onSkippedLink: () => skippedLinks++ });
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
    // (a copy's place, not its folder, against the input: `redact . --out .` from a project wrote over target/ and logs/)
    for (const f of files) {
      if (realPathOr(targetOf(f)) === realPathOr(f)) throw new UsageError(`--out ${args.out}: would overwrite the input ${f} (use --in-place to do that on purpose)`);
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
  let redacted = 0;
  let copies = 0;
  const rewritten = new Set<string>();
  for (const file of files) {
    const target = targetOf(file);
    // in place, two artifacts that are one file (a link beside the file it leads to) are rewritten once: the second
    // read the first's rewrite and masked it at the original's offsets (red team 69)
    if (rewritten.has(target)) continue;
    rewritten.add(target);
    const findings = held.filter((f) => f.file === file);
    const text = readFileSync(file, 'utf8');
    const masked = findings.length > 0 ? redactText(text, findings, plainText.has(file)) : text;
    const copied = maskCopies(masked, plainText.has(file) ? secrets.inText : secrets.inJson);
    if (findings.length > 0 || copied.count > 0 || outDir) writeAtomically(target, copied.text, 'redact');
    redacted += findings.length;
    copies += copied.count;
  }
  const also = copies > 0 ? ` and ${copies} cop${copies === 1 ? 'y' : 'ies'} of them elsewhere` : '';
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
  return 0;
}

/** The kinds of file that are text, not a JSON document. */
const TEXT_KINDS: ReadonlySet<string> = new Set<FileKind>(['compiled-sql', 'compiled-python', 'log']);

/** The shortest secret whose copies are masked too: a shorter one would match text that merely holds it. */
const COPY_MIN = 8;

/**
 * Each found secret as the artifacts write it (the finding's span of the raw text: escapes included),
 * and as JSON writes its value, when that differs: a password found under one key may be written
 * again where nothing says it is one (a description, a list in `--vars`), and a copy left in a
 * "sanitized" file is a leak all the same. Numbers are left out: their digits may be part of others.
 * `inText` adds each value as it reads, escapes undone, for the text files (rendered models, logs).
 */
function foundSecrets(files: readonly string[], findings: readonly Finding[]): { inJson: string[]; inText: string[] } {
  const found = new Set<string>();
  // a value with an escape as it reads: a rendered model or a log holds it so (`Hk4\wQ9"…`, red team 69), a JSON text never
  const decoded = new Set<string>();
  for (const file of files) {
    const own = findings.filter((f) => f.file === file && f.charLength >= COPY_MIN);
    if (own.length === 0) continue;
    // (offsets count the text after a byte order mark)
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    for (const f of own) {
      const raw = text.slice(f.charOffset, f.charOffset + f.charLength);
      if (/^[\d.eE+-]+$/.test(raw) || raw.includes(MASK)) continue;
      found.add(raw);
      try {
        const value = JSON.parse(`"${raw}"`) as string;
        const written = JSON.stringify(value).slice(1, -1);
        if (written.length >= COPY_MIN) found.add(written);
        if (value !== raw && value.length >= COPY_MIN) decoded.add(value);
      } catch {
        // a span of a page or of a part that is no JSON string: as written only
      }
    }
  }
  // longest first: a secret that holds another is masked whole
  const byLength = (a: string, b: string) => b.length - a.length;
  return { inJson: [...found].sort(byLength), inText: [...new Set([...found, ...decoded])].sort(byLength) };
}

/**
 * Every other place the text holds one of the secrets, masked; how many there were. One pass over the
 * text whatever the number of secrets (a findings-heavy run has thousands): a rolling hash of each
 * window of COPY_MIN characters is looked up among the secrets' first COPY_MIN characters', and a hit
 * is confirmed on the text (the longest secret there first).
 */
function maskCopies(text: string, secrets: readonly string[]): { text: string; count: number } {
  if (secrets.length === 0 || text.length < COPY_MIN) return { text, count: 0 };
  const byStart = new Map<number, string[]>();
  for (const secret of secrets) {
    const h = windowHash(secret, 0);
    const list = byStart.get(h);
    if (list) list.push(secret);
    else byStart.set(h, [secret]);
  }
  // the first character's weight in a window's hash: B^(COPY_MIN - 1), modulo 2^32 as the hash is
  let first = 1;
  for (let k = 1; k < COPY_MIN; k++) first = Math.imul(first, HASH_BASE);
  const pieces: string[] = [];
  let count = 0;
  let copied = 0;
  let h = windowHash(text, 0);
  for (let i = 0; ; i++) {
    const candidates = i >= copied ? byStart.get(h) : undefined;
    if (candidates) {
      const secret = candidates.find((c) => text.startsWith(c, i));
      if (secret !== undefined) {
        pieces.push(text.slice(copied, i), MASK);
        copied = i + secret.length;
        count++;
      }
    }
    if (i + COPY_MIN >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), first), HASH_BASE) + text.charCodeAt(i + COPY_MIN)) | 0;
  }
  if (count === 0) return { text, count: 0 };
  pieces.push(text.slice(copied));
  return { text: pieces.join(''), count };
}

const HASH_BASE = 0x01000193;

/** The hash of text[at, at + COPY_MIN), as maskCopies rolls it. */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < COPY_MIN; k++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(at + k)) | 0;
  return h;
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

