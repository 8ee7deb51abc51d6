/**
 * Optional peer dependencies: heavy packages that unlock one feature, declared in package.json's
 * peerDependencies with `peerDependenciesMeta: { optional: true }`, and installed beside
 * dbt-tools-lint only by the users who want that feature. Nothing loads them until it is used.
 */
import { createRequire } from 'node:module';
import { UsageError } from './errors.js';

const require = createRequire(import.meta.url);

/** Whether an error says that `name` itself is not installed (and not that something inside it is broken). */
function isMissing(error: unknown, name: string): boolean {
  // by message: loaders in between (tsx, tap's) rethrow it without its code
  const message = error instanceof Error ? error.message : '';
  return /^Cannot find (module|package) /.test(message) && message.includes(`'${name}'`);
}

/** The package for a feature that needs it: when it is not installed, exit 2 with one line naming what to install. */
export async function loadOptionalPeer<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if (isMissing(error, name)) throw new UsageError(`${purpose} needs ${name}: npm i -D ${name}`);
    throw error;
  }
}

/** The package when it is installed, else undefined: for a feature that has a built-in fallback. Synchronous (CommonJS packages). */
export function optionalPeerIfInstalled<T>(name: string): T | undefined {
  try {
    return require(name) as T;
  } catch (error) {
    if (isMissing(error, name)) return undefined;
    throw error;
  }
}
