/**
 * The worker modules that a command line running from its bundle starts from that bundle (see
 * worker-entries.ts). Names only: worker-sync.ts reads them, and the workers' own modules, which
 * import worker-sync.ts, must not pull in every other worker module with them.
 */
export const BUNDLED_WORKERS = ['parallel-worker', 'split-worker'] as const;

export type BundledWorker = (typeof BUNDLED_WORKERS)[number];

/** Whether the worker module named `name` (its file's name without `.js`) can start from the bundle. */
export function inBundle(name: string): name is BundledWorker {
  return (BUNDLED_WORKERS as readonly string[]).includes(name);
}
