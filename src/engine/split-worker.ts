/** The thread that walks the back half of a large manifest (see walkFile in stream-walk.ts). */
import { JsonStreamError } from '../artifacts/stream-json.js';
import { beginFileHashes, endFileHashes, shareSlowHashes, takeFileChoice } from '../findings/fingerprint.js';
import { compilePortable, type PortableRules } from './compile.js';
import { walkBackHalf, type SplitReply, type SplitRequest } from './stream-walk.js';
import type { WalkStats } from './walk.js';
import { serveSync, startedAs, tick, workerInput } from './worker-sync.js';

/** Serve walkFile's requests for back halves in this thread (a worker started from this module, or from the bundle by name: see worker-entries.ts). */
export function serveSplitWorker(): void {
  const { setup, salt, slowHashes } = workerInput<{ setup: PortableRules; salt: string | undefined; slowHashes: SharedArrayBuffer }>();
  const compiled = compilePortable(setup);
  shareSlowHashes(slowHashes);

  serveSync((request: SplitRequest): { reply: SplitReply } => {
    const stats: WalkStats = { values: 0 };
    // the back half's guessable values are offered to a budget here, whose choice the file's budget takes (see SLOW_HASH_BUDGET):
    // the file's findings, built on the front half's thread, settle their hashes
    const before = beginFileHashes();
    try {
      const part = walkBackHalf(request, compiled, stats, tick, salt);
      const choice = takeFileChoice();
      endFileHashes(before);
      return { reply: { ok: true, part, values: stats.values, choice } };
    } catch (error) {
      endFileHashes(before);
      // whatever went wrong (invalid JSON, a changed file), the front half reads on and reports it,
      // or for invalid JSON leaves the message to the in-memory path
      return { reply: { ok: false, invalid: error instanceof JsonStreamError } };
    }
  });
}

// started as a module of its own (see worker-sync.ts)
if (startedAs(import.meta.url)) serveSplitWorker();
