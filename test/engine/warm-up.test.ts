/**
 * The streaming walk warms up once per thread (stream-walk.ts, warmUp): the tokenizer and the walk
 * read a small text with every token, separator and window cut before the first file, so that V8
 * has seen all their paths when it optimizes them for a large one. Counted, not timed: the
 * functions V8 sends back from optimized code while a streamed manifest is read.
 */
import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A streamed manifest (over 8 MiB): the sample's nodes under new ids, written as dbt writes them
 * (`", "`, `": "`) for three quarters, then indented with line breaks, as a tool that rewrites
 * a manifest does.
 */
function indentedLate(file: string): void {
  const sample = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/jaffle-shop-clean/target/manifest.json'), 'utf8')) as Record<string, unknown>;
  const { nodes, ...rest } = sample as { nodes: Record<string, Record<string, unknown>> };
  const entries = Object.entries(nodes);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const [id, node] = entries[i % entries.length]!;
    const copy = { ...node, unique_id: `${id}_${i}` };
    const part = `${JSON.stringify(copy.unique_id)}: ${size > 7.5 * 1024 * 1024 ? JSON.stringify(copy, null, 2) : JSON.stringify(copy)}`;
    parts.push(part);
    size += part.length;
  }
  writeFileSync(file, `{"nodes": {${parts.join(', ')}}, ${JSON.stringify(rest).slice(1)}`);
}

/** A streamed scan of `targets` (one thread) under V8's trace: each function sent back from optimized code, as `name (reason) @offset`. */
function sentBack(t: Test, dir: string, targets: string[]): string[] {
  const r = spawnSync(process.execPath, ['--trace-deopt', path.join(ROOT, 'bin/dbt-tools-lint.js'), ...targets, '--jobs', '1', '--format', 'json', '--output', path.join(dir, 'report.json'), '--fail-on', 'none'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    maxBuffer: 64 << 20,
  });
  t.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { summary: { filesScanned: number; stringsScanned: number } };
  t.equal(report.summary.filesScanned, targets.length);
  t.ok(report.summary.stringsScanned > 50_000 * targets.length, `${report.summary.stringsScanned} strings read`);
  // V8's trace names each function it sends back, and the place in it
  return [...r.stdout.matchAll(/bailout \(kind: [^,]*, reason: ([^)]*)\).*?<JSFunction (\w+) .*?bytecode offset (\d+)/g)].map((m) => `${m[2]} (${m[1]}) @${m[3]}`);
}

let manifest: string | undefined;

/** The manifest of indentedLate in a folder of the test's own (written once, copied). */
function streamedManifest(t: Test): string {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  if (!manifest) indentedLate((manifest = path.join(tempDir(), 'manifest.json')));
  const file = path.join(dir, 'manifest.json');
  copyFileSync(manifest, file);
  return file;
}

t.test("a line break or a window's end met late in a streamed file sends none of the walk's functions back to be optimized again", async (t) => {
  const file = streamedManifest(t);
  const back = sentBack(t, path.dirname(file), [file]);
  // these are the tokenizer's and the walk's (names used nowhere else on this path)
  const walkers = back.filter((s) => /^(element|string|keyString|rememberKey|scanLiteral|closeContainer|open) /.test(s));
  t.strictSame(walkers, [], `none of the walk's functions among the ${back.length} sent back`);
  // The keyword search's loop is compiled while it runs, in the first long range: code after it that had never run
  // sent the compiled loop back at its end, in that range and in each of a few dozen after (V8 entered the same
  // compiled loop again), until the function was compiled anew
  const searches = back.filter((s) => /^(scan|scanParts|scanRange) /.test(s));
  t.ok(searches.every((s, i) => searches.indexOf(s) === i), `the keyword search sent back at one place at most once: ${searches.join(', ')}`);
});

t.test("the walk's lists (the tokenizer's key tables, the walk's frames and collections) send none of its functions back, file after file", async (t) => {
  // each file's walk makes its lists anew: one read past a list's end, a hole, or a list of numbers given its first
  // object sent back the compiled walk at each of the first few files (each function, once, then compiled again)
  const files = [streamedManifest(t), streamedManifest(t), streamedManifest(t)];
  const back = sentBack(t, path.dirname(files[0]!), files);
  const lists = back.filter((s) => /^(run|open|close|closeContainer|rememberKey|releaseWindow|tableAt|element|key|string) \((out of bounds|not a Smi|wrong map|hole)\)/.test(s));
  t.strictSame(lists, [], `none among the ${back.length} sent back`);
});
