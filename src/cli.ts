/**
 * The command line. `bin/` calls `main`; tests call it in-process with their own streams.
 * Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, config or input error.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { isLintError, UsageError } from './errors.js';
import { scan, DEFAULT_MAX_FILE_SIZE } from './engine/scan.js';
import { compileRules } from './engine/compile.js';
import { atOrAbove } from './findings/sort.js';
import { FORMATTERS, type FormatName } from './formatters/index.js';
import type { Severity } from './types.js';
import { TOOL_NAME, VERSION } from './version.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colors in text output). */
  isTTY: boolean;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const EPILOGUE = `Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or input error (missing, empty, unreadable or non-dbt artifact)`;

export interface ScanArgs {
  paths: string[];
  dbtTarget: string;
  format: FormatName;
  output: string | undefined;
  failOn: Severity | 'none';
  color: boolean | undefined;
  debug: boolean;
  maxFileSize: number;
}

export function buildParser(argv: readonly string[], io: CliIO): Argv {
  return yargs([...argv])
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .command(['scan [paths..]', '$0 [paths..]'], 'Scan dbt artifacts for secrets (the default command)', (y) =>
      y
        .positional('paths', {
          describe: 'dbt target directories, artifact files or globs (default: --dbt-target)',
          type: 'string',
          array: true,
        })
        .option('dbt-target', {
          describe: 'dbt target directory to scan when no PATH is given',
          type: 'string',
          default: io.env.DBT_TARGET_PATH ?? './target',
          defaultDescription: '$DBT_TARGET_PATH or ./target',
        })
        .option('format', { alias: 'f', describe: 'output format', choices: Object.keys(FORMATTERS), default: 'text' })
        .option('output', { alias: 'o', describe: 'write the report to FILE instead of stdout', type: 'string' })
        .option('fail-on', {
          describe: 'lowest severity that makes the exit code 1',
          choices: ['error', 'warning', 'note', 'none'],
          default: 'warning',
        })
        .option('color', { describe: 'color text output (default: when stdout is a terminal)', type: 'boolean' })
        .option('debug', { describe: 'print stack traces of internal errors', type: 'boolean', default: false })
        .option('max-file-size', { describe: 'refuse artifacts larger than this many bytes', type: 'number', default: DEFAULT_MAX_FILE_SIZE })
        .example('$0', 'scan ./target (or $DBT_TARGET_PATH)')
        .example('$0 target/ --format sarif --output dbt-secrets.sarif', 'SARIF for GitHub code scanning')
        .example("$0 'archive/*/target' --fail-on error", 'many runs, fail only on errors'),
    )
    .epilogue(EPILOGUE)
    .strict()
    .recommendCommands()
    .exitProcess(false)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    let helpShown = false;
    const parser = buildParser(argv, io);
    const args = (await parser.parseAsync(argv as string[], {}, (err, _argv, output) => {
      if (output) {
        helpShown = true;
        io.stdout(output + '\n');
      }
      if (err) throw err;
    })) as unknown as Record<string, unknown>;
    if (helpShown || args.help || args.version) return EXIT.clean;
    debug = Boolean(args.debug);
    return runScan(normalize(args), io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function normalize(args: Record<string, unknown>): ScanArgs {
  const paths = (args.paths as string[] | undefined) ?? [];
  const maxFileSize = Number(args.maxFileSize);
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
  return {
    paths,
    dbtTarget: String(args.dbtTarget),
    format: args.format as FormatName,
    output: args.output as string | undefined,
    failOn: args.failOn as Severity | 'none',
    color: args.color as boolean | undefined,
    debug: Boolean(args.debug),
    maxFileSize,
  };
}

function runScan(args: ScanArgs, io: CliIO): number {
  const rules = compileRules().rules;
  if (args.output) assertWritable(args.output);
  const result = scan({ paths: args.paths.length > 0 ? args.paths : [args.dbtTarget], rules, maxFileSize: args.maxFileSize });
  const failing = args.failOn === 'none' ? 0 : result.findings.filter((f) => atOrAbove(f.severity, args.failOn as Severity)).length;
  const exitCode = failing > 0 ? EXIT.findings : EXIT.clean;
  const color = args.output ? false : (args.color ?? (io.isTTY && !io.env.NO_COLOR));
  const report = FORMATTERS[args.format](result, { rules, color, exitCode });
  if (args.output) writeAtomically(args.output, report);
  else io.stdout(report);
  return exitCode;
}

/** Fail before scanning when the report could not be written. */
function assertWritable(file: string): void {
  const probe = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    throw new UsageError(`--output ${file}: cannot write there (missing directory or no permission)`);
  }
}

/** Write to a temporary file and rename it, so a crash never leaves half a report for CI to upload. */
function writeAtomically(file: string, content: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
    throw new UsageError(`--output ${file}: cannot write the report`);
  }
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (isLintError(error)) {
    io.stderr(`${TOOL_NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  // An internal error: its message may quote input (JSON.parse does), so print it only with --debug.
  const name = error instanceof Error ? error.name : 'Error';
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
