/**
 * npm run bench: whole-process wall time, MB/s and peak RSS (from /usr/bin/time -v), side by side
 * in one run, for our full scan with SARIF output, the read + JSON.parse floor and secretlint 12,
 * on four sets of one-line manifests of about 100 and 600 MB — grown from the real corpus
 * (../shared/corpus/real, bench/corpus.ts), a findings-heavy project in real projects' vocabulary
 * (bench/realistic.ts), the same project at the density of findings issue 14 measured, and the
 * old synthetic set (bench/generate.ts) — and for 200 small target folders with one thread and
 * with two. Writes the table to bench/RESULTS.md (with --only, to bench/data/RESULTS-<set>.md).
 *
 *   npm run bench [-- --regenerate] [-- --runs N] [-- --no-secretlint] [-- --only corpus|heavy|moderate|synthetic|targets]
 *
 * Not a test: timings depend on the machine and its load, and CI time is better spent elsewhere.
 */
import { constants } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPresent, writeCorpusManifest } from './corpus.js';
import { writeManifest, writeSmallTarget } from './generate.js';
import { type Planted, writeRealisticManifest } from './realistic.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, 'bench', 'data');
const BIN = path.join(ROOT, 'bin', 'dbt-tools-lint.js');
/** secretlint 12 lives in its own folder, outside our dependencies: installed on first use (--no-secretlint skips it). */
const TOOLS = path.join(ROOT, 'bench', '.tools');
const SECRETLINT = path.join(TOOLS, 'node_modules', '.bin', 'secretlint');
const TIME = '/usr/bin/time';
/** Holds a run to one core (util-linux), for the targets' one-core row; absent elsewhere (no such row then). */
const PIN = ['/usr/bin/taskset', '/bin/taskset'].find((file) => existsSync(file));
const MIB = 1024 * 1024;
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const REGENERATE = args.includes('--regenerate');
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const TARGETS = 200;
/** The string limit of V8: a larger file cannot be JSON.parse-d (or read by secretlint) at all. */
const STRING_LIMIT = constants.MAX_STRING_LENGTH;

if (!existsSync(TIME)) {
  console.error(`bench: ${TIME} not found; install the Debian package "time" (apt-get install -y time)`);
  process.exit(2);
}

// ---- data: generated once, deterministically, in chunks (the 600 MB manifest is never one string)
interface InputSet {
  id: 'corpus' | 'heavy' | 'moderate' | 'synthetic';
  title: string;
  sizes: number[];
  /** Writes the file; the realistic sets say what they planted (kept beside the file, to check the findings against). */
  write(file: string, bytes: number): { planted: Planted } | void;
}

/**
 * Issue 14 measured "a realistic 1,000-model project with secrets planted" at about 1,900 findings per 100 MB
 * (11,000 at 600 MB): a pair of secrets in one model of 18 gives that density in the findings-heavy set's vocabulary.
 */
const ISSUE_DENSITY_SHARE = 0.055;

const SETS: InputSet[] = [
  { id: 'corpus', title: 'grown from the real corpus', sizes: [100, 600], write: (file, bytes) => { writeCorpusManifest(file, bytes); } },
  { id: 'heavy', title: 'findings-heavy project', sizes: [100, 600], write: (file, bytes) => writeRealisticManifest(file, bytes) },
  { id: 'moderate', title: "findings at the issue's density", sizes: [100, 600], write: (file, bytes) => writeRealisticManifest(file, bytes, { plantShare: ISSUE_DENSITY_SHARE }) },
  { id: 'synthetic', title: 'synthetic', sizes: [10, 100, 600], write: (file, bytes) => { writeManifest({ file, bytes, seed: bytes / MIB }); } },
];
if (!corpusPresent()) console.error('bench: ../shared/corpus/real is not beside the repository: no corpus-grown set; the findings-heavy set stands in for it');
const sets = SETS.filter((s) => (s.id !== 'corpus' || corpusPresent()) && (!ONLY || ONLY === s.id));

const plantedFile = (file: string) => file.replace(/\.json$/, '.planted.json');

function manifestFile(set: InputSet, mb: number): string {
  const file = path.join(DATA, `${set.id}-${mb}mb.json`);
  if (REGENERATE || !existsSync(file)) {
    console.error(`bench: generating ${path.relative(ROOT, file)} …`);
    const written = set.write(`${file}.tmp`, mb * MIB);
    if (written) writeFileSync(plantedFile(file), `${JSON.stringify(written.planted)}\n`);
    renameSync(`${file}.tmp`, file);
  }
  settle(file);
  return file;
}

