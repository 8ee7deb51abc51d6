/**
 * Read one artifact file into text and parse it, turning every way a file can be wrong into an
 * InputError with one line that names the file and says what is wrong — never its bytes.
 */
import { InputError } from '../errors.js';
import { closeCutShort, findSyntaxError, skipString } from './json-text.js';
import { describePath, findIntegrityProblem } from './json-integrity.js';
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { isRemote, readRemoteObject } from '../sources/index.js';
import { readRegularFile, RegularFileError } from '../util/small-file.js';

/** V8 cannot hold a string longer than this (about 512 MiB of UTF-16 units). */
const MAX_STRING_CHARS = bufferConstants.MAX_STRING_LENGTH;

export interface ArtifactText {
  /** The file's text, without a UTF-8 byte order mark. */
  text: string;
  bytes: number;
  /** 1 when a UTF-8 BOM was removed: offsets in `text` are then one less than in the file. */
  bomLength: number;
  /**
   * The byte offset in the file (a BOM counted) of a character the file's end cut off, which `text` leaves out: a JSON
   * text that is whole without it is no cut (see parseArtifactJson); a log or a rendered model fails as for any byte
   * that is no UTF-8 (see scanOne).
   */
  cutInCharacterAt?: number;
  /**
   * The byte offset in the file (a BOM counted) of its first byte that is no UTF-8, when it has one (a Latin-1 `é`, a
   * cp1252 byte in a log line): `text` then holds U+FFFD for each such byte, and for each character's first bytes that
   * no continuation follows, one character each (the WHATWG decoder's replacement, as an editor opening the file as
   * UTF-8 shows it). Offsets, lines and columns after it count it so: one character, where the file has one to three
   * bytes; before it, and on its later lines, the columns are the file's. The file fails the run once what it holds is
   * read (see InvalidUtf8Error).
   */
  invalidUtf8At?: number;
}

export interface ReadOptions {
  maxFileSize: number;
}

export function readArtifactText(file: string, options: ReadOptions): ArtifactText {
  return decodeArtifact(file, readArtifactBytes(file, options));
}

/** The file's bytes, local or remote; every way the read can fail is an InputError naming the file. */
export function readArtifactBytes(file: string, options: ReadOptions): Buffer {
  if (isRemote(file)) return readRemoteObject(file, options.maxFileSize);
  try {
    return readRegularFile(file, options.maxFileSize);
  } catch (error) {
    if (!(error instanceof RegularFileError)) throw error;
    switch (error.reason) {
      case 'directory':
        throw new InputError(`${file}: is a directory, expected a dbt artifact file`);
      case 'not-regular':
        throw new InputError(`${file}: not a regular file (FIFO, socket or device); refusing to read it`);
      case 'too-large':
        throw new InputError(`${file}: ${error.size} bytes is over the --max-file-size limit of ${options.maxFileSize} bytes`);
      case 'open':
        throw new InputError(`${file}: ${describeFsError(error.fsError)}`);
      case 'read':
        throw new InputError(`${file}: cannot read: ${describeFsError(error.fsError)}`);
    }
  }
}

/**
 * The file's text. `expected` says what a text file other than a JSON artifact should be (`dbt's rendered SQL`), for the
 * errors of one that is empty or binary.
 */
export function decodeArtifact(file: string, buffer: Buffer, expected?: string): ArtifactText {
  if (isBlank(buffer)) {
    throw new InputError(`${file}: empty file, expected ${expected ?? 'a dbt artifact (JSON)'}`);
  }
  refuseUtf16(file, buffer);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new InputError(`${file}: binary data (NUL byte at byte offset ${nul}), not ${expected ?? 'a JSON artifact'}`);
  const bomLength = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  let body = bomLength ? buffer.subarray(3) : buffer;
  let cutInCharacterAt: number | undefined;
  let invalidUtf8At: number | undefined;
  if (!isUtf8(body)) {
    const invalid = firstInvalidUtf8(body);
    // a file cut inside a character of two to four bytes (an upload that stopped in an emoji): the text is cut before it,
    // read as JSON cut short (CutShortError); any other invalid byte is the file's error, after what it holds is read
    if (cutInCharacter(body, invalid)) {
      cutInCharacterAt = invalid + bomLength;
      body = body.subarray(0, invalid);
    } else invalidUtf8At = invalid + bomLength;
  }
  if (body.length > MAX_STRING_CHARS) {
    throw new InputError(`${file}: ${body.length} bytes is too large to scan in memory (limit ${MAX_STRING_CHARS} bytes)`);
  }
  return { text: body.toString('utf8'), bytes: buffer.length, bomLength: bomLength ? 1 : 0, ...(cutInCharacterAt === undefined ? {} : { cutInCharacterAt }), ...(invalidUtf8At === undefined ? {} : { invalidUtf8At }) };
}

