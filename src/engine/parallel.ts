/**
 * Many artifacts (an archive of runs, a glob over hundreds of target folders) on every core:
 * worker threads scan whole directories — a directory's manifest before its run results, as in
 * the serial scan, so those get their source files and meta suppressions — while this thread
 * scans the smallest ones itself. Results are put back in candidate order, so the report is the
 * serial scan's, byte for byte.
 *
 * Suppressors are functions (allowlist, baseline, or any the API caller passes): they cannot
 * cross to a worker. Workers return what a suppressor is asked, and suppression happens here.
 */
import { artifactSize } from '../sources/index.js';
import { availableParallelism } from 'node:os';
import type { Candidate } from '../artifacts/discover.js';
import { homeDir } from '../artifacts/text-files.js';
import { ConfigError, InputError, UsageError } from '../errors.js';
import type { SuppressionInput, Suppressor } from '../findings/suppress.js';
import type { ScanOptions, ScannedArtifact } from './scan.js';
import type { WalkStats } from './walk.js';
import { portableRules, type PortableRules } from './compile.js';
import { shareSlowHashes } from '../findings/fingerprint.js';
import { isFailure, SyncWorkers, type WorkerFailure } from './worker-sync.js';

/** Below this much data, starting workers (each loads the engine) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Units queued at each worker: it goes on with the next while this thread scans one of its own
 * (with 2, a worker sat idle for a sixth of a 200-folder run: 2.3 s; with 4, 2.1 s).
 */
const IN_FLIGHT = 4;

/** Units this thread took back from a worker's queue (for tests). */
export const PARALLEL_COUNTS = { takenBack: 0 };

/** What a worker needs to scan as this thread does: plain data only. */
export interface WorkerSetup extends PortableRules {
  maxFileSize: number | undefined;
  salt: string | undefined;
  projectDir: string | undefined;
  stream: boolean | undefined;
  streamFromBytes: number | undefined;
  /** The slow hashes every thread reads and writes (see shareSlowHashes). */
  slowHashes: SharedArrayBuffer;
  /** One Int32 per unit: 0 until a thread takes it, then 1 (a worker) or 2 (this thread, see scanInParallel). */
  claims: SharedArrayBuffer;
}

export interface UnitRequest {
  candidates: { index: number; file: string; required: boolean }[];
}

/** A unit posted to a worker: its slot in WorkerSetup.claims too. */
export interface PostedUnit extends UnitRequest {
  unit: number;
}

export interface UnitReply {
  /** Each candidate's artifacts, or the input error that made it unreadable (the unit carries on past one). */
  results: { index: number; artifacts: ScannedArtifact[]; unreadable?: string }[];
  /** What the suppressor was asked, for each finding. */
  asked: SuppressionInput[];
  values: number;
  error?: { index: number; name: string; message: string; stack: string | undefined };
  /** This thread took the unit before the worker came to it (see scanInParallel): nothing scanned. */
  skipped?: boolean;
}

type Scanner = (unit: UnitRequest, suppressor: Suppressor, stats: WalkStats) => Pick<UnitReply, 'results' | 'error'>;

/**
 * Scan `candidates` with `jobs` threads (this one included) when that is worthwhile and possible.
 * Returns each candidate's artifacts by index (throwing the error its scan met, as the serial
 * scan would have), or undefined to scan serially. `plan`: parallelPlan's, when the caller has it.
 */
