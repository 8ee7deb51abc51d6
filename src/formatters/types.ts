import type { ScanResult } from '../types.js';
import type { ActiveRule } from '../engine/compile.js';

export interface FormatContext {
  /** The rules that were enabled for the scan, with their configured severity. */
  rules: readonly ActiveRule[];
  color: boolean;
  /** The exit code the run ends with (for formats that record it). */
  exitCode: number;
  /** Human output: findings only, no summary, nothing when clean. */
  quiet?: boolean;
  /** List suppressed findings in human output (machine formats always carry them, marked). */
  includeSuppressed?: boolean;
  /** Human output: findings listed under their file (default) or under their secret, the most urgent first. */
  groupBy?: 'file' | 'secret';
  /**
   * Artifacts that could not be read, each as its line on stderr says what was wrong (the file and where it breaks,
   * never its content), or were not whole dbt artifacts (what they held was read): the report covers what could be read.
   */
  unreadable?: readonly string[];
  /** Baseline entries no finding matched any more: `count` fixed, `unchecked` in an artifact that could not be read. */
  staleBaseline?: { file: string; count: number; unchecked?: number };
  /** Absolute working directory. */
  cwd: string;
  /** Absolute dbt project root that file paths are made relative to (--project-dir); default cwd. */
  projectDir?: string;
  /** SARIF: the primary location is the project's source file (default) or the artifact. */
  sarifPrimary?: 'source' | 'artifact';
  /** SARIF automationDetails.id category (--category). */
  category?: string;
  /** The commit scanned (GitLab reports need one): $CI_COMMIT_SHA or $GITHUB_SHA. */
  commitSha?: string;
  /** When the scan started (GitLab reports record it). */
  startedAt?: Date;
}

/**
 * A formatter is a pure function of the (already masked) findings. One that can also give its
 * text in pieces (`chunks`, the same text) is written to a file as it is made, never held whole.
 */
export type Formatter = ((result: ScanResult, context: FormatContext) => string) & {
  chunks?: (result: ScanResult, context: FormatContext) => Iterable<string>;
};
