/**
 * A validating JSON tokenizer fed in windows, for artifacts too large for one string (V8 caps a
 * string at 512 MiB) and for large ones where building the whole tree would cost memory.
 *
 * It reads the bytes through a latin1 view (one character per byte, so offsets are byte offsets
 * and the fast native string searches apply), accepts exactly what JSON.parse accepts, refuses
 * what the in-memory reader refuses on top (duplicate keys, numbers beyond a double), and tells a
 * visitor about keys and values by their offsets. The visitor decodes only what it needs and may
 * skip any value (still validated, never reported). Lines and UTF-16 offsets of the decoded text
 * are counted as the bytes go by, so positions do not need the whole text.
 */
import { constants, isAscii, isUtf8 } from 'node:buffer';

/** Marks found ahead of the tokenizer (see engine/stream-read.ts), asked in file order. */
export interface MarkQuery {
  /** The first mark at or after `from` (a file offset), or Infinity when none is known yet. */
  next(from: number): number;
}

/** What the tokenizer reports; `start`/`end` are offsets in `JsonTokenizer.text` (end exclusive). */
export interface JsonVisitor {
  /** An object key (its token at [start, end); `keyString()` decodes it); returns false to skip its value. */
  key(start: number, end: number, escaped: boolean): boolean;
  /** An array element comes next; returns false to skip it. */
  element(index: number): boolean;
  open(isArray: boolean): void;
  close(): void;
  /** A string value; `escaped` when it holds backslash escapes. */
  string(start: number, end: number, escaped: boolean): void;
  number(start: number, end: number): void;
  literal(value: boolean | null): void;
  /** The window's bytes and text are about to go: decode what is still needed of them. */
  release(): void;
}

/**
 * Input JSON.parse would reject (`syntax`), that it would accept but a secrets scan must refuse
 * (`duplicate-key`, `number-out-of-range`, as json-integrity.ts does in memory), or bytes that
 * are not UTF-8.
 */
export const TOKEN_LIMITS = {
  /** The longest unfinished token a window may carry: the next window (it and a chunk) must still be one string. Tests lower it. */
  maxBytes: constants.MAX_STRING_LENGTH - 16 * 1024 * 1024,
  /**
   * The deepest nesting read: no dbt artifact comes near (a meta map nests a few levels), and each level keeps a key
   * table. Two million levels of `{"a":` (12 MB, or 34 KB zipped) took 18 s and 3 GB before; a hundred thousand are read.
   */
  maxDepth: 1_000_000,
};

export class JsonStreamError extends Error {
  constructor(
    readonly kind: 'syntax' | 'utf8' | 'duplicate-key' | 'number-out-of-range' | 'too-long' | 'too-deep',
    /** Offset in the file, in bytes (a byte order mark included). */
    readonly byteOffset: number,
    readonly line: number,
    readonly reason: string,
    /** Where in the document, for duplicate keys and numbers. */
    readonly path: readonly (string | number)[] = [],
  ) {
    super(reason);
  }
}

const enum State {
  Value,
  FirstValue, // after '[': a value or ']'
  FirstKey, // after '{': a key or '}'
  Key,
  Colon,
  AfterValue,
  Done,
}

const NEED_MORE = -1;
/** Bytes counted at a time when they are all ASCII (see unitsAt). */
const UNITS_BLOCK = 1024;
const INVALID = -2;
const CONTROL = /[\x00-\x1f]/g;

/**
 * The keys of one open object, to refuse duplicates without keeping them as strings: a 60-bit
 * hash per key. Two keys with the same hash are reported as duplicates; the in-memory path,
 * which any file under 512 MiB falls back to on an error, then decides exactly.
 */
class KeyTable {
  /** Open addressing: two hashes per entry; an entry is in use when its stamp is the generation's. */
  // (eight entries to start: a table per level, reused at that level, grows to what its objects hold; a document a
  // million levels deep holds a million tables)
  private pairs = new Int32Array(16);
  private stamps = new Int32Array(8);
  private generation = 1;
  private count = 0;
  private mask = 7;
  /** The current key, for error paths: the number of its window (-1: none), decoded when that window is dropped. */
  window = -1;
  start = 0;
  end = 0;
  escaped = false;
  decoded: string | undefined;

