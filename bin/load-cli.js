/**
 * Loads the command line's bundle (dist/bundle/cli.cjs) with V8's code cache beside it
 * (cli.cjs.cache, written by the build after a scan of the bundled sample): the functions that
 * scan already compiled are read back instead of parsed and compiled again, and so is the work on
 * the registry's anchors that scan did (see src/detectors/prepared.ts). Parsing and compiling
 * were about half of a start (--version: 0.20 s, 0.15 s with the cache; a scan of a small
 * project: 0.36 s, 0.30 s; the prepared anchors take another 20-30 ms off it), and a pre-commit
 * hook starts the linter on every commit. Node 20 has
 * no module compile cache of its own (module.enableCompileCache is Node 22), and a code cache is
 * made for a script, not an ES module: hence the CommonJS bundle.
 *
 * V8 checks a cache's version, flags and length, not its bytes, and knows the source only by its
 * length: the file starts with SHA-256 digests of the bundle it was made from and of the rest
 * (the prepared work's length and JSON text, then V8's cache), and a file whose digests do not
 * match is not used. A cache that V8 or the digests
 * refuse (another Node.js, a changed bundle, a damaged file) is ignored: the bundle then compiles
 * as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;
const DIGEST = 32;
/**
 * The name stack traces give the bundle: its place in the package, the same in every install. V8
 * keeps the name a script had when its cache was made, on the build's machine, so the bundle's
 * path would name that machine's folder with the cache and this one's without.
 */
const SCRIPT_NAME = '@dbt-tools/lint/dist/bundle/cli.cjs';
/**
 * Each thread's old generation may grow by half before V8 collects it, not by V8's own factor (up
 * to four times on a machine with memory to spare). A long scan promotes garbage steadily (each
 * node's value lives across a few scavenges while it is open), and each of the two threads that
 * walk a large manifest let it pile up to ~90 MB of heap: peak RSS on a 600 MB manifest was
 * 293 MB, with this 255 MB, and the collections of a heap of ~20 MB live cost no measurable time.
 * Set here, before the bundle compiles, in every thread (they all load it through this file) and
 * in the build that makes the code cache: V8 refuses a cache made under other flags.
 */
v8.setFlagsFromString('--heap-growing-percent=50');
/**
 * V8's optimizing compiler inlines at most 200 bytecodes into one function, not 920: the walk's
 * large functions (the tokenizer's loop, its key handler) were compiled with most of what they
 * call inside them, and compiling them was a quarter of the instructions of a 10 MB scan. Each
 * thread compiles its own code, so folders scanned side by side paid it twice. The code compiled
 * runs as fast (outside the compiler, a 10 MB scan counts the same instructions); counted with
 * callgrind, every thread: a 10 MB manifest 5.78 G → 5.30 G, 20 target folders 9.10 G → 8.57 G
 * (--jobs 2: 12.20 G → 10.93 G), the 100 MB grown from the real corpus 16.57 G → 16.09 G.
 * Same rule as above: set before the bundle compiles, in every thread and in the cache's build.
 */
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');

/** The slot src/detectors/prepared.ts reads (its PREPARED_SLOT). */
export const PREPARED_SLOT = Symbol.for('@dbt-tools/lint prepared');
/** Where the bundle's threads find this loader, to start their workers from the bundle (see src/engine/worker-sync.ts). */
const LOADER = Symbol.for('@dbt-tools/lint loader');

/** Where a worker thread started before the bundle waits to be taken (see startSpareWorker and src/engine/worker-sync.ts). */
const SPARE = Symbol.for('@dbt-tools/lint spare worker');

/**
 * A spare worker's code: it loads the bundle as this thread does, then waits for the one message that says which
 * of the bundle's workers to be and gives it what that worker's workerData would hold. If the bundle does not
 * load, the message is answered with the failure, as a worker started for it would answer (worker-sync.ts).
 */
