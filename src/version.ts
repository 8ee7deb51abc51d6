import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own package.json: one folder up from dist/, two from the bundle in dist/bundle/. */
function readPackageJson(): { name: string; version: string; homepage?: string } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 3; up++) {
    dir = path.dirname(dir);
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; homepage?: string };
  }
  throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
}

const pkg = readPackageJson();

export const TOOL_NAME = 'dbt-tools-lint';
export const PACKAGE_NAME = pkg.name;
export const VERSION = pkg.version;
export const INFORMATION_URI = pkg.homepage ?? 'https://github.com/dbt-tools/dbt-tools-lint';
