/**
 * A terminal's colours glued to a secret (`\x1b[31mghp_…\x1b[0m`): a console's output saved as dbt.log or piped in, a
 * meta value copied from one. The escape's final letter is no letter of a word before the token (red team 112: exit 0,
 * "No secrets found"); its place is the token's own, as without the colours.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { expectedPosition, manifest, scanArtifact, tempDir } from './helpers.js';

// made up for this test
const TOKEN = 'ghp_Xk9mLp2QzAb7Rt4Wq8vLm2xRt9zKp4nYhG3a';
const PASSWORD = 'Hq7tYv3kLm9x!Wz';

t.test("a token in a meta value, between a colour and its reset", async (t) => {
  const value = `deploy key \x1b[31m${TOKEN}\x1b[0m (rotate)`;
  const { text, findings } = scanArtifact(manifest({ nodes: { 'model.shop.orders': { unique_id: 'model.shop.orders', resource_type: 'model', name: 'orders', config: { meta: { note: value } } } } }));
  const found = findings.filter((f) => f.detectorId === 'github-classic-pat');
  t.equal(found.length, 1, 'found');
  const at = expectedPosition(text, TOKEN);
  t.same([found[0]?.start.line, found[0]?.start.column], [at.line, at.column], 'at the token, not at its colour');
  t.notOk(JSON.stringify(findings).includes(TOKEN), 'shown masked');
});

t.test('in a log with colours: a token and a password after bold', async (t) => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'logs'));
  mkdirSync(path.join(dir, 'target'));
  writeFileSync(path.join(dir, 'target', 'manifest.json'), JSON.stringify(manifest({})));
  const lines = ['\x1b[0m12:00:01  Running with dbt=1.9.0', `\x1b[0m12:00:02  token=\x1b[1m${TOKEN}\x1b[0m`, `\x1b[0m12:00:03  DB_PASSWORD=\x1b[33m${PASSWORD}\x1b[0m done`];
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), `${lines.join('\n')}\n`);
  const findings = scan({ paths: [path.join(dir, 'target')] }).findings.filter((f) => f.file.endsWith('dbt.log'));
  const at = (line: number, secret: string) => [line, lines[line - 1]!.indexOf(secret) + 1, line, lines[line - 1]!.indexOf(secret) + secret.length + 1];
  t.same(findings.map((f) => [f.detectorId, f.start.line, f.start.column, f.end.line, f.end.column]).sort(), [['github-classic-pat', ...at(2, TOKEN)], ['password-assignment', ...at(3, PASSWORD)]].sort(), 'both, at their places (not their colours)');
  t.notOk(JSON.stringify(findings).includes(PASSWORD), 'the password shown masked');
});
