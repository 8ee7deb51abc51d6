/**
 * The spare worker (bin/load-cli.js): a command line that reads as a scan of folders side by side starts
 * a worker before it loads the bundle, and the scan takes it, loaded, instead of starting one. One that
 * cannot load answers as a worker started for the scan would (its folders are scanned on the main thread),
 * and one that no scan takes is stopped.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './helpers.js';
// @ts-expect-error: the command line's loader is JavaScript without types
import { wantsSpareWorker } from '../bin/load-cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(ROOT, 'fixtures/jaffle-shop-leaky/target');
const LOADER = pathToFileURL(path.join(ROOT, 'bin/load-cli.js')).href;
const wants = wantsSpareWorker as (args: string[], cores?: number) => boolean;
const SCRIPTS = tempDir('spare-scripts-');
t.teardown(() => rmSync(SCRIPTS, { recursive: true, force: true }));
let scripts = 0;

interface Run {
  code: number;
  /** Scan workers the bundle started itself (not taken as a spare). */
  started: number;
  /** Whether a spare was left in its slot after the scan. */
  spareLeft: boolean;
  /** Whether the spare (if any) had stopped within 10 s of the scan's end. */
  spareStopped: boolean | null;
  findings: string[];
  stderr: string;
}

/**
 * A scan of `args` by the command line's own main(), in a process of its own, with a spare worker
 * (`spare`: loaded from this bundle, or from a loader that does not exist) or none. Counts the scan
 * workers the bundle starts by wrapping node:worker_threads' Worker, which the bundle reads when it
 * starts one (the spare is started before: not counted).
 */
function run(args: string[], spare: 'none' | 'working' | 'broken'): Run {
  const code = `
    import threads from 'node:worker_threads';
    const { loadCli, startSpareWorker } = await import(${JSON.stringify(LOADER)});
    const slot = Symbol.for('@dbt-tools/lint spare worker');
    const spare = ${JSON.stringify(spare)};
    if (spare === 'working') startSpareWorker();
    if (spare === 'broken') startSpareWorker('file:///nowhere/load-cli.js');
    const worker = globalThis[slot];
    const stopped = worker ? new Promise((resolve) => worker.once('exit', () => resolve(true))) : Promise.resolve(null);
    let started = 0;
    const Worker = threads.Worker;
    threads.Worker = class extends Worker {
      constructor(script, options) {
        super(script, options);
        if (options?.workerData?.entry === 'parallel-worker') started++;
      }
    };
    const { cli } = loadCli();
    let out = '';
    const exit = await cli.main(${JSON.stringify([...args, '--format', 'json'])}, { stdout: (text) => { out += text; }, stderr: (text) => process.stderr.write(text), env: {}, isTTY: false, cwd: process.cwd() });
    const spareLeft = globalThis[slot] !== undefined;
    const spareStopped = await Promise.race([stopped, new Promise((resolve) => setTimeout(() => resolve(false), 10_000).unref())]);
    const findings = JSON.parse(out).findings.map((f) => [f.ruleId, f.file, f.jsonPath, f.fingerprint].join(' ')).sort();
    console.log(JSON.stringify({ code: exit, started, spareLeft, spareStopped, findings }));
  `;
  // (a file: a worker started by a process run with --input-type=module reads its code as a module)
  const script = path.join(SCRIPTS, `scan-${spare}-${++scripts}.mjs`);
  writeFileSync(script, code);
  const r = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the scan's process failed (${r.status}): ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as Omit<Run, 'stderr'>), stderr: r.stderr };
}

t.test('a spare is wanted for folders side by side only', async (t) => {
  const work = tempDir('spare-wanted-');
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const [a, b] = ['a', 'b'].map((name) => path.join(work, name));
  for (const dir of [a!, b!]) mkdirSync(dir);
  t.equal(wants([`${work}/*/target`]), true, "a glob the shell left");
  t.equal(wants([a!, b!]), true, 'two folders');
  t.equal(wants([a!, b!, '--format', 'sarif']), true, 'with options among them');
  t.equal(wants([a!]), false, 'one folder');
  t.equal(wants([path.join(SAMPLE, 'manifest.json'), path.join(SAMPLE, 'run_results.json')]), false, "a folder's files");
  t.equal(wants(['check-staged', path.join(SAMPLE, 'manifest.json')]), false, 'staged files');
  t.equal(wants(['--project-dir', a!, b!]), false, 'a folder that is an option’s value is not one to scan');
  t.equal(wants(['--dbt-target', a!, b!]), false);
  t.equal(wants([a!, b!, '--jobs', '1']), false, '--jobs 1');
  t.equal(wants([`${work}/*/target`, '--jobs=1']), false, '--jobs=1');
  t.equal(wants([a!, b!, '--jobs', '2']), true, '--jobs 2');
  t.equal(wants([a!, b!], 1), false, 'one core');
  t.equal(wants(['--version']), false);
});

t.test('folders side by side take the spare, loaded, and report as without it', async (t) => {
  const work = tempDir('spare-taken-');
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  for (const name of ['a', 'b', 'c']) cpSync(SAMPLE, path.join(work, 'runs', name, 'target'), { recursive: true });
  const glob = path.join(work, 'runs/*/target');
  const serial = run([glob, '--jobs', '1'], 'none');
  t.equal(serial.code, 1, serial.stderr);
  t.equal(serial.findings.length > 0, true, 'the sample has findings');

  const without = run([glob, '--jobs', '2'], 'none');
  t.equal(without.started, 1, 'without a spare, the scan starts its worker');
  t.same(without.findings, serial.findings);

  const taken = run([glob, '--jobs', '2'], 'working');
  t.equal(taken.started, 0, 'with one, it starts none: it takes the spare');
  t.equal(taken.spareLeft, false);
  t.equal(taken.spareStopped, true, 'which stops when the scan is done');
  t.same(taken.findings, serial.findings, 'the same findings');
  t.equal(taken.code, serial.code);
  t.equal(taken.stderr, '');

  const broken = run([glob, '--jobs', '2'], 'broken');
  t.equal(broken.started, 0, 'a spare that could not load is taken too…');
  t.same(broken.findings, serial.findings, '…and its folders are scanned here');
  t.equal(broken.code, serial.code);
});

t.test('a spare that no scan takes is stopped', async (t) => {
  for (const args of [[SAMPLE], [SAMPLE, '--jobs', '1']]) {
    const r = run(args, 'working');
    t.equal(r.code, 1, r.stderr);
    t.equal(r.started, 0);
    t.equal(r.spareLeft, false, `${args.join(' ')}: the slot is empty`);
    t.equal(r.spareStopped, true, 'the spare stopped');
  }
});
