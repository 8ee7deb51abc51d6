/**
 * The streaming walk warms up once per thread (stream-walk.ts, warmUp): the tokenizer and the walk
 * read a small text with every token, separator and window cut before the first file, so that V8
 * has seen all their paths when it optimizes them for a large one. Counted, not timed: the
 * functions V8 sends back from optimized code while a streamed manifest is read.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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

t.test("a line break or a window's end met late in a streamed file sends none of the walk's functions back to be optimized again", async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'manifest.json');
  indentedLate(file);
  const r = spawnSync(process.execPath, ['--trace-deopt', path.join(ROOT, 'bin/dbt-tools-lint.js'), file, '--jobs', '1', '--format', 'json', '--output', path.join(dir, 'report.json'), '--fail-on', 'none'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    maxBuffer: 64 << 20,
  });
  t.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { summary: { filesScanned: number; stringsScanned: number } };
  t.equal(report.summary.filesScanned, 1);
  t.ok(report.summary.stringsScanned > 50_000, `${report.summary.stringsScanned} strings read`);
  // V8's trace names each function it sends back: these are the tokenizer's and the walk's (names used nowhere else on this path)
  const sentBack = [...r.stdout.matchAll(/bailout \(kind: [^,]*, reason: ([^)]*)\).*?<JSFunction (\w+) /g)].map((m) => `${m[2]} (${m[1]})`);
  const walkers = sentBack.filter((s) => /^(element|string|keyString|rememberKey|scanLiteral|closeContainer|open) /.test(s) && !s.startsWith('closeContainer (out of bounds)'));
  t.strictSame(walkers, [], `none of the walk's functions among the ${sentBack.length} sent back`);
});
