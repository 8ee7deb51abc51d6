/**
 * Worker threads for a synchronous caller. `scan` is synchronous (the CLI, the API and the tests
 * call it that way), so the calling thread cannot wait on events: it sleeps on a shared counter
 * that workers bump after each reply (Atomics.wait) and takes replies with receiveMessageOnPort.
 * Workers also bump a progress counter as they go, so a worker that died without replying (out
 * of memory) is told apart from a slow one.
 */
import { MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inBundle } from './worker-names.js';

/** A worker that has made no progress for this long is taken for dead. */
const STALL_MS = 120_000;

/**
 * Loads the worker's module: from the command line's bundle when this thread runs from it (see
 * workerModule), else its own file. If that fails (no TypeScript loader in the worker, say), says
 * so on the reply port, or in the `failed` flag, instead of dying unheard.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const started = workerData.loader
  ? import(workerData.loader).then((loader) => loader.loadCli().cli.runWorker(workerData.entry))
  : import(workerData.script);
started.catch((error) => {
  if (workerData.port) workerData.port.postMessage({ fatal: { name: 'WorkerLoadError', message: String(error && error.message), stack: undefined } });
  const flag = workerData.signal || workerData.failed;
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
  if (workerData.failed) Atomics.notify(workerData.failed, 1);
});
`;

/** Where bin/load-cli.js leaves a worker it started before the bundle loaded (its startSpareWorker). */
const SPARE = Symbol.for('@dbt-tools/lint spare worker');

/** What a spare worker was given when it was taken (see takeSpare): its workerData. */
let given: unknown;

/** In a worker: its workerData, or what it was given when taken as a spare. */
export function workerInput<T>(): T {
  return (given ?? workerData) as T;
}

/** In a spare worker, when taken: what to read as its workerData from now on (see worker-entries.ts). */
export function giveWorkerInput(data: unknown): void {
  given = data;
}

/** The spare worker bin/load-cli.js started, once: undefined when there is none, or it was taken or dropped. */
function takeSpare(): Worker | undefined {
  const slots = globalThis as Record<symbol, unknown>;
  const spare = slots[SPARE] as Worker | undefined;
  slots[SPARE] = undefined;
  return spare;
}

/** Whether a spare worker waits to be taken. */
export function spareWorkerWaiting(): boolean {
  return (globalThis as Record<symbol, unknown>)[SPARE] !== undefined;
}

/** Stop the spare worker, if no scan took it (it loaded the bundle for nothing). */
export function dropSpareWorker(): void {
  void takeSpare()?.terminate();
}

/** Where bin/load-cli.js notes its own URL when it loads the command line's bundle. */
const LOADER = Symbol.for('@dbt-tools/lint loader');

/**
 * How a worker finds its module `script`. In a thread that runs from the command line's bundle, the
 * worker loads that bundle with its code cache (see worker-entries.ts): the loader's URL and the
 * module's name. Otherwise the module's own file.
 */
function workerModule(script: URL): { loader: string; entry: string } | { script: string } {
  const loader = (globalThis as Record<symbol, unknown>)[LOADER];
  const entry = path.posix.basename(script.pathname, '.js');
  if (typeof loader === 'string' && inBundle(entry)) return { loader, entry };
  return { script: workerScript(script).href };
}

/** In a worker: whether it was started from the module at `url` itself (not from the bundle by name, see workerModule). */
export function startedAs(url: string): boolean {
  return workerInput<{ script?: string } | null>()?.script === url;
}

/**
 * A worker module next to this one. Run from the TypeScript sources (the tests), workers run the
 * build of the same sources: a TypeScript loader does not reach code loaded by an eval'd worker.
 */
function workerScript(script: URL): URL {
  if (existsSync(fileURLToPath(script))) return script;
  const built = new URL(script.href.replace(/\/src\/(engine|sources|artifacts)\/([^/]+)$/, '/dist/$1/$2'));
  return existsSync(fileURLToPath(built)) ? built : new URL(script.href.replace(/\.js$/, '.ts'));
}

/**
 * Start one worker that talks through shared memory only. If its module cannot load, `failed[0]`
 * becomes non-zero (and waiters on `failed[1]` are woken).
 */
export function startWorker(script: URL, data: Record<string, unknown>, failed: Int32Array): Worker {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, ...workerModule(script), failed } });
  worker.unref();
  return worker;
}

