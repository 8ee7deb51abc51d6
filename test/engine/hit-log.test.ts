/**
 * The streaming walk's hit log: what goes into a spill file (hits, and the nodes after their hits)
 * comes back the same, in order, with a back half's positions shifted; without a usable temporary
 * folder the hits stay in memory; the file is closed once read or dropped, and never has a name to find.
 */
import { randomBytes } from 'node:crypto';
import { readSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { HIT_LOG_TUNING, HitLog, SPILL_READ, spillCipher, type LoggedHit } from '../../src/engine/hit-log.js';
import { SPILL_COUNTS } from '../../src/util/spill-file.js';
import { openSpillFiles, tempDir } from '../helpers.js';

const DEFAULT = { ...HIT_LOG_TUNING };
t.afterEach(() => Object.assign(HIT_LOG_TUNING, DEFAULT));

/** Hits whose strings are awkward as lines of text: newlines, quotes, non-ASCII, a lone surrogate, U+2028. */
function hits(n: number): LoggedHit[] {
  const odd = ['pass\nword', 'say "hi"\\', 'clé ☕ 😀', 'half \ud800 pair', 'line\u2028sep'];
  return Array.from({ length: n }, (_, i) => ({
    ruleIndex: i % 3,
    candidate: i % 4 === 0 ? -1 : i,
    path: ['nodes', `model.shop.m${i}`, 'config', 'meta', odd[i % odd.length]!, i],
    at: { offset: 1000 + i * 50, line: 1 + (i % 3), column: 7 + i, rawSpans: i % 2 ? [1, 18] : undefined },
    matches: [{ detectorId: 'secret-key-name', start: 0, end: 17, description: `value of "${odd[i % odd.length]}"`, ...(i % 5 === 0 ? { confidence: 'high' as const } : {}) }],
    prepared: [
      {
        secret: `Zt4${i}${odd[i % odd.length]}`,
        // a token joined from Jinja literals: the pieces as written (session 32)
        ...(i % 3 === 0 ? { written: `Zt4${i}' ~ '${odd[i % odd.length]}` } : {}),
        preview: 'password=****',
        lifetime: 'static',
        expiresAt: i % 7 === 0 ? '2026-01-01T00:00:00Z' : undefined,
        ...(i % 2 ? { secretHash: 'ab'.repeat(16) } : {}),
      },
    ],
  }));
}

t.test('hits come back the same and in order, from the file and from memory', async (t) => {
  HIT_LOG_TUNING.bufferChars = 2000;
  const spilled = SPILL_COUNTS.files;
  const log = new HitLog();
  const input = hits(200);
  for (const hit of input) log.add(hit);
  t.equal(SPILL_COUNTS.files - spilled, 1, 'one spill file');
  t.same(openSpillFiles()?.filter((f) => !f.endsWith('(deleted)')) ?? [], [], 'its name is gone while it is open');
  t.same([...log.read()], input, 'read back as written');
  t.same(openSpillFiles() ?? [], [], 'closed once read');
  t.same([...log.read()], [], 'and the log is empty');
});

t.test('a node comes back after its hits, in its place among them', async (t) => {
  HIT_LOG_TUNING.bufferChars = 2000;
  const log = new HitLog();
  const input = hits(60);
  const expected: unknown[] = [];
  for (const [i, hit] of input.entries()) {
    log.add(hit);
    expected.push(hit);
    if (hit.candidate < 0) continue;
    const node = { candidate: hit.candidate, path: ['nodes', `model.shop.m${i}`], fields: { unique_id: `model.shop.m${i}`, fqn: ['shop', `m${i}`], meta: { 'dbt-tools-lint': { ignore: ['config-meta'], reason: 'say "hi"\n' } } } };
    log.addNode(node);
    expected.push(node);
  }
  t.same([...log.read()], expected, 'hits and nodes read back in the order written, through the spill file');
});

t.test("a back half's positions are shifted into the whole file's", async (t) => {
  HIT_LOG_TUNING.bufferChars = 500;
  const log = new HitLog();
  const [first, second] = hits(2).map((h, i) => ({ ...h, at: { ...h.at, line: i + 1, column: 5, offset: i * 100 } }));
  log.add(first!);
  log.add(second!);
  const moved = HitLog.from(log.portable());
  const [a, b] = [...moved.read({ base: 5000, line: 40, lineStart: 4900 })] as LoggedHit[];
  t.same([a!.at.offset, a!.at.line, a!.at.column], [5000, 40, 105], 'on its first line, columns count from the line start');
  t.same([b!.at.offset, b!.at.line, b!.at.column], [5100, 41, 5], 'on a later line, the column stands');
});

t.test('no usable temporary folder: the hits stay in memory', async (t) => {
  HIT_LOG_TUNING.bufferChars = 500;
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = path.join(tempDir(), 'missing', 'folder');
  t.teardown(() => (tmp === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = tmp)));
  const spilled = SPILL_COUNTS.files;
  const log = new HitLog();
  const input = hits(50);
  for (const hit of input) log.add(hit);
  t.equal(SPILL_COUNTS.files, spilled, 'no spill file');
  t.same([...log.read()], input, 'all of them, in order');
});

