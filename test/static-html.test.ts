/** static_index.html: the embedded manifest and catalog are scanned, with positions in the HTML file. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { runCli } from './cli-run.js';
import { LEAKY, plantedSecrets } from './fixture-data.js';
import { tempDir } from './helpers.js';

/** A page shaped like dbt's: a bundle before and after, the artifacts inlined as JS object values. */
function staticPage(manifest: string, catalog: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>dbt Docs — Café ☕</title></head>',
    '<body><script>',
    '!function(e){var t={token: e.token, "password": e.pw};}(window);',
    `angular.module("dbt").factory("project", ["$q", "$http", function (e, t) { var n = { manifest: ${manifest}, catalog: ${catalog} }; return n; }]);`,
    '</script></body>',
    '</html>',
    '',
  ].join('\n');
}

t.test('findings in the embedded manifest and catalog point at the secret in the HTML', async (t) => {
  const dir = tempDir();
  const manifest = readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8');
  const catalog = readFileSync(path.join(LEAKY, 'target', 'catalog.json'), 'utf8');
  const html = staticPage(manifest, catalog);
  const file = path.join(dir, 'static_index.html');
  writeFileSync(file, html);
  const { findings, summary } = scan({ paths: [file] });
  t.same(summary.artifacts.map((a) => a.kind), ['manifest', 'catalog']);

  const separate = scan({ paths: [path.join(LEAKY, 'target', 'manifest.json'), path.join(LEAKY, 'target', 'catalog.json')] }).findings;
  t.equal(findings.length, separate.length, 'as many findings as the two files');

  const planted = new Set(plantedSecrets(LEAKY).map((p) => p.secret));
  const lines = html.split('\n');
  for (const f of findings) {
    const raw = html.slice(f.charOffset, f.charOffset + f.charLength);
    t.ok(planted.has(JSON.parse(`"${raw}"`)), `${f.ruleId} ${f.jsonPath}: the span is a planted secret`);
    t.equal(f.start.line, 6, 'on the line of the inlined data');
    t.equal(lines[5]!.slice(f.start.column - 1, f.end.column - 1), raw, 'line and column agree with the offset');
  }
  t.notOk(findings.some((f) => f.start.line === 5), 'the JS bundle is not scanned');
});

t.test('a target directory includes static_index.html', async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'static_index.html'), staticPage(readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8'), '{}'));
  const r = await runCli([dir, '--format', 'json']);
  t.equal(r.code, 1);
  t.ok(JSON.parse(r.stdout).findings.every((f: { file: string }) => f.file.endsWith('static_index.html')));
});

t.test('an HTML page without embedded artifacts is exit 2', async (t) => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body>dbt docs loads manifest.json at run time</body></html>');
  const r = await runCli([path.join(dir, 'index.html')]);
  t.equal(r.code, 2);
  t.match(r.stderr, /HTML without an embedded dbt manifest or catalog/);
});

t.test('a truncated embedded manifest is exit 2, not a silent pass', async (t) => {
  const dir = tempDir();
  const manifest = readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8');
  writeFileSync(path.join(dir, 'static_index.html'), staticPage(manifest, '{}').slice(0, 5000));
  const r = await runCli([path.join(dir, 'static_index.html')]);
  t.equal(r.code, 2);
  t.match(r.stderr, /invalid JSON at byte offset \d+ \(line 6\)/);
});
