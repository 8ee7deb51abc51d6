/**
 * Optional peer dependencies: heavy packages that unlock one feature, declared in package.json's
 * peerDependencies with `peerDependenciesMeta: { optional: true }`, and installed only by the users
 * who want that feature. Nothing loads them until it is used. A peer is looked for beside
 * dbt-tools-lint first, then in the project it runs in (the current directory): `npx
 * @dbt-tools/lint s3://…` runs from npx's own folder, and finds the SDK the project installed.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from './errors.js';

const ownRequire = createRequire(import.meta.url);

/** Whether an error says that `name` itself is not installed (and not that something inside it is broken). */
function isMissing(error: unknown, name: string): boolean {
  // by message: loaders in between (tsx, tap's) rethrow it without its code
  const message = error instanceof Error ? error.message : '';
  return /^Cannot find (module|package) /.test(message) && message.includes(`'${name}'`);
}

/** The package from the project in the current directory (its node_modules or any above it), else undefined. */
function fromProject<T>(name: string): T | undefined {
  try {
    return createRequire(path.join(process.cwd(), 'package.json'))(name) as T;
  } catch (error) {
    if (isMissing(error, name)) return undefined;
    throw error;
  }
}

/** The package when it is installed beside dbt-tools-lint or in the project, else undefined. */
export async function importOptionalPeer<T>(name: string): Promise<T | undefined> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if (!isMissing(error, name)) throw error;
  }
  return fromProject<T>(name);
}

/** The package for a feature that needs it: when it is not installed, exit 2 with one line naming what to install. */
export async function loadOptionalPeer<T>(name: string, purpose: string): Promise<T> {
  const found = await importOptionalPeer<T>(name);
  if (found === undefined) throw new UsageError(`${purpose} needs ${name}: npm i -D ${name}`);
  return found;
}

/** The package when it is installed, else undefined: for a feature that has a built-in fallback. Synchronous (CommonJS packages). */
export function optionalPeerIfInstalled<T>(name: string): T | undefined {
  try {
    return ownRequire(name) as T;
  } catch (error) {
    if (!isMissing(error, name)) throw error;
  }
  return fromProject<T>(name);
}
