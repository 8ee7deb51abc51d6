#!/usr/bin/env node
import path from 'node:path';
import { BUNDLE, loadCli, startReadHelper, startSpareWorker, wantsReadHelper, wantsSpareWorker } from './load-cli.js';

// folders side by side: a worker loads the bundle while this thread does
if (wantsSpareWorker(process.argv.slice(2))) startSpareWorker();
// one large manifest: its keyword search's helper thread starts while this thread loads the bundle
else if (wantsReadHelper(process.argv.slice(2))) startReadHelper();

const { main } = loadBundle();

/**
 * The bundle's exports, or one line and exit 2: a checkout not built yet (or a build under way, which removes the
 * bundle first) is a clear error, not a stack trace. Nothing the user gave is read before this.
 */
function loadBundle() {
  try {
    return loadCli().cli;
  } catch (error) {
    const where = path.relative(process.cwd(), BUNDLE) || BUNDLE;
    const why = error?.code === 'ENOENT' ? 'it is missing: build it with npm run build (npm install runs the build)' : `${String(error?.message ?? error).split('\n')[0]}`;
    process.stderr.write(`dbt-tools-lint: cannot load the built command line ${where}: ${why}\n`);
    process.exit(2);
  }
}

// A closed pipe (`dbt-tools-lint | head`) is not an error worth a stack trace. Any other failure to write (a full
// disk, `> /dev/full`) loses the report: one line and exit 2, never a stack trace, never the exit code of a run that
// wrote nothing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`dbt-tools-lint: cannot write the report to stdout (${error.code ?? error.name})\n`);
      } catch {
        // stderr is gone too: the exit code says it
      }
    }
    process.exit(2);
  });
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});
process.exitCode = code;

// Leave once what was written has gone out, not after Node has torn the heap down and waited for every thread to stop:
// tens of milliseconds a run (a scan of the sample: 3.25 G → 3.16 G instructions; a pre-commit hook runs on every commit).
// Writes to a pipe are asynchronous (POSIX): each stream's empty write calls back after the writes before it. A write
// that failed is the error handler's above (one line, exit 2): its event comes before the next turn, and this waits
// for that turn. 'exit' handlers still run (unpacked archives go); spill files have no name to leave behind.
let open = 2;
const leave = (error) => {
  if (error || --open > 0) return;
  setImmediate(() => {
    if (!process.stdout.errored && !process.stderr.errored) process.exit(code);
  });
};
process.stdout.write('', leave);
process.stderr.write('', leave);
