/**
 * Where the streaming walk keeps its hits until the file ends: each hit as one line of JSON text,
 * the last few in memory and the rest appended to a spill file, so that the walk's memory stays
 * flat however many hits a file has (a 600 MB manifest may hold 200,000). A hit as objects took
 * about 2.3 KB of heap (its path, matches, position and prepared matches, each a small object or
 * an array with room for 17); its line takes what its text takes, on disk.
 *
 * A line holds what a finding reads of the value (`prepareMatches`): the secret itself among it,
 * which the suppressor and the project-file search need. So the spill file is created only when
 * the lines outgrow the memory buffer, readable by its owner only (0o600), and its name is removed
 * as soon as it is open: it goes when it is closed (once read, or when the scan fails) or with the
 * process, however that ends. Its bytes are encrypted (AES-256 in counter mode) under a key made
 * for that file and held only in memory: what a disk keeps of it after the scan, or a backup or
 * another process that reads it meanwhile, holds no secret. The value a secret was found in is
 * never written.
 *
 * A node with hits is a line too, written when it closes, after its hits (what nodeAt reads of it:
 * ids, files, fqn, the suppressing meta entry): the walk holds no node until the file ends.
 */
import { readSync, writeSync } from 'node:fs';
import { createCipheriv, type Cipher } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { DetectorMatch, Lifetime, PathSegment } from '../types.js';
import type { PreparedMatch } from '../findings/build.js';
import type { TokenAt } from './walk.js';
import { internString } from '../util/strings.js';
import { closeSpill, openSpill, type Spill } from '../util/spill-file.js';

/** A hit as the walk found it, before its node is known. `candidate` indexes the walk's node candidates (-1: none). */
export interface LoggedHit {
  ruleIndex: number;
  candidate: number;
  path: PathSegment[];
  at: TokenAt;
  matches: DetectorMatch[];
  prepared: PreparedMatch[];
}

/**
 * A node that had hits, written when it closes (after its hits: a node's file and suppressions may
 * come after the value), so that the walk need not hold it until the file ends. `candidate` is the
 * number its hits name; `fields` what nodeAt reads of it (see nodeFields).
 */
export interface LoggedNode {
  candidate: number;
  path: PathSegment[];
  fields: Record<string, unknown>;
}

/** Where a back half's positions start in the whole file (see StreamWalk.adopt). */
export interface Shift {
  /** The offset of the back half's first character. */
  base: number;
  line: number;
  lineStart: number;
}

/** Lines held in memory before they go to the spill file (UTF-16 units). */
export const HIT_LOG_TUNING = { bufferChars: 256 * 1024 };

/**
 * The keystream of a spill file from byte `offset` on: counter mode encrypts and decrypts alike,
 * and the counter block of byte `offset` is the initial one plus offset / 16 (a 128-bit sum).
 */
export function spillCipher(spill: Spill, offset: number): Cipher {
  const iv = Buffer.from(spill.iv);
  let add = BigInt(Math.floor(offset / 16));
  for (let i = 15; i >= 0 && add > 0n; i--) {
    const sum = BigInt(iv[i]!) + (add & 0xffn);
    iv[i] = Number(sum & 0xffn);
    add = (add >> 8n) + (sum >> 8n);
  }
  const cipher = createCipheriv('aes-256-ctr', spill.key, iv);
  if (offset % 16 > 0) cipher.update(Buffer.alloc(offset % 16));
  return cipher;
}

/** What one thread hands another of its log: the spill file (now the receiver's to close), how much of it is written, and the lines still in memory. */
export interface PortableLog {
  spill: Spill | undefined;
  written: number;
  lines: string[];
}

export class HitLog {
  private lines: string[] = [];
  private chars = 0;
  private written = 0;
  /** The spill file could not be made or written (no temporary folder, a full disk): the rest stays in memory. */
  private inMemory = false;
  /** Encrypts what this log writes, from where it starts writing on. */
  private cipher: Cipher | undefined;

  /**
   * `spill`: an empty spill file opened for this log (a back half's, by the thread that will read
   * it); `bufferChars`: how much stays in memory (a back half takes its front half's).
   */
  constructor(
    private spill?: Spill,
    private readonly bufferChars = HIT_LOG_TUNING.bufferChars,
  ) {}

  add(hit: LoggedHit): void {
    this.addLine(encode(hit));
  }

  /** A node whose hits were added before it. */
  addNode(node: LoggedNode): void {
    const line: NodeLine = { n: node.candidate, p: node.path, f: node.fields };
    this.addLine(JSON.stringify(line));
  }

  private addLine(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= this.bufferChars && !this.inMemory) this.flush();
  }

  /** Hand the log to another thread: it reads the file and closes it. */
  portable(): PortableLog {
    const out = { spill: this.spill, written: this.written, lines: this.lines };
    this.spill = undefined;
    this.cipher = undefined;
    this.lines = [];
    this.chars = 0;
    this.written = 0;
    return out;
  }

  /** The hits and nodes, in the order they were added, one at a time; the log is empty (and its file closed) after. */
  *read(shift?: Shift): Generator<LoggedHit | LoggedNode> {
    const { spill, written, lines } = this.portable();
    try {
      if (spill && written > 0) yield* readSpill(spill, written, shift);
      for (const line of lines) yield decode(line, shift);
    } finally {
      if (spill) closeSpill(spill);
    }
  }

  /** Drop the hits and close the spill file. */
  dispose(): void {
    const { spill } = this.portable();
    if (spill) closeSpill(spill);
  }

  /** A log of what another thread handed over (see `portable`). */
  static from(log: PortableLog): HitLog {
    const out = new HitLog(log.spill);
    out.written = log.written;
    out.lines = log.lines;
    return out;
  }

  private flush(): void {
    const plain = linesAsBytes(this.lines);
    try {
      const spill = (this.spill ??= openSpill());
      const bytes = (this.cipher ??= spillCipher(spill, this.written)).update(plain);
      for (let done = 0; done < bytes.length; ) done += writeSync(spill.fd, bytes, done, bytes.length - done, this.written + done);
    } catch {
      // the lines stay here, after those already written (what a failed write left past them is not read)
      this.inMemory = true;
      return;
    }
    this.written += plain.length;
    this.lines = [];
    this.chars = 0;
  }
}

