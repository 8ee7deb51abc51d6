/** Writing reports: to stdout, or atomically to a file (never half a SARIF file for CI to upload). */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Fail before scanning when the report could not be written. */
export function assertWritable(file: string, what = '--output'): void {
  const probe = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    throw new UsageError(`${what} ${file}: cannot write there (missing directory or no permission)`);
  }
}

/** Write to a temporary file beside the target and rename it into place. */
export function writeAtomically(file: string, content: string, what = '--output'): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
    throw new UsageError(`${what} ${file}: cannot write the file`);
  }
}
