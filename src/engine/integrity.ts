/**
 * Checks across the artifacts of one target folder: a manifest.json and a run_results.json from
 * different invocations are stale or partial. Reported as a finding of the stale-artifacts rule
 * on the run results' invocation_id.
 */
import { readHead } from '../sources/index.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Finding, ScanSummary } from '../types.js';
import type { ActiveRule } from './compile.js';
import { maskSecretsIn } from '../findings/preview.js';
import { isHtmlFile } from '../artifacts/candidate.js';

/** An invocation id as dbt writes it (a uuid): its first eight characters are shown. */
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ArtifactSummary = ScanSummary['artifacts'][number];

export function staleArtifactFindings(artifacts: readonly ArtifactSummary[], rules: readonly ActiveRule[]): Finding[] {
  const active = rules.find(({ rule }) => rule.id === 'stale-artifacts');
  if (!active) return [];
  const byDir = new Map<string, ArtifactSummary[]>();
  for (const a of artifacts) {
    const dir = path.dirname(a.file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), a]);
  }
  const findings: Finding[] = [];
  for (const group of byDir.values()) {
    for (const results of group.filter((a) => a.kind === 'run-results' && a.invocationId)) {
      const manifest = otherInvocationsManifest(group, results.invocationId!);
      if (!manifest) continue;
      const at = locateInvocationId(results.file, results.invocationId!);
      findings.push({
        ruleId: active.rule.id,
        detectorId: 'invocation-id',
        severity: active.severity,
        // (dbt writes a uuid and a time there; whatever else a file holds there, a token among it, is masked)
        message: maskSecretsIn(`${active.rule.title}: ${path.basename(results.file)} is from invocation ${results.invocationId}${results.generatedAt ? ` (${results.generatedAt})` : ''}, ${path.basename(manifest.file)} from ${manifest.invocationId}${manifest.generatedAt ? ` (${manifest.generatedAt})` : ''}`),
        file: results.file,
        artifactKind: 'run-results',
        jsonPath: '$.metadata.invocation_id',
        jsonPointer: '/metadata/invocation_id',
        location: 'metadata.invocation_id',
        start: at.start,
        end: at.end,
        charOffset: at.offset,
        charLength: results.invocationId!.length,
        preview: UUID_LIKE.test(results.invocationId!) ? `${results.invocationId!.slice(0, 8)}…` : '****',
        fingerprint: createHash('sha256').update(`stale-artifacts\u0000${results.invocationId}\u0000${manifest.invocationId}`).digest('hex').slice(0, 32),
      });
    }
  }
  return findings;
}

/**
 * The manifest beside a run_results.json of invocation `id` that is from another invocation, when the folder's manifests
 * are of one. A folder where artifacts are kept (`dbt_20_manifest.json` beside `dbt_112_manifest.json` and
 * `dbt_20_run_results.json`) holds several: the run results' own invocation among them is no stale pair, and with none
 * of theirs there, which one they ran beside is not known, so nothing is said (red team 101: 7 false notes on real
 * artifacts compared with the first manifest by name). A docs page's inlined manifest counts only when no manifest file
 * is there: target/'s run_results.json is compared with its manifest.json, whichever invocation wrote the page.
 */
function otherInvocationsManifest(group: readonly ArtifactSummary[], id: string): ArtifactSummary | undefined {
  const manifests = group.filter((a) => a.kind === 'manifest' && a.invocationId);
  const files = manifests.filter((a) => !isHtmlFile(a.file));
  const beside = files.length > 0 ? files : manifests;
  if (beside.some((m) => m.invocationId === id)) return undefined;
  return new Set(beside.map((m) => m.invocationId)).size === 1 ? beside[0] : undefined;
}

/** metadata comes first in every artifact: read the head of the file only. */
function locateInvocationId(file: string, id: string): { offset: number; start: { line: number; column: number }; end: { line: number; column: number } } {
  // (positions count the text after a byte order mark, as editors show it)
  const text = readHead(file, 64 * 1024).toString('utf8').replace(/^\ufeff/, '');
  const offset = Math.max(0, text.indexOf(`"${id}"`) + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { offset, start: { line, column }, end: { line, column: column + id.length } };
}
