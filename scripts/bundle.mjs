/**
 * The command line runs from one bundle (dist/bundle/cli.cjs), not from the ~80 modules tsc writes
 * and the ~130 of its dependencies: Node loads one file in place of two hundred, which takes about
 * 70 ms off every run (a pre-commit hook runs it on every commit). It is a CommonJS script so that
 * V8 can keep a code cache of it (another 50-60 ms, see bin/load-cli.js). The worker threads are
 * ES module entry points of their own beside it; the command line starts its scan workers and the
 * split's back half from cli.cjs itself, with its cache (src/engine/worker-entries.ts), and the
 * others (the keyword helper, the archive and remote workers) from these. dist/ itself stays the
 * programmatic API, with its types.
 * recheck stays outside: it is loaded only when a config brings patterns of its own; so do the
 * cloud SDKs, loaded only when an s3://, gs:// or az:// URL is scanned.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

rmSync('dist/bundle', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // the cloud SDKs are optional peers, loaded by the remote worker only when a URL of theirs is scanned
  external: ['recheck', '@aws-sdk/client-s3', '@google-cloud/storage', '@azure/storage-blob', '@azure/identity'],
  // zod's translations of its messages (a third of the bundle): ours are English only
  plugins: [
    {
      // yargs' help layout measures text with string-width, which builds Unicode-property regexes and
      // an Intl.Segmenter when loaded (~100 ms of every start); ours builds nothing for ASCII text
      name: 'string-width-on-demand',
      setup(build) {
        build.onResolve({ filter: /^string-width$/ }, () => ({ path: path.resolve('dist/util/string-width.js') }));
      },
    },
    {
      name: 'zod-english-only',
      setup(build) {
        build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
          contents: "export { default as en } from './en.js';",
          resolveDir: path.dirname(args.path),
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
};
// the worker threads: ES modules sharing chunks
await build({
  ...common,
  entryPoints: ['dist/engine/parallel-worker.js', 'dist/engine/stream-read-worker.js', 'dist/engine/split-worker.js', 'dist/sources/remote-worker.js', 'dist/artifacts/archive-worker.js'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  splitting: true,
  format: 'esm',
  // CommonJS dependencies (micromatch) call require for Node's own modules
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
});
// the command line: one script, which V8 can keep a code cache of (see bin/load-cli.js); its workers are the modules above
await build({
  ...common,
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/bundle/cli.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The code cache: the functions a scan of the bundled sample compiles, as V8 wrote them. Made by
// this Node.js for itself; another one rejects it and compiles as usual. Without the sample (an
// unpacked package), there is no cache.
const sample = 'fixtures/jaffle-shop-leaky/target';
if (existsSync(sample)) {
  const made = spawnSync(process.execPath, ['scripts/code-cache.mjs', sample], { stdio: 'inherit' });
  if (made.status !== 0) {
    // no half-built bundle for build-if-stale to take for a fresh one
    rmSync('dist/bundle/cli.cjs');
    throw new Error('bundle: the code cache could not be made');
  }
}
