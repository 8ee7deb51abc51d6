/**
 * ownString and internString give copies that keep nothing else alive: a finding that keeps a
 * key or a message cut from a large compiled SQL must not keep the SQL. Counted on the heap after
 * the large strings are gone, with and without the copy (the bare slices must keep them: else the
 * test would not tell).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { internString, joinOwn, ownString } from '../../src/util/strings.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap growth while `pieces` is held: 200 slices of 60 characters, each from its own 200 KB text. */
function heldBy(copy: (s: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const pieces: string[] = [];
  for (let i = 0; i < 200; i++) {
    const text = `${'select id from raw.orders where amount > 0 '.repeat(5000)}-- ${i}`;
    pieces.push(copy(text.slice(1000 + i, 1060 + i)));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  t.equal(pieces.length, 200);
  return grown;
}

t.test('a copy keeps only its own characters', async (t) => {
  const slices = heldBy((s) => s);
  t.ok(slices > 200 * 100_000, `bare slices keep their texts (${slices} bytes)`);
  for (const [name, copy] of [['ownString', ownString], ['internString', internString]] as const) {
    const grown = heldBy(copy);
    t.ok(grown < 200 * 10_000, `${name}: ${grown} bytes for 200 copies of 60 characters`);
  }
});

t.test('the copy is the same text', async (t) => {
  for (const s of ['', 'short', 'a'.repeat(12), 'exactly 13 ch', `Données clé ☕ 😀 ${'x'.repeat(40)}`, `lone \ud800 surrogate ${'x'.repeat(20)}`, 'x'.repeat(100_000)]) {
    t.equal(ownString(s), s);
    t.equal(internString(s), s);
  }
  t.equal(joinOwn(['$', ".nodes['model.shop.orders']", '.compiled_code']), "$.nodes['model.shop.orders'].compiled_code");
  t.equal(joinOwn(['/nodes']), '/nodes');
  t.equal(joinOwn([]), '');
});

/** Heap growth per string while 20,000 copies of 60-character pieces are held (their sources gone). */
function perCopy(copy: (s: string) => string): number {
  const source = Array.from({ length: 20_000 }, (_, i) => `model.acme_analytics.stg_order_revenue_${String(i).padStart(5, '0')}_${'x'.repeat(15)}`).join('|');
  const pieces = Array.from({ length: 20_000 }, (_, i) => source.slice(i * 61, i * 61 + 60));
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = pieces.map(copy);
  pieces.length = 0;
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  t.equal(held.length, 20_000);
  return grown / 20_000;
}

t.test('a copy is one flat string: no view of a copy, which would cost 32 bytes more each', async (t) => {
  const view = perCopy((s) => (' ' + s).slice(1));
  for (const [name, copy] of [['ownString', ownString], ['joinOwn', (s: string) => joinOwn([s.slice(0, 30), s.slice(30)])]] as const) {
    const flat = perCopy(copy);
    // (the view costs about 24 bytes more here; half of that is the margin for the collector's own noise)
    t.ok(flat < 60 + 24 && flat < view - 12, `${name}: ${flat.toFixed(1)} bytes a copy of 60 characters (a view of a copy: ${view.toFixed(1)})`);
  }
});
