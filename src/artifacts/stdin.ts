/**
 * `-` among the paths: an artifact piped in (`aws s3 cp s3://…/manifest.json - | dbt-tools-lint -`,
 * `gunzip -c run.json.gz | …`). It is copied to a file in the scan's private folder (a stream cannot be
 * read twice, and the scan reads a large file from two places at once), then scanned as a file is,
 * its findings named `<stdin>` or what --stdin-filename says. What was piped in is told by its first
 * bytes: a zip, a tar, a gzip-ed tar or file, dbt's MessagePack, a docs page, or JSON; the name given
 * with --stdin-filename says it instead (`logs/dbt.log`, `compiled/…/x.sql`: kinds only a name tells).
 */
import { closeSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isatty } from 'node:tty';
import { InputError, UsageError } from '../errors.js';
import { archiveFormat, archiveFormatOfHead, safeEntryPath } from './archive-format.js';
import { refuseUtf16 } from './read.js';

/** The path that stands for stdin. */
export const STDIN_PATH = '-';

/** How stdin is named when --stdin-filename names it nothing. */
export const STDIN_SHOWN = '<stdin>';

export interface StdinSource {
  /** What `-` reads (default: this process's stdin; tests give a file or a FIFO). */
  file?: string | undefined;
  /** The name the piped artifact goes by (--stdin-filename): in reports, and for its kind. */
  name?: string | undefined;
}

export interface SpooledStdin {
  /** The copy, in the scan's private folder. */
  file: string;
  /** How reports name it. */
  shown: string;
}

/** A read that found no data yet on a descriptor that does not block: tried again after this long. */
const RETRY_MS = 5;

/** The most bytes a copy may hold, and what sets it (said when it is passed). */
export interface SpoolLimit {
  bytes: number;
  what: string;
}

/**
 * Copy stdin into `dir` (made here), at most `limits.artifact` (--max-file-size, or the free disk space) or, for an
 * archive, `limits.archive`. Throws UsageError when stdin is a terminal (nothing was piped in), InputError when it
 * is empty, begins as no artifact does, is larger than allowed, or cannot be read or copied.
 */
export function spoolStdin(dir: string, source: StdinSource, limits: { artifact: SpoolLimit; archive: SpoolLimit }): SpooledStdin {
  const shown = source.name ?? STDIN_SHOWN;
  // (descriptor 0 itself: /dev/stdin cannot be opened when it is a socket, as a Node.js parent's pipes are)
  let fd = 0;
  if (source.file !== undefined) {
    try {
      fd = openSync(source.file, 'r');
    } catch (error) {
      throw new InputError(`${shown}: cannot read stdin (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  try {
    if (isatty(fd)) throw new UsageError(`- reads an artifact from stdin, which is a terminal here: pipe one in (cat target/manifest.json | dbt-tools-lint -)`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    // the head says what was piped in, and so the copy's name (the archive reader and the scan go by names)
    let head = Buffer.alloc(0);
    let out: number | undefined;
    let file = '';
    let total = 0;
    let limit = limits.archive;
    try {
      for (;;) {
        const got = readSome(fd, chunk, shown);
        if (got > 0 && out === undefined && head.length < HEAD_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, got)]);
          if (head.length < HEAD_BYTES) continue;
        }
        if (out === undefined) {
          if (head.length === 0 && got === 0) throw new InputError(`${shown}: empty: nothing was piped in (expected a dbt artifact)`);
          const name = copyName(source.name, head, shown);
          if (archiveFormat(name) === undefined) limit = limits.artifact;
          file = path.join(dir, name);
          mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
          out = copyFailing(() => openSync(file, 'wx', 0o600), shown);
          total = write(out, head, total, limit, shown);
          // (the head held this read's bytes already)
          if (got === 0) break;
          continue;
        }
        if (got === 0) break;
        total = write(out, chunk.subarray(0, got), total, limit, shown);
      }
    } finally {
      if (out !== undefined) closeSync(out);
    }
    return { file, shown };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Bytes read before the copy is named: enough for a tar's header and a gzip-ed tar's. */
const HEAD_BYTES = 64 * 1024;

function readSome(fd: number, into: Buffer, shown: string): number {
  for (;;) {
    try {
      return readSync(fd, into, 0, into.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // a descriptor the shell or a parent left without blocking: wait a little for the writer
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
        continue;
      }
      // a pipe whose writer is gone reads as its end
      if (code === 'EOF') return 0;
      throw new InputError(`${shown}: cannot read stdin (${code ?? 'error'})`);
    }
  }
}

function write(out: number, bytes: Buffer, total: number, limit: SpoolLimit, shown: string): number {
  const n = bytes.length;
  if (total + n > limit.bytes) throw new InputError(`${shown}: more than ${limit.bytes} bytes piped in, over ${limit.what}`);
  let at = 0;
  while (at < n) at += copyFailing(() => writeSync(out, bytes, at, n - at), shown);
  return total + n;
}

/** A write of the copy, its failure (a full disk) said as the input's. */
function copyFailing<T>(step: () => T, shown: string): T {
  try {
    return step();
  } catch (error) {
    throw new InputError(`${shown}: cannot copy what was piped in (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The copy's name: what --stdin-filename says (its last segments from a `compiled/` or `run/` folder on, which say a
 * rendered model's kind; else its file name), or what the first bytes show.
 */
function copyName(given: string | undefined, head: Buffer, shown: string): string {
  if (given !== undefined) {
    const safe = safeEntryPath(given);
    if (safe === undefined) throw new UsageError(`--stdin-filename ${given}: not a file name`);
    const rendered = /(?:^|\/)((?:compiled|run)\/.+)$/.exec(safe);
    const name = rendered ? rendered[1]! : path.posix.basename(safe);
    if (name.endsWith('.json')) jsonObjectHead(head, shown);
    return name;
  }
  const archive = archiveFormatOfHead(head);
  if (archive) return archive === 'gzip' ? 'stdin.json.gz' : `stdin.${archive}`;
  // dbt's partial parse: a MessagePack map
  if (head.length > 0 && ((head[0]! & 0xf0) === 0x80 || head[0] === 0xde || head[0] === 0xdf)) return 'partial_parse.msgpack';
  const text = head.toString('latin1', 0, 256).replace(/^(\xef\xbb\xbf|\s)+/, '');
  if (text.startsWith('<')) return 'static_index.html';
  jsonObjectHead(head, shown);
  return 'stdin.json';
}

/**
 * A dbt artifact in JSON is an object: what begins otherwise is refused before it is copied (`cat /dev/zero`
 * would have been copied up to --max-file-size first). Says the first byte only: the input may be a secret.
 */
function jsonObjectHead(head: Buffer, shown: string): void {
  // (UTF-16, as a Windows shell may pipe it: said as a file in UTF-16 is, not as a stray first byte)
  refuseUtf16(shown, head);
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  // (a head of whitespace only: the rest decides, as the parse will)
  if (i === head.length || head[i] === 0x7b) return;
  const b = head[i]!;
  const what = b >= 0x21 && b < 0x7f ? `\`${String.fromCharCode(b)}\`` : `the byte 0x${b.toString(16).padStart(2, '0')}`;
  throw new InputError(`${shown}: not a dbt artifact: what was piped in begins with ${what} at byte ${i}, not a JSON object, an archive, a docs page or dbt's MessagePack`);
}