/**
 * A file just generated is still being written back to disk: 600 MB of writeback took the disk from the first run
 * measured after it (579 MB: 8.1 s wall for 8.5 s of CPU on two threads, 4.4 s once written). Each file is flushed
 * and read once, untimed, before its runs: every run then reads it from the page cache, as the floor's runs do.
 */
function settle(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
    const chunk = Buffer.allocUnsafe(16 * MIB);
    while (readSync(fd, chunk, 0, chunk.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

function targetFolders(): { glob: string; bytes: number } {
  const root = path.join(DATA, 'targets');
  const done = path.join(root, '.complete');
  if (REGENERATE || !existsSync(done)) {
    console.error(`bench: generating ${TARGETS} target folders …`);
    rmSync(root, { recursive: true, force: true });
    for (let i = 0; i < TARGETS; i++) writeSmallTarget(path.join(root, `run-${String(i).padStart(3, '0')}`, 'target'), 1000 + i, 1_200_000);
    writeFileSync(done, '');
  }
  let bytes = 0;
  for (const run of readdirSync(root).filter((d) => d.startsWith('run-'))) {
    for (const f of readdirSync(path.join(root, run, 'target'))) {
      bytes += statSync(path.join(root, run, 'target', f)).size;
      settle(path.join(root, run, 'target', f));
    }
  }
  return { glob: path.join(root, '*', 'target'), bytes };
}

// ---- measuring
interface Sample {
  wall: number;
  /** User plus system CPU seconds, all threads: steadier than wall time on a shared machine. */
  cpu: number;
  rssMb: number;
  exit: number;
  /** Findings in the report the run wrote, where it is one of ours or secretlint's. */
  findings?: number | undefined;
}

function measureOnce(command: string[], cwd = ROOT): Sample {
  const r = spawnSync(TIME, ['-v', ...command], { cwd, encoding: 'utf8', maxBuffer: 64 * MIB });
  const wall = /Elapsed \(wall clock\) time \([^)]*\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): (\d+(?:\.\d+)?)/.exec(r.stderr);
  const system = /System time \(seconds\): (\d+(?:\.\d+)?)/.exec(r.stderr);
  if (!wall || !rss) throw new Error(`could not measure ${command.join(' ')}:\n${r.stderr.slice(-2000)}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const exit = /Exit status: (\d+)/.exec(r.stderr);
  return { wall: seconds, cpu: Number(user?.[1] ?? 0) + Number(system?.[1] ?? 0), rssMb: Number(rss[1]) / 1024, exit: exit ? Number(exit[1]) : (r.status ?? -1) };
}

/** The median run of each command (by wall time), the commands run in turns `runs` times. */
function measureInTurns(commands: { command: string[]; cwd?: string; count?: () => number }[], runs: number): Sample[] {
  const samples = commands.map((): Sample[] => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j]!.push(measureOnce(c.command, c.cwd)));
  return samples.map((list, j) => ({ ...list.sort((a, b) => a.wall - b.wall)[Math.floor(list.length / 2)]!, findings: commands[j]!.count?.() }));
}

/** Results in our SARIF report. */
const sarifResults = (file: string) => () => (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: unknown[] }[] }).runs.reduce((n, run) => n + run.results.length, 0);
/** Results in our SARIF report, by rule. */
function sarifByRule(file: string): Map<string, number> {
  const byRule = new Map<string, number>();
  for (const run of (JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string }[] }[] }).runs) {
    for (const r of run.results) byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? 0) + 1);
  }
  return byRule;
}

/**
 * Whether every secret planted in a model was found, each under the rule of the place it was put in (a `meta`
 * value is in the node's `meta` and its config's: two findings); `metadata.env`'s six are counted, not required.
 */
function plantedCheck(label: string, planted: Planted, sarif: string): { what: string; value: string; ok: boolean } {
  const found = sarifByRule(sarif);
  const expected: [string, number][] = [
    ['config-meta', 2 * planted.meta],
    ['compiled-code', planted.compiled + planted['sql-literal']],
    ['raw-code', planted['pre-hook']],
    ['free-text', planted.description],
  ];
  const parts = expected.map(([rule, n]) => `${rule} ${found.get(rule) ?? 0}/${n}`);
  parts.push(`env-metadata ${found.get('env-metadata') ?? 0} of ${planted.env} planted`);
  return { what: `${label}: every secret planted in a model found, under its place's rule`, value: parts.join(', '), ok: expected.every(([rule, n]) => found.get(rule) === n) };
}

/** Problems in secretlint's default (stylish) report: one `line:column  error  [RULE] …` line each. */
const secretlintProblems = (file: string) => () => readFileSync(file, 'utf8').split('\n').filter((line) => /^\s+\d+:\d+\s+(error|warning)\s/.test(line)).length;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'dbt-tools-lint-bench-'));
const secretlintrc = path.join(scratch, '.secretlintrc.json');
writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
function installSecretlint(): boolean {
  if (args.includes('--no-secretlint')) return false;
  if (existsSync(SECRETLINT)) return true;
  console.error('bench: installing secretlint@12 and its recommended preset into bench/.tools …');
  mkdirSync(TOOLS, { recursive: true });
  writeFileSync(path.join(TOOLS, 'package.json'), '{"private":true}\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', TOOLS, 'secretlint@12', '@secretlint/secretlint-rule-preset-recommend@12'], { stdio: 'inherit' });
  if (r.status !== 0) console.error('bench: could not install secretlint 12; its rows will say "not installed"');
  return existsSync(SECRETLINT);
}
const hasSecretlint = installSecretlint();

