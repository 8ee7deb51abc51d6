import { maskSecretsIn } from '../findings/preview.js';
import { oneLine } from '../util/strings.js';
import { TOOL_NAME } from '../version.js';

/** What every command gets: its streams, environment and working directory. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colors in text output). */
  isTTY: boolean;
  cwd: string;
  /** What `-` among a scan's paths reads (default: the process's stdin, descriptor 0; tests give a file). */
  stdin?: string;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Commands run inside yargs handlers; they report their exit code here. */
export interface CommandResult {
  exitCode: number;
}

/**
 * A line of ours on stderr, an error's or a warning's: one line (control characters escaped), and
 * every secret in it masked (it may quote a path, an option's value or an archive member's name).
 */
export function stderrLine(message: string, what: 'error' | 'warning' = 'error'): string {
  return `${TOOL_NAME}: ${what === 'warning' ? 'warning: ' : ''}${oneLine(maskSecretsIn(message))}\n`;
}
