/**
 * Find and read `.dbt-tools-lint.json`: given with --config, or found by walking up from the
 * current directory to the repository root. `extends` chains are resolved relative to each file.
 * Every problem is a ConfigError naming the file, the key path and what is allowed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { previewOfKey } from '../findings/preview.js';
import { ALLOWLIST_ENTRY_KEY, configSchema, type AllowlistConfig, type AllowlistList, type ConfigFile } from './schema.js';
import { lineOf, notJsonReason, readSmallFile, RegularFileError } from '../util/small-file.js';
import { describePath, findIntegrityProblem } from '../artifacts/json-integrity.js';

/** A config file's largest size: a config of its own patterns and allowlists is kilobytes. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export const CONFIG_FILE_NAME = '.dbt-tools-lint.json';
const MAX_EXTENDS_DEPTH = 10;

export interface LoadedConfig {
  /** The files read, the given or discovered one first. Empty when no config file exists. */
  files: string[];
  config: ConfigFile;
  /**
   * The config was found in a folder above the working directory and no git repository is around either: a CI job's
   * download of target/, an unpacked tarball, where the walk up reached a shared folder's config (/tmp, a runner's work
   * folder) and trusted it without a word (red team 97). The scan names it.
   */
  foundAboveWithoutRepository?: boolean;
}

/** The config file above `cwd`, stopping at the repository root (a folder with .git). */
export function discoverConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(options: { configFile?: string; cwd: string }): LoadedConfig {
  const file = options.configFile ?? discoverConfigFile(options.cwd);
  if (!file) return { files: [], config: {} };
  const above = options.configFile === undefined && path.dirname(file) !== path.resolve(options.cwd) && !inRepository(path.dirname(file));
  if (options.configFile && !existsSync(file)) throw new ConfigError(`${file}: config file not found`);
  const files: string[] = [];
  const config = readWithExtends(path.resolve(file), files, []);
  return above ? { files, config, foundAboveWithoutRepository: true } : { files, config };
}

/** Whether a folder is in a git repository: it, or a folder above it, holds .git. */
function inRepository(dir: string): boolean {
  for (let at = path.resolve(dir); ; ) {
    if (existsSync(path.join(at, '.git'))) return true;
    const parent = path.dirname(at);
    if (parent === at) return false;
    at = parent;
  }
}

function readWithExtends(file: string, files: string[], chain: string[]): ConfigFile {
  if (chain.includes(file)) throw new ConfigError(`${chain[0]}: extends: circular chain through ${file}`);
  if (chain.length > MAX_EXTENDS_DEPTH) throw new ConfigError(`${chain[0]}: extends: more than ${MAX_EXTENDS_DEPTH} levels`);
  files.push(file);
  const own = readConfigFile(file);
  const parents = own.extends === undefined ? [] : Array.isArray(own.extends) ? own.extends : [own.extends];
  let merged: ConfigFile = {};
  for (const parent of parents) {
    const parentFile = path.resolve(path.dirname(file), parent);
    if (!existsSync(parentFile)) {
      // (relative to the config's folder, not the path resolved: resolving folds a URL's `//`, and a token pasted as the
      // name would no longer read as one to the masking of the line)
      throw new ConfigError(`${file}: extends: ${parent} not found (relative to ${path.dirname(file)})`);
    }
    // (a folder, a device, a FIFO: readConfigFile says which, as for --config; `extends: /dev/zero` was "not found")
    merged = mergeConfigs(merged, readWithExtends(parentFile, files, [...chain, file]));
  }
  return mergeConfigs(merged, own);
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readSmallFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    // (a FIFO, a device, a folder, a file of megabytes: said as such; a file that cannot be opened, as before)
    throw new ConfigError(`${file}: ${error instanceof RegularFileError && !error.fromFileSystem ? `${error.message}, expected the config file` : 'cannot read the config file'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input: say where instead
    throw new ConfigError(`${file}: ${notJsonReason(text)}`);
  }
  // JSON.parse keeps a key given twice as its last value: a second `failOn` or `allowlist` below the first would
  // weaken the gate unseen by whoever reads the first
  const problem = findIntegrityProblem(text, raw);
  if (problem?.kind === 'duplicate-key') throw new ConfigError(`${file}: ${describePath(problem.path)} is given twice (line ${lineOf(text, problem.offset)}); say it once`);
  return validateConfig(file, raw);
}

export function validateConfig(file: string, raw: unknown): ConfigFile {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(`${file}: ${describeIssue(parsed.error.issues[0]!, raw)}`);
}

/** One line for one zod issue: key path, the bad value (shortened), what is allowed. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const keyPath = issue.path.length > 0 ? issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${previewOfKey(String(k))}`)).join('').replace(/^\./, '') : '(top level)';
  const value = valueAt(raw, issue.path);
  let what: string;
  switch (issue.code) {
    case 'unrecognized_keys':
      what = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${previewOfKey(k)}"`).join(', ')}`;
      return `${keyPath}: ${what}; allowed keys are listed in the config schema (dbt-tools-lint config --schema)`;
    case 'invalid_value':
      what = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'invalid_union': {
      // the option of the value's own kind says what is wrong inside it (an allowlist entry's object form: its key path),
      // a key it does not know first (`{"path": …}` among values: the key, rather than the `value` it then lacks)
      const ofItsKind = issue.errors.filter((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      const inner = ofItsKind.length === 1 ? (ofItsKind[0]!.find((i) => i.code === 'unrecognized_keys') ?? ofItsKind[0]![0]) : undefined;
      if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, raw);
      what = issue.message;
      break;
    }
    default:
      what = issue.message;
  }
  return `${keyPath}: ${what}${value === undefined ? '' : ` (got ${shortValue(value, issue.code === 'invalid_value' || issue.code === 'invalid_union')})`}`;
}

function valueAt(raw: unknown, keys: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * A bad config value, named so the user can find it but never quoted when it could be a secret
 * (an allowlist regex, a fingerprint, a salt, a password in the wrong field): numbers and booleans
 * as they are, a string only where a fixed set of words was expected (`"sometimes"` for failOn)
 * and only when it is one short lower-case word; otherwise its kind and length.
 */
function shortValue(value: unknown, wordsExpected: boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return wordsExpected && /^[a-z][a-z-]{0,15}$/.test(value) ? JSON.stringify(value) : `a string of ${value.length} characters`;
  return Array.isArray(value) ? `a list of ${value.length}` : `an ${typeof value}`;
}

function mergeConfigs(base: ConfigFile, over: ConfigFile): ConfigFile {
  const out: ConfigFile = { ...base, ...over };
  delete out.extends;
  if (base.rules || over.rules) out.rules = { ...base.rules, ...over.rules };
  if (base.detectors || over.detectors) out.detectors = { ...base.detectors, ...over.detectors };
  if (base.customDetectors || over.customDetectors) {
    const byId = new Map([...(base.customDetectors ?? []), ...(over.customDetectors ?? [])].map((d) => [d.id, d]));
    out.customDetectors = [...byId.values()];
  }
  if (base.allowlist || over.allowlist) {
    const a = base.allowlist ?? {};
    const b = over.allowlist ?? {};
    const merged: AllowlistConfig = (out.allowlist = {});
    const mergeList = <K extends AllowlistList>(key: K) => {
      const list = [...(a[key] ?? []), ...(b[key] ?? [])] as AllowlistConfig[K] & unknown[];
      if (list.length > 0) merged[key] = list;
    };
    for (const key of Object.keys(ALLOWLIST_ENTRY_KEY) as AllowlistList[]) mergeList(key);
  }
  return out;
}

