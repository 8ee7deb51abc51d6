/**
 * Where artifact bytes come from: the local file system, or an object store for s3://, gs:// and
 * az:// URLs. The engine asks for sizes, times, heads and positioned reads by file name, and the
 * same reader, tokenizer and walk serve both.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { storeFor } from './remote-store.js';
import { isRemote, parseRemote } from './url.js';

export { isRemote } from './url.js';

/** An open artifact: positioned reads like fs.readSync. `fd` is set for local files (helper threads read it too). */
export interface OpenedArtifact {
  size: number;
  fd: number | undefined;
  read(into: Buffer, offset: number, length: number, position: number): number;
  close(): void;
}

/** Size of a regular file or an object; undefined when it is neither (missing, a directory, a FIFO). */
export function artifactSize(file: string): number | undefined {
  if (isRemote(file)) return storeFor(parseRemote(file).scheme).stat(file)?.size;
  try {
    const st = statSync(file);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/** Last modified (ms since the epoch) of a file or an object; undefined when unknown. */
export function artifactModified(file: string): number | undefined {
  if (isRemote(file)) return storeFor(parseRemote(file).scheme).stat(file)?.modified;
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Open a regular file or an object for reading; undefined when it is not one (the in-memory path reports why). */
export function openArtifact(file: string): OpenedArtifact | undefined {
  if (isRemote(file)) {
    const store = storeFor(parseRemote(file).scheme);
    const size = store.stat(file)?.size;
    if (size === undefined) return undefined;
    return { size, fd: undefined, read: (into, offset, length, position) => store.read(file, into, offset, length, position), close: () => store.release() };
  }
  // non-blocking, then checked: a FIFO swapped in after the caller's stat must not hang the scan
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    return undefined;
  }
  return { size: st.size, fd, read: (into, offset, length, position) => readSync(fd, into, offset, length, position), close: () => closeSync(fd) };
}

/** The first `bytes` bytes (fewer when the file is shorter). */
export function readHead(file: string, bytes: number): Buffer {
  const opened = openArtifact(file);
  if (!opened) return Buffer.alloc(0);
  try {
    const buffer = Buffer.alloc(Math.min(bytes, opened.size));
    let n = 0;
    while (n < buffer.length) {
      const got = opened.read(buffer, n, buffer.length - n, n);
      if (got <= 0) break;
      n += got;
    }
    return buffer.subarray(0, n);
  } finally {
    // an object stays open: the scan reads on from its head, on the same connection
    if (opened.fd !== undefined) opened.close();
  }
}

/** A whole object, for the in-memory path (objects under the streaming threshold, or `stream: false`). */
export function readRemoteObject(file: string, maxFileSize: number): Buffer {
  const store = storeFor(parseRemote(file).scheme);
  const size = store.stat(file)?.size;
  if (size === undefined) throw new InputError(`${file}: no such object`);
  if (size > maxFileSize) throw new InputError(`${file}: ${size} bytes is over the --max-file-size limit of ${maxFileSize} bytes`);
  const buffer = Buffer.allocUnsafe(size);
  let n = 0;
  while (n < size) {
    const got = store.read(file, buffer, n, size - n, n);
    if (got <= 0) break;
    n += got;
  }
  store.release();
  return buffer.subarray(0, n);
}
