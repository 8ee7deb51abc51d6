/**
 * Where a finding is shown: the project file that produced the value (a model, macro or YAML file
 * that is in the repository) when known, else the artifact. Paths are made relative to the project
 * root so GitHub and GitLab can open them.
 */
import path from 'node:path';
import type { Finding, Position } from '../types.js';
import { binaryKind } from '../findings/record.js';
import { isRemote } from '../sources/url.js';

export interface ShownLocation {
  /** Relative path with forward slashes (absolute only when nothing relative makes sense). */
  uri: string;
  /** True when the uri is relative to the project root (%SRCROOT%). */
  underRoot: boolean;
  start?: Position;
  end?: Position;
}

/** A binary artifact (partial_parse.msgpack) has no lines: its findings are at byte offsets. */
export const inBinary = (f: Finding) => binaryKind(f.artifactKind);

/** Where in its artifact a finding is, as people read it: line:column, or the byte offset in a binary file. */
export const positionLabel = (f: Finding) => (inBinary(f) ? `byte ${f.charOffset}` : `${f.start.line}:${f.start.column}`);

/** The finding's file and position: `file:line:column`, or `file byte N`. */
export const fileAndPosition = (f: Finding, file = f.file) => `${file}${inBinary(f) ? ' ' : ':'}${positionLabel(f)}`;

export interface LocationBase {
  /** Absolute project root that paths are made relative to. */
  root: string;
  /** Absolute working directory, for artifacts outside the root. */
  cwd: string;
}

export function sourceLocation(f: Finding, base: LocationBase): ShownLocation | undefined {
  if (!f.source) return undefined;
  const { projectDir, file } = f.source;
  const shown = shownFile(base, `s\u0000${projectDir ?? ''}\u0000${file}`, () => (projectDir ? path.join(projectDir, file) : path.resolve(base.root, file)));
  return { ...shown, ...(f.source.start ? { start: f.source.start } : {}), ...(f.source.end ? { end: f.source.end } : {}) };
}

export function artifactLocation(f: Finding, base: LocationBase): ShownLocation {
  // an object in a store is named by its URL, never relative to a folder here
  if (isRemote(f.file)) return { uri: f.file, underRoot: false, start: f.start, end: f.end };
  const { uri, underRoot } = shownFile(base, `a\u0000${f.file}`, () => path.resolve(base.cwd, f.file));
  return { uri, underRoot, start: f.start, end: f.end };
}

/**
 * How a file is shown from `base`, worked out once per run of findings in the same file: findings
 * come sorted by file, so the last file asked about is the one asked again. No table of every file:
 * a findings-heavy project names a file per model (89,000 in 600 MB of manifest), and such a table
 * held them all until the report was written.
 */
const LAST_SHOWN = new WeakMap<LocationBase, Map<string, { key: string; shown: { uri: string; underRoot: boolean } }>>();

function shownFile(base: LocationBase, key: string, absolute: () => string): { uri: string; underRoot: boolean } {
  let last = LAST_SHOWN.get(base);
  if (!last) LAST_SHOWN.set(base, (last = new Map()));
  // one entry per kind of place (artifact, source file): the two interleave finding by finding
  const kind = key.slice(0, 1);
  const entry = last.get(kind);
  if (entry?.key === key) return entry.shown;
  const shown = relative(absolute(), base);
  last.set(kind, { key, shown });
  return shown;
}

function relative(abs: string, base: LocationBase): { uri: string; underRoot: boolean } {
  const fromRoot = path.relative(base.root, abs);
  if (!fromRoot.startsWith('..') && !path.isAbsolute(fromRoot)) return { uri: toUri(fromRoot), underRoot: true };
  const fromCwd = path.relative(base.cwd, abs);
  return { uri: toUri(fromCwd.startsWith('..') ? abs : fromCwd), underRoot: false };
}

/** A path as a URI reference: encodeURI leaves `#` and `?`, which would end the path there (a run folder `build #123`: red team 90). */
function toUri(p: string): string {
  return encodeURI(p.split(path.sep).join('/')).replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
}

/** A location's URI (percent-encoded, as SARIF writes it) as the plain path a file field takes: `über orders.sql` once escaped, not twice. */
export function plainPath(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