interface WorkerSetup {
  port: MessagePort;
  signal: Int32Array;
}

export class SyncWorkers<Request, Reply> {
  /** [0]: replies posted; [1]: progress ticks. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly workers: { worker: Worker; port: MessagePort }[] = [];
  /** Settles when the workers closed so far have stopped. */
  private exited: Promise<unknown> = Promise.resolve();

  /**
   * Start `count` workers running `script` (a module next to this one: .js when built, .ts under
   * a TypeScript loader). A script that fails to load answers the first request with a failure.
   */
  constructor(script: URL, count: number, data: Record<string, unknown>) {
    const module = workerModule(script);
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const workerData = { ...data, ...module, port: port2, signal: this.signal };
      // a worker of the bundle: the spare one, loaded already, when there is one
      const entry = 'entry' in module ? module.entry : undefined;
      const spare = entry ? takeSpare() : undefined;
      if (spare) spare.postMessage({ entry, data: workerData }, [port2]);
      const worker = spare ?? new Worker(BOOTSTRAP, { eval: true, workerData, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1 });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  post(index: number, request: Request, transfer: readonly TransferListItem[] = []): void {
    this.workers[index]!.worker.postMessage(request, transfer);
  }

  /** A reply that has arrived, from any worker, without waiting. */
  take(): { from: number; reply: Reply } | undefined {
    for (let i = 0; i < this.workers.length; i++) {
      const m = receiveMessageOnPort(this.workers[i]!.port);
      if (m) return { from: i, reply: m.message as Reply };
    }
    return undefined;
  }

  /** The next reply from any worker, waiting for it. */
  next(): { from: number; reply: Reply } {
    let progress = Atomics.load(this.signal, 1);
    let since = Date.now();
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const got = this.take();
      if (got) return got;
      Atomics.wait(this.signal, 0, seen, 1000);
      const now = Atomics.load(this.signal, 1);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) throw new Error('a worker thread stopped responding');
    }
  }

  close(): void {
    const exits: Promise<unknown>[] = [this.exited];
    for (const { worker, port } of this.workers) {
      port.close();
      exits.push(worker.terminate());
    }
    this.workers.length = 0;
    this.exited = Promise.allSettled(exits);
  }

  /** Run `then` once every worker closed so far has stopped (on a later turn of the event loop). */
  afterExit(then: () => void): void {
    void this.exited.then(then);
  }
}

/** In a worker: answer each request with `handle`'s reply (or the error it threw). */
export function serveSync<Request, Reply>(handle: (request: Request) => { reply: Reply; transfer?: TransferListItem[] }): void {
  serveAsync((request: Request) => Promise.resolve(handle(request)));
}

/** In a worker: answer each request, one at a time, with what `handle` resolves to (or the error it threw). */
export function serveAsync<Request, Reply>(handle: (request: Request) => Promise<{ reply: Reply; transfer?: TransferListItem[] }>): void {
  const { port, signal } = workerInput<WorkerSetup>();
  const send = (message: unknown, transfer: TransferListItem[] = []) => {
    port.postMessage(message, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  process.on('uncaughtException', (error) => send({ fatal: describeError(error) }));
  // the parent's messages arrive on the worker's own event loop
  let queue = Promise.resolve();
  parentPort!.on('message', (request: Request) => {
    queue = queue.then(async () => {
      try {
        const { reply, transfer } = await handle(request);
        send(reply, transfer);
      } catch (error) {
        send({ fatal: describeError(error) });
      }
    });
  });
}

/** In a worker: tell the waiting thread that work is going on. */
export function tick(): void {
  const setup = workerInput<WorkerSetup | undefined>();
  if (setup?.signal) Atomics.add(setup.signal, 1, 1);
}

export interface WorkerFailure {
  fatal: { name: string; message: string; stack: string | undefined; exitCode?: number };
}

export function isFailure(reply: unknown): reply is WorkerFailure {
  return typeof reply === 'object' && reply !== null && 'fatal' in reply;
}

function describeError(error: unknown): WorkerFailure['fatal'] {
  if (error instanceof Error) {
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return { name: error.name, message: error.message, stack: error.stack, ...(typeof exitCode === 'number' ? { exitCode } : {}) };
  }
  return { name: 'Error', message: String(error), stack: undefined };
}
