/**
 * target/partial_parse.msgpack: found in a target folder, read as dbt's Manifest, scanned with the
 * manifest's rules and env-metadata on env_vars; findings point at bytes of the file. Broken files
 * are one line on exit 2 that names the file and never quotes it; memory grows with the file.
 */
import { mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { decodeMsgpack } from '../src/artifacts/msgpack.js';
import { scan } from '../src/engine/scan.js';
import { encodeMsgpack, MsgpackExt } from '../scripts/fixtures/msgpack-encode.js';
import { type Expected, generateFixtures, PARTIAL_PARSE_FIXTURE } from '../scripts/generate-fixtures.js';
import { runCli } from './cli-run.js';
import { LEAKY, ROOT } from './fixture-data.js';
import { FUNCTIONS_AND_DISABLED_SECRETS, functionsAndDisabledManifest, manifest, tempDir } from './helpers.js';
import type { Finding } from '../src/types.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SAMPLE = path.join(ROOT, 'fixtures', PARTIAL_PARSE_FIXTURE);
const bytesAt = (file: string, offset: number, length: number) => readFileSync(file).toString('utf8', offset, offset + length);

/** A partial_parse.msgpack in a fresh target folder. */
function writeMsgpack(doc: unknown, name = 'partial_parse.msgpack'): string {
  const dir = path.join(tempDir(), 'target');
  mkdirSync(dir);
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.isBuffer(doc) ? doc : encodeMsgpack(doc));
  return file;
}

