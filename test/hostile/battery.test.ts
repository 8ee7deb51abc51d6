/**
 * The adversarial battery end to end: for every detector, a manifest whose value is 128 KB of that
 * detector's own anchors repeated (scripts/redos/adversarial.ts), where a rule that runs the
 * detector reads it. All of them are scanned by the built CLI in one run over a glob of target
 * folders (the scan spreads them over the cores), each streamed through the tokenizer; the run
 * must finish and report every manifest. How the work grows is checked by counting it in
 * redos.test.ts; this checks the whole path.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import type { Detector } from '../../src/types.js';
import { anchors, fill } from '../../scripts/redos/adversarial.js';
import { ROOT } from '../fixture-data.js';

// Light imports (no engine, no CLI in this process), so the timeout below is set soon.
const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
const STACK_FRAME = /^\s+at .+/m;

/**
 * 128 KB: eight times the longest span any detector looks at from a hit (its largest bounded
 * repetition, {n,16384}), so every detector meets its anchors far past its window, as at 1 MB;
 * growth with size is redos.test.ts' to count. The run still holds 43 MiB (past the 32 MiB,
 * PARALLEL_MIN_BYTES, from which the scan spreads over threads; 64 KB would be 21 MiB, one thread).
 * At 1 MB each manifest was also past the size from which a large run streams (1 MiB): `--stream`
 * keeps that path for every manifest.
 */
const SIZE = 128 * 1024;

/** A manifest with `value` where a rule that runs the detector reads it. */
function manifestFor(detector: Detector, value: string): Record<string, unknown> {
  const node = (kind: string, field: string) => ({ [`${kind}.a.b`]: { unique_id: `${kind}.a.b`, resource_type: kind, [field]: value } });
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', env: detector.id === 'secret-key-name' ? { DB_PASSWORD: value } : {} },
    nodes: detector.id === 'secret-key-name' || detector.id === 'signed-url' ? {} : node('model', 'compiled_code'),
    exposures: detector.id === 'signed-url' ? node('exposure', 'url') : {},
    sources: {},
    macros: {},
    docs: {},
    parent_map: {},
    child_map: {},
  };
}

// A guard against a hang, not a bound that is asserted: the scan of 43 MiB takes seconds.
t.setTimeout(900_000);

t.test(`every detector's anchors, ${SIZE / 1024} KB of them, through the CLI`, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dbt-tools-lint-battery-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const detector of DETECTORS) {
    const target = path.join(dir, detector.id, 'target');
    await mkdir(target, { recursive: true });
    files.push(path.join(target, 'manifest.json'));
    await writeFile(files.at(-1)!, JSON.stringify(manifestFor(detector, fill(anchors(detector), SIZE))));
  }
  // Asynchronously, so that tap hears from this process while the scan runs.
  const r = await new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    const args = [BIN, path.join(dir, '*', 'target'), '--format', 'json', '--no-progress', '--stream'];
    const child = execFile(process.execPath, args, { maxBuffer: 2 ** 30, env: { ...process.env, NO_COLOR: '1' } }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
    );
  });
  t.equal(r.signal, null, 'the run finishes');
  t.ok(r.code === 0 || r.code === 1, `exit 0 or 1 (${r.code}): ${r.stderr.split('\n')[0]}`);
  t.notMatch(r.stderr, STACK_FRAME, 'no stack trace');
  let report: { exitCode: number; summary: { artifacts: { file: string }[]; filesScanned: number }; findings: { detectorId: string; file: string }[] } | undefined;
  t.doesNotThrow(() => (report = JSON.parse(r.stdout)), 'the report is JSON');
  if (!report) return;
  t.equal(report.exitCode, r.code);
  t.same(report.summary.artifacts.map((a) => path.resolve(a.file)).sort(), [...files].sort(), `every manifest (${files.length}) is in the report`);
  const byDetector = new Map<string, number>();
  for (const f of report.findings) byDetector.set(f.detectorId, (byDetector.get(f.detectorId) ?? 0) + 1);
  t.comment(`${report.findings.length} findings: ${[...byDetector].map(([id, n]) => `${id} ×${n}`).join(', ')}`);
});
