/**
 * Reading a streamed artifact in fixed chunks, with the search over every byte that the keyword
 * gate and the tokenizer need: where keywords start and where control characters are (JSON
 * strings may not hold them). On large files a helper thread reads the file too and searches a few
 * chunks ahead of the tokenizer, so one scan uses both cores; otherwise the search runs here.
 *
 * The chunk sits in one buffer after room for the unfinished token of the window before, so the
 * tokenizer's window (that token, then the chunk) is a view of the buffer, not a copy.
 */
import { constants } from 'node:buffer';
import { readSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { MarkQuery } from '../artifacts/stream-json.js';
import { preparedTables } from '../detectors/prepared.js';
import { addFound, controlsIn, KeywordScanner, type KeywordAnchors } from './keyword-scan.js';
import { startWorker } from './worker-sync.js';

/** Sizes of the streaming path; tests make them small to exercise every seam. */
export const STREAM_TUNING = {
  /**
   * Small windows die young in V8's heap: the scan's memory stays flat however large the file. Under 128 KiB a
   * window's text is an ordinary young object: from 128 KiB V8 puts a string in its large-object space, fresh pages
   * from the system each time, and at 512 KiB the page faults cost more than the walk (100 MiB corpus-grown, three
   * alternating runs: 2.32–2.81 s with 0.69–0.90 s of system CPU, 1.65–1.98 s with 0.39–0.46 s at 96 KiB; 64 KiB
   * was no better than 96).
   */
  chunkBytes: 96 * 1024,
  /** Room before a chunk for the unfinished token of the window before; a longer one is copied. */
  headroom: 256 * 1024,
  /** From this file size a helper thread searches ahead of the tokenizer. */
  helperMinBytes: 24 * 1024 * 1024,
  /**
   * From this file size a manifest is walked in two halves, one per thread (see stream-walk.ts). Below
   * it the helper thread searches ahead instead, and that is as fast on clean content and faster where
   * findings are many (the front half builds the back half's findings after the walk, on one thread):
   * at 100 MB, corpus-grown 1.27–1.37 s either way, findings-heavy 4.20–4.35 s against 4.49–4.61 s split,
   * with a fifth less CPU; at 250 MB the split wins on clean content (2.07 s against 2.17–2.31 s).
   */
  splitMinBytes: 128 * 1024 * 1024,
  /**
   * Where the split is looked for first, as a share of the file: the back half's thread starts later (~0.45 s after the
   * front half's walk, loading the bundle and compiling its rules). The halves ended together at 0.52: the 582 MB density
   * file, alternating, 0.54 left the back half done 100–310 ms before the front (6.73–7.21 s), 0.52 −154 to +244 ms
   * (6.69–6.71 s); the 579 MB grown from the corpus balances nearer 0.50 (0.54: 4.12–5.19 s, 0.52: 4.00–5.02 s).
   */
  splitShare: 0.52,
};
/** Bytes of unfinished tokens carried into the next window, over the process (for tests: they grow linearly with a long string). */
export const WINDOW_COUNTS = { carried: 0 };

/** The longest window: its text must fit in one JavaScript string. */
const MAX_WINDOW = constants.MAX_STRING_LENGTH;
/** Chunks the helper may search ahead of the tokenizer. */
const AHEAD = 8;
/** Marks one chunk's slot can hold (keyword starts, control characters); more are searched for here. */
const MARK_CAPACITY = 16 * 1024;
/** A slot: the scanner's state, the two counts, keyword starts, control characters, keyword ids, the chunk's length. */
export const slotInts = (capacity: number) => 4 + 3 * capacity;
/** Where a slot's chunk length is, from the slot's start. */
export const slotLength = (capacity: number) => 3 + 3 * capacity;
const SLOT_INTS = slotInts(MARK_CAPACITY);
const SLOT_LENGTH = slotLength(MARK_CAPACITY);

export interface ChunkMarks {
  /** Starts of keywords, relative to the chunk's first byte (negative: begun in the chunk before). */
  keywords: Int32Array;
  /** Which keyword each is (its index in the scanner's list), in step with `keywords`. */
  ids: Int32Array;
  /** Control characters, relative to the chunk's first byte. */
  controls: Int32Array;
}

/** Marks in bytes[from, to), going on from the scanner's state after the chunk before. */
export function markChunk(scanner: KeywordScanner | undefined, bytes: Uint8Array, from: number, to: number): ChunkMarks {
  const keywords: number[] = [];
  const controls: number[] = [];
  const ids: number[] = [];
  if (scanner) scanner.scan(bytes, from, to, keywords, controls, ids);
  else controlsIn(bytes, from, to, controls);
  return { keywords: Int32Array.from(keywords), controls: Int32Array.from(controls), ids: Int32Array.from(ids) };
}

/** Marks of many chunks, asked in file order. */
export class MarkIndex implements MarkQuery {
  private readonly bases: number[] = [];
  private readonly lists: Int32Array[] = [];
  /** Each list's ids (keyword marks), in step with it. */
  private readonly idLists: (Int32Array | undefined)[] = [];
  private segment = 0;
  private index = 0;

  add(base: number, marks: Int32Array, ids?: Int32Array): void {
    if (marks.length === 0) return;
    this.bases.push(base);
    this.lists.push(marks);
    this.idLists.push(ids);
  }

  /**
   * The keywords that start in [from, to) (file offsets), as offsets from `from` and ids, in the
   * order they were found (MOST_FOUND places at most, then the first of each keyword not met: see
   * addFound); false when some mark there has no id (then they are not all known).
   * Asked after next(from) with the same `from`: marks before its place start before `from`, but
   * for those listed late at a seam, which are looked for among the next few.
   */
  within(from: number, to: number, starts: number[], ids: number[]): boolean {
    let met: Set<number> | undefined;
    for (let segment = this.segment, index = this.index; segment < this.lists.length; segment++, index = 0) {
      const list = this.lists[segment]!;
      const base = this.bases[segment]!;
      const listIds = this.idLists[segment];
      for (; index < list.length; index++) {
        const at = base + list[index]!;
        // marks come in order but for a keyword across a seam, listed up to a keyword's length late
        if (at >= to + SEAM_SLACK) return true;
        if (at < from || at >= to) continue;
        if (!listIds) return false;
        met = addFound(ids, starts, listIds[index]!, at - from, met);
      }
    }
    return true;
  }

  /**
   * The first mark at or after `from` (a file offset), or Infinity when none is known yet. Calls
   * come with non-decreasing `from`. A keyword cut by a chunk seam is listed with the later chunk,
   * possibly before the last ones of the earlier chunk; both then lie in the same string token
   * (keywords hold no quote), so a question about that token still finds one of them.
   */
  next(from: number): number {
    while (this.segment < this.lists.length) {
      const list = this.lists[this.segment]!;
      const base = this.bases[this.segment]!;
      while (this.index < list.length && base + list[this.index]! < from) this.index++;
      if (this.index < list.length) return base + list[this.index]!;
      this.lists[this.segment] = EMPTY;
      this.idLists[this.segment] = undefined;
      this.segment++;
      this.index = 0;
    }
    return Infinity;
  }
}

const EMPTY = new Int32Array(0);

/** How far out of order a mark may be listed (a keyword across a seam, see next): longer than any keyword. */
const SEAM_SLACK = 256;

/**
 * What the helper shares: `control` [0] it failed to load, [1] chunks it searched, [2] chunks the
 * tokenizer took, [3] stop, [4] it stopped (it reads the reader's file descriptor: no read may
 * outlive the reader), [5] the first chunk it searches (0 until it has started: the tokenizer's
 * thread searches the chunks before that itself instead of waiting for the thread to start), [6] the
 * helper waits until [2] reaches it, [7] the tokenizer waits for [1] to reach it (0: neither waits; a thread wakes the
 * other only then, see tookChunk); per
 * chunk (a ring of AHEAD slots) the scanner's state at its start and the marks (counts, then
 * positions; a count over the capacity means: search that chunk here), and the chunk's bytes: the helper reads the
 * file once for both threads (a read of each chunk here as well was 5 % of the tokenizer's thread on a 100 MB manifest).
 */
export interface HelperSetup {
  fd: number;
  size: number;
  chunkBytes: number;
  keywords: readonly string[] | undefined;
  anchors: KeywordAnchors | undefined;
  control: SharedArrayBuffer;
  results: SharedArrayBuffer;
  /** Each slot's chunk as the helper read it (chunkBytes a slot), and its length in `results`' lengths (see slotLength). */
  chunks: SharedArrayBuffer;
  ahead: number;
  capacity: number;
  /** The stepped anchors prepared at build time that this thread reads (see detectors/prepared.ts). */
  prepared: ReturnType<typeof preparedTables>;
}

const HELPER_SCRIPT = new URL('./stream-read-worker.js', import.meta.url);

/** A helper thread's shared memory, and the thread when it was started before its file was known. */
interface HelperThread {
  worker: Worker | undefined;
  control: SharedArrayBuffer;
  results: SharedArrayBuffer;
}

function helperThread(worker: ((control: Int32Array) => Worker) | undefined): HelperThread {
  const control = new SharedArrayBuffer(4 * 8);
  return { worker: worker?.(new Int32Array(control)), control, results: new SharedArrayBuffer(4 * SLOT_INTS * AHEAD) };
}

/** A helper thread started before its file is opened (see startReadHelperEarly). */
let earlyHelper: HelperThread | undefined;

/**
 * Start a helper thread now, for a large file that the scan will stream on this thread: it starts
 * and loads its modules while this thread compiles its rules and opens the file, instead of after
 * (the first chunks were searched here meanwhile, in cold code, and then this thread waited for the
 * helper's first chunk). The first reader with a helper takes it and sends it its setup;
 * stopReadHelperEarly stops one that none took.
 */
export function startReadHelperEarly(): void {
  void earlyHelper?.worker?.terminate();
  const started = takeStartedHelper();
  if (started) HELPER_COUNTS.startedBefore++;
  earlyHelper = started ?? helperThread((failed) => startWorker(HELPER_SCRIPT, { setup: undefined }, failed));
  HELPER_COUNTS.startedEarly++;
}

export function stopReadHelperEarly(): void {
  void earlyHelper?.worker?.terminate();
  earlyHelper = undefined;
  void takeStartedHelper()?.worker?.terminate();
}

/** Where bin/load-cli.js leaves a helper thread it started before the bundle loaded (its startReadHelper). */
const STARTED_HELPER = Symbol.for('@dbt-tools/lint read helper');

/** The helper thread bin/load-cli.js started, once: undefined when there is none, or it was taken or stopped. */
function takeStartedHelper(): HelperThread | undefined {
  const slots = globalThis as Record<symbol, unknown>;
  const started = slots[STARTED_HELPER] as { worker: Worker; control: SharedArrayBuffer } | undefined;
  slots[STARTED_HELPER] = undefined;
  if (!started) return undefined;
  return { worker: started.worker, control: started.control, results: new SharedArrayBuffer(4 * SLOT_INTS * AHEAD) };
}

function takeEarlyHelper(): HelperThread | undefined {
  const taken = earlyHelper;
  earlyHelper = undefined;
  if (taken) HELPER_COUNTS.takenEarly++;
  return taken;
}

/** Whether a thread started early is still waiting for a reader (for tests). */
export function readHelperEarlyPending(): boolean {
  return earlyHelper !== undefined;
}

/** How many helper threads were started early, how many of them a reader took, and how many chunks' marks came from a helper (for tests). */
export const HELPER_COUNTS = { startedEarly: 0, takenEarly: 0, startedBefore: 0, chunks: 0 };

/** A positioned read, like fs.readSync on a file descriptor. */
export type ReadAt = (into: Buffer, offset: number, length: number, position: number) => number;

/** Reads a file chunk by chunk for the tokenizer and keeps the marks of every chunk it hands out. */
export class ChunkReader {
  readonly controls = new MarkIndex();
  readonly keywords = new MarkIndex();
  private readonly chunkBytes: number;
  private readonly headroom: number;
  private readonly memory: Buffer;
  private readonly scanner: KeywordScanner | undefined;
  private readonly helper: Worker | undefined;
  private readonly control: Int32Array | undefined;
  private readonly results: Int32Array | undefined;
  /** The helper's chunks (see HelperSetup.chunks). */
  private readonly chunks: Buffer | undefined;
  private helperFailed = false;
  /** Chunks whose marks the helper thread found (the rest were searched here). */
  chunksFromHelper = 0;
  /** Chunks read on this thread (the rest were the helper's reads: see HelperSetup.chunks). */
  chunksReadHere = 0;
  /** Chunks handed out, and where the next starts in the file. */
  private served = 0;
  private filePosition = 0;
  private readonly readAt: ReadAt;

  /**
   * Reads `input` (a file descriptor, or a positioned read of an object) up to `size` bytes (its
   * size when the scan started; later growth is ignored), from `from` on (default 0; a search for
   * keywords then starts afresh there). Only a file descriptor gets a helper thread.
   */
  constructor(
    input: number | ReadAt,
    private size: number,
    keywords: readonly string[] | undefined,
    options: { helper: boolean; from?: number; anchors?: KeywordAnchors | undefined },
  ) {
    this.filePosition = options.from ?? 0;
    const fd = typeof input === 'number' ? input : undefined;
    this.readAt = fd === undefined ? (input as ReadAt) : (into, offset, length, position) => readSync(fd, into, offset, length, position);
    this.chunkBytes = STREAM_TUNING.chunkBytes;
    this.headroom = STREAM_TUNING.headroom;
    this.memory = Buffer.allocUnsafeSlow(this.headroom + this.chunkBytes);
    this.scanner = keywords ? new KeywordScanner(keywords, options.anchors) : undefined;
    if (fd !== undefined && options.helper && !options.from && size > this.chunkBytes) {
      // a thread started early has loaded its modules meanwhile: it waits for this setup
      const thread = takeEarlyHelper() ?? helperThread(undefined);
      const setup: HelperSetup = {
        fd,
        size,
        chunkBytes: this.chunkBytes,
        keywords,
        anchors: options.anchors,
        control: thread.control,
        results: thread.results,
        chunks: new SharedArrayBuffer(AHEAD * this.chunkBytes),
        ahead: AHEAD,
        capacity: MARK_CAPACITY,
        prepared: preparedTables(['anchorSteps', 'byteAnchors']),
      };
      this.control = new Int32Array(setup.control);
      this.results = new Int32Array(setup.results);
      this.chunks = Buffer.from(setup.chunks);
      this.helper = thread.worker ?? startWorker(HELPER_SCRIPT, { setup }, this.control);
      if (thread.worker) thread.worker.postMessage({ setup });
    }
  }

  /**
   * For JsonTokenizer.pull: the next window, `rest` (the unfinished token of the last window)
   * followed by the next chunk; undefined at the end of the file. The tokenizer must be done with
   * the last window's bytes, except `rest`.
   */
  readonly nextWindow = (rest: Buffer): Buffer | undefined => {
    if (this.filePosition >= this.size) return undefined;
    WINDOW_COUNTS.carried += rest.length;
    if (rest.length > this.headroom) return this.longWindow(rest);
    // the new chunk lands where the last one is: keep `rest` out of its way
    rest.copy(this.memory, this.headroom - rest.length);
    const length = this.readChunk(this.memory, this.headroom);
    if (length === 0) return undefined;
    return this.memory.subarray(this.headroom - rest.length, this.headroom + length);
  };

  /**
   * A window after an unfinished token longer than the room before a chunk (one long string): as
   * many chunks as the token is long, so that windows double and a string of n bytes is read,
   * copied and tokenized in O(n), not once per chunk; never longer than one JavaScript string.
   */
  private longWindow(rest: Buffer): Buffer | undefined {
    const room = Math.floor((MAX_WINDOW - rest.length) / this.chunkBytes);
    const chunks = Math.max(1, Math.min(Math.ceil(rest.length / this.chunkBytes), room));
    const window = Buffer.allocUnsafeSlow(rest.length + chunks * this.chunkBytes);
    rest.copy(window, 0);
    let end = rest.length;
    for (let i = 0; i < chunks && this.filePosition < this.size; i++) {
      const length = this.readChunk(window, end);
      if (length === 0) break;
      end += length;
    }
    return end === rest.length ? undefined : window.subarray(0, end);
  }

  /** The next chunk of the file into `into` at `at`, with its marks; its length (0 at the end). */
  private readChunk(into: Buffer, at: number): number {
    const base = this.filePosition;
    const want = Math.min(this.chunkBytes, this.size - base);
    if (want <= 0) return 0;
    const k = this.served;
    // the helper's chunk, read and searched there; else read and searched here
    const length = this.helper && !this.helperFailed && this.fromHelper(k) && this.helperReached(k) ? this.takeHelperChunk(k, base, into, at) : this.readHere(k, base, want, into, at);
    if (length === 0) return 0;
    this.served++;
    this.filePosition += length;
    return length;
  }

  /** Chunk k read and searched on this thread; its length. */
  private readHere(k: number, base: number, want: number, into: Buffer, at: number): number {
    let length = 0;
    while (length < want) {
      const n = this.readAt(into, at + length, want - length, base + length);
      if (n <= 0) break;
      length += n;
    }
    if (length === 0) return 0;
    this.chunksReadHere++;
    this.markHere(into, at, base, length);
    if (this.control) tookChunk(this.control, k);
    return length;
  }

  /** Read on up to `size` (a split that did not hold: the front half's reader takes the rest). */
  extend(size: number): void {
    if (this.helper) throw new Error('extend() is for readers without a helper thread');
    this.size = size;
  }

  /** Stop the helper before the file descriptor closes; it is done within one chunk. */
  close(): void {
    if (!this.helper) return;
    const control = this.control!;
    Atomics.store(control, 3, 1);
    Atomics.notify(control, 2);
    const until = Date.now() + 10_000;
    while (Atomics.load(control, 4) === 0 && Atomics.load(control, 0) === 0 && Date.now() < until) Atomics.wait(control, 4, 0, 100);
    void this.helper.terminate();
  }

  private markHere(bytes: Buffer, at: number, base: number, length: number): void {
    const marks = markChunk(this.scanner, bytes, at, at + length);
    this.keywords.add(base, marks.keywords, marks.ids);
    this.controls.add(base, marks.controls);
  }

  /**
   * Are chunk k's marks the helper's? Not before the chunk it started with: the chunks before are
   * searched here, in order, so this thread's scanner state runs on unbroken until the helper's
   * takes over. A helper that failed to load says so in [0]; then every chunk is searched here.
   */
  private fromHelper(k: number): boolean {
    const control = this.control!;
    if (Atomics.load(control, 0) !== 0) {
      this.helperFailed = true;
      return false;
    }
    const first = Atomics.load(control, 5);
    return first > 0 && k >= first;
  }

  /**
   * Wait until the helper has read and searched chunk k; false when it could not start (no TypeScript loader in the
   * worker, say): chunks are read and searched here from then on.
   */
  private helperReached(k: number): boolean {
    const control = this.control!;
    let done = Atomics.load(control, 1);
    let since = Date.now();
    while (done < k && Atomics.load(control, 0) === 0) {
      // say so before looking again: the helper wakes this thread when [1] reaches [7] (see tookChunk)
      Atomics.store(control, 7, k);
      if (Atomics.load(control, 1) === done) Atomics.wait(control, 1, done, 1000);
      Atomics.store(control, 7, 0);
      const now = Atomics.load(control, 1);
      if (now !== done) [done, since] = [now, Date.now()];
      else if (Date.now() - since > 120_000) throw new Error('the keyword search thread stopped responding');
    }
    if (Atomics.load(control, 0) !== 0) this.helperFailed = true;
    return !this.helperFailed;
  }

  /**
   * The helper's chunk k: its bytes copied into `bytes` at `at`, its marks taken (searched here when it found more than
   * its slot holds); its length (0: the file ended there).
   */
  private takeHelperChunk(k: number, base: number, bytes: Buffer, at: number): number {
    const control = this.control!;
    const results = this.results!;
    const slot = (k % AHEAD) * SLOT_INTS;
    const length = results[slot + SLOT_LENGTH]!;
    this.chunks!.copy(bytes, at, (k % AHEAD) * this.chunkBytes, (k % AHEAD) * this.chunkBytes + length);
    const keywords = results[slot + 1]!;
    const controls = results[slot + 2]!;
    if (keywords > MARK_CAPACITY || controls > MARK_CAPACITY) {
      // more marks than room: search here, from the state the helper started the chunk with
      if (this.scanner) this.scanner.state = results[slot]!;
      this.markHere(bytes, at, base, length);
    } else {
      this.chunksFromHelper++;
      HELPER_COUNTS.chunks++;
      this.keywords.add(base, results.slice(slot + 3, slot + 3 + keywords), results.slice(slot + 3 + 2 * MARK_CAPACITY, slot + 3 + 2 * MARK_CAPACITY + keywords));
      this.controls.add(base, results.slice(slot + 3 + MARK_CAPACITY, slot + 3 + MARK_CAPACITY + controls));
    }
    // its slot may take the next chunk now
    tookChunk(control, k);
    return length;
  }
}

/**
 * Chunk k taken (control [2]; the helper's searched chunks: [1]): the other thread is woken only when it waits for
 * the count to reach k ([6]; [7]). Where findings are many the helper, ahead, waits for room at almost every chunk,
 * and each wake let it take a core back from the tokenizer's thread (the hashing thread has the other): it waits for
 * HELPER_ROOM slots at once (100 MB findings-heavy, the tokenizer's profile: 143 ms of samples at the wake before;
 * with session 74's cheaper hashes the scan ~10 % faster, bench/RESULTS.md). A thread says what it waits for before it
 * looks at the count again, so a count it missed is one it is woken for (every access is sequentially consistent).
 */
export function tookChunk(control: Int32Array, k: number, at = 2, waits = 6): void {
  Atomics.store(control, at, k);
  const until = Atomics.load(control, waits);
  if (until !== 0 && k >= until) Atomics.notify(control, at);
}

/** Slots the helper, ahead by AHEAD chunks, waits to be free before it reads on (see tookChunk). */
export const HELPER_ROOM = AHEAD / 2;