  reset(): void {
    this.count = 0;
    if (++this.generation === 0x7fffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.window = -1;
    this.decoded = undefined;
  }

  /** Record a key's hashes; false when they were recorded before. */
  add(a: number, b: number): boolean {
    if (this.count * 2 >= this.mask) this.grow();
    const { pairs, stamps, mask, generation } = this;
    for (let i = a & mask; ; i = (i + 1) & mask) {
      if (stamps[i] !== generation) {
        stamps[i] = generation;
        pairs[2 * i] = a;
        pairs[2 * i + 1] = b;
        this.count++;
        return true;
      }
      if (pairs[2 * i] === a && pairs[2 * i + 1] === b) return false;
    }
  }

  private grow(): void {
    const { pairs, stamps, generation } = this;
    this.mask = this.mask * 2 + 1;
    this.pairs = new Int32Array((this.mask + 1) * 2);
    this.stamps = new Int32Array(this.mask + 1);
    this.count = 0;
    for (let i = 0; i < stamps.length; i++) if (stamps[i] === generation) this.add(pairs[2 * i]!, pairs[2 * i + 1]!);
  }
}

/** An array's level in Tokenizer.tables: it has no keys (an object opening at that level later gets a table of its own). */
const NO_TABLE = new KeyTable();

const HASH_A = 0x811c9dc5;
const HASH_B = 0x2545f491;
/** The second hash of the last hashKey call. */
let hashB = 0;

/**
 * Two 32-bit hashes of a key's decoded text, four characters a step (the tokenizer reads the raw
 * bytes of an ASCII key the same way): the first returned, the second left in hashB.
 */
function hashKey(key: string): number {
  let a = HASH_A;
  let b = HASH_B;
  let j = 0;
  for (; j + 4 <= key.length; j += 4) {
    const w = key.charCodeAt(j) | (key.charCodeAt(j + 1) << 8) | (key.charCodeAt(j + 2) << 16) | (key.charCodeAt(j + 3) << 24);
    a = Math.imul(a ^ w, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b + w, 0x5bd1e995) ^ (b >>> 13);
  }
  for (; j < key.length; j++) {
    const c = key.charCodeAt(j);
    a = Math.imul(a ^ c, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 13);
  }
  hashB = b;
  return a;
}

/** What JsonTokenizer.keyHash is for a key whose decoded text is `key`. */
export function keyHash(key: string): number {
  return hashKey(key) & 0x3fffffff;
}

export class JsonTokenizer {
  /** The current window of the input, one character per byte. */
  text = '';
  private bytes: Buffer = Buffer.alloc(0);
  /** File offset of `text[0]`. */
  private windowStart = 0;
  /** The file offset up to which a string cut at a window's end was checked for control characters (see cutString). */
  private checkedTill = 0;
  private windowAscii = true;
  private pos = 0;

  private state = State.Value;
  private readonly containers: number[] = []; // 0 object, 1 array
  private readonly indexes: number[] = [];
  /**
   * Each object level's key table (an array's level, or one not reached yet, holds NO_TABLE): one entry per level,
   * none left out, so that the list stays packed, holds objects from the start and is never read past its end (a hole,
   * a read past the end or the first object in a list of none sent the optimized tokenizer back; see tableAt).
   */
  private readonly tables: KeyTable[] = [NO_TABLE];
  /** Containers opened inside a skipped value; the visitor hears nothing until it closes. */
  private skipDepth = 0;
  private skipNext = false;

  /** Next control character / backslash at or after `…From`, cached per window. */
  private nextControl = -1;
  private controlFrom = Infinity;
  private nextBackslash = -1;
  private backslashFrom = Infinity;
  /** A long string cut by the window's end: where to resume scanning, relative to its quote. */
  private partialString = 0;
  private partialEscaped = false;
  private partialAsciiEscape = false;
  /** Of the last string scanned: it holds escapes; one of them may spell part of a keyword (\/, \u0041). */
  private escaped = false;
  asciiEscape = false;

  // Positions. Lines count '\n' only; UTF-16 units count the decoded text (BOM excluded).
  private line = 1;
  private lineStartUnits = 0;
  private unitsCursor: number; // file offset up to which units are counted
  private unitsAtCursor = 0;
  private readonly bomBytes: number;
  private bomLeft: number;
  /** File offset up to which the bytes are known to be valid UTF-8. */
  private utf8From = 0;

