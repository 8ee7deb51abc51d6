/**
 * Session 43 (red team 48): text from an artifact written into the text report or an error line can
 * neither start a line of its own nor move the cursor. A node id holding a line break and `::error …` was
 * a workflow command to GitHub Actions, which reads the job's log; an archive member's name with a line
 * break split its error over two lines, ESC and all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, tempDir } from './helpers.js';
import { tarArchive } from './artifacts/archive-build.js';
import { oneLine } from '../src/util/strings.js';

const PAT = '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';

t.test('oneLine escapes control characters and keeps what the caller wrote', async (t) => {
  t.equal(oneLine('a\nb\r\tc\u001b[2Jd\u2028e\u007f'), 'a\\nb\\r\\tc\\x1b[2Jd\\u2028e\\x7f');
  t.equal(oneLine('\u001b[31mred\u001b[0m\n', /\u001b\[\d{1,2}m/), '\u001b[31mred\u001b[0m\\n', 'colors kept, the break escaped');
  t.equal(oneLine('plain text: café ☕'), 'plain text: café ☕');
});

t.test("a node id with a line break and a workflow command stays on its finding's line", async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  const id = 'model.shop.orders\n::error file=evil::PWNED\u001b[2J';
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { [id]: { unique_id: id, resource_type: 'model', original_file_path: 'models/orders.sql', config: { meta: { token: PAT } } } } })));
  for (const args of [[], ['--group-by', 'secret']]) {
    const r = await runCli([target, ...args]);
    t.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    t.notOk(lines.some((l) => l.startsWith('::')), `no line begins with :: (${args.join(' ') || 'by file'})`);
    t.notOk(r.stdout.includes('\u001b'), 'no ESC from the artifact');
    t.match(r.stdout, /model\.shop\.orders\\n::error file=evil::PWNED\\x1b\[2J/, 'the id is shown, escaped');
    t.notOk(r.stdout.includes(PAT), 'the token is masked');
  }
});

t.test("an archive member's name with a line break is one error line", async (t) => {
  const dir = tempDir();
  const name = 'runs/a\nb\u001b[1m/target/manifest.json';
  writeFileSync(path.join(dir, 'a.tar'), tarArchive([{ name, body: '{"metadata": ' }]));
  const r = await runCli([path.join(dir, 'a.tar')]);
  t.equal(r.code, 2);
  t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1, r.stderr);
  t.notOk(r.stderr.includes('\u001b'), 'no ESC');
});
