/**
 * The worker threads' modules by name. A command line that runs from its bundle (dist/bundle/cli.cjs,
 * see bin/load-cli.js) starts its workers from that bundle too: each loads it with its code cache and
 * prepared anchors, as the main thread did, and runs its module from it (see startWorker in
 * worker-sync.ts), instead of parsing and compiling the worker's ES modules afresh. A scan worker
 * took about 90 ms to load its modules, and then compiled each function of the walk as it first ran.
 *
 * The remote worker is not among them: it imports the cloud SDKs, and import() in a script compiled
 * by node:vm needs a flag in Node.js 20 (--experimental-vm-modules). It starts from its own module.
 */
const ENTRIES: Record<string, () => Promise<unknown>> = {
  'parallel-worker': () => import('./parallel-worker.js'),
  'split-worker': () => import('./split-worker.js'),
  'stream-read-worker': () => import('./stream-read-worker.js'),
  'archive-worker': () => import('../artifacts/archive-worker.js'),
};

/** Whether the worker module named `name` (its file's name without `.js`) can start from the bundle. */
export function inBundle(name: string): boolean {
  return Object.hasOwn(ENTRIES, name);
}

/** Run the worker module named `name` (its file's name without `.js`) in this thread. */
export function runWorker(name: string): Promise<unknown> {
  const entry = inBundle(name) ? ENTRIES[name] : undefined;
  return entry ? entry() : Promise.reject(new Error(`no worker module is named ${name}`));
}
