import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string; homepage?: string };

export const TOOL_NAME = 'dbt-tools-lint';
export const PACKAGE_NAME = pkg.name;
export const VERSION = pkg.version;
export const INFORMATION_URI = pkg.homepage ?? 'https://github.com/dbt-tools/dbt-tools-lint';