export function scanInParallel(
  candidates: readonly Candidate[],
  options: ScanOptions,
  suppressor: Suppressor,
  stats: WalkStats,
  scanHere: Scanner,
  plan = parallelPlan(candidates, options),
): ((index: number) => ScannedArtifact[]) | undefined {
  if (!plan) return undefined;
  const { jobs, portable, units } = plan;

  const setup: WorkerSetup = {
    ...portable,
    maxFileSize: options.maxFileSize,
    salt: options.salt,
    projectDir: options.projectDir,
    stream: options.stream,
    streamFromBytes: options.streamFromBytes,
    // one project's folders repeat its passwords: each is hashed once, by whichever thread meets it first
    slowHashes: shareSlowHashes(),
    claims: new SharedArrayBuffer(4 * units.length),
  };
  const claims = new Int32Array(setup.claims);
  const workers = new SyncWorkers<PostedUnit, UnitReply | WorkerFailure>(new URL('./parallel-worker.js', import.meta.url), Math.min(jobs, units.length) - 1, { setup });
  const results = new Map<number, ScannedArtifact[]>();
  const errors = new Map<number, Error>();
  const unreadable = new Map<number, InputError>();
  const done = (reply: UnitReply) => {
    // the same suppressor as a serial scan, asked the same questions
    const asked = new Map<string, SuppressionInput[]>();
    for (const input of reply.asked) {
      const key = `${input.file}\u0000${input.fingerprint}`;
      asked.set(key, [...(asked.get(key) ?? []), input]);
    }
    for (const { index, artifacts, unreadable: message } of reply.results) {
      if (message !== undefined) unreadable.set(index, new InputError(message));
      for (const artifact of artifacts) {
        for (const finding of artifact.findings) {
          const input = asked.get(`${finding.file}\u0000${finding.fingerprint}`)?.shift();
          const suppressed = input ? suppressor(input) : undefined;
          if (suppressed) finding.suppressed = suppressed;
        }
        options.onArtifact?.(candidates[index]!.file, artifact.bytes, artifact.findings.length);
      }
      results.set(index, artifacts);
    }
    stats.values += reply.values;
    if (reply.error) errors.set(reply.error.index, rebuildError(reply.error));
  };

  try {
    // biggest first to the workers, smallest here: no thread is left with one large unit at the end
    const queue = units.map((unit, id) => ({ ...unit, id, stolen: false })).sort((a, b) => b.bytes - a.bytes);
    type Queued = (typeof queue)[number];
    const here = (unit: Queued) => {
      const asked: SuppressionInput[] = [];
      const local: WalkStats = { values: 0 };
      const scanned = scanHere({ candidates: unit.candidates }, (input) => void asked.push(input), local);
      done({ ...scanned, asked, values: local.values });
    };
    // several units in flight per worker: it starts the next one while this thread is busy with its own
    const inFlight: Queued[][] = Array.from({ length: workers.size }, () => []);
    const alive = inFlight.map(() => true);
    const finish = (got: { from: number; reply: UnitReply | WorkerFailure }) => {
      const units = inFlight[got.from]!;
      if (isFailure(got.reply)) {
        // a worker that could not start (no TypeScript loader in it, say): its units are scanned here
        if (got.reply.fatal.name !== 'WorkerLoadError') throw Object.assign(new Error(`scan worker failed (${got.reply.fatal.name})`), { stack: got.reply.fatal.stack });
        alive[got.from] = false;
        // (not one this thread took back: it is scanned already)
        queue.push(...units.splice(0).filter((unit) => !unit.stolen));
        return;
      }
      const unit = units.shift()!;
      // (a unit this thread took from the worker's queue: the worker skipped it)
      if (!unit.stolen) done(got.reply);
    };
    /**
     * With nothing left to hand out, take back a unit queued at a worker that it has not begun (its
     * last): the threads then end together, instead of this one waiting while a worker goes through
     * the units queued ahead (200 folders: up to three, a tenth of a second).
     */
    const steal = (): Queued | undefined => {
      for (const units of inFlight) {
        for (let k = units.length - 1; k >= 1; k--) {
          const unit = units[k]!;
          if (!unit.stolen && Atomics.compareExchange(claims, unit.id, 0, 2) === 0) {
            unit.stolen = true;
            PARALLEL_COUNTS.takenBack++;
            return unit;
          }
        }
      }
      return undefined;
    };
    const busy = () => inFlight.some((units) => units.length > 0);
    while (queue.length > 0 || busy()) {
      for (let w = 0; w < workers.size; w++) {
        while (alive[w] && inFlight[w]!.length < IN_FLIGHT && queue.length > 0) {
          const unit = queue.shift()!;
          inFlight[w]!.push(unit);
          workers.post(w, { candidates: unit.candidates, unit: unit.id });
        }
      }
      for (let got = workers.take(); got; got = workers.take()) finish(got);
      if (queue.length > 0) here(queue.pop()!);
      else if (busy()) {
        const stolen = steal();
        if (stolen) here(stolen);
        else finish(workers.next());
      }
    }
  } finally {
    workers.close();
  }
  const firstError = Math.min(...errors.keys());
  return (index) => {
    if (index >= firstError) throw errors.get(firstError)!;
    if (unreadable.has(index)) throw unreadable.get(index)!;
    return results.get(index) ?? [];
  };
}

