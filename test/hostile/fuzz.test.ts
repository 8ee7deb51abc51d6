/**
 * Fuzz: 500 deterministic mutations of the committed fixtures, with canaries planted
 * first, run in-process through main(). Every run must exit 0, 1 or 2, print no stack trace and no
 * internal error, leak no canary, and say a failure in one line. (A hang ends in the test's
 * timeout; how work grows with input is checked by counting it, in redos.test.ts.)
 * FUZZ_SEED and FUZZ_RUNS override the defaults to explore further: the seed is fixed, so each CI
 * run replays the same mutations, and more of them buy CPU, not news (1,500 runs, the default
 * until session 76, took 41 s of CPU, the fifth-heaviest file of the suite; 500 pass through every
 * mutation and fixture several times).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { ROOT } from '../fixture-data.js';
import { dbtJson } from '../helpers.js';
import { leakedCanaries, plantCanaries } from './canaries.js';
import { runCli, scratch, STACK_FRAME } from './harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? fixtureFiles(full) : name.endsWith('.json') && full.includes(`${path.sep}target`) ? [full] : [];
  });
}

/** The fixtures' artifacts, canaries planted, as dbt writes them. */
const BASES = fixtureFiles(path.join(ROOT, 'fixtures')).map((file) => ({
  name: path.basename(file),
  bytes: Buffer.from(dbtJson(plantCanaries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>))),
}));

type Mutation = (input: Buffer, rand: () => number, other: Buffer) => Buffer;

const at = (rand: () => number, n: number) => Math.floor(rand() * n);
const insert = (b: Buffer, i: number, s: string | Buffer) => Buffer.concat([b.subarray(0, i), Buffer.from(s), b.subarray(i)]);

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (b, rand) => {
    const out = Buffer.from(b);
    for (let k = 1 + at(rand, 8); k > 0; k--) out[at(rand, out.length)] = at(rand, 256);
    return out;
  },
  'ASCII flips': (b, rand) => {
    const out = Buffer.from(b);
    const chars = '{}[]":,\\ 0e-+tfn\n';
    for (let k = 1 + at(rand, 4); k > 0; k--) out[at(rand, out.length)] = chars.charCodeAt(at(rand, chars.length));
    return out;
  },
  truncation: (b, rand) => b.subarray(0, at(rand, b.length)),
  'splice of two artifacts': (b, rand, other) => Buffer.concat([b.subarray(0, at(rand, b.length)), other.subarray(at(rand, other.length))]),
  'deep nesting': (b, rand) => {
    const depth = 1 + at(rand, 60_000);
    const [open, close] = rand() < 0.5 ? ['[', ']'] : ['{"a": ', '}'];
    const nest = `${open.repeat(depth)}1${rand() < 0.7 ? close.repeat(depth) : ''}`;
    const member = b.indexOf(', "', at(rand, b.length));
    return member < 0 ? b : insert(b, member + 2, `"deep": ${nest}, `);
  },
  'quotes and backslashes': (b, rand) => {
    let out = b;
    const bits = ['"', '\\', '\\u', '\\"', '\\\\', '\\ud800', '\u0000', '\n'];
    for (let k = 1 + at(rand, 4); k > 0; k--) out = insert(out, at(rand, out.length), bits[at(rand, bits.length)]!);
    return out;
  },
  'duplicate key': (b, rand) => {
    const key = b.indexOf('": ', at(rand, b.length));
    const start = key < 0 ? -1 : b.lastIndexOf('"', key - 1);
    return start < 0 ? b : insert(b, start, Buffer.concat([b.subarray(start, key + 3), Buffer.from('null, ')]));
  },
  'odd numbers': (b, rand) => {
    const numbers = ['1e999', '-1e999', 'NaN', 'Infinity', '1e-999', '-0', '0.0000000000000000000001', '123456789012345678901234567890', '1.', '01', '.5', '+1'];
    const colon = b.indexOf(': ', at(rand, b.length));
    return colon < 0 ? b : insert(b, colon + 2, `${numbers[at(rand, numbers.length)]}, "z": `);
  },
  'a range deleted': (b, rand) => {
    const i = at(rand, b.length);
    return Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + at(rand, 200)))]);
  },
  'a BOM, or UTF-16': (b, rand) => {
    const r = rand();
    if (r < 0.4) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
    if (r < 0.7) return Buffer.from(b.toString('utf8'), 'utf16le');
    return Buffer.concat([Buffer.from(b.subarray(0, at(rand, b.length))), Buffer.from([0xc3]), b.subarray(at(rand, b.length))]);
  },
  'wrong types': (b, rand) => {
    const swaps: [string, string][] = [['{', '['], ['}', ']'], ['"env": {', '"env": ['], ['"nodes": {', '"nodes": "x", "y": {'], ['"results": [', '"results": {"a": ['], [': "', ': ["'], [': {', ': [{']];
    const [from, to] = swaps[at(rand, swaps.length)]!;
    const i = b.indexOf(from, at(rand, b.length));
    return i < 0 ? b : Buffer.concat([b.subarray(0, i), Buffer.from(to), b.subarray(i + from.length)]);
  },
};