/**
 * Text read from or written to a spill file passes in pieces smaller than V8's large objects
 * (128 KiB): a string or a joined buffer of a megabyte went to the old generation at once and
 * stayed there until the next full collection. 600 MB of manifest spill about 100 MB of lines, and
 * reading them back in 1 MiB strings left the heap three times the size of what it held.
 */
const SPILL_CHUNK_BYTES = 32 * 1024;

/** The lines, each followed by a newline, in UTF-8: one buffer, never one string of them all. */
function linesAsBytes(lines: readonly string[]): Buffer {
  let length = 0;
  for (const line of lines) length += Buffer.byteLength(line, 'utf8') + 1;
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const line of lines) {
    at += bytes.write(line, at, 'utf8');
    bytes[at++] = 10;
  }
  return bytes;
}

/** Characters searched for line ends when spill files are read back, over the process (for tests: linear in what was spilled). */
export const SPILL_READ = { searched: 0 };

function* readSpill(spill: Spill, length: number, shift: Shift | undefined): Generator<LoggedHit | LoggedNode> {
  const chunk = Buffer.allocUnsafe(SPILL_CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  const cipher = spillCipher(spill, 0);
  // the pieces of a line not ended yet, joined once at its end: a hit of a value with 100,000 matches is a line of
  // tens of MB, and carrying it into each next chunk's text (searched for its newline from its start) was quadratic
  // (300,000 findings: 75 s of 98 reading the spill back, session 54's audit)
  let pending: string[] = [];
  for (let at = 0; at < length; ) {
    const n = readSync(spill.fd, chunk, 0, Math.min(chunk.length, length - at), at);
    if (n === 0) break;
    at += n;
    const text = decoder.write(cipher.update(chunk.subarray(0, n)));
    SPILL_READ.searched += text.length;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const piece = text.slice(from, nl);
      yield decode(pending.length > 0 ? pending.join('') + piece : piece, shift);
      pending = [];
      from = nl + 1;
    }
    if (from < text.length) pending.push(text.slice(from));
  }
}

/** One line: [rule, candidate, path, offset, line, column, rawSpans or 0, [detector, start, end, description, confidence or 0, secret, preview, lifetime, expiresAt or 0, hash or 0, written or 0]…]. */
type Line = [number, number, PathSegment[], number, number, number, number[] | 0, MatchCells[]];
/** A node's line: an object, where a hit's is an array. */
interface NodeLine {
  n: number;
  p: PathSegment[];
  f: Record<string, unknown>;
}
type MatchCells = [string, number, number, string, 'high' | 'medium' | 0, string, string, Lifetime, string | 0, string | 0, string | 0];

function encode(hit: LoggedHit): string {
  const { at } = hit;
  const cells = hit.matches.map((m, j): MatchCells => {
    const p = hit.prepared[j]!;
    return [m.detectorId, m.start, m.end, m.description, m.confidence ?? 0, p.secret, p.preview, p.lifetime, p.expiresAt ?? 0, p.secretHash ?? 0, p.written ?? 0];
  });
  const line: Line = [hit.ruleIndex, hit.candidate, hit.path, at.offset, at.line, at.column, at.rawSpans ?? 0, cells];
  return JSON.stringify(line);
}

function decode(text: string, shift: Shift | undefined): LoggedHit | LoggedNode {
  const parsed = JSON.parse(text) as Line | NodeLine;
  if (!Array.isArray(parsed)) return { candidate: parsed.n, path: parsed.p, fields: parsed.f };
  const [ruleIndex, candidate, hitPath, offset, line, column, rawSpans, cells] = parsed;
  const matches: DetectorMatch[] = [];
  const prepared: PreparedMatch[] = [];
  for (const [detectorId, start, end, description, confidence, secret, preview, lifetime, expiresAt, secretHash, written] of cells) {
    // what every finding of a detector repeats, once (a finding keeps them for the whole run)
    matches.push({ detectorId: internString(detectorId), start, end, description: internString(description), ...(confidence ? { confidence } : {}) });
    prepared.push({ secret, ...(written ? { written } : {}), preview, lifetime: internString(lifetime) as Lifetime, expiresAt: expiresAt || undefined, ...(secretHash ? { secretHash } : {}) });
  }
  let at: TokenAt = { offset, line, column, rawSpans: rawSpans || undefined };
  if (shift) {
    // the back half counted from its own first character, its first line from there
    const { base } = shift;
    at = { ...at, offset: base + offset, line: shift.line + line - 1, column: line === 1 ? base - shift.lineStart + column : column };
  }
  return { ruleIndex, candidate, path: hitPath, at, matches, prepared };
}