  /**
   * The last key's hash, as keyHash gives it for its decoded text: the visitor finds a literal key
   * by it (one comparison to confirm) instead of comparing the key with each literal of its length.
   */
  keyHash = 0;
  /**
   * Windows read so far: a key notes the number of its window, not the window's text or bytes.
   * Storing a young string into an older object runs V8's write barrier's slow path (a remembered
   * set insert), and four such stores per key were 3 % of a 100 MB scan's instructions.
   */
  private window = 0;
  /** The last key reported (its window's number, -1 before any), decoded when that window is dropped. */
  private keyWindow = -1;
  private keyStart = 0;
  private keyEnd = 0;
  private keyEscaped = false;
  private keyDecoded: string | undefined;

  /** Where control characters are, when the reader searched for them already. */
  private readonly controls: MarkQuery | undefined;

  constructor(
    private readonly visitor: JsonVisitor,
    options: {
      bomBytes?: number;
      controls?: MarkQuery;
      /**
       * The first window starts at this file offset (default 0) and its first `lead` bytes are not
       * in the file (a made-up opening): positions then count from the first byte after them, at
       * offset 0, line 1, column 1. A second thread tokenizes the back of a split file this way.
       */
      startAt?: { fileOffset: number; lead: number };
    } = {},
  ) {
    this.bomBytes = options.bomBytes ?? 0;
    this.bomLeft = this.bomBytes;
    this.unitsCursor = this.bomBytes;
    this.utf8From = this.bomBytes;
    this.controls = options.controls;
    if (options.startAt) {
      const { fileOffset, lead } = options.startAt;
      this.windowStart = fileOffset - lead;
      this.unitsCursor = this.windowStart;
      this.unitsAtCursor = -lead;
      this.utf8From = this.windowStart;
    }
  }

  /**
   * Whether everything read so far ends with a complete member of an object nested `depth` deep
   * (objects all the way): the place after which a split file's back half begins.
   */
  atMemberEnd(depth: number): boolean {
    if (this.state !== State.AfterValue || this.pos !== this.text.length || this.skipDepth > 0 || this.partialString > 0) return false;
    return this.containers.length === depth && this.containers.every((c) => c === 0);
  }

  /** Where the input read so far ends: UTF-16 offset, line, and UTF-16 offset of that line's start. */
  endPosition(): { offset: number; line: number; lineStart: number } {
    return { offset: this.unitsAt(this.windowStart + this.pos), line: this.line, lineStart: this.lineStartUnits };
  }

  /** File offset of a window offset. */
  fileOffset(at: number): number {
    return this.windowStart + at;
  }

  /**
   * Tokenize the next window of the input, which `nextWindow` makes of `rest` (the bytes the last
   * window left unconsumed: an unfinished token) followed by new bytes; it may reuse the memory of
   * the last window. Returns false at the end of the input (nextWindow returned undefined).
   */
  pull(nextWindow: (rest: Buffer) => Buffer | undefined): boolean {
    // done with the last window's bytes, but for the rest
    this.unitsAt(this.windowStart + this.pos);
    // one token (a string) that no JavaScript string can hold: said, not thrown by V8 in the middle
    if (this.bytes.length - this.pos > TOKEN_LIMITS.maxBytes) this.fail(this.pos, 'a token longer than a JavaScript string can be (512 MiB)', 'too-long');
    this.releaseWindow();
    const window = nextWindow(this.bytes.subarray(this.pos));
    if (window === undefined) return false;
    this.refill(window);
    this.validateUtf8(false);
    this.run(false);
    return true;
  }

  /** No more input: the document must be complete. */
  end(): void {
    this.validateUtf8(true);
    this.run(true);
    if (this.state !== State.Done) this.fail(this.pos, 'unexpected end of input (truncated file?)');
  }

  /**
   * Line, 1-based UTF-16 column and UTF-16 offset (in the text without BOM) of a window offset.
   * Calls must come in increasing order of offset (the tokenizer's own order).
   */
  positionOf(at: number): { offset: number; line: number; column: number } {
    const offset = this.unitsAt(this.windowStart + at);
    return { offset, line: this.line, column: offset - this.lineStartUnits + 1 };
  }

