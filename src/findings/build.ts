/**
 * Turn one artifact's value hits into findings: exact positions of each secret in the raw text,
 * a masked preview and a fingerprint. The secret itself is dropped here.
 */
import type { ArtifactKind, Finding } from '../types.js';
import type { ActiveRule } from '../engine/compile.js';
import type { ValueHit } from '../engine/walk.js';
import { LineIndex, locateStrings } from '../artifacts/locate.js';
import { rawIndexOf } from '../artifacts/json-text.js';
import { maskSecret } from './mask.js';
import { Fingerprints, stablePath } from './fingerprint.js';
import { toJsonPath, toJsonPointer } from './paths.js';
import type { Suppressor } from './suppress.js';
import type { SourceFiles } from '../artifacts/project.js';

export interface BuildContext {
  file: string;
  kind: ArtifactKind;
  text: string;
  /** 1 when a byte order mark was removed before `text`. */
  bomLength: number;
  rules: readonly ActiveRule[];
  salt: string;
  suppressor: Suppressor;
  /** The dbt project root of this artifact, when known, and a reader of its files. */
  projectDir: string | undefined;
  sources: SourceFiles;
}

export function buildFindings(hits: readonly ValueHit[], ctx: BuildContext): Finding[] {
  if (hits.length === 0) return [];
  const offsets = locateStrings(ctx.text, hits.map((h) => h.path));
  const lines = new LineIndex(ctx.text);
  const findings: Finding[] = [];
  const fingerprints = new Fingerprints(ctx.salt);
  hits.forEach((hit, h) => {
    const token = offsets[h]!;
    const quoted = token >= 0 && ctx.text.charCodeAt(token) === 34;
    const { rule, severity } = ctx.rules[hit.ruleIndex]!;
    const jsonPath = toJsonPath(hit.path);
    const location = stablePath(hit.path, hit.node?.uniqueId);
    for (const m of hit.matches) {
      const secret = hit.value.slice(m.start, m.end);

      // Offsets in the raw text: escapes (\n, \", \u00e9) before the secret widen it.
      const start = token < 0 ? 0 : quoted ? rawIndexOf(ctx.text, token, m.start) : token + m.start;
      const end = token < 0 ? 0 : quoted ? rawIndexOf(ctx.text, token, m.end) : token + m.end;
      const id = fingerprints.of(rule.id, m.detectorId, secret, `${ctx.kind}:${location}`);
      // Config and hooks may be set in dbt_project.yml rather than in the node's own files.
      const candidates = hit.node ? [hit.node.originalFilePath, hit.node.patchPath, 'dbt_project.yml'].filter((x): x is string => x !== undefined) : [];
      const source = ctx.sources.locate(ctx.projectDir, candidates, secret);
      const suppressed = ctx.suppressor({ file: ctx.file, path: hit.path, node: hit.node, ruleId: rule.id, secret, fingerprint: id });
      findings.push({
        ruleId: rule.id,
        detectorId: m.detectorId,
        severity,
        message: `${rule.title}: ${m.description}`,
        file: ctx.file,
        artifactKind: ctx.kind,
        jsonPath,
        jsonPointer: toJsonPointer(hit.path),
        location,
        start: lines.position(start),
        end: lines.position(end),
        charOffset: start + ctx.bomLength,
        charLength: end - start,
        ...(hit.node ? { uniqueId: hit.node.uniqueId } : {}),
        ...(hit.node?.originalFilePath ? { originalFilePath: hit.node.originalFilePath } : {}),
        ...(source ? { source: { ...source, projectDir: ctx.projectDir } } : {}),
        preview: maskSecret(secret),
        fingerprint: id,
        ...(suppressed ? { suppressed } : {}),
      });
    }
  });
  return findings;
}
