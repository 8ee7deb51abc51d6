/** static_index.html: the embedded manifest and catalog are scanned, and the page around them, with positions in the HTML file. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../src/engine/scan.js';
import { PAGE_STREAM_COUNTS } from '../src/engine/scan-stream.js';
import { runCli } from './cli-run.js';
import { CLEAN, LEAKY, plantedSecrets } from './fixture-data.js';
import { tempDir } from './helpers.js';
import { token } from '../scripts/fixtures/values.js';

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

t.test('a docs page under another name is read with the folder by its content (a site publishes it as index.html); dbt\'s own index.html is not', async (t) => {
  const dir = tempDir();
  const manifest = readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8');
  // a page whose inlined manifest starts past the first chunk read: a megabyte of bundle before it
  const bundle = `<script>${'!function(e){return e}(0);'.repeat(48_000)}</script>`;
  writeFileSync(path.join(dir, 'index.html'), staticPage(manifest, '{}').replace('<body>', `<body>${bundle}`));
  writeFileSync(path.join(dir, 'manifest.json'), manifest);
  // dbt docs generate's own page, which loads the JSON beside it at run time: no artifact in it, not read, no error
  mkdirSync(path.join(dir, 'site'));
  writeFileSync(path.join(dir, 'site', 'index.html'), '<!doctype html><html><body><script>fetch("manifest.json")</script></body></html>');
  writeFileSync(path.join(dir, 'site', 'manifest.json'), manifest);
  const files = (paths: string[]) => {
    const r = scan({ paths });
    return [...new Set(r.summary.artifacts.map((a) => path.relative(dir, a.file)))].sort();
  };
  t.same(files([dir]), ['index.html', 'manifest.json'], 'the page beside the manifest');
  t.same(files([path.join(dir, 'site')]), [path.join('site', 'manifest.json')], "dbt's own page: not an artifact");
  const inPage = scan({ paths: [dir] }).findings.filter((f) => f.file.endsWith('index.html'));
  t.equal(inPage.length, scan({ paths: [path.join(dir, 'manifest.json')] }).findings.length, "the page's inlined manifest read whole");
  // a page that quotes an artifact's start outside a script (a publishing guide's <pre>) is none: it failed the run as a
  // docs page cut short (red team 99); the start inside a script that opened a megabyte before it is dbt's
  const guide = path.join(dir, 'guide');
  mkdirSync(guide);
  writeFileSync(path.join(guide, 'manifest.json'), manifest);
  writeFileSync(path.join(guide, 'publishing.html'), '<!doctype html><html><body><h1>Publishing docs</h1><script>var x = 1;</script><pre>{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", …</pre></body></html>');
  writeFileSync(path.join(guide, 'docs.html'), `<!doctype html><html><body><script>${'!function(e){return e}(0);'.repeat(48_000)} var n = { manifest: ${manifest}, catalog: {} };</script></body></html>`);
  const r = scan({ paths: [guide] });
  t.same([...new Set(r.summary.artifacts.map((a) => path.relative(guide, a.file)))].sort(), ['docs.html', 'manifest.json'], 'the guide is not read; the page whose script holds the manifest is');
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

/**
 * A page as teams publish it: dbt's page with a template's additions in <head> and <body>, and the
 * clean fixture's manifest and catalog inlined (they hold no secret: every finding is the page's).
 */
function publishedPage(head: readonly string[], body: readonly string[] = [], bundle = '!function(e){var t={token: e.token, "password": e.pw};}(window);'): string {
  const manifest = readFileSync(path.join(CLEAN, 'target', 'manifest.json'), 'utf8');
  const catalog = readFileSync(path.join(CLEAN, 'target', 'catalog.json'), 'utf8');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    ...head,
    '</head>',
    '<body>',
    ...body,
    '<script>',
    bundle,
    `angular.module("dbt").factory("project", ["$q", "$http", function (e, t) { var n = { manifest: ${manifest}, catalog: ${catalog} }; return n; }]);`,
    '</script></body>',
    '</html>',
    '',
  ].join('\n');
}