t.test('the bundled sample: every planted secret at its bytes, by its rule, decoys silent, and up to date', async (t) => {
  const expected = JSON.parse(readFileSync(path.join(SAMPLE, 'expected.json'), 'utf8')) as Expected;
  const { findings, summary } = scan({ paths: [path.join(SAMPLE, 'target')] });
  t.same(summary.artifacts.map((a) => a.kind), ['partial-parse']);
  const shown = findings.map((f) => ({ file: path.relative(SAMPLE, f.file), pointer: f.jsonPointer, secret: bytesAt(f.file, f.charOffset, f.charLength), rule: f.ruleId }));
  t.same(shown.sort((a, b) => a.pointer.localeCompare(b.pointer)), expected.secrets.map(({ kind: _, ...s }) => s).sort((a, b) => a.pointer.localeCompare(b.pointer)));
  t.ok(expected.decoys.length >= 6 && expected.secrets.length >= 4);
  const dir = tempDir('fixtures-pp-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  generateFixtures(dir);
  for (const rel of ['target/partial_parse.msgpack', 'expected.json']) {
    t.ok(readFileSync(path.join(dir, PARTIAL_PARSE_FIXTURE, rel)).equals(readFileSync(path.join(SAMPLE, rel))), `${rel} is up to date (npm run fixtures)`);
  }
});

t.test('holds what its manifest.json holds: the same findings at the same paths, and env_vars', async (t) => {
  const doc = JSON.parse(readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const env_vars = { DBT_TARGET: 'prod', SCHEMA: 'analytics', SNOWFLAKE_USER: 'loader', SNOWFLAKE_PASSWORD: 'Zq8-vLw3xKt9pR2', API_TOKEN: '<your-token>' };
  const file = writeMsgpack({ ...doc, env_vars, files: {}, created_at: new MsgpackExt(-1, Buffer.alloc(8)), blob: Buffer.from('x') });
  const key = (f: { jsonPath: string; ruleId: string; detectorId: string; uniqueId?: string }) => `${f.jsonPath} ${f.ruleId}/${f.detectorId} ${f.uniqueId ?? ''}`;
  const fromJson = scan({ paths: [path.join(LEAKY, 'target', 'manifest.json')] }).findings.map(key).sort();
  const fromMsgpack = scan({ paths: [file] }).findings;
  t.same(fromMsgpack.map(key).sort(), [...fromJson, "$.env_vars.SNOWFLAKE_PASSWORD env-metadata/secret-key-name "].sort());
  t.ok(fromJson.length > 50);
  const bytes = readFileSync(file);
  for (const f of fromMsgpack) {
    t.equal(f.artifactKind, 'partial-parse');
    t.same(f.start, { line: 1, column: f.charOffset + 1 });
    t.ok(f.charOffset > 0 && f.charOffset + f.charLength <= bytes.length, `${f.jsonPath} lies in the file`);
  }
  const env = fromMsgpack.find((f) => f.jsonPath === '$.env_vars.SNOWFLAKE_PASSWORD')!;
  t.equal(bytesAt(file, env.charOffset, env.charLength), 'Zq8-vLw3xKt9pR2');
});

t.test("functions' config, meta and argument defaults, and disabled resources, as in manifest.json (red team 96)", async (t) => {
  const file = writeMsgpack(functionsAndDisabledManifest());
  const found = scan({ paths: [file] }).findings;
  t.same(found.map((f) => `${f.ruleId} ${f.jsonPath}`).sort(), FUNCTIONS_AND_DISABLED_SECRETS.map((p) => `config-meta ${p}`));
  const argument = found.find((f) => f.jsonPath === "$.functions['function.p.geo_lookup'].arguments[0].default_value")!;
  t.equal(bytesAt(file, argument.charOffset, argument.charLength), 'key-3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e');
});

t.test('text and SARIF show the byte offset; no format prints the secret', async (t) => {
  const file = writeMsgpack({ ...manifest({}), env_vars: { DBT_TARGET: 'prod', SNOWFLAKE_PASSWORD: 'Zq8-vLw3xKt9pR2 é' } });
  const offset = readFileSync(file).indexOf('Zq8-vLw3xKt9pR2');
  const text = await runCli([path.dirname(file), '--format', 'text']);
  t.equal(text.code, 1, text.stderr);
  t.match(text.stdout, new RegExp(`byte ${offset}\\s+error\\s+Secret in dbt env metadata`));
  const sarif = await runCli([file, '--format', 'sarif']);
  const result = JSON.parse(sarif.stdout).runs[0].results[0];
  t.same(result.locations[0].physicalLocation.region, { byteOffset: offset, byteLength: Buffer.byteLength('Zq8-vLw3xKt9pR2 é') });
  // JSON: the same offset under names that say bytes; a text artifact's findings have none
  const json = await runCli([file, path.join(LEAKY, 'target', 'manifest.json'), '--format', 'json']);
  const findings = JSON.parse(json.stdout).findings as Finding[];
  const env = findings.find((f) => f.artifactKind === 'partial-parse')!;
  t.match(env, { charOffset: offset, byteOffset: offset, byteLength: Buffer.byteLength('Zq8-vLw3xKt9pR2 é') });
  const inText = findings.filter((f) => f.artifactKind === 'manifest');
  t.ok(inText.length > 0 && inText.every((f) => !('byteOffset' in f) && !('byteLength' in f)), 'no byte fields on a text artifact');
  for (const out of [text.stdout, sarif.stdout, json.stdout]) t.notMatch(out, /Zq8-vLw3xKt9pR2/);
});

t.test('broken and hostile files: exit 2, one line naming the file, never its bytes', async (t) => {
  const secret = 'hunter2-Zq8vLw3xKt9';
  const deep = Buffer.concat([Buffer.alloc(1_000_000, 0x91), Buffer.of(0xc0)]);
  const cases: [string, Buffer, RegExp][] = [
    ['JSON, not MessagePack', Buffer.from(JSON.stringify({ password: secret })), /invalid MessagePack: .* at byte offset \d+$/],
    ['a 4 GiB string declared', Buffer.concat([Buffer.of(0x81, 0xa1, 0x61, 0xdb, 0xff, 0xff, 0xff, 0xff), Buffer.from(secret)]), /declared length of 4294967295 bytes runs past the end of the file at byte offset 3$/],
    ['a 4 G-entry array declared', Buffer.of(0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0), /declared count of 4294967295 entries/],
    ['a million levels of arrays', deep, /not a dbt artifact: the top-level MessagePack value is not a map$/],
    ['a map that is no manifest', encodeMsgpack({ env_vars: { DB_PASSWORD: secret } }), /not a dbt artifact: not the shape of dbt's partial-parse manifest/],
    ['empty', Buffer.alloc(0), /empty file, expected dbt's partial-parse manifest/],
  ];
  for (const [what, bytes, message] of cases) {
    const file = writeMsgpack(bytes);
    const r = await runCli([path.dirname(file)]);
    t.equal(r.code, 2, what);
    t.equal(r.stderr.trimEnd().split('\n').length, 1, `${what}: one line`);
    t.match(r.stderr, file, `${what}: names the file`);
    t.match(r.stderr.trimEnd(), message, what);
    t.notMatch(r.stderr + r.stdout, /hunter2/, `${what}: no input quoted`);
  }
  // the last entry's value, nil, becomes [[[…]]] a million levels deep
  const lastIsNil = encodeMsgpack({ ...manifest({}), env_vars: {}, deep: null });
  const r = await runCli([writeMsgpack(Buffer.concat([lastIsNil.subarray(0, -1), deep]))]);
  t.equal(r.code, 0, `a manifest with a million levels inside is scanned: ${r.stderr}`);
  const nested = writeMsgpack(lastIsNil);
  const limited = await runCli([nested, '--max-file-size', '10']);
  t.equal(limited.code, 2);
  t.match(limited.stderr, /over the --max-file-size limit of 10 bytes/);
  // a sparse file past the decoder's limit: refused by its size, before a byte is read
  const huge = writeMsgpack(Buffer.alloc(0));
  truncateSync(huge, 512 * 1024 * 1024 + 1);
  const tooLarge = await runCli([huge]);
  t.equal(tooLarge.code, 2);
  t.match(tooLarge.stderr, /partial_parse\.msgpack: 536870913 bytes is over the 536870912 bytes \(512 MiB\) a partial_parse\.msgpack may have: it is decoded in memory, not streamed\n$/);
});

t.test('a file cut short is read up to its cut, as a JSON artifact is: its findings, then one line that it is not whole, exit 2 (red team 80)', async (t) => {
  const early = 'Tr0ub4dor&3xQ!-Lw9';
  const late = 'hunter2-Zq8vLw3xKt9';
  const whole = encodeMsgpack({ ...manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: early }), env_vars: { DB_PASSWORD: late } });
  const file = writeMsgpack(whole.subarray(0, whole.length - 5));
  const r = await runCli([file, '--format', 'json']);
  t.equal(r.code, 2, 'the cut fails the run');
  const findings = (JSON.parse(r.stdout) as { findings: { jsonPointer: string; byteOffset: number; charLength: number }[] }).findings;
  const early_ = findings.find((f) => f.jsonPointer === '/metadata/env/DBT_ENV_CUSTOM_ENV_DB_PASSWORD');
  t.ok(early_, 'the secret before the cut is reported');
  t.equal(readFileSync(file).toString('utf8', early_!.byteOffset, early_!.byteOffset + early_!.charLength), early, 'at its bytes');
  t.match(r.stderr, /partial_parse\.msgpack: not a whole dbt artifact: invalid MessagePack: a declared length of 19 bytes runs past the end of the file at byte offset \d+ \(truncated file\?\); what it holds was read\n$/);
  t.notMatch(r.stdout + r.stderr, /hunter2-Zq8v|Tr0ub4dor/, 'no secret printed');
  // every cut: a tree of what is before it, never an error for the cut itself; the early secret once its bytes are whole
  const at = whole.indexOf(Buffer.from(early));
  let read = 0;
  for (let cut = 1; cut < whole.length; cut++) {
    const document = decodeMsgpack(whole.subarray(0, cut), true) as { metadata?: { env?: Record<string, string> } } | undefined;
    const value = document?.metadata?.env?.DBT_ENV_CUSTOM_ENV_DB_PASSWORD;
    if (cut >= at + early.length) read += value === early ? 1 : 0;
    else if (value !== undefined && !early.startsWith(value)) t.fail(`cut at ${cut}: ${value.length} characters that are not the secret's start`);
  }
  t.equal(read, whole.length - at - early.length, 'the whole secret in every cut after it');
  // a cut inside a character: the string up to the last whole one
  const city = encodeMsgpack({ ...manifest({}, { DBT_ENV_CUSTOM_ENV_NOTE: 'Paßwort-東京' }) });
  const inside = city.indexOf(Buffer.from('東')) + 2;
  const cutCity = decodeMsgpack(city.subarray(0, inside), true) as { metadata: { env: Record<string, string> } };
  t.equal(cutCity.metadata.env.DBT_ENV_CUSTOM_ENV_NOTE, 'Paßwort-', 'the character the cut split is left out');
  // damage after a count the bytes cannot hold (a bit flipped: a map of 2^32 - 1 entries, then 0xc1): the first error is said,
  // as before, and the manifest beside it is reported (red team 81: an internal error that hid every finding)
  const flipped = writeMsgpack(Buffer.of(0xdf, 0xff, 0xff, 0xff, 0xff, 0xc1));
  writeFileSync(path.join(path.dirname(flipped), 'manifest.json'), JSON.stringify(manifest({}, { DBT_ENV_CUSTOM_ENV_DB_PASSWORD: early })));
  const damaged = await runCli([path.dirname(flipped), '--format', 'json']);
  t.equal(damaged.code, 2);
  t.match(damaged.stderr, /partial_parse\.msgpack: invalid MessagePack: a declared count of 4294967295 entries runs past the end of the file at byte offset 0\n$/);
  t.equal((JSON.parse(damaged.stdout) as { findings: unknown[] }).findings.length, 1, "the manifest's finding");
  // not dbt's: the cut read changes nothing, the damage is said as before
  const other = await runCli([writeMsgpack(encodeMsgpack({ env_vars: { DB_PASSWORD: late }, rest: 'x'.repeat(40) }).subarray(0, 30))]);
  t.equal(other.code, 2);
  t.match(other.stderr, /invalid MessagePack: .*runs past the end of the file at byte offset \d+\n$/);
});

t.test('memory: the decoded tree grows with the file, a few times its size', async (t) => {
  const held = (models: number) => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < models; i++) {
      const id = `model.shop.orders_${i}`;
      nodes[id] = { unique_id: id, resource_type: 'model', config: { materialized: 'table', meta: { owner: `team-${i % 7}` } }, tags: ['nightly'], compiled_code: `select ${i} as id, amount from raw.orders_${i}\n`.repeat(40) };
    }
    const bytes = encodeMsgpack({ ...manifest({ nodes }), env_vars: { DBT_TARGET: 'prod' } });
    gc();
    const before = process.memoryUsage().heapUsed;
    const doc = decodeMsgpack(bytes);
    gc();
    const heap = process.memoryUsage().heapUsed - before;
    t.ok(doc);
    return { bytes: bytes.length, heap };
  };
  const small = held(2_000);
  const large = held(8_000);
  t.ok(large.bytes > 3.9 * small.bytes, `four times the file (${small.bytes} -> ${large.bytes} bytes)`);
  t.ok(large.heap < 3 * large.bytes, `heap held ${large.heap} bytes for ${large.bytes} bytes of MessagePack`);
  t.ok(large.heap / large.bytes < 1.5 * (small.heap / small.bytes) + 0.5, `heap per byte does not grow with the file (${(small.heap / small.bytes).toFixed(2)} -> ${(large.heap / large.bytes).toFixed(2)})`);
  t.ok(statSync(SAMPLE).isDirectory());
});
