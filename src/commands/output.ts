/** Writing reports: to stdout, or atomically to a file (never half a SARIF file for CI to upload). */
import { closeSync, fchmodSync, fchownSync, openSync, renameSync, rmSync, statSync, type Stats, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { realPathOr } from '../util/real-path.js';

/** Fail before scanning when the report could not be written. */
export function assertWritable(file: string, what = '--output'): void {
  const target = targetOf(file);
  // (a device or a FIFO is written in place: its own error, if any, comes when the report is written)
  if (target === 'device') return;
  const probe = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    throw new UsageError(`${what} ${file}: cannot write there (missing directory or no permission)`);
  }
}

/** Write to a temporary file beside the target and rename it into place. */
export function writeAtomically(file: string, content: string, what = '--output'): void {
  writeChunksAtomically(file, [content], what);
}

/**
 * The same for a text given in pieces: written as it comes, in blocks of 1 MiB. Each piece goes
 * into the block's bytes at once: a string of a block's pieces (`block += chunk`) kept them all
 * until it was written, long enough for V8 to move them to the old generation (a 200,000-result
 * report: 40 MB more heap at the end of the scan).
 */
export function writeChunksAtomically(file: string, chunks: Iterable<string>, what = '--output', beforeRename?: () => void): void {
  const target = targetOf(file);
  if (target === 'device') return writeChunksInPlace(file, chunks, what);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    const block = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    for (const chunk of wholeCharacters(chunks)) {
      // a piece that may not fit (UTF-8: up to 3 bytes a UTF-16 unit) goes after the block, or alone when larger
      if (used + chunk.length * 3 > block.length) {
        writeAll(fd, block.subarray(0, used));
        used = 0;
      }
      if (chunk.length * 3 > block.length) writeAll(fd, Buffer.from(chunk));
      else used += block.write(chunk, used);
    }
    writeAll(fd, block.subarray(0, used));
    // a file written over keeps its permissions (a redacted artifact at 640 stays 640), and its owner where this process
    // may give it (root's redact in place left a user's 0640 artifact root's, unreadable to that user: red team 112)
    const before = statOf(target);
    if (before !== undefined) {
      fchmodSync(fd, before.mode & 0o7777);
      if (process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0)) fchownSync(fd, before.uid, before.gid);
    }
    closeSync(fd);
    fd = undefined;
    beforeRename?.();
    renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    // a failing file system is the user's to fix; anything else (a formatter's bug) is not about the file
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw new UsageError(`${what} ${file}: cannot write the file`);
    throw error;
  }
}

/**
 * Where the report goes: the file itself, or the file a symlink leads to (renaming over the link would replace it with a
 * file); 'device' for one that exists and is no regular file (`-o /dev/null`, `/dev/stdout`, a FIFO: renamed over as
 * root, the device was replaced by a file), written in place.
 */
function targetOf(file: string): string | 'device' {
  let st;
  try {
    st = statSync(file);
  } catch {
    return path.resolve(file); // a new file (or a dangling link, replaced as before)
  }
  if (!st.isFile()) return st.isDirectory() ? path.resolve(file) : 'device';
  return realPathOr(file);
}

/** Written straight into `file` (a device, a FIFO): each failure as the file's own error, one line. */
function writeChunksInPlace(file: string, chunks: Iterable<string>, what: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w');
    for (const chunk of wholeCharacters(chunks)) writeAll(fd, Buffer.from(chunk));
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw new UsageError(`${what} ${file}: cannot write the file (${(error as NodeJS.ErrnoException).code})`);
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The pieces, none of them ending in the first half of a surrogate pair: a character outside the BMP cut between two
 * pieces (a step of redact cuts where its text leads it) was written as two U+FFFD.
 */
function* wholeCharacters(chunks: Iterable<string>): Generator<string> {
  let cut = '';
  for (const chunk of chunks) {
    const piece = cut + chunk;
    const last = piece.charCodeAt(piece.length - 1);
    cut = last >= 0xd800 && last <= 0xdbff ? piece.slice(-1) : '';
    if (piece.length > cut.length) yield cut ? piece.slice(0, -1) : piece;
  }
  if (cut) yield cut;
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
