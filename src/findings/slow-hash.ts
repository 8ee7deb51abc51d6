/**
 * The slow hash (scrypt) of guessable values, computed on a thread of its own while the walk goes on.
 * A findings-heavy manifest has a guessable password every few hundred KB, each a few milliseconds of
 * scrypt: on the walking thread that was a fifth of the run (10 MB, 16 values: 180 ms). The walk hands
 * over each value its file's budget keeps as it finds it (fingerprint.ts FileHashes, which withdraws one a
 * smaller value takes the place of), and keeps a mark in its place; building the findings, after the walk,
 * hands over the rest the budget kept at once and takes the hashes, waiting only for those not done yet (an
 * artifact parsed in memory, or a text file, offers all of its values before its first finding is built).
 * Same hash, same fingerprints. Only where threads may be used (not with `--jobs 1`, nor inside a scan
 * worker, nor in a split's back half, whose values the front half's budget chooses among).
 *
 * The scan is synchronous (see engine/worker-sync.ts): the thread sleeps on a shared counter that the
 * hashing thread bumps after each reply. A thread that does not answer is given up on, and the values
 * are hashed where they are asked for.
 *
 * A thread that waits for a hash works meanwhile: it hashes the value itself when the hashing thread
 * has not begun it, else the last value handed over that the hashing thread has not begun (each value
 * has a slot in a shared table that the first of the two threads to begin it claims). The sample's
 * 100 guessable values took 680 ms on one thread; its scan, alternating: 1.49-1.63 s before, 1.21-1.25 s.
 */
import { scryptSync } from 'node:crypto';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SharedHashes } from './shared-hashes.js';

/** A hash not computed yet: this mark, then the value's fast hash (never written out, see settled). */
const PENDING = '\u0000pending\u0000';

/**
 * Values hashed on the asking thread before a hashing thread is started: a thread costs about as much
 * to start as a few hashes (30 ms), so a run with a handful of guessable values starts none.
 */
const HASHED_HERE_FIRST = 4;

/** No reply for this long: the hashing thread is taken for dead (a reply takes milliseconds). */
const STALL_MS = 10_000;

/**
 * The thread's code: scrypt of each value it is given and has claimed (the asking thread may have
 * begun it first: see SlowHashes.settled), the reply on its port, then the counter bumped.
 */
