/** The thread that walks the back half of a large manifest (see walkFile in stream-walk.ts). */
import { workerData } from 'node:worker_threads';
import { findRule } from '../rules/index.js';
import type { Severity } from '../types.js';
import { compileRules } from './compile.js';
import { walkBackHalf, type SplitReply, type SplitRequest, type SplitSetup } from './stream-walk.js';
import type { WalkStats } from './walk.js';
import { serveSync, tick } from './worker-sync.js';

const { setup } = workerData as { setup: SplitSetup };
const compiled = compileRules({
  ...(setup.rules ? { rules: setup.rules.map(({ id, severity }) => ({ rule: findRule(id)!, severity: severity as Severity })) } : {}),
  disabledDetectors: new Set(setup.disabledDetectors),
});

serveSync((request: SplitRequest): { reply: SplitReply } => {
  const stats: WalkStats = { values: 0 };
  try {
    const part = walkBackHalf(request, compiled, stats, tick);
    return { reply: { ok: true, part, values: stats.values } };
  } catch {
    // whatever went wrong (invalid JSON, a changed file), the front half reads on and reports it
    return { reply: { ok: false } };
  }
});
