/**
 * Machine output, documented in the README and stable: additions only within a major version of
 * `formatVersion`. Findings carry masked previews only.
 */
import { TOOL_NAME, VERSION } from '../version.js';
import type { Formatter } from './types.js';
import { itemsInSkeleton, ITEMS_MARK } from './pieces.js';

export const JSON_FORMAT_VERSION = 1;

/** The report in one string (what `--format json` prints to stdout). */
export const formatJson: Formatter = Object.assign((result: Parameters<Formatter>[0], context: Parameters<Formatter>[1]) => [...jsonChunks(result, context)].join(''), {
  chunks: jsonChunks,
});

/** The same text in pieces, a finding at a time (to a file: written as it is made). */
function* jsonChunks(result: Parameters<Formatter>[0], context: Parameters<Formatter>[1]): Generator<string> {
  const report = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    exitCode: context.exitCode,
    summary: result.summary,
    // (the artifacts that could not be read, one line each as stderr has them: why the exit code is 2)
    errors: (context.unreadable ?? []).map((message) => ({ message })),
    // (with --baseline: its entries no finding matched, fixed and removable; and those in an artifact that could not be read)
    ...(context.staleBaseline ? { baseline: { file: context.staleBaseline.file, staleEntries: context.staleBaseline.count, uncheckedEntries: context.staleBaseline.unchecked ?? 0 } } : {}),
    findings: result.findings.length > 0 ? [ITEMS_MARK] : [],
  };
  const skeleton = JSON.stringify(report, null, 2) + '\n';
  if (result.findings.length === 0) yield skeleton;
  else yield* itemsInSkeleton(skeleton, result.findings, (f) => f);
}