function scanPageText(html: string) {
  const file = path.join(tempDir(), 'static_index.html');
  writeFileSync(file, html);
  return scan({ paths: [file] });
}

/** Each finding as detector, line:column and the text at its span, checked against the offset. */
function spans(html: string, findings: ReturnType<typeof scan>['findings']): string[] {
  const lines = html.split('\n');
  return findings.map((f) => {
    const text = html.slice(f.charOffset, f.charOffset + f.charLength);
    const line = lines[f.start.line - 1]!;
    const byPosition = f.start.line === f.end.line ? line.slice(f.start.column - 1, f.end.column - 1) : '(several lines)';
    return `${f.ruleId}/${f.detectorId} ${f.start.line}:${f.start.column} ${text}${byPosition === text ? '' : ` (line and column point at ${byPosition})`}`;
  });
}

t.test('secrets a template or post-processing wrote into the page are found at their line and column in the HTML', async (t) => {
  const html = publishedPage(
    [
      '<meta name="api-token" content="Qm7vT2xK9pLw4RzN8bY3cHd6JfUe1Sa5">',
      '<link rel="stylesheet" href="https://docs-admin:Pq8-vLx2mRt7@cdn.internal.acme-data.io/theme.css">',
      '<script src="https://maps.googleapis.com/maps/api/js?key=AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f&callback=initMap"></script>',
      '<script>window.DBT_TOKEN = "dbtc_Wq3zX9mK2vB7nR4cW8yH1pD6sF0gJ5aE3uQ7iO2tXrMk8Vb";</script>',
      '<script>',
      '  window.DOCS_API_PASSWORD = "Zr8#kLm2-Vq9xTw4";',
      '</script>',
      '<!-- deploy: snowflake://loader:Hx9-Wq2mPz7v@acme.snowflakecomputing.com/analytics -->',
    ],
    ['<div id="feedback" data-api-key="Lq4vT8xK2pRw7zN3bY6cHd9JfUe5Sa0G"></div>'],
  );
  const { findings, summary } = scanPageText(html);
  t.same(summary.artifacts.map((a) => a.kind), ['manifest', 'catalog'], 'the page adds no artifact');
  t.same(spans(html, findings), [
    'static-html-page/secret-key-name 5:33 Qm7vT2xK9pLw4RzN8bY3cHd6JfUe1Sa5',
    'static-html-page/url-password 6:49 Pq8-vLx2mRt7',
    'static-html-page/google-api-key 7:58 AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f',
    'static-html-page/dbt-cloud-service-token 8:29 dbtc_Wq3zX9mK2vB7nR4cW8yH1pD6sF0gJ5aE3uQ7iO2tXrMk8Vb',
    'static-html-page/password-assignment 10:31 Zr8#kLm2-Vq9xTw4',
    'static-html-page/url-password 12:33 Hx9-Wq2mPz7v',
    'static-html-page/secret-key-name 15:34 Lq4vT8xK2pRw7zN3bY6cHd9JfUe5Sa0G',
  ]);
  t.ok(findings.every((f) => f.artifactKind === 'static-html' && f.jsonPointer === ''), 'findings of the page, not of a JSON value');
  t.match(findings.find((f) => f.detectorId === 'google-api-key')?.message, /in a <script> tag's src attribute$/);
  t.match(findings.find((f) => f.start.line === 12)?.message, /in an HTML comment$/);
  t.notOk(JSON.stringify(findings).includes('Zr8#kLm2-Vq9xTw4'), 'the secret itself is never in a finding');
});

t.test("a signed URL in a link, its query's `&` written `&amp;` as HTML requires, is found at its signature (red team 100)", async (t) => {
  const sas = 'Ol72YCAxtAsVIz%2FP%2F4E1ZqQHdXx0Y36SMeXUZxZ8O8I%3D';
  const amzSignature = '4f1c9a7e2b8d3f60a5c1e9b7d2f48a6c3e0b9d1f7a2c5e8b4d6f0a3c9e1b7d5f';
  const html = publishedPage([
    `<a class="hidden" href="https://acmelake.blob.core.windows.net/docs/index.html?sv=2022-11-02&amp;ss=b&amp;srt=o&amp;sp=r&amp;se=2099-01-01T00:00:00Z&amp;spr=https&amp;sig=${sas}">mirror</a>`,
    `<a href="https://acme-exports.s3.amazonaws.com/orders.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Date=20991201T120000Z&amp;X-Amz-Expires=604800&amp;X-Amz-Signature=${amzSignature}">orders</a>`,
    '<a href="https://acmelake.blob.core.windows.net/docs/index.html?sv=2022-11-02&amp;ss=b&amp;sp=r">no signature</a>',
  ]);
  const { findings } = scanPageText(html);
  t.same(spans(html, findings), [`static-html-page/azure-sas-token 5:172 ${sas}`, `static-html-page/signed-url 6:169 ${amzSignature}`]);
  t.same(findings.map((f) => f.preview), ['https://acmelake.blob.core.windows.net/****', 'X-Amz-Signature=****'], "the storage endpoint, the signature's name, not the escape, in the preview");
});

t.test('what looks like a secret in a page and is none stays silent', async (t) => {
  const html = publishedPage(
    [
      '<meta name="viewport" content="width=device-width,minimum-scale=1,maximum-scale=1,initial-scale=1" />',
      '<meta name="msapplication-TileColor" content="#2b5797"><meta name="theme-color" content="#ffffff">',
      '<meta name="csrf-token" content="a8F3kQ9zX2mV7pL4wR6tY1uI0oP5sD8g">',
      '<meta name="google-site-verification" content="Kx7mQ2vRt9LpWz4NbY8cHd3JfUe6Sa1GhT5nB0cV2xZ">',
      '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin><link href="https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap" rel="stylesheet">',
      '<link rel="stylesheet" href="/assets/main.css?v=3f9a1c2e7b8d4a6f0e1c5b9d2a7f3e8c">',
      '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.0/dist/js/bootstrap.min.js" integrity="sha384-fbbOQedDUMZZ5KreZpsbe1LCZPVmfTnH7ois6mU1QK+m14rQ1l2bGBq41eYeM/fS" crossorigin="anonymous"></script>',
      '<script nonce="r4nd0mN0nc3v4lu3XyQ9zK2w">window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag("config", "G-7XK2M9QZ4B");</script>',
      '<script>mapboxgl.accessToken = "pk.eyJ1IjoiZ2VvLXRlYW0tenpnbWYiLCJhIjoiY2xieHU4MGd0MWZtMWJyNGtnOGVzMXVrdiJ9.cGYbQ7eGqGalTNwNhcM4kK";</script>',
      '<style>body{color:#2b5797;background:#ffffff}@font-face{font-family:X;src:url(data:font/woff2;base64,d09GMgABAAAAAAZkAA0AAAAADHgAAAYPAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGhYbHhwgBmAAgQIRCAqKYIgHCwoAATYCJAMQBCAFhG4HIBvnCsgOJaHCwJ8nEEGMCgXD)}</style>',
      '<!-- built 2024-05-01 from commit 3f9a1c2e7b8d4a6f0e1c5b9d2a7f3e8c1b4d6a09; password and token come from the vault -->',
      // (session 43, red team 47) web analytics' public site ids: Cloudflare's beacon token, Umami's website id
      `<script defer src="https://static.cloudflareinsights.com/beacon.min.js" data-cf-beacon='{"token": "e927ccd4383f9cfc7e79104ac5b454f2"}'></script>`,
      '<script async src="https://umami.acme.io/script.js" data-website-id="94db1cb1-74f4-4a40-ad6c-962362670409"></script>',
    ],
    [
      '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" alt="">',
      '<form><input type="password" name="password" placeholder="Password" autocomplete="current-password" value=""></form>',
      '<p>Set the API key in <code>profiles.yml</code>: token = {{ env_var(\'DBT_ENV_SECRET_TOKEN\') }}</p>',
    ],
    // dbt's bundle: code that names keys, tokens and passwords, and sets them from variables
    'function Ce(e){var t=e.password,n=e.apiKey;return{token:e.token,secret:t,password:"password",apiKey:n}} var Ae={csrfToken:"X-CSRF-TOKEN",authorization:"Bearer "+e.accessToken};',
  );
  const { findings } = scanPageText(html);
  t.same(spans(html, findings), []);
});

t.test("dbt's script bundle is read for token formats only, its small inline scripts for assignments too", async (t) => {
  const assigned = 'var DOCS_PASSWORD = "Zr8#kLm2-Vq9xTw4";';
  const token = 'ghp_R4cKq2LmZ8vT1xW9pNs6bY3dHf7JuE0aQk5G';
  const html = publishedPage([`<script>${assigned}</script>`], [], `${assigned} var hub = "${token}";`);
  t.same(spans(html, scanPageText(html).findings), [
    'static-html-page/password-assignment 5:30 Zr8#kLm2-Vq9xTw4',
    'static-html-page/github-classic-pat 9:52 ghp_R4cKq2LmZ8vT1xW9pNs6bY3dHf7JuE0aQk5G',
  ]);
});

t.test("dbt's bundle: a token format is read around its keyword, and a long token far into the bundle is whole", async (t) => {
  const pem = token.privateKeyPem('page/bundle');
  const aws = token.awsAccessKeyId('page/bundle');
  // 100 KB of code naming authorization and -us (keywords of formats that then read around each) before the key
  const filler = 'function q(e){return e.authorization||e["x-user"]||e.token}'.repeat(1700);
  const html = publishedPage([], [], `${filler}\nvar deployKey = \`${pem}\`; var AWS_KEY_ID = "${aws}";`);
  const found = scanPageText(html).findings.map((f) => `${f.detectorId} ${f.start.line}:${f.start.column} ${html.slice(f.charOffset, f.charOffset + f.charLength) === (f.detectorId.startsWith('aws') ? aws : pem)}`);
  // (line 9 is `var deployKey = \``; the key id follows the PEM's last line and `\`; var AWS_KEY_ID = "`)
  t.same(found, ['private-key 9:18 true', `aws-access-key-id ${9 + pem.split('\n').length - 1}:${pem.split('\n').at(-1)!.length + 22} true`]);
});

t.test('a page cut short in its manifest still reports the secret in its head, and fails as unreadable', async (t) => {
  const html = publishedPage(['<meta name="api-token" content="Qm7vT2xK9pLw4RzN8bY3cHd6JfUe1Sa5">']);
  const dir = tempDir();
  writeFileSync(path.join(dir, 'static_index.html'), html.slice(0, html.indexOf('"nodes"') + 200));
  const r = await runCli([path.join(dir, 'static_index.html'), '--format', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, /invalid JSON at byte offset \d+ \(line 10\)/);
  t.same(JSON.parse(r.stdout).findings.map((f: { detectorId: string; start: { line: number; column: number } }) => `${f.detectorId} ${f.start.line}:${f.start.column}`), ['secret-key-name 5:33']);
});

t.test('a page cut short before its artifacts reports the secrets of the head it has, and still fails with the clear error', async (t) => {
  const html = publishedPage(['<meta name="api-token" content="Qm7vT2xK9pLw4RzN8bY3cHd6JfUe1Sa5">', '<!-- deploy: ghp_R4cKq2LmZ8vT1xW9pNs6bY3dHf7JuE0aQk5G -->']);
  const dir = tempDir();
  // cut in dbt's bundle, before `angular.module("dbt")` and the manifest it inlines
  writeFileSync(path.join(dir, 'static_index.html'), html.slice(0, html.indexOf('angular.module')));
  const r = await runCli([path.join(dir, 'static_index.html'), '--format', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, /HTML without an embedded dbt manifest or catalog/);
  t.same(JSON.parse(r.stdout).findings.map((f: { detectorId: string; start: { line: number; column: number } }) => `${f.detectorId} ${f.start.line}:${f.start.column}`), ['secret-key-name 5:33', 'github-classic-pat 6:14']);
  // a page with nothing in its head is refused as before, with no findings to show
  writeFileSync(path.join(dir, 'static_index.html'), publishedPage([]).slice(0, html.indexOf('angular.module')));
  const bare = await runCli([path.join(dir, 'static_index.html'), '--format', 'json']);
  t.equal(bare.code, 2);
  t.match(bare.stderr, /HTML without an embedded dbt manifest or catalog/);
});

t.test('a hostile page (tags, quotes and comments left open, long attributes) is read in one pass, positions exact', async (t) => {
  const token = 'ghp_R4cKq2LmZ8vT1xW9pNs6bY3dHf7JuE0aQk5G';
  for (const head of [
    [`<meta name="x" content="${'a '.repeat(200_000)}">`, `<!-- ${token} -->`],
    [`<div ${'data-x '.repeat(100_000)}>`, `<!-- ${token} -->`],
    [`<!-- ${token} ${'<'.repeat(200_000)} -->`],
    [`<p title='${'&quot;'.repeat(50_000)}'>${token}</p>`],
  ]) {
    const html = publishedPage(head);
    const { findings } = scanPageText(html);
    t.same(spans(html, findings).map((s) => s.replace(/ \d+:\d+ /, ' ')), [`static-html-page/github-classic-pat ${token}`]);
  }
  // an attribute value left open runs to the end of the page: its artifacts are still not read as page text
  const open = publishedPage([`<meta name="x" content="${token}`]);
  t.same(spans(open, scanPageText(open).findings).map((s) => s.replace(/ \d+:\d+ /, ' ')), [`static-html-page/github-classic-pat ${token}`]);
});

t.test('a large inlined artifact is streamed from the page, its findings and positions those of the page read in memory (red team 77: a 60 MB page took 2 GB)', async (t) => {
  const dir = tempDir();
  const manifest = readFileSync(path.join(LEAKY, 'target', 'manifest.json'), 'utf8');
  const catalog = readFileSync(path.join(LEAKY, 'target', 'catalog.json'), 'utf8');
  // characters of two, three and four bytes before the artifacts (the head's title: `—`, `☕`; an emoji, a surrogate pair),
  // line breaks of either kind, and a byte order mark: byte offsets, UTF-16 offsets and columns all differ there
  const head = '<!-- Ünïcödé 😀 -->\r\n';
  for (const [name, page] of [
    ['lf', staticPage(manifest, catalog)],
    ['crlf-bom', `\ufeff${staticPage(manifest, catalog).replace('<head>', `${head}<head>`).replace(/\n/g, '\r\n')}`],
    ['one-line', staticPage(JSON.stringify(JSON.parse(manifest)), JSON.stringify(JSON.parse(catalog))).replace(/\n/g, ' ')],
  ] as const) {
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, page);
    const before = PAGE_STREAM_COUNTS.segments;
    const streamed = scan({ paths: [file], stream: true, jobs: 1 });
    t.equal(PAGE_STREAM_COUNTS.segments - before, 2, `${name}: the manifest and the catalog streamed`);
    const inMemory = scan({ paths: [file], stream: false, jobs: 1 });
    t.ok(streamed.findings.length > 100, `${name}: ${streamed.findings.length} findings`);
    t.same(streamed.findings, inMemory.findings, `${name}: the same findings, places and all`);
    t.same(streamed.summary.artifacts, inMemory.summary.artifacts, `${name}: the same artifacts`);
    // the page is read whole, its head and scripts too: the summary's bytes are the file's, not its inlined JSON's (red team 103)
    for (const run of [streamed, inMemory]) t.equal(run.summary.bytesScanned, Buffer.byteLength(page), `${name}: the page's bytes scanned`);
  }
});