interface Row {
  label: string;
  tool: string;
  mb: number;
  sample: Sample | undefined;
  note?: string;
}
const rows: Row[] = [];
const checks: { what: string; value: string; ok: boolean }[] = [];
const load = [os.loadavg()[0]!.toFixed(2)];

console.error('bench: process baselines …');
const [bare, loadCli] = measureInTurns([{ command: ['node', '-e', '0'] }, { command: ['node', BIN, '--version'] }], RUNS) as [Sample, Sample];
rows.push({ label: 'process baseline', tool: 'bare node (`node -e 0`)', mb: 0, sample: bare });
rows.push({ label: 'process baseline', tool: 'dbt-tools-lint --version (loads the CLI)', mb: 0, sample: loadCli });

for (const [set, size] of sets.flatMap((set) => set.sizes.map((size) => [set, size] as const))) {
  const file = manifestFile(set, size);
  const bytes = statSync(file).size;
  const mb = bytes / MIB;
  const label = `${set.title}, ${mb.toFixed(0)} MB`;
  console.error(`bench: ${label} …`);
  const parseable = bytes < STRING_LIMIT;
  // ours, the floor and secretlint take turns, so that a change in the machine's load falls on all three
  const [ours, floor, secretlint] = measureInTurns(
    [
      { command: ['node', BIN, file, '--format', 'sarif', '--output', path.join(scratch, 'ours.sarif')], count: sarifResults(path.join(scratch, 'ours.sarif')) },
      { command: ['node', '-e', parseable ? `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))` : `require('fs').readFileSync(${JSON.stringify(file)})`] },
      ...(hasSecretlint && parseable
        ? [{ command: [SECRETLINT, '--secretlintrc', secretlintrc, '--output', path.join(scratch, 'secretlint.txt'), file], cwd: TOOLS, count: secretlintProblems(path.join(scratch, 'secretlint.txt')) }]
        : []),
    ],
    RUNS,
  ) as [Sample, Sample, Sample | undefined];
  rows.push({ label, tool: 'dbt-tools-lint, SARIF', mb, sample: ours });
  rows.push({ label, tool: parseable ? 'floor: read + JSON.parse' : 'floor: read as a Buffer (over 512 MiB: cannot be one string)', mb, sample: floor });
  rows.push({ label, tool: 'secretlint 12', mb, sample: secretlint, ...(secretlint ? {} : { note: hasSecretlint ? 'cannot read a file over 512 MiB' : 'not run (--no-secretlint, or not installed)' }) });
  // SARIF keeps 25,000 results: a count above that cannot be checked against what was planted
  const planted = existsSync(plantedFile(file)) ? (JSON.parse(readFileSync(plantedFile(file), 'utf8')) as Planted) : undefined;
  if (planted && (ours.findings ?? 0) < 25_000) checks.push(plantedCheck(label, planted, path.join(scratch, 'ours.sarif')));
  // the corpus holds no secret (exit 0, no finding); the other sets plant some (exit 1)
  const exitExpected = set.id === 'corpus' ? 0 : 1;
  if (size === 100 && set.id !== 'synthetic') {
    checks.push({ what: `${label}: wall time vs the read + JSON.parse floor (≤ 1.3×)`, value: `${(ours.wall / floor.wall).toFixed(2)}× (CPU time: ${(ours.cpu / floor.cpu).toFixed(2)}×)`, ok: ours.wall <= 1.3 * floor.wall });
    if (secretlint) checks.push({ what: `${label}: faster than secretlint 12 (≥ 3×)`, value: `${(secretlint.wall / ours.wall).toFixed(1)}×`, ok: secretlint.wall >= 3 * ours.wall });
  }
  if (size === 600 && set.id !== 'synthetic') {
    checks.push({ what: `${label} (over the string limit): scanned completely, ≥ 80 MB/s`, value: `${(mb / ours.wall).toFixed(0)} MB/s, exit ${ours.exit}`, ok: mb / ours.wall >= 80 && ours.exit === exitExpected });
    checks.push({ what: `${label}: peak RSS ≤ 300 MB`, value: `${ours.rssMb.toFixed(0)} MB`, ok: ours.rssMb <= 300 });
  }
}

