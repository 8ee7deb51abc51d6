/**
 * The chunk reader's keyword marks: the same whether this thread searches every chunk or the
 * helper thread joins part-way (it starts late, two chunks past the tokenizer, and rebuilds the
 * scanner's state from the bytes before its first chunk), with keywords cut by every seam.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { ChunkReader, HELPER_COUNTS, readHelperEarlyPending, startReadHelperEarly, STREAM_TUNING, WINDOW_COUNTS } from '../../src/engine/stream-read.js';
import { tempDir } from '../helpers.js';

const KEYWORDS = ['password', 'secret', 'ghp_', 'sk_live_', 'xoxb-'];

/** Text with keywords (in any case) at pseudo-random places, so some straddle every chunk size tried. */
function sample(bytes: number): Buffer {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const filler = 'x'.repeat(Math.floor(random() * 40));
    const word = KEYWORDS[Math.floor(random() * KEYWORDS.length)]!;
    const cased = random() < 0.3 ? word.toUpperCase() : word;
    const control = random() < 0.05 ? '\n' : ' ';
    parts.push(filler, cased, control);
    length += filler.length + cased.length + 1;
  }
  return Buffer.from(parts.join(''), 'latin1');
}

function marksOf(file: string, size: number, helper: boolean, slow: boolean): { keywords: number[]; controls: number[]; fromHelper: number } {
  const fd = openSync(file, 'r');
  try {
    const reader = new ChunkReader(fd, size, KEYWORDS, { helper });
    let rest = Buffer.alloc(0);
    for (let window = reader.nextWindow(rest); window; window = reader.nextWindow(rest)) {
      rest = Buffer.alloc(0);
      // a tokenizer slower than the search: the helper gets time to start and take over
      if (slow) {
        const until = performance.now() + 0.5;
        while (performance.now() < until);
      }
    }
    reader.close();
    const collect = (index: { next(from: number): number }) => {
      const out: number[] = [];
      for (let at = index.next(0); at !== Infinity; at = index.next(at + 1)) out.push(at);
      return out;
    };
    return { keywords: collect(reader.keywords), controls: collect(reader.controls), fromHelper: reader.chunksFromHelper };
  } finally {
    closeSync(fd);
  }
}

/** A sample file of 1.5 MB, read in chunks of 4,093 bytes until the test ends. */
function sampleFile(t: Test): { text: Buffer; file: string } {
  const text = sample(1_500_000);
  const file = path.join(tempDir(), 'sample.txt');
  writeFileSync(file, text);
  const saved = { ...STREAM_TUNING };
  t.teardown(() => Object.assign(STREAM_TUNING, saved));
  Object.assign(STREAM_TUNING, { chunkBytes: 4093, headroom: 64 });
  return { text, file };
}

t.test('the helper joins late and finds the same keyword starts and control characters', async (t) => {
  const { text, file } = sampleFile(t);
  const expected: number[] = [];
  const lower = text.toString('latin1').toLowerCase();
  for (const k of KEYWORDS) for (let at = lower.indexOf(k); at >= 0; at = lower.indexOf(k, at + 1)) expected.push(at);
  expected.sort((a, b) => a - b);
  for (const chunkBytes of [4093, 1000]) {
    Object.assign(STREAM_TUNING, { chunkBytes, headroom: 64 });
    const here = marksOf(file, text.length, false, false);
    t.same(here.keywords, expected, `${chunkBytes}-byte chunks, this thread: every keyword start`);
    t.equal(here.fromHelper, 0);
    const joined = marksOf(file, text.length, true, true);
    t.ok(joined.fromHelper > 0, `${chunkBytes}-byte chunks: the helper took over (${joined.fromHelper} chunks)`);
    t.same(joined.keywords, expected, `${chunkBytes}-byte chunks, helper: every keyword start`);
    t.same(joined.controls, here.controls, `${chunkBytes}-byte chunks, helper: the same control characters`);
    // a tokenizer as fast as the search: the helper joins late or not at all, and the marks are the same
    const raced = marksOf(file, text.length, true, false);
    t.same(raced.keywords, expected, `${chunkBytes}-byte chunks, helper raced (${raced.fromHelper} chunks its): every keyword start`);
    t.same(raced.controls, here.controls, `${chunkBytes}-byte chunks, helper raced: the same control characters`);
  }
});

