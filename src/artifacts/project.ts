/**
 * The dbt project around a target directory, and the place of a secret in the project's own files
 * (models/…sql, the YAML holding meta or external.location), so reports can point at a file that
 * is in the repository rather than at a gitignored one-line manifest.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Position } from '../types.js';
import { LineIndex } from './locate.js';
import { isRemote } from '../sources/url.js';

/** The dbt project root above an artifact: the nearest folder with dbt_project.yml, up to 4 levels. */
export function findProjectDir(artifactFile: string): string | undefined {
  if (isRemote(artifactFile)) return undefined; // an object store holds no project to point into
  let dir = path.dirname(path.resolve(artifactFile));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'dbt_project.yml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export interface SourceLocation {
  /** Path relative to the project root, with forward slashes (as dbt records original_file_path). */
  file: string;
  /** Where the literal sits in that file, when it is there (raw code, YAML); absent for rendered values. */
  start?: Position;
  end?: Position;
}

const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/** How often a file is read again once it left SourceFiles' cache: a scan's artifacts (manifest, run results, catalog, logs) ask again. */
const READ_AGAIN = 4;

/**
 * Reads project files once per scan, as long as they fit in a budget of characters: past it the
 * files used longest ago leave (a project with findings in thousands of models is read again where
 * it must be, not held whole). A file is read again after it left at most READ_AGAIN times: past that
 * a finding in it is placed in the file without a line (red team 128: findings of 2,000 models that
 * named five seeds of 8 MB in turn, none holding the secret, read 16 GB: two minutes for a 0.6 MB
 * manifest). A project larger than the budget, its files read once for each artifact, stays under it.
 */
export class SourceFiles {
  private readonly cache = new Map<string, { text: string; lines: LineIndex } | null>();
  /** Whether each file a fallback named is there (one stat a file; a project has a file per model). */
  private readonly files = new Map<string, boolean>();
  /** Characters of the cached texts. */
  private held = 0;
  /** How often each file that left the cache was read again since (by name). */
  private readonly again = new Map<string, number>();
  /** Files read from disk, over this cache's life (for tests). */
  reads = 0;

  constructor(private readonly budget = 32 * 1024 * 1024) {}

  get heldCharacters(): number {
    return this.held;
  }

  /**
   * The first candidate file (project-relative) that contains `secret`, with its position; else, with
   * `fallback`, the first candidate as dbt recorded it, without a position, when that file is in the
   * project folder. A path that names no file (no dbt_project.yml above the target, a model renamed
   * or deleted since) would make a code-scanning alert point at nothing: the artifact is the place then.
   */
  locate(projectDir: string | undefined, candidates: readonly string[], secret: string, fallback = true): SourceLocation | undefined {
    if (candidates.length === 0) return undefined;
    if (projectDir) {
      for (const file of candidates) {
        const source = this.read(path.join(projectDir, file));
        if (!source) continue;
        const at = source.text.indexOf(secret);
        if (at >= 0) return { file, start: source.lines.position(at), end: source.lines.position(at + secret.length) };
      }
    }
    return fallback && projectDir && this.isFile(path.join(projectDir, candidates[0]!)) ? { file: candidates[0]! } : undefined;
  }

  /** Whether `file` is a file: what read() saw when it looked (locate reads the first candidate first), else one stat. */
  private isFile(file: string): boolean {
    if (this.cache.get(file)) return true;
    const known = this.files.get(file);
    if (known !== undefined) return known;
    try {
      return this.noteFile(file, statSync(file).isFile());
    } catch {
      return this.noteFile(file, false);
    }
  }

  private noteFile(file: string, isFile: boolean): boolean {
    // bounded: a findings-heavy project names a file per model (89,000 in 600 MB of manifest)
    if (this.files.size >= 10_000) this.files.clear();
    this.files.set(file, isFile);
    return isFile;
  }

  private read(file: string): { text: string; lines: LineIndex } | null {
    let entry = this.cache.get(file);
    if (entry !== undefined) {
      // the most recently used last: eviction takes from the front
      this.cache.delete(file);
      this.cache.set(file, entry);
      return entry;
    }
    entry = null;
    // (a file read again as often as a scan allows: there, not read; see the class)
    const again = this.again.get(file);
    if (again !== undefined && again >= READ_AGAIN) return null;
    let looked = false;
    try {
      const st = statSync(file);
      looked = true;
      // (too large, or unreadable, is still there: a finding may name it, see isFile)
      if (this.noteFile(file, st.isFile()) && st.size <= MAX_SOURCE_BYTES) {
        const text = readFileSync(file, 'utf8');
        this.reads++;
        if (again !== undefined) this.again.set(file, again + 1);
        entry = { text, lines: new LineIndex(text) };
      }
    } catch {
      entry = null;
      if (!looked) this.noteFile(file, false);
    }
    this.cache.set(file, entry);
    this.held += entry?.text.length ?? 0;
    for (const [old, cached] of this.cache) {
      if (this.held <= this.budget || old === file) break;
      this.cache.delete(old);
      this.held -= cached?.text.length ?? 0;
      // bounded: a findings-heavy project names a file per model
      if (this.again.size >= 10_000) this.again.clear();
      if (cached && !this.again.has(old)) this.again.set(old, 0);
    }
    return entry;
  }
}