if (!ONLY || ONLY === 'targets') {
  const targets = targetFolders();
  console.error('bench: 200 target folders …');
  const targetsMb = targets.bytes / MIB;
  // `--jobs 1` is one thread, not one core: V8 compiles and collects on its own threads, on the other core. Held to
  // one core (taskset), the same run shows what a second core gives over one
  const pinned = PIN && os.cpus().length > 1;
  const runs = [
    { jobs: 1, out: 'one.sarif', pin: false },
    { jobs: 2, out: 'two.sarif', pin: false },
    ...(pinned ? [{ jobs: 1, out: 'pinned.sarif', pin: true }] : []),
  ];
  const [one, two, onCore] = measureInTurns(
    runs.map(({ jobs, out, pin }) => {
      const file = path.join(scratch, out);
      const command = ['node', BIN, targets.glob, '--format', 'sarif', '--output', file, '--jobs', String(jobs)];
      return { command: pin ? [PIN!, '-c', '0', ...command] : command, count: sarifResults(file) };
    }),
    RUNS,
  ) as [Sample, Sample, Sample | undefined];
  const sameReport = readFileSync(path.join(scratch, 'one.sarif'), 'utf8') === readFileSync(path.join(scratch, 'two.sarif'), 'utf8');
  rows.push({ label: `${TARGETS} target folders, ${targetsMb.toFixed(0)} MB`, tool: 'dbt-tools-lint, 1 thread (--jobs 1)', mb: targetsMb, sample: one });
  rows.push({ label: `${TARGETS} target folders, ${targetsMb.toFixed(0)} MB`, tool: 'dbt-tools-lint, 2 threads (--jobs 2)', mb: targetsMb, sample: two });
  if (onCore) rows.push({ label: `${TARGETS} target folders, ${targetsMb.toFixed(0)} MB`, tool: 'dbt-tools-lint, 1 thread held to one core (taskset -c 0, --jobs 1)', mb: targetsMb, sample: onCore });
  checks.push({ what: `${TARGETS} target folders: 2 threads vs 1 (≥ 1.6×)`, value: `${(one.wall / two.wall).toFixed(2)}×`, ok: one.wall >= 1.6 * two.wall });
  if (onCore) checks.push({ what: `${TARGETS} target folders: 2 threads on two cores vs 1 thread held to one core (≥ 1.6×; \`--jobs 1\` alone spent ${(one.cpu - one.wall).toFixed(1)} s more CPU than wall time, on the second core)`, value: `${(onCore.wall / two.wall).toFixed(2)}×`, ok: onCore.wall >= 1.6 * two.wall });
  checks.push({ what: `${TARGETS} target folders: the same SARIF report, byte for byte, with 1 thread and 2`, value: sameReport ? 'same' : 'different', ok: sameReport });
}
load.push(os.loadavg()[0]!.toFixed(2));
rmSync(scratch, { recursive: true, force: true });

