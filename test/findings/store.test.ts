/**
 * A finding store gives back every record as it was added, in any order, whether the record is
 * still in memory or in the spill file; past its memory budget, what it holds in memory stays the
 * same however many records it keeps (counted at two sizes).
 */
import t from 'tap';
import { FindingStore, STORE_TUNING, type ColdFields } from '../../src/findings/store.js';
import { openSpillFiles } from '../helpers.js';

function record(i: number): ColdFields {
  return {
    jsonPath: i % 7 === 0 ? `$.nodes['model.shop.clé ☕ ${i}'].meta["it's \\"${i}\\""]` : `$.nodes['model.shop.orders_${i}'].compiled_code`,
    charLength: 20 + (i % 50),
    uniqueId: i % 5 === 0 ? undefined : `model.shop.orders_${i}`,
    originalFilePath: i % 3 === 0 ? undefined : `models/orders_${i}.sql`,
    preview: i % 2 ? 'ghp_****' : 'postgresql://loader:****@db',
    fingerprint: (i * 2654435761).toString(16).padStart(32, '0').slice(-32),
    startLine: 1 + (i % 3),
    startColumn: 100 + i * 10,
    endLine: 1 + (i % 3),
    endColumn: 120 + i * 10 + (i % 50),
  };
}

function filled(count: number): FindingStore {
  const store = new FindingStore();
  for (let i = 0; i < count; i++) if (store.add(record(i)) !== i) throw new Error(`record ${i} got another index`);
  return store;
}

t.test('records come back as added: in order, backwards and scattered, from memory and from the spill file', async (t) => {
  for (const memoryBytes of [64 * 1024, 1 << 30]) {
    const saved = STORE_TUNING.memoryBytes;
    STORE_TUNING.memoryBytes = memoryBytes;
    const before = openSpillFiles('findings')?.length ?? 0;
    const store = filled(3000);
    const spilled = (openSpillFiles('findings')?.length ?? 1) - before;
    STORE_TUNING.memoryBytes = saved;
    t.equal(spilled, memoryBytes < 1 << 30 ? 1 : 0, `a spill file only past the budget (${memoryBytes})`);
    let same = 0;
    const order = [...Array(3000).keys()];
    const reads = [...order, ...[...order].reverse(), ...order.map((i) => (i * 7919) % 3000)];
    for (const i of reads) if (JSON.stringify(store.get(i)) === JSON.stringify(record(i))) same++;
    t.equal(same, 9000, `every read gives its record (${memoryBytes})`);
  }
});

t.test('past its budget, what a store holds in memory does not grow with its records', async (t) => {
  const saved = STORE_TUNING.memoryBytes;
  STORE_TUNING.memoryBytes = 64 * 1024;
  const few = filled(2000).bytesInMemory;
  const many = filled(20000).bytesInMemory;
  STORE_TUNING.memoryBytes = saved;
  t.ok(few <= 128 * 1024 && many <= 128 * 1024, `the budget and one chunk: ${few} and ${many} bytes`);
});
