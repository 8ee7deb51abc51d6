#!/usr/bin/env node
/**
 * npm test: tap, with @tapjs/processinfo recording no file. tap loads processinfo into every test process (the last of
 * its --import flags, before .taprc's) and, on Node 20, processinfo reads and measures every module the process loads
 * and sends it to the main thread, for coverage and `tap --changed`, neither of which this project uses (.taprc:
 * disable-coverage). Its exclusion pattern, read from the environment when it loads, is the one way to turn that off:
 * 0.7 s of CPU less for each of the ~150 test files (a test process that loads tap and the CLI: 2.2–2.7 s with it, 1.7–
 * 2.2 without). Arguments go to tap as they are (`npm test -- test/cli.test.ts`).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const tapPackage = require.resolve('tap/package.json');
const bin = path.join(path.dirname(tapPackage), require(tapPackage).bin.tap);
const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, _TAPJS_PROCESSINFO_EXCLUDE_: '/./' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
