/**
 * The slow hashes the threads of one scan share: what one thread writes, another reads (a real
 * worker thread writes here); keys that land on one slot are all found; the table stops taking
 * hashes at half its slots and keeps those it has; nothing malformed gets in.
 */
import t from 'tap';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SharedHashes } from '../../src/findings/shared-hashes.js';
import { SlowHashes } from '../../src/findings/slow-hash.js';

const hex = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** A fast hash whose first four bytes (its slot in a small table) are `slot`. */
const onSlot = (slot: number, i: number) => slot.toString(16).padStart(8, '0') + hex(`k${i}`).slice(8);

t.test('what a worker thread writes, this thread reads', async (t) => {
  const table = new SharedHashes();
  const built = pathToFileURL(path.resolve('dist/findings/shared-hashes.js')).href;
  const pairs = Array.from({ length: 300 }, (_, i): [string, string] => [hex(`fast ${i}`), hex(`slow ${i}`)]);
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     import(workerData.built).then(({ SharedHashes }) => {
       const table = new SharedHashes(workerData.buffer);
       for (const [fast, slow] of workerData.pairs) table.set(fast, slow);
       parentPort.postMessage(workerData.pairs.map(([fast]) => table.get(fast)));
     });`,
    { eval: true, workerData: { built, buffer: table.buffer, pairs } },
  );
  const seen = await new Promise<(string | undefined)[]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  await worker.terminate();
  t.same(seen, pairs.map(([, slow]) => slow), 'the worker reads back what it wrote');
  t.same(pairs.map(([fast]) => table.get(fast)), pairs.map(([, slow]) => slow), 'every hash the worker wrote is read here');
  t.equal(table.get(hex('never written')), undefined, 'a value no thread hashed: a miss');
});

t.test('keys on one slot are all found; past half the slots nothing more is taken', async (t) => {
  const table = new SharedHashes(16);
  const keys = Array.from({ length: 8 }, (_, i) => onSlot(5, i));
  keys.forEach((fast, i) => table.set(fast, hex(`slow ${i}`)));
  t.same(keys.map((fast) => table.get(fast)), keys.map((_, i) => hex(`slow ${i}`)), 'eight keys on slot 5, each found past the others');
  table.set(onSlot(9, 99), hex('one too many'));
  t.equal(table.get(onSlot(9, 99)), undefined, 'the ninth key of sixteen slots is not kept');
  t.equal(table.get(keys[7]!), hex('slow 7'), 'those kept stay');
  table.set(keys[0]!, hex('another'));
  t.equal(table.get(keys[0]!), hex('slow 0'), 'a key written twice keeps its first hash (a value hashes alike on every thread)');
  t.equal(table.get(onSlot(6, 8)), undefined, 'a key never written, probed to the end of the run that fills slots 5 to 12');
});

t.test('nothing malformed is written or found', async (t) => {
  const table = new SharedHashes(8);
  table.set('not hex at all', hex('x'));
  table.set(hex('a'), 'abc');
  table.set(hex('a').slice(0, 30), hex('b'));
  t.equal(table.get(hex('a')), undefined, 'a short hash is not kept');
  t.equal(table.get('not hex at all'), undefined);
  t.equal(table.get(''), undefined);
  t.throws(() => new SharedHashes(new SharedArrayBuffer(100)), RangeError, 'a buffer that is no table is refused');
  t.throws(() => new SharedHashes(12), RangeError, 'slots come in powers of two');
});

t.test('two threads’ slow-hash caches over one table: a value hashed by one is at hand in the other', async (t) => {
  const params = { N: 16, r: 1, p: 1, maxmem: 1 << 20 };
  const first = new SlowHashes(params, 10);
  const second = new SlowHashes(params, 10);
  const buffer = first.share();
  t.equal(first.share(), buffer, 'one table a thread');
  second.share(buffer);
  first.set(hex('value'), hex('its slow hash'));
  t.equal(second.get(hex('value')), hex('its slow hash'), 'read from the other thread’s table');
  t.equal(new SlowHashes(params, 10).get(hex('value')), undefined, 'a thread that shares no table does not see it');
});