const HASHER = `
const { workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
const { port, signal, claims, params } = workerData;
port.on('message', ({ fast, secret, salt, slot }) => {
  if (Atomics.compareExchange(claims, slot, 0, 1) !== 0) return;
  port.postMessage({ fast, slow: scryptSync(secret, salt, 16, params).toString('hex') });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

interface Hasher {
  port: MessagePort;
  worker: Worker;
  /** [0]: replies posted. */
  signal: Int32Array;
  /** One slot a value handed over, in the order handed: 0, then 1 once the hashing thread begins it, 2 once this one does. */
  claims: Int32Array;
}

/** A value handed to the hashing thread: its slot in Hasher.claims, and what to hash. */
interface Handed {
  slot: number;
  secret: string;
  salt: string;
}

export class SlowHashes {
  private readonly done = new Map<string, string>();
  /** The values handed over and not answered yet, by their fast hash. */
  private readonly asked = new Map<string, Handed>();
  /** The fast hashes of the values handed over, in the order handed (this thread takes from the end: see settled). */
  private readonly handed: string[] = [];
  /** Values handed over so far (the next one's slot in Hasher.claims), answered by the hashing thread, and taken back and hashed here while waiting (see settled). */
  readonly counts = { handed: 0, answered: 0, takenBack: 0 };
  private hasher: Hasher | undefined;
  private failed = false;
  /** Hashes computed on this thread (see HASHED_HERE_FIRST). */
  private hashedHere = 0;
  /** Hand values over from the first (see handOverFromFirst). */
  private eager = false;
  /** The table this thread shares with the other threads of a scan, once there are others (see share). */
  private shared: SharedHashes | undefined;

  constructor(
    private readonly params: { N: number; r: number; p: number; maxmem: number },
    /** The most hashes held (one per distinct value, by its fast hash). */
    private readonly capacity: number,
  ) {}

  /**
   * The table of hashes shared with other threads: a new one here (for the threads this one starts), or
   * `buffer`, the one of the thread that started this one. Its hashes are read and written from then on.
   */
  share(buffer?: SharedArrayBuffer): SharedArrayBuffer {
    if (buffer && this.shared?.buffer !== buffer) this.shared = new SharedHashes(buffer);
    this.shared ??= new SharedHashes();
    return this.shared.buffer;
  }

  /** The slow hash of a value already hashed (by its fast hash), if it is at hand: here, or by another thread. */
  get(fast: string): string | undefined {
    const here = this.done.get(fast);
    if (here !== undefined || !this.shared) return here;
    const there = this.shared.get(fast);
    if (there !== undefined && this.done.size + this.asked.size < this.capacity) this.done.set(fast, there);
    return there;
  }

  /** Keep a hash computed here (while there is room), for the other threads too. */
  set(fast: string, slow: string): void {
    this.hashedHere++;
    if (this.done.size + this.asked.size < this.capacity) this.done.set(fast, slow);
    this.shared?.set(fast, slow);
  }

  /**
   * Hand a value to the hashing thread; returns the mark to keep in place of its hash (see settled),
   * or undefined when it is not handed over (one of the first few, no room left, the thread gone): hash it here then.
   */
  later(fast: string, secret: string, salt: string, start = false): string | undefined {
    if (this.asked.has(fast)) return PENDING + fast;
    // (one slot a value handed over, withdrawn ones too: past the table's last, values are hashed where asked; red team 133)
    if (this.failed || this.done.size + this.asked.size >= this.capacity || this.counts.handed >= this.capacity) return undefined;
    if (!start && !this.hasher && !this.eager && this.hashedHere < HASHED_HERE_FIRST) return undefined;
    const hasher = this.start();
    if (!hasher) return undefined;
    const slot = this.counts.handed++;
    hasher.port.postMessage({ fast, secret, salt, slot });
    this.asked.set(fast, { slot, secret, salt });
    this.handed.push(fast);
    return PENDING + fast;
  }

  /**
   * A large file is being walked: its first guessable value starts the hashing thread, instead of the
   * HASHED_HERE_FIRST before it being hashed here (some 30 ms of the walking thread on the 100 MB
   * density file, where the thread starts anyway). A file with none still starts no thread.
   */
  handOverFromFirst(): void {
    this.eager = true;
  }

  /** Values whose hashes are asked for next, known all at once (a file's, once its walk is over): more than HASHED_HERE_FIRST start the thread. */
  handOver(values: readonly (readonly [fast: string, secret: string, salt: string])[]): void {
    const start = values.length > HASHED_HERE_FIRST;
    for (const [fast, secret, salt] of values) this.later(fast, secret, salt, start);
  }

  /** A value handed over whose hash is not needed after all: the hashing thread skips it, unless it has begun it. */
  withdraw(fast: string): void {
    const handed = this.asked.get(fast);
    if (handed && this.hasher && Atomics.compareExchange(this.hasher.claims, handed.slot, 0, 2) === 0) this.asked.delete(fast);
  }

  /** Whether `hash` is a mark of a value handed over. */
  static isPending(hash: string): boolean {
    return hash.startsWith(PENDING);
  }

  /**
   * The hash that a mark stands for: hashed here when the hashing thread has not begun it; else, while
   * that thread works on it, the last values it has not begun are hashed here, then this thread waits.
   * Undefined when the hashing thread died.
   */
  settled(mark: string): string | undefined {
    return this.waitFor(mark.slice(PENDING.length));
  }

  /** settled, by the value's fast hash: undefined too when the value was not handed over (or was withdrawn). */
  waitFor(fast: string): string | undefined {
    const hasher = this.hasher;
    let since = Date.now();
    for (;;) {
      const slow = this.done.get(fast);
      if (slow !== undefined) return slow;
      const handed = this.asked.get(fast);
      if (!hasher || this.failed || !handed) return undefined;
      const seen = Atomics.load(hasher.signal, 0);
      if (this.takeReplies(hasher) > 0 || this.hashHere(hasher, fast, handed) || this.hashLast(hasher)) {
        since = Date.now();
        continue;
      }
      Atomics.wait(hasher.signal, 0, seen, 1000);
      if (Date.now() - since > STALL_MS) this.giveUp();
    }
  }

  /** Hash a value handed over here, if the hashing thread has not begun it (then it skips it). */
  private hashHere(hasher: Hasher, fast: string, handed: Handed): boolean {
    if (Atomics.compareExchange(hasher.claims, handed.slot, 0, 2) !== 0) return false;
    this.counts.takenBack++;
    this.answer(fast, scryptSync(handed.secret, handed.salt, 16, this.params).toString('hex'));
    return true;
  }

  /** A value handed over, hashed (by either thread): kept, for the other threads too. */
  private answer(fast: string, slow: string): void {
    this.asked.delete(fast);
    this.done.set(fast, slow);
    this.shared?.set(fast, slow);
  }

  /** Hash here the last value handed over that the hashing thread has not begun, if there is one. */
  private hashLast(hasher: Hasher): boolean {
    for (let fast = this.handed.pop(); fast !== undefined; fast = this.handed.pop()) {
      const handed = this.asked.get(fast);
      if (handed && this.hashHere(hasher, fast, handed)) return true;
    }
    return false;
  }

  private takeReplies(hasher: Hasher): number {
    let n = 0;
    for (let m = receiveMessageOnPort(hasher.port); m; m = receiveMessageOnPort(hasher.port)) {
      const { fast, slow } = m.message as { fast: string; slow: string };
      this.answer(fast, slow);
      this.counts.answered++;
      n++;
    }
    return n;
  }

  private start(): Hasher | undefined {
    if (this.hasher) return this.hasher;
    try {
      const { port1, port2 } = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(4));
      // (no more values are handed over than the table holds: see later)
      const claims = new Int32Array(new SharedArrayBuffer(4 * this.capacity));
      const worker = new Worker(HASHER, { eval: true, workerData: { port: port2, signal, claims, params: this.params }, transferList: [port2] });
      // an idle hasher does not keep the process alive
      worker.unref();
      port1.unref();
      worker.on('error', () => this.giveUp());
      this.hasher = { port: port1, worker, signal, claims };
    } catch {
      this.failed = true;
    }
    return this.hasher;
  }

  /** Stop asking the thread: the values it did not answer are hashed where they are asked for. */
  private giveUp(): void {
    this.failed = true;
    this.asked.clear();
    void this.hasher?.worker.terminate();
  }
}
