/** SARIF 2.1.0, for GitHub code scanning and other SARIF consumers. */
import type * as Sarif from 'sarif';
import type { Finding, Severity } from '../types.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';
import type { Formatter } from './types.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', note: 'note' };

export const formatSarif: Formatter = (result, context) => {
  const rules: Sarif.ReportingDescriptor[] = context.rules.map(({ rule, severity }) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: stripMarkdown(rule.remediation), markdown: rule.remediation },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: [...rule.tags], precision: rule.precision, 'security-severity': rule.securitySeverity.toFixed(1) },
  }));
  const ruleIndex = new Map(context.rules.map(({ rule }, i) => [rule.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: context.exitCode !== 2, exitCode: context.exitCode }],
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => toResult(f, ruleIndex.get(f.ruleId))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function toResult(f: Finding, index: number | undefined): Sarif.Result {
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message} (${f.preview}) at ${f.jsonPath}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file) },
          region: {
            startLine: f.start.line,
            startColumn: f.start.column,
            endLine: f.end.line,
            endColumn: f.end.column,
            charOffset: f.charOffset,
            charLength: f.charLength,
          },
        },
        ...(f.uniqueId ? { logicalLocations: [{ fullyQualifiedName: f.uniqueId, kind: 'object' }] } : {}),
      },
    ],
    partialFingerprints: { 'dbtToolsLint/v1': f.fingerprint },
    ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppressed.justification }] } : {}),
    properties: { detectorId: f.detectorId, jsonPath: f.jsonPath, jsonPointer: f.jsonPointer, preview: f.preview },
  };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function stripMarkdown(md: string): string {
  return md.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}
