/**
 * GitHub Actions workflow commands: one annotation per finding, on the project's source file when
 * known (so it shows in the pull request diff), else on the artifact.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { SEVERITY_RANK, type Severity } from '../types.js';
import { artifactLocation, plainPath, sourceLocation } from './locations.js';
import type { Formatter } from './types.js';
import { headline, plural } from './summary.js';
import { TOOL_NAME } from '../version.js';
import { oneLine } from '../util/strings.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * Annotations written at most: GitHub shows ten of each kind a step, and 30,000 findings were 14 MB of log
 * (red team 90). Over it, the most severe are written, then a line says how many were not.
 */
export const MAX_ANNOTATIONS = 1000;

export const formatGithub: Formatter = (result, context) => {
  const base = { root: context.projectDir ?? context.cwd, cwd: context.cwd };
  const workspace = { root: context.cwd, cwd: context.cwd };
  const lines: string[] = [];
  const open = result.findings.filter((f) => !f.suppressed);
  const annotated = open.length <= MAX_ANNOTATIONS ? open : [...open].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]).slice(0, MAX_ANNOTATIONS);
  for (const f of annotated) {
    const artifact = artifactLocation(f, base);
    // Annotations need paths relative to the workspace: the working directory in CI.
    const shown = sourceLocation(f, workspace) ?? artifactLocation(f, workspace);
    const props = [`file=${plainPath(shown.uri)}`, `line=${shown.start?.line ?? 1}`];
    if (shown.start) props.push(`col=${shown.start.column}`, `endLine=${shown.end!.line}`, `endColumn=${shown.end!.column}`);
    props.push(`title=${f.ruleId}/${f.detectorId}`);
    const expiry = f.expired ? ` (expired ${f.expiresAt})` : '';
    const message = `${f.message} (${f.preview})${expiry} — ${plainPath(artifact.uri)} ${f.jsonPath}${f.uniqueId ? ` in ${f.uniqueId}` : ''}${f.secretId ? ` [secret ${f.secretId}]` : ''}`;
    lines.push(`::${COMMAND[f.severity]} ${props.map(escapeProperty).join(',')}::${escapeData(message)}`);
  }
  if (annotated.length < open.length) {
    const left = `${open.length - annotated.length} of ${open.length} findings are not annotated (the ${MAX_ANNOTATIONS} most severe are); the SARIF, JSON or HTML report has them all`;
    lines.push(`::notice ${escapeProperty(`title=${TOOL_NAME}: more findings`)}::${escapeData(left)}`);
  }
  // an artifact that could not be read fails the run: an annotation says so in the job's summary, not only in its log
  for (const message of context.unreadable ?? []) lines.push(`::error ${escapeProperty(`title=${TOOL_NAME}: an artifact could not be read`)}::${escapeData(message)}`);
  const s = result.summary;
  lines.push(`dbt-tools-lint: ${headline(result.findings).text} in ${plural(s.filesScanned, 'artifact')}${s.suppressed ? `, ${s.suppressed} suppressed` : ''}`);
  return lines.join('\n') + '\n';
};

/** One line of the job's log: what an artifact holds (a key with ESC[2K, a line break) written escaped, as on stderr. */
function escapeData(s: string): string {
  return oneLine(s).replace(/%/g, '%25');
}

function escapeProperty(prop: string): string {
  const eq = prop.indexOf('=');
  return prop.slice(0, eq + 1) + escapeData(prop.slice(eq + 1)).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