/** The one line of a file with a byte that is no UTF-8 at `byteOffset` (the byte itself never quoted). */
export function invalidUtf8(file: string, byteOffset: number): string {
  return `${file}: invalid UTF-8 at byte offset ${byteOffset}`;
}

/**
 * A file with a byte that is no UTF-8 (see ArtifactText.invalidUtf8At), after what it holds was read and its findings
 * reported (red team 89: a token beside a Latin-1 `é` went unreported, the run said only "invalid UTF-8"): it fails the
 * run as a file cut short does. `redact` does not copy it (see runRedact).
 */
export class InvalidUtf8Error extends InputError {
  constructor(
    readonly file: string,
    readonly byteOffset: number,
  ) {
    super(`${invalidUtf8(file, byteOffset)}; what it holds was read`);
  }
}

/**
 * An artifact cut short (an upload or a copy that stopped mid-file): an input error all the same, with what the file
 * holds up to the cut, read as the closed document it began (`text`: the file's text up to there, then what closes it;
 * every offset before the cut is the file's). A scan reports what it holds (a leaked password in the first kilobytes of
 * a half-uploaded manifest is leaked all the same), then fails as for any unreadable artifact.
 */
export class CutShortError extends InputError {
  constructor(
    message: string,
    /** The message without the file's name, for NotWholeError's. */
    readonly reason: string,
    readonly document: unknown,
    readonly text: string,
  ) {
    super(message);
  }
}

/** Parse artifact text; on failure, report where without echoing the input (CutShortError: a file cut short, with what it holds). */
export function parseArtifactJson(file: string, artifact: ArtifactText): unknown {
  const { text } = artifact;
  const parsed = parsePythonJson(text);
  if ('error' in parsed) {
    const error = syntaxError(file, artifact, parsed.text, parsed.error);
    // what comes before the error is read as a file cut there would be (red team 118: a bad escape or a missing comma
    // mid-file hid every secret before it, where a file cut short reported them): its findings, then the error
    throw (error.offset >= 0 && cutShort(file, error, error.offset >= parsed.text.length ? parsed.text : parsed.text.slice(0, error.offset))) || error;
  }
  // (a whole document, then a character cut short: bytes after the JSON, the file's error)
  if (artifact.cutInCharacterAt !== undefined) throw new InputError(invalidUtf8(file, artifact.cutInCharacterAt));
  const { document } = parsed;
  const problem = findIntegrityProblem(parsed.text, document);
  if (problem?.kind === 'duplicate-key') {
    throw new InputError(
      `${file}: duplicate key ${describePath(problem.path)} ${where(text, problem.offset, artifact.bomLength)}; JSON.parse would keep only the last value and hide the others from the scan`,
    );
  }
  if (problem?.kind === 'number-out-of-range') {
    throw new InputError(
      `${file}: number beyond the range of a double at ${describePath(problem.path)} ${where(text, problem.offset, artifact.bomLength)}; it would be read as Infinity`,
    );
  }
  return document;
}

/**
 * Why JSON.parse refused `text` (the artifact's, or the same with Python's floats read as numbers),
 * where, in one line that quotes none of it; `offset`: where in `text` (-1: no place).
 */
function syntaxError(file: string, artifact: ArtifactText, text: string, parseError: unknown): InputError & { offset: number; reason: string } {
  const failed = (reason: string, offset = -1) => Object.assign(new InputError(`${file}: ${reason}`), { offset, reason });
  // JSON has no raw line breaks inside strings, so a marker at a line start always breaks it:
  // looked for only on this path, it costs nothing on valid files.
  const conflict = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (conflict) {
    const line = countLines(text, conflict.index);
    return failed(`contains git merge-conflict markers (line ${line}); resolve the conflict or regenerate the artifact`);
  }
  const error = findSyntaxError(text);
  if (error.offset < 0) {
    // Valid JSON that V8 could not build: nesting beyond its limits, or a value too large.
    if (parseError instanceof RangeError) return failed('JSON too deeply nested or too large to parse');
    return failed('invalid JSON');
  }
  return failed(`invalid JSON ${where(text, error.offset, artifact.bomLength)}: ${error.reason}`, error.offset);
}

/** A file's JSON cut at its end, closed where it was cut (closeCutShort) and read: a CutShortError; undefined when it cannot be so read. */
function cutShort(file: string, error: InputError & { reason: string }, text: string): CutShortError | undefined {
  const closed = closeCutShort(text);
  if (closed === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(closed);
  } catch {
    return undefined;
  }
  // (a duplicate key or a number out of range in what it holds: the file's error stays the one it ends with)
  if (findIntegrityProblem(closed, document)) return undefined;
  return new CutShortError(error.message, error.reason, document, closed);
}

