/**
 * Writes dist/bundle/cli.cjs.cache (see bin/load-cli.js): the command line's bundle is loaded
 * without a cache, scans the sample folder given (as a pre-commit hook would, text to the
 * terminal, and as CI would, SARIF to a file) while it records the anchors it works out (see
 * src/detectors/prepared.ts), and V8 then writes every function those runs compiled. Output goes
 * nowhere; a scan that fails fails the build.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { cacheFile, CODE_CACHE, loadCli, PREPARED_SLOT } from '../bin/load-cli.js';

const sample = process.argv[2];
const prepared = { record: true, tables: {} };
globalThis[PREPARED_SLOT] = prepared;
const { cli, script, source } = loadCli({ useCache: false });
const io = { stdout: () => true, stderr: () => true, env: {}, isTTY: false, cwd: process.cwd() };
for (const args of [[sample, '--fail-on', 'none'], [sample, '--format', 'sarif', '--output', devNull, '--fail-on', 'none']]) {
  const code = await cli.main(args, io);
  if (code !== 0) throw new Error(`code cache: dbt-tools-lint ${args.join(' ')} exited with ${code}`);
}
writeFileSync(`${CODE_CACHE}.tmp`, cacheFile(source, prepared.tables, script.createCachedData()));
renameSync(`${CODE_CACHE}.tmp`, CODE_CACHE);
