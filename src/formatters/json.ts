/**
 * Machine output, documented in the README and stable: additions only within a major version of
 * `formatVersion`. Findings carry masked previews only.
 */
import { TOOL_NAME, VERSION } from '../version.js';
import type { Formatter } from './types.js';

export const JSON_FORMAT_VERSION = 1;

export const formatJson: Formatter = (result, context) =>
  JSON.stringify(
    {
      formatVersion: JSON_FORMAT_VERSION,
      tool: { name: TOOL_NAME, version: VERSION },
      exitCode: context.exitCode,
      summary: result.summary,
      findings: result.findings,
    },
    null,
    2,
  ) + '\n';
