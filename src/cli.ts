/**
 * The command line. `bin/` calls `main`; tests call it in-process with their own streams.
 * Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, config or input error.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { isLintError, UsageError } from './errors.js';
import { EXIT, stderrLine, type CliIO } from './commands/context.js';
import { runScan, scanOptions, type ScanArgs } from './commands/scan.js';
import { explainRule, initConfig, listRules, printConfigSchema } from './commands/info.js';
import { redactOptions, runRedact } from './commands/redact.js';
import { checkStagedOptions, runCheckStaged, type CheckStagedArgs } from './commands/check-staged.js';
import { TOOL_NAME, VERSION } from './version.js';
import { closest } from './util/did-you-mean.js';

export type { CliIO } from './commands/context.js';
export { EXIT } from './commands/context.js';
// a worker thread of a command line that runs from its bundle starts from the same bundle (see bin/load-cli.js)
export { runTakenWorker, runWorker } from './engine/worker-entries.js';

const EPILOGUE = `Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or input error (missing, empty, unreadable or non-dbt artifact)`;

/** The parser; each command's handler stores its exit code in `outcome`. */
export function buildParser(argv: readonly string[], io: CliIO, outcome: { exitCode: number }): Argv {
  const parser: Argv = yargs([...argv])
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .command(['scan [paths..]', '$0 [paths..]'], 'Scan dbt artifacts for secrets (the default command)', (y) => scanOptions(y, io), (args) => {
      outcome.exitCode = runScan(args as unknown as ScanArgs, io);
    })
    .command(
      'redact <paths..>',
      'Write sanitized copies of artifacts with every secret replaced by *****',
      (y) => redactOptions(y),
      (args) => {
        outcome.exitCode = runRedact(args as unknown as { paths: string[]; out?: string; inPlace: boolean; followSymlinks?: boolean }, io);
      },
    )
    .command(
      'check-staged [files..]',
      'For pre-commit: scan the staged dbt artifacts (else --dbt-target), or with --forbid-artifacts fail on any',
      (y) => checkStagedOptions(y),
      (args) => {
        outcome.exitCode = runCheckStaged(args as unknown as CheckStagedArgs, io);
      },
    )
    .command(
      'rules',
      'List rules and detectors',
      (y) => y.option('format', { choices: ['text', 'json'], default: 'text', type: 'string', requiresArg: true }),
      (args) => listRules(args.format as 'text' | 'json', io),
    )
    .command(
      'explain <rule>',
      "Print a rule's full help: where it reads, why it matters, how to fix and suppress",
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (args) => explainRule(String(args.rule), io),
    )
    .command(
      'config',
      'Configuration tools',
      (y) => y.option('schema', { describe: 'print the JSON Schema of .dbt-tools-lint.json', type: 'boolean', demandOption: true }),
      () => printConfigSchema(io),
    )
    .command(
      'init',
      'Write a starter .dbt-tools-lint.json in the current directory',
      (y) => y.option('force', { type: 'boolean', default: false, describe: 'overwrite an existing file' }),
      (args) => initConfig(io, Boolean(args.force)),
    )
    .epilogue(EPILOGUE)
    .strict()
    .recommendCommands()
    .exitProcess(false)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .middleware((args) => refuseUnclearValues(args, argv, parser))
    .fail((message, error, y) => {
      // (yargs writes `Invalid values:` and each value on lines of their own: one line here)
      // (yargs's own errors, `Not enough arguments following: baseline`, are usage errors too)
      if (error && error.name !== 'YError') throw error;
      // (an argument read as written is shown as written: LITERAL)
      throw new UsageError(withSuggestion((message ?? error?.message ?? 'invalid arguments').replace(/:?\n\s*/g, ': ').replaceAll(LITERAL, ''), shownOptions(y, parser)));
    });
  return parser;
}

interface YargsOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[] | undefined>;
  array: string[];
  hiddenOptions: string[];
}

/** What yargs knows of the options declared (its typings leave getOptions out). */
function optionsOf(parser: Argv): YargsOptions {
  return (parser as unknown as { getOptions(): YargsOptions }).getOptions();
}

/** Options that name a file, a folder or a setting: empty (an unset variable, `--baseline "$BASELINE"`) is a mistake, never a choice. */
const NOT_EMPTY = ['output', 'config', 'baseline', 'project-dir', 'stdin-filename', 'category', 'max-age', 'since', 'shard', 'out'];

/**
 * A value a run would otherwise guess at (red team 90): an option of one value given twice (`--fail-on error --fail-on
 * none`: the last one won, and an appended argument turned the gate off), or an empty one (`--output ""` wrote the
 * report to stdout, `--baseline ""` ended in an internal error). One usage line, exit 2.
 */