// ---- report
const floorOf = (label: string) => rows.find((r) => r.label === label && r.tool === 'floor: read + JSON.parse')?.sample;
const secretlintOf = (label: string) => rows.find((r) => r.label === label && r.tool === 'secretlint 12')?.sample;
const table = [
  '| input | tool | wall (s) | CPU (s) | MB/s | peak RSS (MB) | findings | × floor | × floor, CPU | secretlint ÷ this |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => {
    if (!r.sample) return `| ${r.label} | ${r.tool} | — | — | — | — | — | — | — | ${r.note ?? ''} |`;
    // a ratio to the parse floor only: a Buffer read (over the string limit) is no floor for a scan
    const floor = floorOf(r.label);
    const sl = secretlintOf(r.label);
    const vsFloor = floor && !r.tool.startsWith('floor') ? `${(r.sample.wall / floor.wall).toFixed(2)}×` : '';
    const vsFloorCpu = floor && !r.tool.startsWith('floor') ? `${(r.sample.cpu / floor.cpu).toFixed(2)}×` : '';
    const vsSl = sl && r.tool.startsWith('dbt-tools-lint') ? `${(sl.wall / r.sample.wall).toFixed(1)}×` : '';
    const rate = r.mb > 0 ? (r.mb / r.sample.wall).toFixed(0) : '';
    return `| ${r.label} | ${r.tool} | ${r.sample.wall.toFixed(2)} | ${r.sample.cpu.toFixed(2)} | ${rate} | ${r.sample.rssMb.toFixed(0)} | ${r.sample.findings ?? ''} | ${vsFloor} | ${vsFloorCpu} | ${vsSl} |`;
  }),
].join('\n');
const targetLines = checks.map((c) => `- ${c.ok ? '✔' : '✘'} ${c.what}: **${c.value}**`).join('\n');
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${os.cpus().length} cores (nproc), ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
const report = `# Benchmark results

\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Load average ${load[0]} at the start, ${load[1]} at the end
(the machine is shared: other processes take CPU too). Whole-process wall time and peak RSS from \`/usr/bin/time -v\`;
median of ${RUNS} runs. MB = MiB. CPU is user + system seconds of all threads (a scan
on two threads spends more CPU than wall time); on a loaded machine it moves less than wall time does.

${table}

- The floor is \`node -e\` reading the file and \`JSON.parse\`-ing it; the 600 MB manifest is over V8's string limit
  (512 MiB), so its floor only reads it into a Buffer: neither JSON.parse nor secretlint can read it at all.
- secretlint 12 with \`@secretlint/secretlint-rule-preset-recommend\`, default output to a file.
- *Grown from the real corpus* (\`bench/corpus.ts\`): the nodes and sources of the four real v12 manifests in
  ../shared/corpus/real repeated under new unique ids, framed by one real manifest's metadata, macros and docs. The
  corpus holds no secret: every finding there is a false positive.${corpusPresent() ? '' : ' **Not run: ../shared/corpus/real was not beside the repository.**'}
- *Findings-heavy project* (\`bench/realistic.ts\`): models in real projects' vocabulary (\`api_key_id\`,
  \`password_hash\`, \`token_count\`, \`unique_key\`, hooks, descriptions of paths, passes and keys) with about two
  planted secrets a model (\`metadata.env\`, \`meta\` tokens and webhooks, URLs and \`create user … password\` in compiled
  SQL, Slack tokens in pre-hooks, AWS key ids in descriptions).
- *Findings at the issue's density*: the same models, a pair of planted secrets in one of ${Math.round(1 / ISSUE_DENSITY_SHARE)} (about 1,900
  findings per 100 MB, the density of issue 14's "realistic 1,000-model project with secrets planted").
- *Synthetic* (\`bench/generate.ts\`, the friendlier set kept for comparison): dbt 1.9 model nodes, macros, maps; 8
  secret values in 10 places. 200 target folders each hold a synthetic manifest, run_results and catalog.

Targets:

${targetLines}
`;
// a run of one set does not replace the record of all of them
const reportFile = ONLY ? path.join(DATA, `RESULTS-${ONLY}.md`) : path.join(ROOT, 'bench', 'RESULTS.md');
writeFileSync(reportFile, report);
console.log(report);
console.error(`bench: report written to ${path.relative(ROOT, reportFile)}`);