// About 10 s alone, more on a loaded machine: a guard against a hang, not a bound.
t.setTimeout(900_000);

t.test(`fuzz: ${RUNS} mutations of the fixtures (seed ${SEED})`, async (t) => {
  const rand = prng(SEED);
  const names = Object.keys(MUTATIONS);
  const failures: string[] = [];
  const outcomes = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
  const { dir } = scratch();
  const started = performance.now();
  let slowest = 0;
  for (let run = 0; run < RUNS; run++) {
    const base = BASES[at(rand, BASES.length)]!;
    const other = BASES[at(rand, BASES.length)]!;
    const kind = names[at(rand, names.length)]!;
    let bytes = MUTATIONS[kind]!(base.bytes, rand, other.bytes);
    if (rand() < 0.2) bytes = MUTATIONS[names[at(rand, names.length)]!]!(bytes, rand, other.bytes);
    const file = path.join(dir, base.name);
    writeFileSync(file, bytes);
    const format = ['text', 'json', 'sarif', 'github'][at(rand, 4)]!;
    const args = [file, '--format', format, ...(rand() < 0.3 ? ['--include-suppressed'] : [])];
    const t0 = performance.now();
    const r = await runCli(args);
    const ms = performance.now() - t0;
    slowest = Math.max(slowest, ms);
    const problems = [
      ![0, 1, 2].includes(r.code) && `exit ${r.code}`,
      (STACK_FRAME.test(r.stderr) || STACK_FRAME.test(r.stdout)) && 'a stack trace',
      /internal error/.test(r.stderr) && 'an internal error',
      r.code === 2 && r.stderr.trim().split('\n').length !== 1 && 'more than one line on stderr',
      leakedCanaries(r.stdout + r.stderr).length > 0 && `a canary (${leakedCanaries(r.stdout + r.stderr).join(', ')})`,
    ].filter(Boolean);
    outcomes[r.code] = (outcomes[r.code] ?? 0) + 1;
    if (problems.length > 0) {
      failures.push(`run ${run} (${kind} of ${base.name}): ${problems.join('; ')} — ${r.stderr.split('\n')[0]}`);
      writeFileSync(path.join(dir, `failure-${run}.json`), bytes);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  t.comment(`${RUNS} runs in ${seconds.toFixed(1)} s (slowest ${Math.round(slowest)} ms): exit 0 ×${outcomes[0]}, 1 ×${outcomes[1]}, 2 ×${outcomes[2]}`);
  t.same(failures.slice(0, 20), [], `every run is clean (inputs of failures kept in ${dir})`);
  t.ok(outcomes[1]! > 0 && outcomes[2]! > 0, 'the mutations reach both the scanner and the error paths');
});
