/**
 * Writes schema/config.schema.json from the zod schema (`npm run schema`); with --check, fails
 * when the committed file differs (CI runs the check through the test suite too).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../src/config/schema.js';

export const SCHEMA_FILE = path.join(import.meta.dirname, '..', 'schema', 'config.schema.json');

export function renderSchema(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (committed !== renderSchema()) {
      console.error('schema/config.schema.json is out of date: run npm run schema');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, renderSchema());
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  }
}