const SPARE_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.loader).then(
  (loader) => {
    const { cli } = loader.loadCli();
    parentPort.once('message', (taken) => cli.runTakenWorker(taken.entry, taken.data));
  },
  (error) => {
    parentPort.once('message', ({ data }) => {
      data.port.postMessage({ fatal: { name: 'WorkerLoadError', message: String(error && error.message), stack: undefined } });
      Atomics.add(data.signal, 0, 1);
      Atomics.notify(data.signal, 0);
    });
  },
);
`;

/**
 * Start a worker thread now, before this thread loads the bundle: the two load it side by side, and a scan that
 * turns out to want a worker (folders side by side, a large manifest's back half) takes this one, loaded, instead
 * of starting one then (about half a second of a busy core before it scans). A spare that no scan takes is
 * stopped when the scan has planned its threads (see dropSpareWorker in worker-sync.ts).
 */
export function startSpareWorker(loader = import.meta.url) {
  const worker = new Worker(SPARE_BOOTSTRAP, { eval: true, workerData: { loader } });
  worker.unref();
  globalThis[SPARE] = worker;
}

/** Options whose value is a folder, not one to scan. */
const FOLDER_OPTIONS = new Set(['--dbt-target', '--project-dir']);

/**
 * Whether the command line `args` reads as a scan of folders side by side, the one case where a spare worker
 * started before the bundle loads is taken (a large manifest's back half starts while this thread compiles,
 * and is not waited for until the front half is walked: measured, a spare gave it nothing). A glob the shell
 * left (\`'runs/*\/target'\`) or two folders or more, and more than one core, and not \`--jobs 1\`. Only a guess,
 * made without reading the options as the command line does: a wrong one costs a spare that loads the bundle
 * for nothing, on another core (a scan of the sample: +0.03 s), or a worker that starts later.
 */
export function wantsSpareWorker(args, cores = availableParallelism()) {
  const { paths, oneThread } = argsRead(args);
  if (cores < 2 || oneThread) return false;
  let folders = 0;
  return paths.some((arg) => /[*?[{]/.test(arg)) || paths.some((arg) => isFolder(arg) && ++folders === 2);
}

/**
 * What the guesses before the bundle loads read of the command line `args`, without reading the options as it does:
 * the words that are no option (an option's value among them, but FOLDER_OPTIONS'), --dbt-target's folder, and whether
 * it asks for one thread (`--jobs 1`), for no streaming, or for help or the version.
 */
function argsRead(args) {
  const read = { paths: [], target: undefined, oneThread: false, noStream: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--jobs') read.oneThread ||= args[++i] === '1';
    else if (arg === '--jobs=1') read.oneThread = true;
    else if (arg === '--no-stream' || arg === '--stream=false') read.noStream = true;
    else if (arg === '--help' || arg === '-h' || arg === '--version') read.help = true;
    else if (arg === '--dbt-target') read.target = args[++i];
    else if (arg.startsWith('--dbt-target=')) read.target = arg.slice('--dbt-target='.length);
    else if (FOLDER_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) read.paths.push(arg);
  }
  return read;
}

/** Where a keyword search helper started before the bundle loaded waits to be taken (see startReadHelper and src/engine/stream-read.ts). */
const READ_HELPER = Symbol.for('@dbt-tools/lint read helper');

/**
 * The read helper's code (dist/bundle/stream-read-worker.js, which then waits for its file's setup). If it does not load,
 * it says so in the shared flag, as one the scan starts would (src/engine/worker-sync.ts): the tokenizer's thread sleeps on
 * that memory, not on events, so an 'error' event would not be heard while it scans.
 */
const READ_HELPER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.script).catch(() => {
  Atomics.add(workerData.failed, 0, 1);
  Atomics.notify(workerData.failed, 0);
  Atomics.notify(workerData.failed, 1);
});
`;

/**
 * Start the keyword search's helper thread now, before the bundle loads, for a scan that will stream a large file on
 * this thread beside one (see wantsReadHelper): the thread takes some 170 ms to start, and started when the scan knows its
 * file, it was ready only after this thread had searched the first five chunks itself, in cold code, and then waited for
 * it (about 80 ms of a 100 MB scan's 1.4 s). `control` is the helper's shared memory of eight numbers, its [0] the flag
 * of a helper that could not load. A helper no scan takes is stopped when the scan has planned its threads.
 */
export function startReadHelper(script = new URL('../dist/bundle/stream-read-worker.js', import.meta.url)) {
  const control = new SharedArrayBuffer(4 * 8);
  const worker = new Worker(READ_HELPER_BOOTSTRAP, { eval: true, workerData: { setup: undefined, script: script.href, failed: new Int32Array(control) } });
  worker.unref();
  globalThis[READ_HELPER] = { worker, control };
}

