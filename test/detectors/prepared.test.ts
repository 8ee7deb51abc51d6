/**
 * The work on anchors that the build does ahead for the command line (src/detectors/prepared.ts):
 * what the table says is what the work gives, for every entry of the table the build shipped and
 * for every pattern and anchor of the registry through the table's encoding; the table is read
 * only where it holds the key, and recorded only when asked to.
 */
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STEPS_CODEC, stepsOf } from '../../src/detectors/anchor-steps.js';
import { REGEX_CODEC, workOutAnchor } from '../../src/detectors/anchors.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { digestKey, prepared, PREPARED_COUNTS, PREPARED_SLOT, preparedTables, readPreparedTables } from '../../src/detectors/prepared.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { keywordAnchors } from '../../src/engine/prefilter.js';
import { keywordForms } from '../../src/engine/keyword-forms.js';
import { PLAN_CODEC, planKey, planOf } from '../../src/engine/keyword-scan.js';

const CACHE = path.resolve(import.meta.dirname, '../../dist/bundle/cli.cjs.cache');
const registryKeywords = [...new Set(DETECTORS.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))].sort();
const registryAnchors = keywordAnchors(DETECTORS, registryKeywords);
const anchorSources = [...new Map(Object.values(registryAnchors).flat().map((a) => [`${a.flags}/${a.source}`, a])).values()];
/** Through JSON, as the table is written and read. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

t.test('every pattern and anchor of the registry comes back the same through the encoding', async (t) => {
  t.ok(TOKEN_FORMATS.length > 300 && anchorSources.length > 100, `${TOKEN_FORMATS.length} formats, ${anchorSources.length} anchors`);
  let anchored = 0;
  for (const format of TOKEN_FORMATS) {
    const anchor = workOutAnchor(format.pattern, format.keywords);
    if (anchor) anchored++;
    const back = REGEX_CODEC.decode(roundTrip(REGEX_CODEC.encode(anchor)));
    if (String(back) !== String(anchor)) t.fail(`${format.id}: ${String(back)} for ${String(anchor)}`);
  }
  t.ok(anchored > 200, `${anchored} formats have an anchor`);
  let stepped = 0;
  for (const { source, flags } of anchorSources) {
    const steps = stepsOf(source, flags);
    if (steps) stepped++;
    t.same(STEPS_CODEC.decode(roundTrip(STEPS_CODEC.encode(steps))), steps, `${flags}/${source}`);
  }
  t.ok(stepped > 50, `${stepped} anchors read as steps`);
  let planned = 0;
  for (const [keyword, anchors] of Object.entries(registryAnchors)) {
    const plan = planOf(anchors, keyword);
    if (plan.after) planned++;
    t.same(PLAN_CODEC.decode(roundTrip(PLAN_CODEC.encode(plan))), plan, `the byte search's plan for ${keyword}`);
  }
  t.ok(planned > 100, `${planned} keywords have every anchor read as steps`);
});

t.test("the build's table holds what the work gives, for each of its entries", { skip: !existsSync(CACHE) && 'no build' }, async (t) => {
  const file = readFileSync(CACHE);
  const tables = JSON.parse(file.toString('utf8', 68, 68 + file.readUInt32LE(64))) as Record<string, Record<string, unknown>>;
  const anchors = tables['patternAnchor']!;
  let checked = 0;
  for (const format of TOKEN_FORMATS) {
    const key = digestKey([format.pattern.flags, format.pattern.source, ...format.keywords]);
    if (!Object.hasOwn(anchors, key)) continue;
    checked++;
    t.equal(String(REGEX_CODEC.decode(anchors[key] as [string, string] | null)), String(workOutAnchor(format.pattern, format.keywords)), format.id);
  }
  t.equal(checked, Object.keys(anchors).length, 'every entry is a format of the registry');
  for (const [key, data] of Object.entries(tables['anchorSteps']!)) {
    const slash = key.indexOf('/');
    t.same(STEPS_CODEC.decode(data as Parameters<typeof STEPS_CODEC.decode>[0]), stepsOf(key.slice(slash + 1), key.slice(0, slash)), key);
  }
  t.same(Object.values(tables['keywordAnchors']!), [registryAnchors], "the registry's keyword anchors");
  // the byte search's plans, by keyword: each entry one of the registry's (the build's keywords hold their forms too)
  const plans = tables['byteAnchors']!;
  const shipped = keywordAnchors(DETECTORS, [...new Set(DETECTORS.flatMap((d) => d.keywords.flatMap(keywordForms)))].sort());
  let found = 0;
  for (const [keyword, anchors] of Object.entries(shipped)) {
    const key = planKey(keyword, anchors.map((a) => `${a.flags}/${a.source}`).join('\n'));
    if (!Object.hasOwn(plans, key)) continue;
    found++;
    t.same(PLAN_CODEC.decode(plans[key] as Parameters<typeof PLAN_CODEC.decode>[0]), planOf(anchors, keyword), `the plan for ${keyword}`);
  }
  t.ok(found > 20, `${found} plans`);
  t.equal(found, Object.keys(plans).length, "every plan is a keyword's of the registry");
});

t.test('the table is read where it holds the key, recorded only when asked', async (t) => {
  const slots = globalThis as Record<symbol, unknown>;
  t.teardown(() => void delete slots[PREPARED_SLOT]);
  const codec = { encode: (n: number) => String(n), decode: (s: string) => Number(s) };
  const before = { ...PREPARED_COUNTS };
  let worked = 0;
  const work = () => ++worked * 10;

  t.equal(prepared('t', 'a', work, codec), 10, 'no table: worked out');
  slots[PREPARED_SLOT] = { record: false, tables: { t: { a: '7' } } };
  t.equal(prepared('t', 'a', work, codec), 7, 'read from the table');
  t.equal(prepared('t', 'b', work, codec), 20, 'a key not in it: worked out');
  t.equal(prepared('other', 'a', work, codec), 30, 'nor in another table');
  const recording = { record: true, tables: {} as Record<string, Record<string, unknown>> };
  slots[PREPARED_SLOT] = recording;
  t.equal(prepared('t', 'a', work, codec), 40, 'recording: worked out');
  t.same(recording.tables, { t: { a: '40' } }, 'and written, encoded');
  t.same({ read: PREPARED_COUNTS.read - before.read, worked: PREPARED_COUNTS.worked - before.worked }, { read: 1, worked: 4 });
  t.equal(worked, 4);
});

t.test("a worker thread that does not load the bundle is given the tables it reads", async (t) => {
  const slots = globalThis as Record<symbol, unknown>;
  t.teardown(() => void delete slots[PREPARED_SLOT]);
  t.equal(preparedTables(['anchorSteps']), undefined, 'none to give without a table');
  slots[PREPARED_SLOT] = { record: true, tables: { anchorSteps: { a: 1 } } };
  t.equal(preparedTables(['anchorSteps']), undefined, 'nor while recording');
  slots[PREPARED_SLOT] = { record: false, tables: { anchorSteps: { a: 1 }, patternAnchor: { b: 2 } } };
  const given = preparedTables(['anchorSteps', 'keywordAnchors']);
  t.same(given, { anchorSteps: { a: 1 } }, 'the tables named, where there are some');

  // in the worker: read them, unless a table is there already (the bundle's own)
  delete slots[PREPARED_SLOT];
  readPreparedTables(given);
  const codec = { encode: (n: number) => n, decode: (n: number) => n };
  t.equal(prepared('anchorSteps', 'a', () => 99, codec), 1, 'read from the tables given');
  slots[PREPARED_SLOT] = { record: false, tables: {} };
  readPreparedTables(given);
  t.same(slots[PREPARED_SLOT], { record: false, tables: {} }, 'a table already there stays');
});