/**
 * JSON.parse of an artifact's text, reading Python's NaN, Infinity and -Infinity as numbers (see
 * withPythonFloatsAsNumbers); JSON.parse's own error when the text is no JSON either way.
 */
export function parseDbtJson(text: string): unknown {
  const parsed = parsePythonJson(text);
  if ('error' in parsed) throw parsed.error;
  return parsed.document;
}

/**
 * JSON.parse of `text`, and on its failure of the same with Python's floats as numbers (dbt writes a `.nan` or
 * `.inf` of YAML so): the document and the text it was read from, or JSON.parse's error and the text it was
 * last given (same length and offsets as `text`).
 */
function parsePythonJson(text: string): { document: unknown; text: string } | { error: unknown; text: string } {
  try {
    return { document: JSON.parse(text), text };
  } catch (error) {
    const numbers = withPythonFloatsAsNumbers(text);
    if (numbers === undefined) return { error, text };
    try {
      return { document: JSON.parse(numbers), text: numbers };
    } catch (again) {
      return { error: again, text: numbers };
    }
  }
}

/**
 * Python's json module writes a float that is not finite as `NaN`, `Infinity` or `-Infinity`, and
 * dbt writes its artifacts with it: a `.nan` or `.inf` in YAML (a meta value, a test's
 * `max_value: .inf`, a var) reaches manifest.json so. JSON has no such numbers and JSON.parse
 * refuses them. The text with each one outside strings written as `0` or `-0` and spaces, the same
 * length, so that every offset, line and column stays the file's (a number is never a secret's
 * place); undefined when the text holds none, or a string in it does not end.
 */
export function withPythonFloatsAsNumbers(text: string): string | undefined {
  const pieces: string[] = [];
  let copied = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      try {
        i = skipString(text, i);
      } catch {
        return undefined;
      }
      continue;
    }
    const negative = c === 45 ? 1 : 0;
    const word = text.startsWith('Infinity', i + negative) ? 'Infinity' : !negative && text.startsWith('NaN', i) ? 'NaN' : undefined;
    const before = text.charCodeAt(i - 1);
    if (word === undefined || isWordChar(before) || before === 45 || before === 43 || isWordChar(text.charCodeAt(i + negative + word.length))) {
      i++;
      continue;
    }
    const end = i + negative + word.length;
    pieces.push(text.slice(copied, i), (negative ? '-0' : '0').padEnd(end - i, ' '));
    copied = i = end;
  }
  if (pieces.length === 0) return undefined;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/** A character that continues a word or a number (`NaNa`, `1.NaN`): NaN or Infinity beside one is no Python float. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
}

/** "at byte offset N (line L)", counted in the file (the BOM included). */
function where(text: string, offset: number, bomLength: number): string {
  const byteOffset = Buffer.byteLength(text.slice(0, offset)) + (bomLength ? 3 : 0);
  return `at byte offset ${byteOffset} (line ${countLines(text, offset)})`;
}

/** Whether a file holds nothing but spaces and line ends, after a byte order mark (a BOM alone is empty too: red team 109). */
export function isBlank(buffer: Buffer): boolean {
  const from = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  for (let i = from; i < buffer.length; i++) {
    const b = buffer[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** An artifact's first bytes in UTF-16 (with a BOM, or without: see looksUtf16): refused, saying what to do. */
export function refuseUtf16(file: string, head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16(head)) {
    throw new InputError(`${file}: UTF-16 encoded; dbt writes artifacts as UTF-8 — re-encode the file or regenerate it with dbt`);
  }
}

/** UTF-16 without a BOM: JSON starts with ASCII, so every other byte of the first few is zero. */
function looksUtf16(buffer: Buffer): boolean {
  if (buffer.length < 4) return false;
  return (buffer[0] === 0 && buffer[2] === 0 && buffer[1] !== 0) || (buffer[1] === 0 && buffer[3] === 0 && buffer[0] !== 0);
}

/** Whether the bytes from `at` to the end are a character's first bytes that the end cut off (a lead byte, then continuations only). */
function cutInCharacter(buffer: Buffer, at: number): boolean {
  const length = utf8Length(buffer[at]!);
  if (length < 2 || buffer.length - at >= length) return false;
  for (let i = at + 1; i < buffer.length; i++) if ((buffer[i]! & 0xc0) !== 0x80) return false;
  return true;
}

/** How many bytes the UTF-8 character that `lead` begins has; 0 for a byte no character begins with. */
function utf8Length(lead: number): number {
  return lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence (failure path only). */
function firstInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    const length = utf8Length(b);
    if (length === 0 || !isUtf8(buffer.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop?)';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return code ? `cannot access (${code})` : 'cannot access';
  }
}
