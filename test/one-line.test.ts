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
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { tarArchive } from './artifacts/archive-build.js';
import { oneLine } from '../src/util/strings.js';

const PAT = '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';

t.test('oneLine escapes control characters and keeps what the caller wrote', async (t) => {
  t.equal(oneLine('a\nb\r\tc\u001b[2Jd\u2028e\u007f'), 'a\\nb\\r\\tc\\x1b[2Jd\\u2028e\\x7f');
  t.equal(oneLine('\u001b[31mred\u001b[0m\n', /\u001b\[\d{1,2}m/), '\u001b[31mred\u001b[0m\\n', 'colors kept, the break escaped');
  t.equal(oneLine('plain text: café ☕'), 'plain text: café ☕');
  t.equal(oneLine('csi\u009b2K nonchar\ufffe\uffff'), 'csi\\x9b2K nonchar\\ufffe\\uffff', 'C1 controls and non-characters escaped too');
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

t.test('an error line masks a secret it quotes: an option value, a path, a warning (session 44; red team 48, V3)', async (t) => {
  const url = 'postgresql://etl:Vq7mR2xKp9Lw@warehouse.acme.io/analytics';
  const checks: [string[], RegExp][] = [
    [['fixtures/jaffle-shop-leaky/target', '--fail-on', PAT], /^dbt-tools-lint: Invalid values: Argument: fail-on, Given: "ghp_\*\*\*\*", Choices: /],
    [['fixtures/jaffle-shop-leaky/target', '--format', url], /^dbt-tools-lint: Invalid values: Argument: format, Given: "postgresql:\/\/etl:\*\*\*\*@warehouse\.acme\.io\/analytics"/],
    [[url], /^dbt-tools-lint: postgresql:\/\/etl:\*\*\*\*@warehouse\.acme\.io\/analytics: no such file or directory/],
    [['fixtures/jaffle-shop-leaky/target', '--baseline', `${PAT}.json`], /^dbt-tools-lint: ghp_\*\*\*\*\.json: baseline file not found/],
  ];
  for (const [args, expected] of checks) {
    const r = await runCli(args);
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, expected);
    t.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    t.notOk(r.stderr.includes(PAT) || r.stderr.includes('Vq7mR2xKp9Lw'), 'the secret is masked');
  }
  const plain = await runCli(['fixtures/jaffle-shop-leaky/target', '--fail-on', 'sarf']);
  t.match(plain.stderr, /Given: "sarf"/, 'a value that is no secret is shown as given');
});

t.test('a node id that a secret was written into is printed masked in every format (session 44; red team 48, V3)', async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  const id = `model.shop.${PAT}`;
  writeFileSync(path.join(target, 'manifest.json'), dbtJson(manifest({ nodes: { [id]: { unique_id: id, resource_type: 'model', original_file_path: 'models/orders.sql', config: { meta: { token: PAT } } } } })));
  for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'gitlab', 'html', 'markdown']) {
    const r = await runCli([target, '--format', format]);
    t.equal(r.code, 1, format);
    t.notOk(r.stdout.includes(PAT) || r.stderr.includes(PAT), `${format}: the token is not printed`);
  }
  const json = JSON.parse((await runCli([target, '--format', 'json'])).stdout) as { findings: { uniqueId?: string }[] };
  t.ok(json.findings.length > 0 && json.findings.every((f) => f.uniqueId === 'model.shop.ghp_****'), 'the id, its token masked');
});

t.test("a key's control characters and non-characters reach no report raw: no color of the artifact's, no broken XML (red team 72)", async (t) => {
  const target = path.join(tempDir(), 'target');
  mkdirSync(target);
  const key = 'DB_\u0001\u001b[31m_PASSWORD\u009b2K\ufffe\ud800';
  writeFileSync(path.join(target, 'run_results.json'), dbtJson(runResults({}, { [key]: 'Rq2-Meadow#Falcon91' })));
  const escapedKey = 'DB_\\x01\\x1b[31m_PASSWORD\\x9b2K\\ufffe';
  for (const args of [[], ['--group-by', 'secret'], ['-f', 'github'], ['-f', 'markdown'], ['-f', 'html'], ['-f', 'gitlab']]) {
    const r = await runCli([target, ...args]);
    t.equal(r.code, 1, args.join(' ') || 'text');
    t.notOk(/[\u001b\u0001\u009b\ufffe]/.test(r.stdout), `no ESC, control or non-character from the artifact (${args.join(' ') || 'text'})`);
    t.notOk(r.stdout.includes('Meadow#Falcon'), 'the secret is masked');
  }
  const text = await runCli([target]);
  t.ok(text.stdout.includes(`at $.metadata.env['${escapedKey}`), 'the path is shown, escaped');
  const github = await runCli([target, '-f', 'github']);
  t.ok(github.stdout.includes(`key "${escapedKey}`), 'the annotation names the key, escaped');

  const junit = await runCli([target, '-f', 'junit']);
  // XML 1.0's characters: no C0 control but tab and line breaks, no lone surrogate, no U+FFFE or U+FFFF
  t.notOk(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(junit.stdout), 'the JUnit report is well-formed XML');
  t.ok(junit.stdout.includes('DB_\ufffd\ufffd[31m_PASSWORD'), 'what XML cannot hold is replaced, the rest kept');

  // the machine formats keep the key as it is, in valid JSON
  for (const format of ['json', 'sarif']) {
    const r = await runCli([target, '-f', format]);
    t.ok(JSON.stringify(JSON.parse(r.stdout)).includes(JSON.stringify(key).slice(1, -1)), `${format} holds the key unchanged`);
  }
});
