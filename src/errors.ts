/**
 * Typed errors. Each carries a one-line message written for people; the CLI prints it and exits
 * with `exitCode`. Messages name files, key paths and offsets — never the bytes of the input.
 */
export abstract class LintError extends Error {
  abstract readonly exitCode: number;
}

/** A path that does not exist, an unreadable file, JSON that is broken or not a dbt artifact. */
export class InputError extends LintError {
  readonly exitCode = 2;
  override readonly name = 'InputError';
}

/** Bad command-line usage. */
export class UsageError extends LintError {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}

/** A configuration file that does not parse or does not make sense. */
export class ConfigError extends LintError {
  readonly exitCode = 2;
  override readonly name = 'ConfigError';
}

export function isLintError(error: unknown): error is LintError {
  return error instanceof LintError;
}
