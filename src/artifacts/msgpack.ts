/**
 * MessagePack, as dbt writes target/partial_parse.msgpack (its whole Manifest object): decoded into
 * the JSON-like tree the walker reads, and the byte offsets of chosen strings found again in one
 * linear pass, so findings point at the bytes.
 *
 * Only what JSON has is kept: maps, arrays, strings, numbers, booleans, nil. Binary data and
 * extension values (timestamps, dbt's own types) are skipped (null in an array, so indexes stay
 * the file's), and so is a map entry whose key is not a string or a number. Both passes use an explicit stack, so no nesting depth overflows; every
 * declared length is checked against the bytes left before anything is allocated for it.
 */
import { isUtf8 } from 'node:buffer';
import type { PathSegment } from '../types.js';

export class MsgpackError extends Error {
  override readonly name = 'MsgpackError';
  constructor(
    readonly reason: string,
    readonly byteOffset: number,
    /** The bytes end before the value does: a file cut short, as an upload that stopped leaves it (or garbage). */
    readonly endsEarly = false,
  ) {
    super(`${reason} at byte offset ${byteOffset}`);
  }
}

/** One header: a scalar (its value, or SKIPPED), a string's payload, or a container's entry count. */
type Header =
  | { kind: 'scalar'; value: unknown; end: number }
  | { kind: 'string'; start: number; end: number }
  | { kind: 'array' | 'map'; count: number; end: number };

/** What a binary, an extension value or 0xc1 decodes to: nothing the walk reads. */
const SKIPPED = Symbol('skipped');

function need(buf: Buffer, pos: number, n: number): void {
  if (pos + 1 + n > buf.length) throw new MsgpackError('the file ends inside a value', pos, true);
}

/**
 * A payload of `length` bytes after the type byte and `lengthBytes` of length: checked to lie inside the buffer, or in
 * a file read up to its cut (`cut`), the part of it there.
 */
function payload(buf: Buffer, pos: number, lengthBytes: number, length: number, kind: 'string' | 'skip', cut: boolean): Header {
  const start = pos + 1 + lengthBytes;
  let end = start + length;
  if (end > buf.length) {
    if (!cut) throw new MsgpackError(`a declared length of ${length} bytes runs past the end of the file`, pos, true);
    end = buf.length;
  }
  return kind === 'string' ? { kind: 'string', start, end } : { kind: 'scalar', value: SKIPPED, end };
}

function container(buf: Buffer, pos: number, kind: 'array' | 'map', lengthBytes: number, count: number, cut: boolean): Header {
  const end = pos + 1 + lengthBytes;
  // each element takes a byte at least: a count the rest of the file cannot hold is no file (or, read up to its cut,
  // one whose elements after the cut are lost: nothing is allocated by the count)
  if (!cut && (kind === 'map' ? 2 * count : count) > buf.length - end) throw new MsgpackError(`a declared count of ${count} entries runs past the end of the file`, pos, true);
  return { kind, count, end };
}

function scalar(buf: Buffer, pos: number, size: number, read: (at: number) => unknown): Header {
  need(buf, pos, size);
  return { kind: 'scalar', value: read(pos + 1), end: pos + 1 + size };
}

const skipped = () => SKIPPED;

