/** Test helpers: write dbt-shaped artifacts to a temp folder and scan them. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../src/engine/scan.js';
import type { Finding } from '../src/types.js';

/** Serialize like dbt (Python json.dumps): one line, ", " and ": " separators, ASCII only. */
export function dbtJson(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, ' ')
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/\{ /g, '{')
    .replace(/ \}/g, '}')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy of the command line as a package ships it (its bin/, dist/bundle/ and package.json) in a
 * new temp folder named after `prefix`, with no node_modules above it; the caller deletes it.
 */
export function copyOfCli(prefix: string): string {
  const root = path.join(import.meta.dirname, '..');
  const copy = mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(path.join(copy, 'dist'));
  cpSync(path.join(root, 'dist/bundle'), path.join(copy, 'dist/bundle'), { recursive: true });
  cpSync(path.join(root, 'bin'), path.join(copy, 'bin'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
  return copy;
}

export const SCHEMA = (kind: string, v: number) => `https://schemas.getdbt.com/dbt/${kind}/v${v}.json`;

export function manifest(extra: Record<string, unknown>, env: Record<string, string> = {}): Record<string, unknown> {
  return {
    metadata: { dbt_schema_version: SCHEMA('manifest', 12), dbt_version: '1.9.0', generated_at: '2026-01-01T00:00:00Z', invocation_id: '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f', env },
    nodes: {},
    sources: {},
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    parent_map: {},
    child_map: {},
    ...extra,
  };
}

export function runResults(extra: Record<string, unknown>, env: Record<string, string> = {}): Record<string, unknown> {
  return {
    metadata: { dbt_schema_version: SCHEMA('run-results', 6), dbt_version: '1.9.0', generated_at: '2026-01-01T00:00:00Z', invocation_id: '0b0c5a8e-1f1e-4e7a-9a47-5b2f3c4d5e6f', env },
    results: [],
    elapsed_time: 1.5,
    args: {},
    ...extra,
  };
}

/** Folders made by tempDir, removed when the test process exits (a run of the suite made a few hundred). */
const madeDirs: string[] = [];
process.on('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
});

/** A new folder under the system's temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'dbt-tools-lint-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export interface Scanned {
  text: string;
  file: string;
  findings: Finding[];
}

/** Write `content` (an object serialized like dbt, or raw text) as `name` and scan it. */
export function scanArtifact(content: unknown, name = 'manifest.json'): Scanned {
  const dir = tempDir();
  const file = path.join(dir, name);
  const text = typeof content === 'string' ? content : dbtJson(content);
  writeFileSync(file, text);
  return { text, file, findings: scan({ paths: [file] }).findings };
}

/** Where a secret sits in the text, found independently of the engine (it must occur once). */
export function expectedPosition(text: string, secret: string): { line: number; column: number; offset: number } {
  const encoded = dbtJson(secret).slice(1, -1);
  const offset = text.indexOf(encoded);
  if (offset < 0 || text.indexOf(encoded, offset + 1) >= 0) throw new Error(`secret must occur exactly once in the test artifact`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1, offset };
}

/**
 * This process's open spill files (util/spill-file.ts) of hits (engine/hit-log.ts) or findings
 * (findings/store.ts), from /proc/self/fd: their names are gone once open, so only a file
 * descriptor shows one. Undefined where there is no /proc.
 */
export function openSpillFiles(what: 'hits' | 'findings' = 'hits'): string[] | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.includes(`dbt-tools-lint-${what}-`)) open.push(target);
    } catch {
      // closed while listed (the listing's own descriptor)
    }
  }
  return open;
}
