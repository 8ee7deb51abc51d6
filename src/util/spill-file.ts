/**
 * Spill files: what a scan holds until the report is written (the streaming walk's hits, the
 * findings' cold fields) goes to a temporary file once it outgrows memory. A spill file is readable
 * by its owner only (0o600) and its name is removed as soon as it is open: it goes when it is
 * closed or with the process, however that ends.
 */
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** How many spill files this thread made (for tests). */
export const SPILL_COUNTS = { files: 0 };

/**
 * An open spill file. Its name is removed as soon as it is open (on POSIX systems), so the file
 * goes with the process however it ends, a crash or a kill included; `file` is set only where the
 * system refused (Windows), and it is deleted when closed and at exit.
 */
export interface Spill {
  fd: number;
  file: string | undefined;
  /** The file's AES-256-CTR key and initial counter block (random, in memory only). */
  key: Uint8Array;
  iv: Uint8Array;
}

/** Names of spill files that could not be removed while open. */
const NAMED = new Set<string>();
let exitHook = false;

/**
 * A new, empty spill file, open for reading and writing, that only this user could read. `what`
 * names the file: `dbt-tools-lint-hits-…` (engine/hit-log.ts), `dbt-tools-lint-findings-…` (findings/store.ts).
 */
export function openSpill(what: 'hits' | 'findings' = 'hits'): Spill {
  const file = path.join(tmpdir(), `dbt-tools-lint-${what}-${process.pid}-${randomBytes(8).toString('hex')}`);
  const fd = openSync(file, 'wx+', 0o600);
  SPILL_COUNTS.files++;
  const key = randomBytes(32);
  const iv = randomBytes(16);
  try {
    unlinkSync(file);
    return { fd, file: undefined, key, iv };
  } catch {
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const name of NAMED) removeName(name);
      });
    }
    NAMED.add(file);
    return { fd, file, key, iv };
  }
}

/** Close a spill file (and delete it where its name is still there). */
export function closeSpill(spill: Spill): void {
  try {
    closeSync(spill.fd);
  } catch {
    // already closed
  }
  if (spill.file) removeName(spill.file);
}

function removeName(file: string): void {
  NAMED.delete(file);
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

