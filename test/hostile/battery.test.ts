/**
 * The adversarial battery end to end: for every detector, a manifest whose value is 1 MB of that
 * detector's own anchors repeated (scripts/redos/adversarial.ts), where a rule that runs the
 * detector reads it. All of them are scanned by the built CLI in one run over a glob of target
 * folders (the scan spreads them over the cores); the run must finish and report every manifest.
 * How the work grows is checked by counting it in redos.test.ts; this checks the whole path.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import type { Detector } from '../../src/types.js';
import { anchors, fill } from '../../scripts/redos/adversarial.js';
import { manifest } from '../helpers.js';
import { BIN, scratch, STACK_FRAME } from './harness.js';

const SIZE = 1024 * 1024;

/** Where a rule that runs the detector reads a value. */
function manifestFor(detector: Detector, value: string): Record<string, unknown> {
  if (detector.id === 'secret-key-name') return manifest({}, { DB_PASSWORD: value });
  if (detector.id === 'signed-url') return manifest({ exposures: { 'exposure.a.b': { unique_id: 'exposure.a.b', resource_type: 'exposure', url: value } } });
  return manifest({ nodes: { 'model.a.b': { unique_id: 'model.a.b', resource_type: 'model', compiled_code: value } } });
}

// A guard against a hang, not a bound that is asserted: the scan of ~100 MB takes seconds.
t.setTimeout(900_000);

t.test(`every detector's anchors, 1 MB of them, through the CLI`, async (t) => {
  const { dir } = scratch();
  const files: string[] = [];
  for (const detector of DETECTORS) {
    const target = path.join(dir, detector.id, 'target');
    await mkdir(target, { recursive: true });
    files.push(path.join(target, 'manifest.json'));
    await writeFile(files.at(-1)!, JSON.stringify(manifestFor(detector, fill(anchors(detector), SIZE))));
  }
  // Asynchronously, so that tap hears from this process while the scan runs.
  const r = await new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    const args = [BIN, path.join(dir, '*', 'target'), '--format', 'json', '--no-progress'];
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