interface Unit {
  candidates: UnitRequest['candidates'];
  bytes: number;
}

export interface ParallelPlan {
  jobs: number;
  portable: PortableRules;
  units: Unit[];
}

/** The folders to scan side by side and how many threads, or undefined when the scan runs on one thread (`sizes`: each candidate's, sizeOf). */
export function parallelPlan(candidates: readonly Candidate[], options: ScanOptions, sizes: readonly number[] = candidates.map((c) => sizeOf(c.file))): ParallelPlan | undefined {
  const jobs = options.jobs !== undefined && Number.isFinite(options.jobs) ? Math.max(1, Math.floor(options.jobs)) : availableParallelism();
  const portable = portableRules(options);
  if (jobs < 2 || !portable) return undefined;
  const units = unitsOf(candidates, sizes);
  if (units.length < 2) return undefined;
  const bytes = units.reduce((sum, u) => sum + u.bytes, 0);
  if (bytes < PARALLEL_MIN_BYTES && options.jobs === undefined) return undefined;
  return { jobs, portable, units };
}

/**
 * Scan one unit's candidates in order, as the serial scan does: past a file that an input error
 * makes unreadable (invalid JSON, not an artifact: the serial scan throws it when it comes to that
 * file, or reports it and carries on, see ScanOptions.onUnreadable), stopping at any other error.
 */
export function scanUnit(unit: UnitRequest, scanOneFile: (file: string, required: boolean) => ScannedArtifact[]): Pick<UnitReply, 'results' | 'error'> {
  const results: UnitReply['results'] = [];
  for (const { index, file, required } of unit.candidates) {
    try {
      results.push({ index, artifacts: scanOneFile(file, required) });
    } catch (error) {
      if (error instanceof InputError) {
        results.push({ index, artifacts: [], unreadable: error.message });
        continue;
      }
      const e = error instanceof Error ? error : new Error(String(error));
      return { results, error: { index, name: e.name, message: e.message, stack: e.stack } };
    }
  }
  return { results };
}

/** One unit per directory, its candidates in scan order (manifests first). */
function unitsOf(candidates: readonly Candidate[], sizes: readonly number[]): Unit[] {
  const byDir = new Map<string, Unit>();
  candidates.forEach((c, index) => {
    // (a rendered model's file with its target folder's manifest, which is scanned first: see renderedNode)
    const dir = homeDir(c.file);
    let unit = byDir.get(dir);
    if (!unit) byDir.set(dir, (unit = { candidates: [], bytes: 0 }));
    unit.candidates.push({ index, file: c.file, required: c.required });
    unit.bytes += sizes[index]!;
  });
  return [...byDir.values()];
}

/** How many files' sizes sizeOf was asked for, over the process (for tests: once each a scan). */
export const SIZE_COUNTS = { asked: 0 };

/** A file's size, 0 when it cannot be read (its scan says why). */
export function sizeOf(file: string): number {
  SIZE_COUNTS.asked++;
  return artifactSize(file) ?? 0;
}

/** The error a unit met, as the serial scan would have thrown it. */
export function rebuildError(error: NonNullable<UnitReply['error']>): Error {
  const Kind = error.name === 'InputError' ? InputError : error.name === 'UsageError' ? UsageError : error.name === 'ConfigError' ? ConfigError : undefined;
  const rebuilt = Kind ? new Kind(error.message) : Object.assign(new Error(error.message), { name: error.name });
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