t.test("the helper reads the file for both threads: the windows hold the file's bytes, the chunks it read not read again here", async (t) => {
  const { text, file } = sampleFile(t);
  const fd = openSync(file, 'r');
  const reader = new ChunkReader(fd, text.length, KEYWORDS, { helper: true });
  const windows: Buffer[] = [];
  let chunks = 0;
  for (let window = reader.nextWindow(Buffer.alloc(0)); window; window = reader.nextWindow(Buffer.alloc(0))) {
    windows.push(Buffer.from(window));
    chunks++;
    // a tokenizer slower than the search: the helper takes over
    const until = performance.now() + 0.5;
    while (performance.now() < until);
  }
  reader.close();
  closeSync(fd);
  t.ok(Buffer.concat(windows).equals(text), 'every byte, in order');
  t.ok(reader.chunksReadHere < chunks, `read here: ${reader.chunksReadHere} of ${chunks} chunks`);
  t.ok(reader.chunksReadHere + reader.chunksFromHelper <= chunks, "a chunk read here is not the helper's too");
});

t.test('a helper started before its file is opened takes its setup from the reader and finds the same marks', async (t) => {
  const { text, file } = sampleFile(t);
  const here = marksOf(file, text.length, false, false);
  const before = { ...HELPER_COUNTS };
  startReadHelperEarly();
  t.equal(readHelperEarlyPending(), true, 'a thread waits for a reader');
  // its modules load before the file is opened
  await new Promise((resolve) => setTimeout(resolve, 300));
  const early = marksOf(file, text.length, true, true);
  t.equal(HELPER_COUNTS.takenEarly - before.takenEarly, 1, 'the reader took it');
  t.equal(readHelperEarlyPending(), false, 'none waits now');
  t.ok(early.fromHelper > 0, `it searched chunks (${early.fromHelper})`);
  t.same(early.keywords, here.keywords, 'every keyword start');
  t.same(early.controls, here.controls, 'the same control characters');
});

t.test('one long token is carried in windows that double: bytes carried grow linearly with it', async (t) => {
  const dir = tempDir();
  const saved = { ...STREAM_TUNING };
  t.teardown(() => void Object.assign(STREAM_TUNING, saved));
  Object.assign(STREAM_TUNING, { chunkBytes: 4096, headroom: 1024 });
  /** Bytes carried from window to window when a tokenizer never finishes the token (a string as long as the file). */
  const carried = (bytes: number) => {
    const file = path.join(dir, `long-${bytes}.txt`);
    writeFileSync(file, Buffer.alloc(bytes, 'a'));
    const fd = openSync(file, 'r');
    try {
      const reader = new ChunkReader(fd, bytes, KEYWORDS, { helper: false });
      const before = WINDOW_COUNTS.carried;
      let rest: Buffer = Buffer.alloc(0);
      let read = 0;
      for (let window = reader.nextWindow(rest); window; window = reader.nextWindow(rest)) {
        read = window.length;
        rest = window;
      }
      t.equal(read, bytes, `${bytes} bytes: the last window holds the whole token`);
      return WINDOW_COUNTS.carried - before;
    } finally {
      closeSync(fd);
    }
  };
  const small = carried(256 * 1024);
  const large = carried(1024 * 1024);
  t.comment(`carried ${small} bytes for a 256 KiB token, ${large} for 1 MiB (4×; once a chunk would be 16×)`);
  t.ok(large < 5 * small, 'four times the token, at most about four times the copying');
});
