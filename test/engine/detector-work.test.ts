/**
 * How much of a realistic manifest the detectors read: the keyword search and the anchors send on only the values where
 * a secret can begin. The bench's findings-heavy vocabulary (bench/realistic.ts: columns such as `password_hash`,
 * `access_token_expires_at`, `token_count`, `api_key_id`, configs with `unique_key`, hooks and descriptions) is full of
 * the keywords' words; a detector selected wherever one occurs reads every model's SQL whole. Counted as the work meter
 * counts it (characters the detectors look at), not timed: a keyword that holds another one further on (`access_token`
 * holds `token`) once selected sql-password for every model's SQL, 30 times this work, with the same findings.
 */
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { writeRealisticManifest } from '../../bench/realistic.js';
import { workMeter } from '../../src/detectors/work.js';
import { scan } from '../../src/engine/scan.js';
import { tempDir } from '../helpers.js';

t.test("the detectors read a small share of a realistic project's manifest, and find every secret planted in it", async (t) => {
  const dir = tempDir('detector-work-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'manifest.json');
  // a pair of secrets in one model of 18: the density issue 14 measured (see bench/run.ts)
  const { planted } = writeRealisticManifest(file, 2 * 1024 * 1024, { plantShare: 0.055 });
  const bytes = statSync(file).size;
  const before = workMeter.chars;
  const result = scan({ paths: [file] });
  const work = workMeter.chars - before;
  const plantedCount = Object.values(planted).reduce((a, b) => a + b, 0);
  t.ok(plantedCount >= 20, `${plantedCount} secrets planted`);
  t.ok(result.findings.length >= plantedCount, `${result.findings.length} findings for ${plantedCount} planted`);
  // (about 0.04 a byte now; 1.17 when sql-password read every model's SQL)
  t.ok(work / bytes < 0.25, `${work} characters read for ${bytes} bytes: ${(work / bytes).toFixed(3)} a byte`);
});
