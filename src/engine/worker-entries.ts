/**
 * The worker threads' modules by name. A command line that runs from its bundle (dist/bundle/cli.cjs,
 * see bin/load-cli.js) starts its scan workers and the split's back half from that bundle too: each
 * loads it with its code cache and prepared anchors, as the main thread did, and serves from it
 * (see startWorker in worker-sync.ts), instead of parsing and compiling the worker's ES modules
 * afresh (about 90 ms a worker, and then each function of the walk compiled as it first ran).
 *
 * The modules are imported here, not with import(): the bundler would make every module they import
 * load lazily, and V8 no longer knows their top-level constants for constants (callgrind, corpus
 * 10 MB: +2.2 %). The others stay modules of their own: the keyword helper loads less than the
 * bundle does; the archive and remote workers are not on a scan's hot path (and import() of the
 * cloud SDKs needs a flag in a vm script on Node.js 20).
 */
import { serveParallelWorker } from './parallel-worker.js';
import { serveSplitWorker } from './split-worker.js';
import { inBundle, type BundledWorker } from './worker-names.js';
import { giveWorkerInput } from './worker-sync.js';

const ENTRIES: Record<BundledWorker, () => void> = {
  'parallel-worker': serveParallelWorker,
  'split-worker': serveSplitWorker,
};

/** Serve as the worker module named `name` (its file's name without `.js`) in this thread. */
export function runWorker(name: string): void {
  if (!inBundle(name)) throw new Error(`no worker module is named ${name}`);
  ENTRIES[name]();
}

/** Serve as the worker module named `name`, in a spare worker taken with `data` for its workerData (see worker-sync.ts). */
export function runTakenWorker(name: string, data: unknown): void {
  giveWorkerInput(data);
  runWorker(name);
}
