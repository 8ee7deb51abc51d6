/**
 * SARIF 2.1.0 for GitHub code scanning. The primary location is the repository file the value
 * came from (models/…sql, the YAML holding meta) when known; the artifact position goes in
 * relatedLocations, the dbt node in logicalLocations. No snippet, message, property or
 * fingerprint holds a secret: only masked previews. Results of one secret value share a
 * `correlationGuid` (and the `secretId` property), so a dashboard counts rotations, not alerts; a
 * result's `rank` and `security-severity` follow the credential's lifetime (static, short-lived, expired).
 */
import type * as Sarif from 'sarif';
import type { Finding, Severity } from '../types.js';
import { SEVERITY_RANK } from '../types.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';
import { artifactLocation, inBinary, sourceLocation, type LocationBase, type ShownLocation } from './locations.js';
import type { Formatter } from './types.js';
import { correlationGuid } from '../findings/secret-id.js';
import { securitySeverityOf, urgencyOf } from '../findings/urgency.js';
import { headline, staleBaselineLine } from './summary.js';
import { itemsInSkeleton, ITEMS_MARK } from './pieces.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', note: 'note' };

/** GitHub ingests at most this many results per run. */
export const MAX_RESULTS = 25_000;

/** The report in one string (what `--format sarif` prints to stdout). */
export const formatSarif: Formatter = Object.assign((result: Parameters<Formatter>[0], context: Parameters<Formatter>[1]) => [...sarifChunks(result, context)].join(''), { chunks: sarifChunks });

/**
 * The same text as formatSarif, in pieces: each result is built and serialized on its own, so
 * neither the whole result tree nor the whole text is held at once (25,000 results: 65 MB).
 */
export function* sarifChunks(result: Parameters<Formatter>[0], context: Parameters<Formatter>[1]): Generator<string> {
  const base: LocationBase = { root: context.projectDir ?? context.cwd, cwd: context.cwd };
  const primary = context.sarifPrimary ?? 'source';
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
  const ruleScore = new Map(context.rules.map(({ rule }) => [rule.id, rule.securitySeverity]));
  const scoreOf = (f: Finding) => securitySeverityOf(f, ruleScore.get(f.ruleId) ?? 5.0);

  // Over GitHub's limit, keep the most severe findings and say how many were dropped.
  let findings = result.findings;
  // an artifact that could not be read fails the run: a tool execution error, one line each, as stderr has it
  const notifications: Sarif.Notification[] = (context.unreadable ?? []).map((message) => ({ level: 'error', message: { text: message } }));
  const stale = staleBaselineLine(context.staleBaseline);
  if (stale) notifications.push({ level: 'note', message: { text: stale } });
  if (findings.length > MAX_RESULTS) {
    const ranked = [...findings].sort(
      (a, b) => Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || scoreOf(b) - scoreOf(a),
    );
    findings = ranked.slice(0, MAX_RESULTS);
    notifications.push({
      level: 'warning',
      message: { text: `${result.findings.length - MAX_RESULTS} of ${result.findings.length} findings were left out: GitHub accepts at most ${MAX_RESULTS} results per run. Run the text or json format to see them all.` },
    });
  }

  const run: Sarif.Run = {
    tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
    ...(context.category ? { automationDetails: { id: `${context.category.replace(/\/+$/, '')}/` } } : {}),
    originalUriBaseIds: { '%SRCROOT%': { uri: toDirUri(base.root) } },
    invocations: [
      {
        executionSuccessful: context.exitCode !== 2,
        exitCode: context.exitCode,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: findings.length > 0 ? [ITEMS_MARK as unknown as Sarif.Result] : [], // replaced below, result by result
    properties: { summary: headline(result.findings).text, distinctSecrets: result.summary.distinctSecrets },
  };
  const skeleton = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] } satisfies Sarif.Log, null, 2) + '\n';
  if (findings.length === 0) {
    yield skeleton;
    return;
  }
  yield* itemsInSkeleton(skeleton, findings, (f) => toResult(f, ruleIndex.get(f.ruleId), scoreOf(f), base, primary));
}

