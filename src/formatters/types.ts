import type { ScanResult } from '../types.js';
import type { ActiveRule } from '../engine/compile.js';

export interface FormatContext {
  /** The rules that were enabled for the scan, with their configured severity. */
  rules: readonly ActiveRule[];
  color: boolean;
  /** The exit code the run ends with (for formats that record it). */
  exitCode: number;
}

/** A formatter is a pure function of the (already masked) findings. */
export type Formatter = (result: ScanResult, context: FormatContext) => string;
