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

/**
 * A manifest whose secrets sit in a dbt 1.11 function (config.meta, meta, an argument's default) and in disabled
 * resources (a unit test's rows and overrides, a semantic model's measure, an exposure's owner), beside what dbt
 * generates for them (checksums, ids, fqn, depends_on) and settings under secrets' names (red team 96).
 */
export function functionsAndDisabledManifest(): Record<string, unknown> {
  const generated = (id: string) => ({ unique_id: id, fqn: id.split('.').slice(1), checksum: { name: 'sha256', checksum: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c2b4d6f8e0a1c3e5b7d9f1a3c5e7b9d0f' }, depends_on: { macros: [], nodes: ['model.p.stg'] } });
  const udf = (id: string, defaultKey: string) => ({
    ...generated(id),
    resource_type: 'function',
    original_file_path: 'functions/geo_lookup.py',
    raw_code: 'def main(a):\n    return a\n',
    config: { enabled: true, meta: { ipinfo_token: '4f7c1e9a2b6d08', owner: 'geo' } },
    meta: { hf_endpoint_secret: 'Zq8Lk2Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2Ru' },
    arguments: [
      { name: 'api_key', data_type: 'string', description: 'Mailgun key', default_value: defaultKey },
      { name: 'token_type', data_type: 'string', default_value: 'bearer' },
    ],
    returns: { data_type: 'string' },
  });
  return manifest({
    functions: { 'function.p.geo_lookup': udf('function.p.geo_lookup', 'key-3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e') },
    disabled: {
      'function.p.old': [udf('function.p.old', 'key-7c1e9a2b6d084f3f9a1c0b7e2d4a6f8c')],
      'unit_test.p.stg.t': [{
        ...generated('unit_test.p.stg.t'),
        given: [{ input: "ref('x')", rows: [{ id: 1, token: 'a165dfd11226', client_secret: 'Kq7Lm2Xv9Rk4Nw8Yc3Hd6Tz9Pq2Ws5E' }], format: 'dict' }, { input: "ref('y')", rows: 'id,api_key\n1,Hd6Tz9Pq2Ws5EKq7Lm2Xv9Rk4Nw8Yc3\n', format: 'csv' }],
        overrides: { vars: { partner_api_token: 'Vb7Nm4Hj6Gf1Ds9Ap3Ow5Ei2RuZq8Lk2', token_header: 'Authorization' }, env_vars: {}, macros: {} },
      }],
      'semantic_model.p.s': [{ ...generated('semantic_model.p.s'), measures: [{ name: 'm', agg: 'sum', config: { meta: { census_api_key: 'Ap3Ow5Ei2RuZq8Lk2Vb7Nm4Hj6Gf1Ds9' } } }] }],
      'exposure.p.e': [{ ...generated('exposure.p.e'), owner: { email: 'ops@acme.io', pagerduty_integration_key: '3f9a1c0b7e2d4a6f8c1b3e5d7f9a0c2e' }, url: 'https://bi.acme.io/d/42' }],
    },
  });
}

/** Where functionsAndDisabledManifest's secrets are, and no more. */
export const FUNCTIONS_AND_DISABLED_SECRETS: readonly string[] = [
  "$.disabled['exposure.p.e'][0].owner.pagerduty_integration_key",
  "$.disabled['function.p.old'][0].arguments[0].default_value",
  "$.disabled['function.p.old'][0].config.meta.ipinfo_token",
  "$.disabled['function.p.old'][0].meta.hf_endpoint_secret",
  "$.disabled['semantic_model.p.s'][0].measures[0].config.meta.census_api_key",
  "$.disabled['unit_test.p.stg.t'][0].given[0].rows[0].client_secret",
  "$.disabled['unit_test.p.stg.t'][0].given[1].rows",
  "$.disabled['unit_test.p.stg.t'][0].overrides.vars.partner_api_token",
  "$.functions['function.p.geo_lookup'].arguments[0].default_value",
  "$.functions['function.p.geo_lookup'].config.meta.ipinfo_token",
  "$.functions['function.p.geo_lookup'].meta.hf_endpoint_secret",
];

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