function toResult(f: Finding, index: number | undefined, score: number, base: LocationBase, primary: 'source' | 'artifact'): Sarif.Result {
  const artifact = artifactLocation(f, base);
  const source = primary === 'source' ? sourceLocation(f, base) : undefined;
  // (read once: a finding works its pointer out from its JSON path when asked, see findings/record.ts)
  const pointer = f.jsonPointer;
  const inArtifact = pointer ? ` at ${f.jsonPath}` : '';
  const where = source ? `${f.uniqueId ?? 'this file'} (value in ${artifact.uri}${inArtifact})` : pointer ? f.jsonPath : artifact.uri;
  const logical = f.uniqueId ? { logicalLocations: [{ fullyQualifiedName: f.uniqueId, kind: 'resource' }] } : {};
  const primaryLocation: Sarif.Location = { physicalLocation: physical(source ?? artifact, source ? undefined : f), ...logical };
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message} (${f.preview}) in ${where}.${f.expired ? ` Expired ${f.expiresAt}.` : ''}` },
    locations: [primaryLocation],
    ...(f.secretId ? { correlationGuid: correlationGuid(f.secretId) } : {}),
    rank: Math.round(score * 100) / 10,
    ...(source
      ? { relatedLocations: [{ id: 1, physicalLocation: physical(artifact, f), message: { text: pointer ? `Value in the artifact at ${pointer}` : 'Value in the rendered file' } }] }
      : {}),
    partialFingerprints: {
      primaryLocationLineHash: `${f.fingerprint.slice(0, 16)}:1`,
      'dbtToolsLint/v1': f.fingerprint,
    },
    // (a node's meta ignore is written in the project's YAML, its source: inSource; an allowlist or a baseline, external)
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external', status: 'accepted', justification: f.suppressed.justification }] } : {}),
    properties: {
      detectorId: f.detectorId,
      artifact: artifact.uri,
      jsonPath: f.jsonPath,
      jsonPointer: pointer,
      preview: f.preview,
      ...(f.uniqueId ? { uniqueId: f.uniqueId } : {}),
      ...(f.secretId ? { secretId: f.secretId, lifetime: f.lifetime, urgency: urgencyOf(f) } : {}),
      ...(f.expiresAt ? { expiresAt: f.expiresAt, expired: Boolean(f.expired) } : {}),
      ...(f.confidence ? { confidence: f.confidence } : {}),
      'security-severity': score.toFixed(1),
    },
  };
}

/**
 * A physical location; with the finding given, the region also carries char offsets into the
 * artifact, or byte offsets alone when the artifact is binary (SARIF's binary region).
 */
function physical(loc: ShownLocation, artifactOf: Finding | undefined): Sarif.PhysicalLocation {
  const uri = { artifactLocation: { uri: loc.uri, ...(loc.underRoot ? { uriBaseId: '%SRCROOT%' } : {}) } };
  if (artifactOf && inBinary(artifactOf)) return { ...uri, region: { byteOffset: artifactOf.charOffset, byteLength: artifactOf.charLength } };
  const start = loc.start ?? { line: 1, column: 1 };
  const region: Sarif.Region = loc.start
    ? { startLine: start.line, startColumn: start.column, endLine: loc.end!.line, endColumn: loc.end!.column }
    : { startLine: 1 };
  if (artifactOf) {
    region.charOffset = artifactOf.charOffset;
    region.charLength = artifactOf.charLength;
  }
  return { artifactLocation: { uri: loc.uri, ...(loc.underRoot ? { uriBaseId: '%SRCROOT%' } : {}) }, region };
}

function toDirUri(dir: string): string {
  const posix = dir.split('\\').join('/');
  return encodeURI(`file://${posix.startsWith('/') ? '' : '/'}${posix}${posix.endsWith('/') ? '' : '/'}`);
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function stripMarkdown(md: string): string {
  return md.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}