  /**
   * The decoded value of the string token at [start, end) of the current window. Decoded from the
   * bytes, never sliced from `text`: a slice would keep the whole window alive as long as it lives.
   */
  decodeString(start: number, end: number, escaped: boolean): string {
    if (escaped) return JSON.parse(this.rawToken(start, end)) as string;
    return this.windowAscii ? this.copyOf(start + 1, end - 1) : slices(this.bytes).utf8Slice(start + 1, end - 1);
  }

  /** The token as it is written in the file, decoded from UTF-8 (escapes kept). */
  rawToken(start: number, end: number): string {
    return this.windowAscii ? this.copyOf(start, end) : slices(this.bytes).utf8Slice(start, end);
  }

  /** Characters of an ASCII window as a string of their own: V8 would make a slice of 13 or more a view of the window. */
  private copyOf(start: number, end: number): string {
    return end - start < 13 ? this.text.slice(start, end) : slices(this.bytes).latin1Slice(start, end);
  }

  /** The last key reported to the visitor, decoded. */
  keyString(): string {
    if (this.keyDecoded === undefined) {
      // none yet (an object just opened); a key of an earlier window was decoded when that window went (releaseWindow)
      if (this.keyWindow < 0) return '';
      if (this.keyWindow !== this.window) throw new Error('internal: the last key is of a window that is gone');
      this.keyDecoded = this.decodeString(this.keyStart, this.keyEnd, this.keyEscaped);
    }
    return this.keyDecoded;
  }

  /** Before the window buffer is reused: decode what still points into it. */
  private releaseWindow(): void {
    this.visitor.release();
    if (this.keyDecoded === undefined && this.keyWindow === this.window) this.keyString();
    // an object's current key was read before its child opened: the keys' windows grow with the depth, so the walk
    // down stops at the first object whose key is of an earlier window (a million levels: once, not once a window)
    for (let d = this.containers.length - 1; d >= 0; d--) {
      if (this.containers[d] !== 0) continue;
      const table = this.tables[d]!;
      if (table.window < 0) continue;
      if (table.window !== this.window) break;
      table.decoded ??= this.decodeString(table.start, table.end, table.escaped);
    }
  }

  private refill(window: Buffer): void {
    this.windowStart += this.pos;
    let bytes = window;
    if (this.bomLeft > 0) {
      // the byte order mark is not part of the text (a first window may be shorter than it)
      const skip = Math.min(this.bomLeft, bytes.length);
      bytes = bytes.subarray(skip);
      this.windowStart += skip;
      this.bomLeft -= skip;
    }
    this.bytes = bytes;
    this.text = bytes.toString('latin1');
    this.window++;
    this.windowAscii = isAscii(bytes);
    this.pos = 0;
    this.controlFrom = Infinity;
    this.backslashFrom = Infinity;
  }

