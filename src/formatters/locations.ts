/**
 * Where a finding is shown: the project file that produced the value (a model, macro or YAML file
 * that is in the repository) when known, else the artifact. Paths are made relative to the project
 * root so GitHub and GitLab can open them.
 */
import path from 'node:path';
import type { Finding, Position } from '../types.js';
import { isRemote } from '../sources/url.js';

export interface ShownLocation {
  /** Relative path with forward slashes (absolute only when nothing relative makes sense). */
  uri: string;
  /** True when the uri is relative to the project root (%SRCROOT%). */
  underRoot: boolean;
  start?: Position;
  end?: Position;
}

export interface LocationBase {
  /** Absolute project root that paths are made relative to. */
  root: string;
  /** Absolute working directory, for artifacts outside the root. */
  cwd: string;
}

export function sourceLocation(f: Finding, base: LocationBase): ShownLocation | undefined {
  if (!f.source) return undefined;
  const abs = f.source.projectDir ? path.join(f.source.projectDir, f.source.file) : path.resolve(base.root, f.source.file);
  return { ...relative(abs, base), ...(f.source.start ? { start: f.source.start } : {}), ...(f.source.end ? { end: f.source.end } : {}) };
}

export function artifactLocation(f: Finding, base: LocationBase): ShownLocation {
  // an object in a store is named by its URL, never relative to a folder here
  if (isRemote(f.file)) return { uri: f.file, underRoot: false, start: f.start, end: f.end };
  return { ...relative(path.resolve(base.cwd, f.file), base), start: f.start, end: f.end };
}

function relative(abs: string, base: LocationBase): { uri: string; underRoot: boolean } {
  const fromRoot = path.relative(base.root, abs);
  if (!fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return { uri: toUri(fromRoot), underRoot: true };
  const fromCwd = path.relative(base.cwd, abs);
  return { uri: toUri(fromCwd.startsWith('..') ? abs : fromCwd), underRoot: false };
}

function toUri(p: string): string {
  return encodeURI(p.split(path.sep).join('/'));
}