t.test('dropped unread: the file is closed', async (t) => {
  HIT_LOG_TUNING.bufferChars = 500;
  const log = new HitLog();
  for (const hit of hits(50)) log.add(hit);
  t.ok((openSpillFiles()?.length ?? 1) > 0, 'a spill file is open');
  log.dispose();
  t.same(openSpillFiles() ?? [], [], 'closed');
});

t.test('a spill file holds no secret in plain: its bytes are encrypted under a key in memory only', async (t) => {
  HIT_LOG_TUNING.bufferChars = 2000;
  const log = new HitLog();
  const input = hits(120);
  for (const hit of input) log.add(hit);
  const handed = log.portable();
  t.ok(handed.spill && handed.written > 0, 'spilled');
  const bytes = Buffer.alloc(handed.written);
  readSync(handed.spill!.fd, bytes, 0, bytes.length, 0);
  const text = bytes.toString('latin1');
  for (const hit of input.slice(0, 20)) t.notOk(text.includes(hit.prepared[0]!.secret.slice(0, 6)), `no ${hit.prepared[0]!.secret.slice(0, 4)}… in the file`);
  t.notOk(text.includes('model.shop.m'), 'no path either');
  // the receiving thread's log writes on where the file ends (its keystream from that byte), and reads it all back
  const moved = HitLog.from(handed);
  const more = hits(140).slice(120);
  for (const hit of more) moved.add(hit);
  t.same([...moved.read()], [...input, ...more], 'read back, the later writes too');
});

t.test("the keystream from any byte is the one from the start, carries into the counter's higher bytes included", async (t) => {
  const spill = { fd: -1, file: undefined, key: randomBytes(32), iv: Buffer.from('00112233445566778899aabbccfffffe', 'hex') };
  const data = randomBytes(5000);
  for (const offset of [0, 1, 15, 16, 17, 31, 32, 4096 + 5]) {
    const whole = spillCipher(spill, 0).update(Buffer.concat([Buffer.alloc(offset), data]));
    t.same(spillCipher(spill, offset).update(data), whole.subarray(offset), `from byte ${offset}`);
  }
});

t.test("a hit of tens of thousands of matches (one long line) is read back in one pass over the spill (session 54's audit)", async (t) => {
  HIT_LOG_TUNING.bufferChars = 2000;
  const [one] = hits(1);
  const match = one!.matches[0]!;
  const prepared = one!.prepared[0]!;
  const big: LoggedHit = { ...one!, matches: Array.from({ length: 40_000 }, () => match), prepared: Array.from({ length: 40_000 }, () => prepared) };
  const log = new HitLog();
  log.add(big);
  for (const hit of hits(20)) log.add(hit);
  const before = SPILL_READ.searched;
  const back = [...log.read()];
  t.equal(back.length, 21);
  t.same(back[0], big, 'the long line read back whole');
  // each character of the spill searched for a line's end once (carrying the unfinished line into every next chunk's
  // search was quadratic in its length)
  const line = JSON.stringify(big).length;
  t.ok(SPILL_READ.searched - before < 2 * line, `searched ${SPILL_READ.searched - before} characters for a line of about ${line}`);
});
