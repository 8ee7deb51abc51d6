/**
 * A dbt node holds its compiled code beside the raw code it was rendered from: the raw code's
 * secret-named env_var() calls tell the detectors where the compiled code holds their values
 * (detectors/rendered-env-vars.ts). Both walks hand the calls to the detectors of a compiled-code
 * value only when the raw code comes before it in the node, as dbt writes every node: the streaming
 * walk keeps the calls of the node it is in (a bounded piece of text around each), never the raw code.
 *
 * run_results.json (dbt ≥ 1.3) holds a result's compiled code without its raw code: the manifest of
 * the same folder, scanned first, keeps each node's calls (nothing for most nodes), and the result's
 * `compiled_code` is read with those of the node its `unique_id` (written before it) names.
 */
import { isPassKeyAt, isUserKeyAt } from '../detectors/key-names.js';
import type { EnvVarCall, PathSegment } from '../types.js';
import type { RenderedPlace } from '../artifacts/text-files.js';
import { envVarCalls } from '../detectors/env-var-calls.js';
import type { NodeInfo, NodeRef } from './walk.js';

/** Keys of a node's raw code (dbt ≥ 1.3, and before). */
export const RAW_CODE_KEYS: readonly string[] = ['raw_code', 'raw_sql'];

/** Keys of the node's code as rendered from it. */
const COMPILED_CODE_KEYS: ReadonlySet<string> = new Set(['compiled_code', 'compiled_sql', 'injected_sql', 'wrapped_sql']);

export function isCompiledCodeKey(key: string): boolean {
  return COMPILED_CODE_KEYS.has(key);
}

export const RAW_CODE_KEY = 1;
export const USER_KEY = 2;
export const PASS_KEY = 3;

/**
 * What the raw JSON key token text[start, end) (quotes included, no escapes) is to the walk: a
 * raw-code key (RAW_CODE_KEY), a user key (USER_KEY, see isUserKeyAt), `pass` or `pw` (PASS_KEY,
 * see isPassKeyAt) or none of them (0).
 */
export function keyKindAt(text: string, start: number, end: number): number {
  // asked of every key of a streamed file: by length first
  const length = end - start - 2;
  if (length === 8) return text.startsWith('raw_code', start + 1) ? RAW_CODE_KEY : isUserKeyAt(text, start, end) ? USER_KEY : 0;
  if (length === 7) return text.startsWith('raw_sql', start + 1) ? RAW_CODE_KEY : 0;
  if (length !== 4 && length !== 2) return isUserKeyAt(text, start, end) ? USER_KEY : 0;
  // `user`, `pass`, `pw` and the many other keys of four letters (`name`, `meta`, `tags`): by the first letter
  const first = text.charCodeAt(start + 1) | 32;
  if (first === 117) return isUserKeyAt(text, start, end) ? USER_KEY : 0;
  return first === 112 && isPassKeyAt(text, start, end) ? PASS_KEY : 0;
}

/** The calls a raw-code value holds, or undefined when none. */
export function envVarsOf(rawCode: string): readonly EnvVarCall[] | undefined {
  const calls = envVarCalls(rawCode);
  return calls.length > 0 ? calls : undefined;
}

/**
 * In a parsed node: the calls of its raw code when the value under keys[index] is compiled code and
 * the raw code comes before it. `memo` keeps the last node's (compiled_sql and injected_sql share them).
 */
export function envVarsInNode(node: Record<string, unknown>, keys: readonly string[], index: number, memo: NodeCalls): readonly EnvVarCall[] | undefined {
  if (!isCompiledCodeKey(keys[index]!)) return undefined;
  if (memo.node !== node) {
    const key = rawCodeKeyOf(node);
    memo.node = node;
    memo.calls = key === undefined ? undefined : envVarsOf(node[key] as string);
    memo.rawIndex = key === undefined ? -1 : keys.indexOf(key);
  }
  return memo.rawIndex >= 0 && memo.rawIndex < index ? memo.calls : undefined;
}

/** The last node asked about, and its raw code's calls. */
export interface NodeCalls {
  node: object | undefined;
  calls: readonly EnvVarCall[] | undefined;
  rawIndex: number;
}

/** The calls of a parsed node's raw code, or undefined. */
export function envVarsOfNode(node: Record<string, unknown>): readonly EnvVarCall[] | undefined {
  const key = rawCodeKeyOf(node);
  return key === undefined ? undefined : envVarsOf(node[key] as string);
}

/** The key of a parsed node's raw code (the first of RAW_CODE_KEYS it holds as a string), or undefined. */
function rawCodeKeyOf(node: Record<string, unknown>): string | undefined {
  return RAW_CODE_KEYS.find((key) => typeof node[key] === 'string');
}

/** A result's own compiled code (`results[i].compiled_code`): the calls of the manifest node it names. */
export function envVarsOfResult(path: readonly PathSegment[], node: { envVars?: readonly EnvVarCall[] | undefined } | undefined): readonly EnvVarCall[] | undefined {
  return path.length === 3 && path[0] === 'results' && isCompiledCodeKey(path[2] as string) ? node?.envVars : undefined;
}

/**
 * A rendered model's file (target/compiled/<project>/models/x.sql, and its run/ copy) holds the compiled code of one
 * manifest node: that node, from the manifest of its target folder scanned before it, found by the node's package and
 * file (an on-run-start hook's, `dbt_project.yml/hooks/<name>.sql`, by its operation's name). Its raw code's calls read
 * the file's values as they read its compiled_code (red team 89: a password rendered from env_var() was reported in the
 * manifest and not in the same code's file beside it), and its suppressions and allowlist entries cover the file as they
 * cover the node (red team 97: `meta: {dbt-tools-lint: {ignore: …}}` missed the node's compiled file). Undefined when the
 * manifest has no such node, or two (one file, no one node to name).
 */
export function renderedNode(place: RenderedPlace, nodes: ReadonlyMap<string, NodeInfo> | undefined): NodeRef | undefined {
  if (!nodes) return undefined;
  let byFile = RENDERED_NODES.get(nodes);
  if (!byFile) RENDERED_NODES.set(nodes, (byFile = renderedNodes(nodes)));
  const hook = HOOK_FILE.exec(place.sourcePath);
  return byFile.get(hook ? `operation.${place.project}.${hook[1]}` : `${place.project}/${place.sourcePath}`) ?? undefined;
}

/** A hook's rendered file under its project file: `dbt_project.yml/hooks/jaffle_shop-on-run-start-0.sql`. */
const HOOK_FILE = /^dbt_project\.yml\/hooks\/([^/]+)\.sql$/;

/** Each manifest's nodes by package and file (an operation's by its id; null: a file two nodes name), kept while the nodes are. */
const RENDERED_NODES = new WeakMap<ReadonlyMap<string, NodeInfo>, Map<string, NodeRef | null>>();

function renderedNodes(nodes: ReadonlyMap<string, NodeInfo>): Map<string, NodeRef | null> {
  const out = new Map<string, NodeRef | null>();
  for (const [id, info] of nodes) {
    if (!info) continue;
    const ref: NodeRef = { ...info, uniqueId: id };
    if (id.startsWith('operation.')) out.set(id, ref);
    // (a node's id is <type>.<package>.<name>; a file that two nodes share, a schema.yml of tests, renders to files of their own names)
    else if (info.originalFilePath !== undefined) {
      const key = `${id.split('.')[1]}/${info.originalFilePath}`;
      out.set(key, out.has(key) ? null : ref);
    }
  }
  return out;
}
