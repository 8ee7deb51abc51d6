/**
 * The slow hashes handed to a thread of their own (slow-hash.ts): each value hashed once, by the
 * hashing thread or by the thread that waits for it, whichever begins it first, and every hash
 * scrypt's. A real worker thread hashes beside this one.
 */
import t from 'tap';
import { createHash, scryptSync } from 'node:crypto';
import { SlowHashes } from '../../src/findings/slow-hash.js';

// a cheaper scrypt than the fingerprints' own: what is tested is who hashes, not how hard
const params = { N: 2 ** 10, r: 8, p: 1, maxmem: 32 * 1024 * 1024 };
const salt = 'dbt-tools-lint test/scrypt';
const fastOf = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
const scrypt = (value: string) => scryptSync(value, salt, 16, params).toString('hex');

/**
 * A table whose first few values were hashed here (a thread is started only after them, and takes the
 * next), then `values` handed over; `counts` from the first of them on.
 */
function handedOver(values: string[]): { hashes: SlowHashes; marks: string[]; counts: () => SlowHashes['counts'] } {
  const hashes = new SlowHashes(params, 1000);
  for (let i = 0; i < 10; i++) {
    const mark = hashes.later(fastOf(`first ${i}`), `first ${i}`, salt);
    if (mark !== undefined) {
      hashes.settled(mark);
      break;
    }
    hashes.set(fastOf(`first ${i}`), scrypt(`first ${i}`));
  }
  const base = { ...hashes.counts };
  const marks = values.map((v) => hashes.later(fastOf(v), v, salt)!);
  const counts = () => ({ handed: hashes.counts.handed - base.handed, answered: hashes.counts.answered - base.answered, takenBack: hashes.counts.takenBack - base.takenBack });
  return { hashes, marks, counts };
}

t.test('a value the waiting thread asks for is hashed there or by the hashing thread, never by both', async (t) => {
  const values = Array.from({ length: 40 }, (_, i) => `Harbour Lights ${i} Over Bergen`);
  const { hashes, marks, counts } = handedOver(values);
  t.equal(marks.filter((m) => m !== undefined && SlowHashes.isPending(m)).length, values.length, 'every value handed over (after the first few)');
  t.equal(counts().handed, values.length);
  values.forEach((v, i) => t.equal(hashes.settled(marks[i]!), scrypt(v), `${i}: scrypt's hash`));
  const { answered, takenBack } = counts();
  t.equal(answered + takenBack, values.length, `each value hashed once: ${answered} by the hashing thread, ${takenBack} here`);
  t.ok(takenBack > 0, 'the waiting thread hashed too');
});

t.test('asked for in the reverse order: the waiting thread takes the last ones, and every hash is right', async (t) => {
  const values = Array.from({ length: 24 }, (_, i) => `Quiet Fjord ${i} At Dawn`);
  const { hashes, marks, counts } = handedOver(values);
  for (let i = values.length - 1; i >= 0; i--) t.equal(hashes.settled(marks[i]!), scrypt(values[i]!), `${i}: scrypt's hash`);
  t.equal(counts().answered + counts().takenBack, values.length, 'each value hashed once');
  t.ok(counts().takenBack > 0, 'the waiting thread took the last ones');
  // a value hashed here is in the table as one the hashing thread answered is
  t.equal(hashes.get(fastOf(values.at(-1)!)), scrypt(values.at(-1)!));
  t.equal(hashes.get(fastOf(values[0]!)), scrypt(values[0]!));
});

t.test('told that a large file is walked, the first value is handed over; before, the first few are hashed here', async (t) => {
  const told = new SlowHashes(params, 1000);
  told.handOverFromFirst();
  const mark = told.later(fastOf('the first'), 'the first', salt);
  t.ok(mark !== undefined && SlowHashes.isPending(mark), 'the first value waits for the hashing thread');
  t.equal(told.settled(mark!), scrypt('the first'), "and its hash is scrypt's");
  t.equal(told.counts.handed, 1);

  const untold = new SlowHashes(params, 1000);
  t.equal(untold.later(fastOf('the first'), 'the first', salt), undefined, 'not told: the first value is hashed where it is asked for');
  t.equal(untold.counts.handed, 0);
});

t.test('values withdrawn keep their slots: past the table, values are hashed where asked, never past its end (red team 133)', async (t) => {
  const hashes = new SlowHashes(params, 8);
  hashes.handOverFromFirst();
  // withdrawn before the hashing thread begins them (most are): each took a slot all the same
  const values = Array.from({ length: 20 }, (_, i) => `Old Harbour ${i} Lantern`);
  let handed = 0;
  for (const v of values) {
    if (hashes.later(fastOf(v), v, salt) !== undefined) handed++;
    hashes.withdraw(fastOf(v));
  }
  t.equal(handed, 8, 'as many handed over as the table has slots');
  t.equal(hashes.counts.handed, 8);
  const late = 'Late Tide Beacon';
  t.equal(hashes.later(fastOf(late), late, salt), undefined, 'no slot left: hashed where asked');
  t.doesNotThrow(() => hashes.withdraw(fastOf(late)), 'withdrawing one never handed over: nothing');
  t.equal(hashes.waitFor(fastOf(values[19]!)), undefined, 'one withdrawn: not waited for');
});