  /** UTF-8 is checked window by window, up to the last complete character. */
  private validateUtf8(final: boolean): void {
    const bytes = this.bytes;
    let end = bytes.length;
    if (!final) {
      // leave an incomplete sequence at the end for the next window
      let lead = end - 1;
      while (lead >= 0 && end - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
      if (lead >= 0 && bytes[lead]! >= 0xc0) {
        const length = bytes[lead]! >= 0xf0 ? 4 : bytes[lead]! >= 0xe0 ? 3 : 2;
        if (end - lead < length) end = lead;
      }
    }
    const from = Math.max(0, this.utf8From - this.windowStart);
    if (from >= end) return;
    if (!this.windowAscii && !isUtf8(bytes.subarray(from, end))) {
      const at = from + firstInvalidUtf8(bytes.subarray(from, end));
      throw new JsonStreamError('utf8', this.windowStart + at, this.line, 'invalid UTF-8');
    }
    this.utf8From = this.windowStart + end;
  }

  private run(final: boolean): void {
    const text = this.text;
    // characters read from the buffer: a typed array's element is cheaper to read than charCodeAt
    const bytes = this.bytes;
    const n = text.length;
    const visitor = this.visitor;
    const containers = this.containers;
    let pos = this.pos;
    let state = this.state;

    for (;;) {
      if (pos >= n) break;
      let c = bytes[pos]!;
      if (c <= 32) {
        while (pos < n) {
          c = bytes[pos]!;
          if (c === 32 || c === 9 || c === 13) pos++;
          else if (c === 10) {
            pos++;
            this.newline(pos);
          } else break;
        }
        if (pos >= n) break;
      }

      if (state === State.Value || state === State.FirstValue) {
        if (c === 93 && state === State.FirstValue) {
          pos++;
          state = this.closeContainer();
          continue;
        }
        const depth = containers.length;
        const inArray = depth > 0 && containers[depth - 1] === 1;
        let skip = this.skipDepth > 0 || this.skipNext;
        if (inArray && !skip && !visitor.element(this.indexes[depth - 1]!)) skip = true;
        let end: number;
        if (c === 34) {
          end = this.scanString(pos, final);
          if (end !== NEED_MORE && !skip) visitor.string(pos, end, this.escaped);
        } else if (c === 123 || c === 91) {
          const isArray = c === 91;
          if (inArray) this.indexes[depth - 1]!++;
          if (depth >= TOKEN_LIMITS.maxDepth) this.fail(pos, `nested deeper than ${TOKEN_LIMITS.maxDepth} levels`, 'too-deep');
          containers.push(isArray ? 1 : 0);
          this.indexes.push(0);
          if (!isArray) this.tableAt(depth).reset();
          if (skip) this.skipDepth++;
          else visitor.open(isArray);
          this.skipNext = false;
          pos++;
          state = isArray ? State.FirstValue : State.FirstKey;
          continue;
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          end = scanNumber(bytes, pos, n, final);
          if (end === INVALID) this.fail(pos, 'unexpected character where a value should start');
          if (end !== NEED_MORE) {
            if ((numberHasExponent || end - pos > 300) && !Number.isFinite(Number(text.slice(pos, end)))) {
              this.fail(pos, 'number beyond the range of a double', 'number-out-of-range');
            }
            if (!skip) visitor.number(pos, end);
          }
        } else {
          end = scanLiteral(bytes, pos, n, final);
          if (end === INVALID) this.fail(pos, 'unexpected character where a value should start');
          // Python's NaN and Infinity (see withPythonFloatsAsNumbers): numbers
          if (end !== NEED_MORE && !skip) c === 78 || c === 73 ? visitor.number(pos, end) : visitor.literal(c === 116 ? true : c === 102 ? false : null);
        }
        if (end === NEED_MORE) break; // retried with the next window (element() is asked again)
        this.skipNext = false;
        if (inArray) this.indexes[depth - 1]!++;
        pos = end;
        if (depth === 0) state = State.Done;
        else if (pos + 1 < n && bytes[pos]! === 44) {
          // the usual `", "` before the next key or element, without another turn of the loop
          pos += bytes[pos + 1]! === 32 ? 2 : 1;
          state = inArray ? State.Value : State.Key;
        } else state = State.AfterValue;
      } else if (state === State.AfterValue) {
        const inArray = containers[containers.length - 1] === 1;
        if (c === 44) {
          pos++;
          state = inArray ? State.Value : State.Key;
        } else if (c === (inArray ? 93 : 125)) {
          pos++;
          state = this.closeContainer();
        } else this.fail(pos, inArray ? "expected ',' or ']' after an array element" : "expected ',' or '}' after a property value");
      } else if (state === State.FirstKey || state === State.Key) {
        if (c === 125 && state === State.FirstKey) {
          pos++;
          state = this.closeContainer();
          continue;
        }
        if (c !== 34) this.fail(pos, 'expected a double-quoted property name');
        const end = this.scanString(pos, final);
        if (end === NEED_MORE) break;
        this.rememberKey(pos, end, this.escaped);
        this.skipNext = this.skipDepth > 0 || !visitor.key(pos, end, this.escaped);
        pos = end;
        // the usual `": "`, without another turn of the loop
        if (pos + 1 < n && bytes[pos]! === 58) {
          pos += bytes[pos + 1]! === 32 ? 2 : 1;
          state = State.Value;
        } else state = State.Colon;
      } else if (state === State.Colon) {
        if (c !== 58) this.fail(pos, "expected ':' after a property name");
        pos++;
        state = State.Value;
      } else this.fail(pos, 'unexpected data after the end of the JSON value');
    }
    this.pos = pos;
    this.state = state;
  }

  /** The key table of an object opening at `depth`, made when first needed there. */
  private tableAt(depth: number): KeyTable {
    const tables = this.tables;
    while (tables.length <= depth) tables.push(NO_TABLE);
    let table = tables[depth]!;
    if (table === NO_TABLE) tables[depth] = table = new KeyTable();
    return table;
  }

  private closeContainer(): State {
    if (this.containers.pop() === 0) this.tables[this.containers.length]!.reset();
    this.indexes.pop();
    if (this.skipDepth > 0) this.skipDepth--;
    else this.visitor.close();
    return this.containers.length === 0 ? State.Done : State.AfterValue;
  }

  /** Note the key of the innermost object; a key seen before in it is an error. */
  private rememberKey(start: number, end: number, escaped: boolean): void {
    this.keyWindow = this.window;
    this.keyStart = start;
    this.keyEnd = end;
    this.keyEscaped = escaped;
    this.keyDecoded = undefined;
    const table = this.tables[this.containers.length - 1]!;
    table.window = this.window;
    table.start = start;
    table.end = end;
    table.escaped = escaped;
    table.decoded = undefined;
    // hash the decoded key as hashKey does: the raw bytes when they are it (ASCII, no escapes),
    // four a step; read from the buffer, not the window's string (twice as fast as charCodeAt on a
    // string of a megabyte)
    const bytes = this.bytes;
    const last = end - 1;
    let a = HASH_A;
    let b = HASH_B;
    let i = start + 1;
    if (!escaped) {
      for (; i + 4 <= last; i += 4) {
        const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
        if ((w & 0x80808080) !== 0) break;
        a = Math.imul(a ^ w, 0x01000193);
        a ^= a >>> 15;
        b = Math.imul(b + w, 0x5bd1e995) ^ (b >>> 13);
      }
      for (; i < last; i++) {
        const c = bytes[i]!;
        if (c >= 0x80) break;
        a = Math.imul(a ^ c, 0x01000193);
        a ^= a >>> 15;
        b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 13);
      }
    }
    if (escaped || i < last) {
      a = hashKey(this.decodeString(start, end, escaped));
      b = hashB;
    }
    this.keyHash = a & 0x3fffffff;
    if (!table.add(this.keyHash, (b ^ (end - start)) & 0x3fffffff)) this.fail(start, 'duplicate key', 'duplicate-key');
  }