/** Read the header at `pos`; a string or binary payload is checked to lie inside the buffer, unless the file was `cut`. */
function header(buf: Buffer, pos: number, cut = false): Header {
  if (pos >= buf.length) throw new MsgpackError('the file ends where a value should start', pos, true);
  const b = buf[pos]!;
  if (b <= 0x7f) return { kind: 'scalar', value: b, end: pos + 1 };
  if (b >= 0xe0) return { kind: 'scalar', value: b - 0x100, end: pos + 1 };
  if (b <= 0x8f) return container(buf, pos, 'map', 0, b & 0x0f, cut);
  if (b <= 0x9f) return container(buf, pos, 'array', 0, b & 0x0f, cut);
  if (b <= 0xbf) return payload(buf, pos, 0, b & 0x1f, 'string', cut);
  switch (b) {
    case 0xc0: return { kind: 'scalar', value: null, end: pos + 1 };
    case 0xc2: return { kind: 'scalar', value: false, end: pos + 1 };
    case 0xc3: return { kind: 'scalar', value: true, end: pos + 1 };
    case 0xc4: need(buf, pos, 1); return payload(buf, pos, 1, buf.readUInt8(pos + 1), 'skip', cut);
    case 0xc5: need(buf, pos, 2); return payload(buf, pos, 2, buf.readUInt16BE(pos + 1), 'skip', cut);
    case 0xc6: need(buf, pos, 4); return payload(buf, pos, 4, buf.readUInt32BE(pos + 1), 'skip', cut);
    // ext 8/16/32: a length, a type byte, the data
    case 0xc7: need(buf, pos, 2); return payload(buf, pos, 2, buf.readUInt8(pos + 1), 'skip', cut);
    case 0xc8: need(buf, pos, 3); return payload(buf, pos, 3, buf.readUInt16BE(pos + 1), 'skip', cut);
    case 0xc9: need(buf, pos, 5); return payload(buf, pos, 5, buf.readUInt32BE(pos + 1), 'skip', cut);
    case 0xca: return scalar(buf, pos, 4, (at) => buf.readFloatBE(at));
    case 0xcb: return scalar(buf, pos, 8, (at) => buf.readDoubleBE(at));
    case 0xcc: return scalar(buf, pos, 1, (at) => buf.readUInt8(at));
    case 0xcd: return scalar(buf, pos, 2, (at) => buf.readUInt16BE(at));
    case 0xce: return scalar(buf, pos, 4, (at) => buf.readUInt32BE(at));
    case 0xcf: return scalar(buf, pos, 8, (at) => Number(buf.readBigUInt64BE(at)));
    case 0xd0: return scalar(buf, pos, 1, (at) => buf.readInt8(at));
    case 0xd1: return scalar(buf, pos, 2, (at) => buf.readInt16BE(at));
    case 0xd2: return scalar(buf, pos, 4, (at) => buf.readInt32BE(at));
    case 0xd3: return scalar(buf, pos, 8, (at) => Number(buf.readBigInt64BE(at)));
    // fixext 1/2/4/8/16: a type byte and that many bytes of data
    case 0xd4: return scalar(buf, pos, 2, skipped);
    case 0xd5: return scalar(buf, pos, 3, skipped);
    case 0xd6: return scalar(buf, pos, 5, skipped);
    case 0xd7: return scalar(buf, pos, 9, skipped);
    case 0xd8: return scalar(buf, pos, 17, skipped);
    case 0xd9: need(buf, pos, 1); return payload(buf, pos, 1, buf.readUInt8(pos + 1), 'string', cut);
    case 0xda: need(buf, pos, 2); return payload(buf, pos, 2, buf.readUInt16BE(pos + 1), 'string', cut);
    case 0xdb: need(buf, pos, 4); return payload(buf, pos, 4, buf.readUInt32BE(pos + 1), 'string', cut);
    case 0xdc: need(buf, pos, 2); return container(buf, pos, 'array', 2, buf.readUInt16BE(pos + 1), cut);
    case 0xdd: need(buf, pos, 4); return container(buf, pos, 'array', 4, buf.readUInt32BE(pos + 1), cut);
    case 0xde: need(buf, pos, 2); return container(buf, pos, 'map', 2, buf.readUInt16BE(pos + 1), cut);
    case 0xdf: need(buf, pos, 4); return container(buf, pos, 'map', 4, buf.readUInt32BE(pos + 1), cut);
    default: throw new MsgpackError('byte 0xc1 is not a MessagePack value', pos);
  }
}

/** Short strings are mostly ASCII: checked by a loop here, cheaper than a view of the buffer for isUtf8. */
const SHORT_STRING = 64;

function stringAt(buf: Buffer, start: number, end: number): string {
  if (end - start <= SHORT_STRING) {
    let i = start;
    while (i < end && buf[i]! < 0x80) i++;
    if (i === end) return buf.toString('latin1', start, end);
  }
  if (!isUtf8(buf.subarray(start, end))) throw new MsgpackError('a string is not valid UTF-8', start);
  return buf.toString('utf8', start, end);
}

interface DecodeFrame {
  container: unknown[] | Record<string, unknown>;
  /** Items still to read (a map's key and value count as two). */
  left: number;
  isMap: boolean;
  /** The key read last, while its value is read; undefined when the entry is skipped. */
  key: string | undefined;
  /** Where the container starts, for error messages. */
  at: number;
}

/**
 * The value the buffer holds, as JSON.parse would build it. Throws MsgpackError when the bytes are
 * not one whole MessagePack value (truncated, trailing bytes, lengths past the end, a key twice).
 * `cut`: the bytes are a file cut short (MsgpackError.endsEarly): what they hold up to the cut, each
 * container closed there, as a JSON file cut short is read (closeCutShort).
 */
