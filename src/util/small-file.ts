/**
 * Reading a file whole, but only a regular file of a bounded size: an artifact (artifacts/read.ts), and a file the user
 * names for settings (the config file, a baseline: read as text without a byte order mark, and said why it is not
 * JSON). `-c /dev/zero` read until memory ran out (16 GB, then an abort); a FIFO (`-c <(…)` after its writer left, or
 * one nobody writes) hung the run. Stat first, then opened without blocking and checked again: a FIFO swapped in after
 * the stat must not hang the read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Why a file was not read: the caller words the message (an InputError or a ConfigError naming the file). */
export class RegularFileError extends Error {
  constructor(
    /** directory, not-regular (a FIFO, a socket, a device), too-large (see `size`), or the file system's error (`code`) on open or read. */
    readonly reason: 'directory' | 'not-regular' | 'too-large' | 'open' | 'read',
    message: string,
    /** The file system's error when the file could not be opened or read (its code: ENOENT, EACCES, …), else undefined. */
    readonly fsError: NodeJS.ErrnoException | undefined = undefined,
    /** The file's size, when it is over the limit. */
    readonly size: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'RegularFileError';
  }

  get code(): string | undefined {
    return this.fsError?.code;
  }

  /** The file system's error (none there, no permission, …), not the file's kind or size. */
  get fromFileSystem(): boolean {
    return this.reason === 'open' || this.reason === 'read';
  }
}

/** The bytes of `file`, a regular file of at most `maxBytes`; else a RegularFileError saying why. */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new RegularFileError('directory', 'is a directory');
    if (!st.isFile()) throw notRegular();
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (error instanceof RegularFileError) throw error;
    throw new RegularFileError('open', 'cannot be opened', error as NodeJS.ErrnoException);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular();
    if (st.size > maxBytes) throw new RegularFileError('too-large', `${st.size} bytes, over the ${maxBytes} such a file may have`, undefined, st.size);
    const buffer = Buffer.allocUnsafe(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buffer, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } catch (error) {
    if (error instanceof RegularFileError) throw error;
    throw new RegularFileError('read', 'cannot be read', error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

/** The text of `file` (UTF-8), a regular file of at most `maxBytes`: see readRegularFile. */
export function readSmallFile(file: string, maxBytes: number): string {
  const text = readRegularFile(file, maxBytes).toString('utf8');
  // (a byte order mark, as Windows editors save one, is no part of the settings)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Why a settings file's text is not JSON, without quoting it (JSON.parse's message does): a merge's conflict
 * markers, or where the parse broke.
 */
export function notJsonReason(text: string): string {
  const marker = /^(?:<{7}|>{7})(?: |$)/m.exec(text);
  if (marker) return `not valid JSON: a merge left its conflict markers in it (line ${lineOf(text, marker.index)})`;
  let offset: number | undefined;
  try {
    JSON.parse(text);
  } catch (error) {
    const m = /position (\d+)/.exec(String(error));
    if (m) offset = Number(m[1]);
  }
  return `not valid JSON${offset === undefined ? '' : ` (near line ${lineOf(text, offset)})`}`;
}

/** The line (from 1) of `offset` in `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function notRegular(): RegularFileError {
  return new RegularFileError('not-regular', 'not a regular file (FIFO, socket or device)');
}