  /**
   * Scan the string token whose quote is at `start`; returns the offset after its closing quote,
   * or NEED_MORE when the window ends first. Validates escapes and control characters.
   */
  private scanString(start: number, final: boolean): number {
    // the usual string: no escape, no cut, no control character (the caches know the next ones)
    if (this.partialString === 0 && this.controls) {
      const text = this.text;
      const quote = text.indexOf('"', start + 1);
      if (quote >= 0) {
        let bs = this.nextBackslash;
        if (this.backslashFrom > start + 1 || (bs >= 0 && bs <= start)) {
          bs = text.indexOf('\\', start + 1);
          this.nextBackslash = bs;
          this.backslashFrom = start + 1;
        }
        const control = this.nextControl;
        if ((bs < 0 || bs > quote) && this.controlFrom <= start && (control < 0 || control > quote)) {
          this.escaped = false;
          this.asciiEscape = false;
          return quote + 1;
        }
      }
    }
    return this.scanAnyString(start, final);
  }

  private scanAnyString(start: number, final: boolean): number {
    const text = this.text;
    let j = start + 1;
    let escaped = false;
    let asciiEscape = false;
    if (this.partialString > 0) {
      j = start + this.partialString;
      escaped = this.partialEscaped;
      asciiEscape = this.partialAsciiEscape;
      this.partialString = 0;
    }
    let quote = text.indexOf('"', j);
    for (;;) {
      if (quote < 0) return this.cutString(start, j, escaped, asciiEscape, final);
      let bs = this.nextBackslash;
      if (this.backslashFrom > j || (bs >= 0 && bs < j)) {
        bs = text.indexOf('\\', j);
        this.nextBackslash = bs;
        this.backslashFrom = j;
      }
      if (bs < 0 || bs > quote) break;
      // an escape before the closing quote
      if (bs + 1 >= text.length || (text.charCodeAt(bs + 1) === 117 && bs + 6 > text.length)) return this.cutString(start, bs, escaped, asciiEscape, final);
      escaped = true;
      const e = text.charCodeAt(bs + 1);
      if (e === 117) {
        const code = hex4(text, bs + 2);
        if (code < 0) this.fail(bs, 'invalid character or escape in string');
        if (code >= 0x20 && code < 0x7f) asciiEscape = true;
        j = bs + 6;
      } else {
        // \/ may spell part of a keyword; \" and \\ cannot (rawKeywordGate admits no keyword with them)
        if (e === 47) asciiEscape = true;
        else if (e !== 34 && e !== 92 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) this.fail(bs, 'invalid character or escape in string');
        j = bs + 2;
      }
      if (quote < j) quote = text.indexOf('"', j);
    }
    // raw control characters are not allowed inside strings
    if (this.controls) {
      // the next control character at or after `start` is known for the whole window once asked
      if (this.controlFrom > start || (this.nextControl >= 0 && this.nextControl < start)) {
        const next = this.controls.next(this.windowStart + start);
        this.nextControl = next < this.windowStart + text.length ? next - this.windowStart : -1;
        this.controlFrom = start;
      }
      if (this.nextControl >= 0 && this.nextControl < quote) this.fail(this.nextControl, 'invalid character or escape in string');
      this.escaped = escaped;
      this.asciiEscape = asciiEscape;
      return quote + 1;
    }
    let control = this.nextControl;
    if (this.controlFrom > start || (control >= 0 && control < start)) {
      CONTROL.lastIndex = start;
      const m = CONTROL.exec(text);
      control = m ? m.index : -1;
      this.nextControl = control;
      this.controlFrom = start;
    }
    if (control >= 0 && control < quote) this.fail(control, 'invalid character or escape in string');
    this.escaped = escaped;
    this.asciiEscape = asciiEscape;
    return quote + 1;
  }

