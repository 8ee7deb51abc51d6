/**
 * A file the user names for settings (the config file, a baseline): read whole, but only a regular file of a bounded
 * size. `-c /dev/zero` read until memory ran out (16 GB, then an abort); a FIFO (`-c <(…)` after its writer left, or one
 * nobody writes) hung the run. Opened without blocking and checked again after opening, as artifacts are (read.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a settings file was not read: the caller words the message (a ConfigError naming the file). */
export class SmallFileError extends Error {
  constructor(
    message: string,
    /** The file system's code (ENOENT, EACCES, …) when the file could not be opened or read, else undefined. */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SmallFileError';
  }
}

/** The text of `file` (UTF-8), a regular file of at most `maxBytes`; else a SmallFileError saying why. */
export function readSmallFile(file: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new SmallFileError('cannot be opened', (error as NodeJS.ErrnoException).code);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new SmallFileError('is a directory', undefined);
    if (!st.isFile()) throw new SmallFileError('not a regular file (FIFO, socket or device)', undefined);
    if (st.size > maxBytes) throw new SmallFileError(`${st.size} bytes, over the ${maxBytes} such a file may have`, undefined);
    const buffer = Buffer.allocUnsafe(st.size);
    let read = 0;
    while (read < st.size) {
      const n = readSync(fd, buffer, read, st.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch (error) {
    if (error instanceof SmallFileError) throw error;
    throw new SmallFileError('cannot be read', (error as NodeJS.ErrnoException).code);
  } finally {
    closeSync(fd);
  }
}