/** The sizes of a file the scan streams on this thread with a keyword search helper beside it: src/engine/stream-read.ts's helperMinBytes and splitMinBytes. */
export const READ_HELPER_BYTES = { from: 24 * 1024 * 1024, below: 128 * 1024 * 1024 };

/** The command line's commands that read no artifact. */
const QUIET_COMMANDS = new Set(['rules', 'explain', 'config', 'init']);

/** The artifacts a target folder is scanned for whose size tells (the others are small). */
const LARGE_ARTIFACTS = ['manifest.json', 'run_results.json', 'catalog.json'];

/**
 * Whether the command line `args` reads as a scan of a local JSON artifact of READ_HELPER_BYTES, given or in a target
 * folder given (or --dbt-target's, or ./target), with more than one core and not `--jobs 1` or `--no-stream`. Only a
 * guess, made without reading the options as the command line does (an option's value is looked at as a path would be):
 * a wrong one costs a thread that starts for nothing on another core, or one that starts later.
 */
export function wantsReadHelper(args, cores = availableParallelism()) {
  const { paths, target = 'target', oneThread, noStream, help } = argsRead(args);
  if (cores < 2 || oneThread || noStream || help) return false;
  // (a command that scans nothing: not ./target's manifest either, review 164)
  if (QUIET_COMMANDS.has(paths[0])) return false;
  if (paths.some((arg) => /[*?[{]/.test(arg))) return false;
  const given = paths.filter((arg) => isFolder(arg) || fileSize(arg) > 0);
  const files = (given.length > 0 ? given : [target]).flatMap((arg) => (isFolder(arg) ? LARGE_ARTIFACTS.map((name) => path.join(arg, name)) : [arg]));
  return files.some((file) => {
    const size = file.endsWith('.json') ? fileSize(file) : 0;
    return size >= READ_HELPER_BYTES.from && size < READ_HELPER_BYTES.below;
  });
}

function fileSize(file) {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}

function isFolder(file) {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

const sha256 = (data) => createHash('sha256').update(data).digest();

/** The file's contents for `source`: the two digests, the prepared tables' length and JSON, then the cache V8 made. */
export function cacheFile(source, tables, cachedData) {
  const json = Buffer.from(JSON.stringify(tables));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const rest = Buffer.concat([length, json, cachedData]);
  return Buffer.concat([sha256(source), sha256(rest), rest]);
}

/** The prepared tables and V8's cache in `file` when its digests match `source` and itself, else undefined. */
function verified(file, source) {
  if (file.length <= 2 * DIGEST + 4) return undefined;
  const rest = file.subarray(2 * DIGEST);
  if (!sha256(source).equals(file.subarray(0, DIGEST)) || !sha256(rest).equals(file.subarray(DIGEST, 2 * DIGEST))) return undefined;
  const length = rest.readUInt32LE(0);
  if (4 + length > rest.length) return undefined;
  return { tables: JSON.parse(rest.toString('utf8', 4, 4 + length)), cachedData: rest.subarray(4 + length) };
}

/**
 * The bundle's exports; its script and source (for the build to make the cache of: createCachedData
 * after a run holds the functions the run compiled); and what became of the cache: 'used',
 * 'rejected' (by its digests or by V8) or 'none'. `useCache`: false to compile without it.
 */
export function loadCli({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let file;
  if (useCache) {
    try {
      file = readFileSync(CODE_CACHE);
    } catch {
      // no cache (a build that could not make one): compile as usual
    }
  }
  const found = file && verified(file, source);
  const cachedData = found?.cachedData;
  // (the build records the tables: its slot is set already)
  if (found && globalThis[PREPARED_SLOT] === undefined) globalThis[PREPARED_SLOT] = { record: false, tables: found.tables };
  // CommonJS's own wrapper, on the bundle's first line: its line numbers stay the file's
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: SCRIPT_NAME,
    ...(cachedData ? { cachedData } : {}),
    // (no importModuleDynamically: the bundle makes no import() of its own. A function there needs
    // --experimental-vm-modules on Node.js 20; the cloud SDKs are imported by the remote worker, a
    // module of its own, and recheck is required)
  });
  const module = { exports: {} };
  // the bundle's worker threads start from it too, through this loader (see worker-sync.ts)
  globalThis[LOADER] = import.meta.url;
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  const cache = file === undefined ? 'none' : cachedData && !script.cachedDataRejected ? 'used' : 'rejected';
  return { cli: module.exports, script, source, cache };
}
