/**
 * The command line runs from one bundle (dist/bundle/), not from the ~80 modules tsc writes and
 * the ~130 of its dependencies: Node loads one file in place of two hundred, which takes about
 * 70 ms off every run (a pre-commit hook runs it on every commit). The worker threads are entry
 * points of their own beside it. dist/ itself stays the programmatic API, with its types.
 * recheck stays outside: it is loaded only when a config brings patterns of its own; so do the
 * cloud SDKs, loaded only when an s3://, gs:// or az:// URL is scanned.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli.js', 'dist/engine/parallel-worker.js', 'dist/engine/stream-read-worker.js', 'dist/engine/split-worker.js', 'dist/sources/remote-worker.js', 'dist/artifacts/archive-worker.js'],
  outdir: 'dist/bundle',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // the cloud SDKs are optional peers, loaded by the remote worker only when a URL of theirs is scanned
  external: ['recheck', '@aws-sdk/client-s3', '@google-cloud/storage', '@azure/storage-blob', '@azure/identity'],
  // CommonJS dependencies (micromatch) call require for Node's own modules
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
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
});
