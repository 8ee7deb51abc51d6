/**
 * Where the streaming walk keeps its hits until the file ends: each hit as one line of JSON text,
 * the last few in memory and the rest appended to a spill file, so that the walk's memory stays
 * flat however many hits a file has (a 600 MB manifest may hold 200,000). A hit as objects took
 * about 2.3 KB of heap (its path, matches, position and prepared matches, each a small object or
 * an array with room for 17); its line takes what its text takes, on disk.
 *
 * A line holds what a finding reads of the value (`prepareMatches`): the secret itself among it,
 * which the suppressor and the project-file search need. So the spill file is created only when
 * the lines outgrow the memory buffer, readable by its owner only (0o600), and deleted once read,
 * when the scan fails, and at exit; the value a secret was found in is never written.
 */
import { closeSync, constants, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { DetectorMatch, Lifetime, PathSegment } from '../types.js';
import type { PreparedMatch } from '../findings/build.js';
import type { TokenAt } from './walk.js';
import { internString } from '../util/strings.js';

/** A hit as the walk found it, before its node is known. `candidate` indexes the walk's node candidates (-1: none). */
export interface LoggedHit {
  ruleIndex: number;
  candidate: number;
  path: PathSegment[];
  at: TokenAt;
  matches: DetectorMatch[];
  prepared: PreparedMatch[];
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

/** How many spill files this thread made (for tests). */
export const SPILL_COUNTS = { files: 0 };

/** Spill files not yet deleted, removed at exit whatever happened. */
const LIVE = new Set<string>();
let exitHook = false;

/** Delete a spill file (and forget it). */
export function removeSpillFile(file: string): void {
  LIVE.delete(file);
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** A new, empty spill file that only this user may read. */
export function createSpillFile(): string {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const file of LIVE) removeSpillFile(file);
    });
  }
  const file = path.join(tmpdir(), `dbt-tools-lint-hits-${process.pid}-${randomBytes(8).toString('hex')}`);
  closeSync(openSync(file, 'wx', 0o600));
  LIVE.add(file);
  SPILL_COUNTS.files++;
  return file;
}

/** What one thread hands another of its log: the spill file (now the receiver's to delete) and the lines still in memory. */
export interface PortableLog {
  file: string | undefined;
  lines: string[];
}

export class HitLog {
  private lines: string[] = [];
  private chars = 0;
  private fd: number | undefined;
  private count = 0;

  /**
   * `file`: an empty spill file made for this log (a back half's, made by the thread that will read
   * it); `bufferChars`: how much stays in memory (a back half takes its front half's).
   */
  constructor(
    private file?: string,
    private readonly bufferChars = HIT_LOG_TUNING.bufferChars,
  ) {}

  get size(): number {
    return this.count;
  }

  add(hit: LoggedHit): void {
    const line = encode(hit);
    this.lines.push(line);
    this.chars += line.length + 1;
    this.count++;
    if (this.chars >= this.bufferChars) this.flush();
  }

  /** Hand the log to another thread: it reads and deletes the file. */
  portable(): PortableLog {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const out = { file: this.file, lines: this.lines };
    if (this.file) LIVE.delete(this.file);
    this.file = undefined;
    this.lines = [];
    this.count = 0;
    return out;
  }

  /** The hits, in the order they were added, one at a time; the log is empty (and its file gone) after. */
  *read(shift?: Shift): Generator<LoggedHit> {
    const file = this.file;
    const lines = this.lines;
    this.lines = [];
    this.chars = 0;
    this.count = 0;
    this.close();
    try {
      if (file) yield* readFile(file, shift);
      for (const line of lines) yield decode(line, shift);
    } finally {
      if (file) removeSpillFile(file);
    }
  }

  /** Drop the hits and delete the spill file. */
  dispose(): void {
    this.lines = [];
    this.chars = 0;
    this.count = 0;
    this.close();
    if (this.file) removeSpillFile(this.file);
    this.file = undefined;
  }

  /** A log of what another thread handed over (see `portable`). */
  static from(log: PortableLog): HitLog {
    const out = new HitLog();
    if (log.file) LIVE.add(log.file);
    out.file = log.file;
    out.lines = log.lines;
    return out;
  }

  private flush(): void {
    if (this.fd === undefined) {
      this.file ??= createSpillFile();
      // never created here: a back half's file that its owner already deleted stays deleted
      this.fd = openSync(this.file, constants.O_WRONLY | constants.O_APPEND);
    }
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    this.chars = 0;
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function* readFile(file: string, shift: Shift | undefined): Generator<LoggedHit> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      const text = rest + decoder.write(chunk.subarray(0, n));
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        yield decode(text.slice(from, nl), shift);
        from = nl + 1;
      }
      rest = text.slice(from);
    }
  } finally {
    closeSync(fd);
  }
}

/** One line: [rule, candidate, path, offset, line, column, rawSpans or 0, [detector, start, end, description, confidence or 0, secret, preview, lifetime, expiresAt or 0, hash or 0]…]. */
type Line = [number, number, PathSegment[], number, number, number, number[] | 0, MatchCells[]];
type MatchCells = [string, number, number, string, 'high' | 'medium' | 0, string, string, Lifetime, string | 0, string | 0];

function encode(hit: LoggedHit): string {
  const { at } = hit;
  const cells = hit.matches.map((m, j): MatchCells => {
    const p = hit.prepared[j]!;
    return [m.detectorId, m.start, m.end, m.description, m.confidence ?? 0, p.secret, p.preview, p.lifetime, p.expiresAt ?? 0, p.secretHash ?? 0];
  });
  const line: Line = [hit.ruleIndex, hit.candidate, hit.path, at.offset, at.line, at.column, at.rawSpans ?? 0, cells];
  return JSON.stringify(line);
}

function decode(text: string, shift: Shift | undefined): LoggedHit {
  const [ruleIndex, candidate, hitPath, offset, line, column, rawSpans, cells] = JSON.parse(text) as Line;
  const matches: DetectorMatch[] = [];
  const prepared: PreparedMatch[] = [];
  for (const [detectorId, start, end, description, confidence, secret, preview, lifetime, expiresAt, secretHash] of cells) {
    // what every finding of a detector repeats, once (a finding keeps them for the whole run)
    matches.push({ detectorId: internString(detectorId), start, end, description: internString(description), ...(confidence ? { confidence } : {}) });
    prepared.push({ secret, preview, lifetime: internString(lifetime) as Lifetime, expiresAt: expiresAt || undefined, ...(secretHash ? { secretHash } : {}) });
  }
  let at: TokenAt = { offset, line, column, rawSpans: rawSpans || undefined };
  if (shift) {
    // the back half counted from its own first character, its first line from there
    const { base } = shift;
    at = { ...at, offset: base + offset, line: shift.line + line - 1, column: line === 1 ? base - shift.lineStart + column : column };
  }
  return { ruleIndex, candidate, path: hitPath, at, matches, prepared };
}
