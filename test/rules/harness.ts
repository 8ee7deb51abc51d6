/**
 * ESLint-style rule tests: `invalid` cases list the secrets a rule must report (with the exact
 * line and column, computed independently), `valid` cases must produce no finding at all.
 */
import t from 'tap';
import { dbtJson, expectedPosition, scanArtifact } from '../helpers.js';

export interface InvalidCase {
  name: string;
  artifact: Record<string, unknown>;
  file?: string;
  secrets: { secret: string; detector?: string; uniqueId?: string; originalFilePath?: string }[];
}

export interface ValidCase {
  name: string;
  artifact: Record<string, unknown>;
  file?: string;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  t.test(`${ruleId}: valid`, async (t) => {
    for (const c of cases.valid) {
      const { findings } = scanArtifact(c.artifact, c.file);
      t.same(
        findings.map((f) => `${f.ruleId}/${f.detectorId} ${f.jsonPath}`),
        [],
        c.name,
      );
    }
  });
  t.test(`${ruleId}: invalid`, async (t) => {
    for (const c of cases.invalid) {
      const { text, findings } = scanArtifact(c.artifact, c.file);
      const ours = findings.filter((f) => f.ruleId === ruleId);
      t.equal(ours.length, c.secrets.length, `${c.name}: ${c.secrets.length} finding(s) of ${ruleId}`);
      t.equal(findings.length, ours.length, `${c.name}: no finding from another rule`);
      for (const s of c.secrets) {
        const at = expectedPosition(text, s.secret);
        const f = ours.find((x) => x.charOffset === at.offset);
        t.ok(f, `${c.name}: a finding starts exactly at the secret`);
        if (!f) continue;
        t.same(f.start, { line: at.line, column: at.column }, `${c.name}: start line and column`);
        t.equal(f.charLength, dbtJson(s.secret).length - 2, `${c.name}: length in the file, escapes counted`);
        if (s.detector) t.equal(f.detectorId, s.detector, `${c.name}: detector`);
        if (s.uniqueId) t.equal(f.uniqueId, s.uniqueId, `${c.name}: unique_id`);
        if (s.originalFilePath) t.equal(f.originalFilePath, s.originalFilePath, `${c.name}: original_file_path`);
        t.notMatch(f.preview, s.secret, `${c.name}: preview is masked`);
      }
    }
  });
}
