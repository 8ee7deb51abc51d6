/** What every command gets: its streams, environment and working directory. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colors in text output). */
  isTTY: boolean;
  cwd: string;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Commands run inside yargs handlers; they report their exit code here. */
export interface CommandResult {
  exitCode: number;
}
