/** A UTF-8 file read as text a block at a time: what a rewrite needs of a file larger than a string may be. */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** The bytes of a byte order mark, which offsets do not count: a reader starts after them. */
const MARK = [0xef, 0xbb, 0xbf];

/** Whether the file starts with a byte order mark. */
export function startsWithMark(file: string): boolean {
  const head = Buffer.alloc(MARK.length);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return n === MARK.length && MARK.every((b, k) => head[k] === b);
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's text from byte `from`, in pieces of at most `blockBytes` bytes decoded as they come: a character cut
 * by a block's end is whole in the next piece (a surrogate pair is never split), invalid bytes read as U+FFFD as
 * readFileSync(file, 'utf8') reads them. Empty pieces are not given.
 */
export function* textBlocks(file: string, blockBytes: number, from = 0): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const block = Buffer.allocUnsafe(blockBytes);
    const decoder = new StringDecoder('utf8');
    for (let at = from; ; ) {
      const n = readSync(fd, block, 0, blockBytes, at);
      if (n === 0) break;
      at += n;
      const text = decoder.write(block.subarray(0, n));
      if (text.length > 0) yield text;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}