  private cutString(start: number, resume: number, escaped: boolean, asciiEscape: boolean, final: boolean): number {
    // a raw control character in what the window holds of the string fails it now, not once the string ends (one string of
    // 500 MB of NUL bytes was read whole, its window copied as it grew: 12 s and 2.2 GB before the error); checked from
    // where the last cut left off, so a long string cut at every window is read once
    const control = this.controlAtOrAfter(Math.max(start + 1, this.checkedTill - this.windowStart));
    if (control >= 0) this.fail(control, 'invalid character or escape in string');
    this.checkedTill = this.windowStart + this.text.length;
    if (final) this.fail(this.text.length, 'unterminated string');
    this.partialString = Math.max(1, resume - start);
    this.partialEscaped = escaped;
    this.partialAsciiEscape = asciiEscape;
    return NEED_MORE;
  }

  /** The first control character at or after `from` in the window (-1: none). */
  private controlAtOrAfter(from: number): number {
    if (this.controls) {
      const next = this.controls.next(this.windowStart + from);
      return next < this.windowStart + this.text.length ? next - this.windowStart : -1;
    }
    CONTROL.lastIndex = from;
    return CONTROL.exec(this.text)?.index ?? -1;
  }

  private newline(next: number): void {
    this.line++;
    this.lineStartUnits = this.unitsAt(this.windowStart + next);
  }

  /** UTF-16 units of the decoded text before file offset `to` (calls in increasing order). */
  private unitsAt(to: number): number {
    if (to <= this.unitsCursor) return this.unitsAtCursor - (this.unitsCursor - to);
    let units = this.unitsAtCursor;
    if (this.windowAscii) units += to - this.unitsCursor;
    else {
      const bytes = this.bytes;
      const end = to - this.windowStart;
      let i = Math.max(0, this.unitsCursor - this.windowStart);
      while (i < end) {
        // most of a text is ASCII runs: a block of them at a time, by node's own test
        const block = Math.min(end, i + UNITS_BLOCK);
        if (block - i === UNITS_BLOCK && isAscii(bytes.subarray(i, block))) {
          units += UNITS_BLOCK;
          i = block;
          continue;
        }
        for (; i < block; i++) {
          const b = bytes[i]!;
          // continuation bytes add nothing; a 4-byte sequence is a surrogate pair
          if (b < 0x80) units++;
          else if (b >= 0xc0) units += b >= 0xf0 ? 2 : 1;
        }
      }
    }
    this.unitsCursor = to;
    this.unitsAtCursor = units;
    return units;
  }

