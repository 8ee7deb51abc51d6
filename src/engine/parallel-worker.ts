/** A scan worker of scanInParallel: scans whole directories with the same rules as the main thread. */
import { SourceFiles } from '../artifacts/project.js';
import { shareSlowHashes } from '../findings/fingerprint.js';
import { plainFinding } from '../findings/record.js';
import type { Suppressor, SuppressionInput } from '../findings/suppress.js';
import { STORE_TUNING } from '../findings/store.js';
import { compilePortable } from './compile.js';
import { scanUnit, type PostedUnit, type UnitReply, type WorkerSetup } from './parallel.js';
import { DEFAULT_MAX_FILE_SIZE, scanOne } from './scan.js';
import type { WalkStats } from './walk.js';
import { ManifestNodes } from './manifest-nodes.js';
import { serveSync, startedAs, tick, workerInput } from './worker-sync.js';

/** Serve scanInParallel's requests in this thread (a worker started from this module, or from the bundle by name: see worker-entries.ts). */
export function serveParallelWorker(): void {
  const { setup } = workerInput<{ setup: WorkerSetup }>();
  const compiled = compilePortable(setup);
  shareSlowHashes(setup.slowHashes);
  const sources = new SourceFiles();
  // an artifact's findings leave as plain copies as soon as it is scanned: no spill file for them here
  STORE_TUNING.memoryBytes = Infinity;

  const claims = new Int32Array(setup.claims);
  serveSync((unit: PostedUnit): { reply: UnitReply } => {
    // the main thread took it back meanwhile (see scanInParallel's steal)
    if (Atomics.compareExchange(claims, unit.unit, 0, 1) !== 0) return { reply: { results: [], asked: [], values: 0, skipped: true } };
    const asked: SuppressionInput[] = [];
    // suppression happens in the main thread, which has the suppressor: note what it will be asked
    const recorder: Suppressor = (input) => void asked.push(input);
    const stats: WalkStats = { values: 0 };
    const manifestNodes = new ManifestNodes();
    const options = {
      paths: [],
      suppressor: recorder,
      sources,
      maxFileSize: setup.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      jobs: 1,
      ...(setup.salt ? { salt: setup.salt } : {}),
      ...(setup.projectDir ? { projectDir: setup.projectDir } : {}),
      ...(setup.stream !== undefined ? { stream: setup.stream } : {}),
      ...(setup.streamFromBytes !== undefined ? { streamFromBytes: setup.streamFromBytes } : {}),
    };
    const result = scanUnit(unit, (file, required) => {
      // a copy across threads keeps own data properties only: findings go as plain objects
      const artifacts = scanOne(file, required, compiled, options, stats, manifestNodes).map((a) => ({ ...a, findings: a.findings.map(plainFinding) }));
      tick();
      return artifacts;
    });
    return { reply: { ...result, asked, values: stats.values } };
  });
}

// started as a module of its own (see worker-sync.ts)
if (startedAs(import.meta.url)) serveParallelWorker();