export function decodeMsgpack(buf: Buffer, cut = false): unknown {
  const stack: DecodeFrame[] = [];
  let pos = 0;
  let root: unknown = SKIPPED;
  const place = (value: unknown, at: number) => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root = value;
      return;
    }
    frame.left--;
    if (!frame.isMap) {
      // null in place of what is skipped: indexes stay the file's
      (frame.container as unknown[]).push(value === SKIPPED ? null : value);
      return;
    }
    if (frame.left % 2 === 1) {
      // a key: strings and numbers name an entry; anything else skips it
      frame.key = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
      return;
    }
    if (frame.key === undefined || value === SKIPPED) return;
    const object = frame.container as Record<string, unknown>;
    if (Object.hasOwn(object, frame.key)) throw new MsgpackError('a map holds the same key twice; one value would hide the other from the scan', at);
    if (frame.key === '__proto__') Object.defineProperty(object, frame.key, { value, enumerable: true, writable: true, configurable: true });
    else object[frame.key] = value;
  };
  do {
    const at = pos;
    const h = cut ? headerBeforeCut(buf, pos) : header(buf, pos);
    if (!h) break;
    pos = h.end;
    if (h.kind === 'scalar') place(h.value, at);
    else if (h.kind === 'string') place(stringAt(buf, h.start, cut && h.end === buf.length ? wholeCharsEnd(buf, h.start, h.end) : h.end), at);
    else {
      const container = h.kind === 'map' ? {} : [];
      place(container, at);
      stack.push({ container, left: h.kind === 'map' ? 2 * h.count : h.count, isMap: h.kind === 'map', key: undefined, at });
    }
    while (stack.length > 0 && stack[stack.length - 1]!.left === 0) stack.pop();
  } while (stack.length > 0);
  if (pos !== buf.length && !cut) throw new MsgpackError('more bytes follow the first value', pos);
  return root === SKIPPED ? undefined : root;
}

/** The header at `pos` of a file cut short, undefined where the cut is (the bytes end there, or inside a number). */
function headerBeforeCut(buf: Buffer, pos: number): Header | undefined {
  if (pos >= buf.length) return undefined;
  try {
    return header(buf, pos, true);
  } catch (error) {
    if (error instanceof MsgpackError && error.endsEarly) return undefined;
    throw error;
  }
}

/** Where a string the cut went through ends in whole characters: a character the cut split is left out. */
function wholeCharsEnd(buf: Buffer, start: number, end: number): number {
  let lead = end;
  // back to the last character's first byte (at most three continuation bytes before it)
  while (lead > start && end - lead < 4 && (buf[lead - 1]! & 0xc0) === 0x80) lead--;
  if (lead === start) return end;
  const first = buf[lead - 1]!;
  const length = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return end - (lead - 1) < length ? lead - 1 : end;
}

interface LocateFrame {
  left: number;
  isMap: boolean;
  /** The trie node of this container's path, or undefined: nothing below is wanted (skipped). */
  wanted: Trie | undefined;
  /** The key read last (maps), or the next index (arrays). */
  key: string | undefined;
  index: number;
}

interface Trie {
  children: Map<string, Trie>;
  /** Indexes into the `paths` given to locateMsgpackScalars that end here. */
  ends: number[];
}

/** Where a scalar is: a string's UTF-8 payload, or a number's (or other scalar's) whole encoding. */
export interface ByteSpan {
  start: number;
  end: number;
  isString: boolean;
}

/**
 * The bytes of the scalar at each path (undefined when the path leads to no scalar). One pass that
 * builds nothing: containers off every path are stepped over.
 */
export function locateMsgpackScalars(buf: Buffer, paths: readonly (readonly PathSegment[])[]): (ByteSpan | undefined)[] {
  const out: (ByteSpan | undefined)[] = paths.map(() => undefined);
  const root: Trie = { children: new Map(), ends: [] };
  paths.forEach((p, i) => {
    let node = root;
    for (const seg of p) {
      const k = String(seg);
      let next = node.children.get(k);
      if (!next) node.children.set(k, (next = { children: new Map(), ends: [] }));
      node = next;
    }
    node.ends.push(i);
  });
  const stack: LocateFrame[] = [];
  let pos = 0;
  do {
    const at = pos;
    // (a file cut short is located up to its cut, as decodeMsgpack read it)
    const h = headerBeforeCut(buf, pos);
    if (!h) break;
    pos = h.end;
    const frame = stack[stack.length - 1];
    let here: Trie | undefined = root;
    let isKey = false;
    if (frame) {
      frame.left--;
      if (frame.isMap && frame.left % 2 === 1) isKey = true;
      else if (!frame.isMap) here = frame.wanted?.children.get(String(frame.index++));
      else here = frame.key === undefined ? undefined : frame.wanted?.children.get(frame.key);
    }
    if (isKey) {
      frame!.key = h.kind === 'string' && frame!.wanted ? buf.toString('utf8', h.start, h.end) : h.kind === 'scalar' && typeof h.value === 'number' ? String(h.value) : undefined;
      if (h.kind === 'array' || h.kind === 'map') stack.push({ left: h.kind === 'map' ? 2 * h.count : h.count, isMap: h.kind === 'map', wanted: undefined, key: undefined, index: 0 });
    } else if (h.kind === 'string' || h.kind === 'scalar') {
      const span = h.kind === 'string' ? { start: h.start, end: h.end, isString: true } : { start: at, end: h.end, isString: false };
      for (const i of here?.ends ?? []) out[i] = span;
    } else {
      stack.push({ left: h.kind === 'map' ? 2 * h.count : h.count, isMap: h.kind === 'map', wanted: here, key: undefined, index: 0 });
    }
    while (stack.length > 0 && stack[stack.length - 1]!.left === 0) stack.pop();
  } while (stack.length > 0 && pos < buf.length);
  return out;
}
