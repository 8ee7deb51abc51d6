/**
 * GitLab's secret-detection report (security report schema 15.x), for merge-request widgets:
 * `artifacts: reports: secret_detection: gl-secret-detection-report.json`. Never holds a secret:
 * no raw_source_code_extract, only the masked preview in the description.
 */
import { hash } from 'node:crypto';
import type { Finding, Severity } from '../types.js';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../version.js';
import { artifactLocation, inBinary, plainPath, positionLabel, sourceLocation } from './locations.js';
import type { Formatter } from './types.js';
import { headline } from './summary.js';
import { oneLine } from '../util/strings.js';

export const GITLAB_SCHEMA_VERSION = '15.2.1';

const SEVERITY: Record<Severity, string> = { error: 'Critical', warning: 'High', note: 'Medium' };

export const formatGitlab: Formatter = (result, context) => {
  const base = { root: context.projectDir ?? context.cwd, cwd: context.cwd };
  // A location's file is a path from the repository's root, where the job runs, as GitHub's annotations are: a project
  // in a subfolder (`transform/`) gave `target/manifest.json`, a file the merge request does not have (red team 90)
  const workspace = { root: context.cwd, cwd: context.cwd };
  const ruleTitles = new Map(context.rules.map(({ rule }) => [rule.id, rule]));
  const ids = new Set<string>();
  const vulnerabilities = result.findings
    .filter((f) => !f.suppressed)
    .map((f) => {
      const shown = sourceLocation(f, workspace) ?? artifactLocation(f, workspace);
      const artifact = artifactLocation(f, base).uri;
      const rule = ruleTitles.get(f.ruleId);
      return {
        id: uniqueId(ids, f, artifact),
        name: `${rule?.title ?? f.ruleId}: ${f.detectorId}`,
        // (shown in the merge request: an artifact's control characters escaped, as in every human format)
        description: oneLine(describe(f, artifact)),
        severity: f.expired ? 'Low' : SEVERITY[f.severity],
        solution: rule ? firstParagraphOfFix(rule.remediation) : undefined,
        identifiers: [
          { type: `${TOOL_NAME}_rule`, name: f.ruleId, value: f.ruleId, ...(rule ? { url: rule.helpUri } : {}) },
          { type: `${TOOL_NAME}_detector`, name: f.detectorId, value: f.detectorId },
        ],
        location: {
          file: plainPath(shown.uri),
          commit: { sha: context.commitSha ?? '0000000' },
          start_line: shown.start?.line ?? 1,
          ...(shown.end ? { end_line: shown.end.line } : {}),
        },
      };
    });
  const started = context.startedAt ?? new Date(0);
  const ended = new Date(started.getTime() + result.summary.durationMs);
  const tool = { id: TOOL_NAME, name: TOOL_NAME, url: INFORMATION_URI, vendor: { name: 'dbt-tools' }, version: VERSION };
  const report = {
    version: GITLAB_SCHEMA_VERSION,
    vulnerabilities,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'secret_detection',
      start_time: gitlabTime(started),
      end_time: gitlabTime(ended),
      // an artifact that could not be read fails the scan (the schema's `fatal`: the widget must not read it as clean)
      status: context.unreadable?.length ? 'failure' : 'success',
      messages: [
        { level: 'info', value: `${TOOL_NAME}: ${headline(result.findings).text}` },
        ...(context.unreadable ?? []).map((message) => ({ level: 'fatal', value: oneLine(message) })),
      ],
    },
  };
  return JSON.stringify(report, null, 2) + '\n';
};

function describe(f: Finding, artifact: string): string {
  const node = f.uniqueId ? ` in dbt node \`${f.uniqueId}\`` : '';
  const secret = f.secretId ? ` Secret \`${f.secretId}\` (${f.expired ? `expired ${f.expiresAt}` : f.lifetime}).` : '';
  return `${f.message} (\`${f.preview}\`)${node}. Found in \`${artifact}\` at \`${f.jsonPath}\`, ${inBinary(f) ? `byte offset ${f.charOffset}` : `line ${f.start.line}, column ${f.start.column}`}.${secret}`;
}

function firstParagraphOfFix(remediation: string): string {
  const fix = remediation.split('**Fix:**')[1] ?? remediation;
  return fix.trim().replace(/\s+/g, ' ');
}

/** GitLab wants ISO times without zone or fraction: 2026-01-01T10:00:00. */
function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/**
 * A UUID-shaped id that no other vulnerability of the report has (GitLab's schema requires it), the same in every
 * run over the same files: the fingerprint names the secret and where in an artifact's structure it is, but not
 * the artifact (one secret in manifest.json and static_index.html, or in 50 runs' manifests, is one fingerprint),
 * so the artifact and the position in it go in too.
 */
function uniqueId(taken: Set<string>, f: Finding, artifact: string): string {
  const place = [f.fingerprint, artifact, positionLabel(f)];
  // the same fingerprint at the same place twice (two findings, one value): counted, in the report's stable order
  for (let again = 0; ; again++) {
    const hex = hash('sha256', (again === 0 ? place : [...place, String(again)]).join('\u0000'));
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}
