/**
 * Issue 18 outside the artifacts. The leak classes themselves — secrets wrapped in base64, JSON
 * strings, percent-encoding and escaped PEM; named only by their key; in dbt Python models; and
 * the Jinja seams, placeholders and harmless names that must stay silent — are fixture cases
 * (fixtures/cases/wrapped.yaml, key-names.yaml, python-models.yaml, jinja.yaml,
 * placeholders.yaml), found at their exact encoded spans by test/fixtures.test.ts, in memory and
 * streamed (test/engine/stream-equivalence.test.ts). What remains here is rendered SQL in
 * target/compiled, which the fixtures do not hold.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { dbtJson, manifest, tempDir } from './helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const DOTENV_B64 = b64('DB_HOST=db.internal\nDB_USER=etl\nDB_PASSWORD=Zq8kLm2vX9-dotenv\n');

t.test('rendered SQL in target/compiled is decoded the same way', async (t) => {
  const dir = tempDir();
  const sqlDir = path.join(dir, 'target', 'compiled', 'a', 'models');
  mkdirSync(sqlDir, { recursive: true });
  const sql = `select from_base64('${DOTENV_B64}') as cfg, '${b64('Just a harmless note about the model.')}' as note\n`;
  writeFileSync(path.join(sqlDir, 'cfg.sql'), sql);
  writeFileSync(path.join(dir, 'target', 'manifest.json'), dbtJson(manifest({})));
  const { findings } = scan({ paths: [path.join(dir, 'target')], jobs: 1 });
  t.same(findings.map((f) => [f.detectorId, f.charOffset, f.charLength]), [['password-assignment', sql.indexOf(DOTENV_B64), DOTENV_B64.length]]);
});
