/**
 * Reading a file whole, but only a regular file of a bounded size: an artifact (artifacts/read.ts), and a file the user
 * names for settings (the config file, a baseline). `-c /dev/zero` read until memory ran out (16 GB, then an abort); a
 * FIFO (`-c <(…)` after its writer left, or one nobody writes) hung the run. Stat first, then opened without blocking
 * and checked again: a FIFO swapped in after the stat must not hang the read.
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
  return readRegularFile(file, maxBytes).toString('utf8');
}

function notRegular(): RegularFileError {
  return new RegularFileError('not-regular', 'not a regular file (FIFO, socket or device)');
}
