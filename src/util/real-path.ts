import { realpathSync } from 'node:fs';
import path from 'node:path';

/** A file's real path (symbolic links followed), or its absolute path when it is not there (yet). */
export function realPathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
