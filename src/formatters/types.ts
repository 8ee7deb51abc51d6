import type { ScanResult } from '../types.js';
import type { ActiveRule } from '../engine/compile.js';

export interface FormatContext {
  /** The rules that were enabled for the scan, with their configured severity. */
  rules: readonly ActiveRule[];
  color: boolean;
  /** The exit code the run ends with (for formats that record it). */
  exitCode: number;
  /** List suppressed findings in human output (machine formats always carry them, marked). */
  includeSuppressed?: boolean;
  /** Baseline entries no finding matched any more. */
  staleBaseline?: { file: string; count: number };
}

/** A formatter is a pure function of the (already masked) findings. */
export type Formatter = (result: ScanResult, context: FormatContext) => string;