function refuseUnclearValues(args: Record<string, unknown>, argv: readonly string[], parser: Argv): void {
  const options = optionsOf(parser);
  for (const name of Object.keys(options.key)) {
    const value = args[name];
    // (counted on the command line: a command's positional, `paths..`, is an array yargs does not list as one)
    const flags = [name, ...(options.alias[name] ?? [])].map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
    const given = argv.filter((arg) => flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`))).length;
    if (Array.isArray(value) && given > 1 && !options.array.includes(name)) throw new UsageError(`--${name} is given ${given} times (${value.join(', ')}): give it once`);
    if (value === '' && NOT_EMPTY.includes(name)) throw new UsageError(`--${name} is empty: give it a value (an unset variable?), or leave it out`);
  }
}

/**
 * An argument read as it is written, never as an option: `-` alone (stdin among a scan's paths, stdout as a report's file:
 * yargs drops it from the positionals, and a scan of `-` read ./target instead), everything after `--`, and an argument
 * that looks like an option but names a file or a folder that exists (red team 118: pre-commit puts the staged files
 * after the hook's arguments with no `--` between, and a committed file named `--help`, `--version` or `--fail-on=none`
 * turned the gate off, exit 0). It is passed through with this mark before it and put back before the command sees it.
 */
const LITERAL = '\u0000';

/** The command line with each argument to be read as written (see LITERAL) marked; `--` itself dropped. */
function markLiterals(given: readonly string[], cwd: string): string[] {
  const end = given.indexOf('--');
  const options = end < 0 ? given : given.slice(0, end);
  const marked = options.map((arg) => (arg === '-' || (arg.length > 1 && arg.startsWith('-') && existsOnDisk(cwd, arg)) ? LITERAL + arg : arg));
  return end < 0 ? marked : marked.concat(given.slice(end + 1).map((arg) => LITERAL + arg));
}

/** Whether a path names anything on disk (a dangling link too). */
function existsOnDisk(cwd: string, arg: string): boolean {
  try {
    return lstatSync(path.resolve(cwd, arg), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** Every argument that was marked, put back as written. */
function restoreLiterals(args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (typeof value === 'string' && value.startsWith(LITERAL)) args[key] = value.slice(1);
    else if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.startsWith(LITERAL))) args[key] = value.map((v) => (typeof v === 'string' && v.startsWith(LITERAL) ? v.slice(1) : v));
  }
}

export async function main(given: readonly string[], io: CliIO): Promise<number> {
  const argv = markLiterals(given, io.cwd);
  const debug = argv.includes('--debug');
  const outcome = { exitCode: EXIT.clean as number };
  try {
    const parser = buildParser(argv, io, outcome).middleware(restoreLiterals, true);
    await parser.parseAsync([...argv], {}, (err, _args, output) => {
      if (err) throw err;
      if (output) io.stdout(output + '\n');
    });
    return outcome.exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/**
 * The option names of the failing command that its help shows: yargs passes its usage object, whose descriptions are
 * keyed by option; a hidden one (`--now`, for tests) is never suggested.
 */
function shownOptions(usage: unknown, parser: Argv): string[] {
  const descriptions = (usage as { getDescriptions?: () => Record<string, unknown> }).getDescriptions?.();
  const hidden = optionsOf(parser).hiddenOptions;
  return Object.keys(descriptions ?? {}).filter((name) => !hidden.includes(name));
}

/** "Unknown argument: formt" → "… (did you mean --format?)". */
function withSuggestion(message: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const flags = known.filter((k) => k.length > 1).map((k) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  const hints = m[1]!.split(', ').map((arg) => {
    const best = closest(arg.replace(/^-+/, ''), flags);
    return best ? `--${best}` : undefined;
  });
  const suggestions = [...new Set(hints.filter((h): h is string => h !== undefined))];
  return suggestions.length > 0 ? `${message} (did you mean ${suggestions.join(', ')}?)` : message;
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (isLintError(error)) {
    io.stderr(stderrLine(error.message));
    return error.exitCode;
  }
  // An internal error: its message may quote input (JSON.parse's do), so never print it; frames only with --debug.
  // Only a class-like name: an error's name is a string anyone can set, like its message.
  const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'Error';
  io.stderr(`${TOOL_NAME}: internal error (${name}); rerun with --debug for details and report it\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${redactStack(error.stack)}\n`);
  return EXIT.error;
}

/** Keep a stack's frames, drop its message (which may hold input). */
function redactStack(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
