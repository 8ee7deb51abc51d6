/**
 * The helper thread of ChunkReader: reads the file (the reader's descriptor, with positions) into
 * shared memory and searches each chunk for keywords and control characters, up to AHEAD chunks
 * ahead of the tokenizer, which copies the chunk from there.
 */
import { readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readPreparedTables } from '../detectors/prepared.js';
import { controlsIn, KeywordScanner } from './keyword-scan.js';
import { HELPER_ROOM, slotInts as slotIntsOf, slotLength as slotLengthOf, tookChunk, type HelperSetup } from './stream-read.js';

/**
 * Search the file that `setup` names, chunk by chunk, until it ends or the reader says stop. `lead`:
 * how many chunks after the last the tokenizer took to begin with (a thread started early is
 * ready when the reader sends its setup, before its first chunk: it takes the second).
 */
function run(setup: HelperSetup, lead: number): void {
  readPreparedTables(setup.prepared);
  const scanner = setup.keywords ? new KeywordScanner(setup.keywords, setup.anchors) : undefined;
  const control = new Int32Array(setup.control);
  const results = new Int32Array(setup.results);
  const slotInts = slotIntsOf(setup.capacity);
  const slotLength = slotLengthOf(setup.capacity);
  // each slot's bytes, read here for both threads
  const chunks = Buffer.from(setup.chunks);
  const found: number[] = [];
  const controls: number[] = [];
  const ids: number[] = [];
  const fd = setup.fd;

  // The tokenizer's thread searches the chunks it reaches while this one starts: begin `lead` chunks
  // after the last it took, with the scanner's state rebuilt from the bytes just before that chunk
  // (the state after any `longest` bytes depends on those bytes only).
  const first = Math.max(1, Atomics.load(control, 2) + lead);
  const start = first * setup.chunkBytes;
  if (scanner && start < setup.size) {
    const before = Buffer.allocUnsafe(Math.min(scanner.longest, start));
    const n = readSync(fd, before, 0, before.length, start - before.length);
    scanner.state = 0;
    scanner.scan(before, 0, n, found, controls);
    found.length = 0;
    controls.length = 0;
  }
  Atomics.store(control, 5, first);
  for (let k = first, position = start; position < setup.size; k++) {
    // wait for room: the tokenizer takes chunk k - AHEAD before its slot is reused
    while (k > 0 && k - Atomics.load(control, 2) >= setup.ahead) {
      if (Atomics.load(control, 3) !== 0) break;
      // say so before looking again: the tokenizer wakes this thread when [2] reaches [6] (see tookChunk)
      Atomics.store(control, 6, k - setup.ahead + HELPER_ROOM);
      const taken = Atomics.load(control, 2);
      if (k - taken >= setup.ahead && Atomics.load(control, 3) === 0) Atomics.wait(control, 2, taken, 1000);
      Atomics.store(control, 6, 0);
    }
    if (Atomics.load(control, 3) !== 0) break;
    const bytes = chunks.subarray((k % setup.ahead) * setup.chunkBytes, (k % setup.ahead + 1) * setup.chunkBytes);
    let length = 0;
    const want = Math.min(setup.chunkBytes, setup.size - position);
    while (length < want) {
      if (Atomics.load(control, 3) !== 0) break;
      const n = readSync(fd, bytes, length, want - length, position + length);
      if (n <= 0) break;
      length += n;
    }
    position += length;
    const out = (k % setup.ahead) * slotInts;
    results[out + slotLength] = length;
    results[out] = scanner?.state ?? 0;
    found.length = 0;
    controls.length = 0;
    ids.length = 0;
    if (scanner) scanner.scan(bytes, 0, length, found, controls, ids);
    else controlsIn(bytes, 0, length, controls);
    results[out + 1] = found.length;
    results[out + 2] = controls.length;
    if (found.length <= setup.capacity) {
      for (let i = 0; i < found.length; i++) results[out + 3 + i] = found[i]!;
      for (let i = 0; i < ids.length; i++) results[out + 3 + 2 * setup.capacity + i] = ids[i]!;
    }
    if (controls.length <= setup.capacity) for (let i = 0; i < controls.length; i++) results[out + 3 + setup.capacity + i] = controls[i]!;
    tookChunk(control, k, 1, 7);
    // (a chunk of none: the file ended before its size, and the reader ends there too)
    if (length === 0) break;
  }
  // the descriptor is the reader's: say this thread will not touch it again
  Atomics.store(control, 4, 1);
  Atomics.notify(control, 4);
}

// started early (see startReadHelperEarly), the thread waits for its setup: its file was not opened yet
const given = (workerData as { setup: HelperSetup | undefined }).setup;
if (given) run(given, 2);
else parentPort!.once('message', (message: { setup: HelperSetup }) => run(message.setup, 1));