  private fail(at: number, reason: string, kind: JsonStreamError['kind'] = 'syntax'): never {
    const path: (string | number)[] = [];
    if (kind !== 'syntax') {
      const last = this.containers.length - 1;
      for (let d = 0; d <= last; d++) {
        // an array's index moves on when a container in it opens, after a scalar in it ends
        if (this.containers[d] === 1) path.push(d < last ? this.indexes[d]! - 1 : this.indexes[d]!);
        else {
          const t = this.tables[d]!;
          // a key of an earlier window was decoded when that window went (releaseWindow)
          path.push(t.decoded ?? (t.window === this.window ? this.decodeString(t.start, t.end, t.escaped) : ''));
        }
      }
    }
    throw new JsonStreamError(kind, this.windowStart + at, this.line, reason, path);
  }
}

/** Buffer's own decoders, without the argument checks of toString (keys and values are many). */
interface SliceMethods {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

const slices = (bytes: Buffer) => bytes as unknown as SliceMethods;

function hex4(text: string, i: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = text.charCodeAt(i + k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Set by scanNumber: the number had an exponent, so it may overflow a double. */
let numberHasExponent = false;

/** End of the number at i; NEED_MORE when the window may cut it; INVALID when it is not a number. */
function scanNumber(bytes: Uint8Array, i: number, n: number, final: boolean): number {
  let j = i;
  numberHasExponent = false;
  if (bytes[j]! === 45) j++;
  if (j >= n) return final ? INVALID : NEED_MORE;
  const first = bytes[j]!;
  // Python's -Infinity (see withPythonFloatsAsNumbers)
  if (first === 73) return scanWord(bytes, j, n, final, 'Infinity');
  if (first === 48) j++;
  else if (first >= 49 && first <= 57) while (j < n && isDigit(bytes[j]!)) j++;
  else return INVALID;
  if (j < n && bytes[j]! === 46) {
    j++;
    if (j >= n) return final ? INVALID : NEED_MORE;
    if (!isDigit(bytes[j]!)) return INVALID;
    while (j < n && isDigit(bytes[j]!)) j++;
  }
  if (j < n && (bytes[j]! | 32) === 101) {
    numberHasExponent = true;
    j++;
    if (j < n && (bytes[j]! === 43 || bytes[j]! === 45)) j++;
    if (j >= n) return final ? INVALID : NEED_MORE;
    if (!isDigit(bytes[j]!)) return INVALID;
    while (j < n && isDigit(bytes[j]!)) j++;
  }
  if (j >= n && !final) return NEED_MORE;
  return j;
}

/**
 * true, false and null; and NaN and Infinity, which Python's json module writes for floats that are
 * not finite and dbt's artifacts hold so (see withPythonFloatsAsNumbers in read.ts).
 */
const LITERALS = ['true', 'false', 'null', 'NaN', 'Infinity'];

/** A literal at bytes[i] (its first letter known): its end, NEED_MORE when cut by the window's end, or INVALID. */
function scanLiteral(bytes: Buffer, i: number, n: number, final: boolean): number {
  const c = bytes[i]!;
  const word = c === 116 ? LITERALS[0]! : c === 102 ? LITERALS[1]! : c === 110 ? LITERALS[2]! : c === 78 ? LITERALS[3]! : c === 73 ? LITERALS[4]! : undefined;
  if (word === undefined) return INVALID;
  return scanWord(bytes, i, n, final, word);
}

/** `word` at bytes[i] (its first letter known): its end, NEED_MORE when cut by the window's end, or INVALID. */
function scanWord(bytes: Uint8Array, i: number, n: number, final: boolean, word: string): number {
  // compared byte by byte: startsWith on the window's string is a builtin call per literal
  const length = word.length;
  for (let k = 1; k < length; k++) {
    if (i + k >= n) return final ? INVALID : NEED_MORE;
    if (bytes[i + k] !== word.charCodeAt(k)) return INVALID;
  }
  return i + length;
}

/**
 * Windows for JsonTokenizer.pull from a plain reader: the rest, then up to `size` new bytes (more
 * when one token fills the whole window, so that long strings cost linear time).
 */
export function windowsOf(read: (into: Buffer, offset: number, length: number) => number, size: number): (rest: Buffer) => Buffer | undefined {
  return (rest) => {
    const want = rest.length >= size ? rest.length : size;
    const window = Buffer.allocUnsafeSlow(rest.length + want);
    rest.copy(window, 0);
    let filled = rest.length;
    while (filled < window.length) {
      const n = read(window, filled, window.length - filled);
      if (n <= 0) break;
      filled += n;
    }
    return filled === rest.length ? undefined : window.subarray(0, filled);
  };
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence (failure path only). */
function firstInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(buffer.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
}
