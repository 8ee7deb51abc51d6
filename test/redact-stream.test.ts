/**
 * redact streams its copies (a manifest may be larger than a string can be): each copy, written a block at a time with
 * a seam at every place, byte for byte the copy the in-memory rewrite made; what it holds does not grow with the file.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { runCli } from './cli-run.js';
import { LEAKY, LEGACY, plantedSecrets } from './fixture-data.js';
import { dbtJson, manifest, runResults, tempDir } from './helpers.js';
import { foundSecrets, maskCopies, redactText } from './redact-in-memory.js';
import { scan, DEFAULT_MAX_FILE_SIZE } from '../src/engine/scan.js';
import { REDACT_TUNING } from '../src/commands/redact.js';
import { REWRITE_HELD, withCopiesMasked, withKeysRenamed, withReplacements } from '../src/commands/redact-rewrite.js';
import { jsonPlan, textPlan } from '../src/commands/redact-plan.js';
import type { Finding } from '../src/types.js';

const DEFAULT_BLOCK = REDACT_TUNING.blockBytes;
t.afterEach(() => {
  REDACT_TUNING.blockBytes = DEFAULT_BLOCK;
});

/** Every file under `dir`, its path from `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
}

/** The copies of the files under `dir` as the in-memory rewrite made them, by path from `dir`. */
function inMemoryCopies(dir: string): Map<string, Buffer> {
  // (a file that is not whole is no file redact copies: see broken-artifacts.test.ts)
  const result = scan({ paths: [dir], maxFileSize: DEFAULT_MAX_FILE_SIZE, followSymlinks: false, onWarning: () => {}, onUnreadable: (e) => {
    throw e;
  } });
  const files = [...new Set(result.summary.artifacts.filter((a) => a.kind !== 'partial-parse').map((a) => a.file))];
  const plain = new Set(result.summary.artifacts.filter((a) => ['compiled-sql', 'compiled-python', 'log'].includes(a.kind)).map((a) => a.file));
  const held = result.findings.filter((f) => f.secretId !== undefined);
  const secrets = foundSecrets(files, held);
  const copies = new Map<string, Buffer>();
  for (const file of files) {
    const findings = held.filter((f) => f.file === file);
    const text = readFileSync(file, 'utf8');
    const masked = findings.length > 0 ? redactText(text, findings, plain.has(file)) : text;
    copies.set(path.relative(dir, file), Buffer.from(maskCopies(masked, plain.has(file) ? secrets.inText : secrets.inJson).text));
  }
  return copies;
}

/** The copies redact writes now, read `blockBytes` at a time, equal to the in-memory ones byte for byte. */
async function sameAsInMemory(t: Test, dir: string, blockSizes: readonly number[]): Promise<void> {
  const expected = inMemoryCopies(dir);
  t.ok(expected.size > 0, `${path.basename(dir)}: something to redact`);
  for (const blockBytes of blockSizes) {
    REDACT_TUNING.blockBytes = blockBytes;
    const out = tempDir('streamed-');
    const r = await runCli(['redact', dir, '--out', out]);
    t.equal(r.code, 0, r.stderr);
    t.same(filesUnder(out).sort(), [...expected.keys()].sort(), `${path.basename(dir)}, blocks of ${blockBytes}: the same files`);
    for (const [file, copy] of expected) {
      const streamed = readFileSync(path.join(out, file));
      t.ok(streamed.equals(copy), `${path.basename(dir)}/${file}, blocks of ${blockBytes} bytes: byte for byte the in-memory copy`);
    }
  }
}

// (every seam: a character of 2, 3, 4 bytes, an escape, a secret, a key cut at each of their places)
const SEAMS = [1, 2, 3, 5, 7, 64, 4096, DEFAULT_BLOCK];

t.test('redact of the fixtures streamed: the copies the in-memory rewrite made, with a seam anywhere', async (t) => {
  for (const fixture of [LEAKY, LEGACY]) {
    for (const target of new Set(plantedSecrets(fixture).map((p) => path.dirname(path.join(fixture, p.file))))) {
      const dir = tempDir('fixture-');
      cpSync(target, dir, { recursive: true });
      await sameAsInMemory(t, dir, [1, 3, 4096, DEFAULT_BLOCK]);
    }
  }
});

const TOKEN = 'xoxb-615641922931-3297886596462-TX6n2Rq9WIhHNhgy8wW6zABH';
const OTHER = 'xoxb-615641922931-3297886596463-Pq7Lm2Rv9WkHNhgy8wW6zQJK';
const PAT = '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';

/** A manifest of every shape a copy must keep: secrets with multi-byte characters, escapes, numbers, secret keys. */
function hostileManifest(): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (let k = 0; k < 6; k++) {
    const id = `model.shop.m${k}`;
    nodes[id] = {
      resource_type: 'model', unique_id: id, name: `m${k}`, package_name: 'shop', original_file_path: `models/m${k}.sql`, raw_code: 'select 1',
      // a character of 2, 3, 4 bytes (a surrogate pair), and quotes and backslashes, right before and after a secret
      description: `${'é'.repeat(k)}🔑 clé "${PAT}" \\ ✓ the loader logs in with Qx7-mV2pLk9wRt4z${'🔑'.repeat(k)}`,
      meta: { db_password: 8127364512 + k, [k % 2 === 0 ? TOKEN : OTHER]: `#alerts-${k}`, nested: [{ [OTHER]: 'x', owner: 'growth' }], note: `pw is Pä"ss\\wörd-🔑-9xK2-prod-${k}` },
      config: { meta: { api_key: `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'.slice(k)}${'x'.repeat(k)}` } },
    };
  }
  return manifest({ nodes }, { DB_PASSWORD: 'Pä"ss\\wörd-🔑-9xK2-prod', DBT_ENV_CUSTOM_ENV_SNOWFLAKE_PASSWORD: 'Qx7-mV2pLk9wRt4z' });
}

t.test('redact streamed keeps every shape of a copy: characters of several bytes, escapes, numbers, secret keys, CRLF, a byte order mark', async (t) => {
  const dir = tempDir('hostile-');
  const text = JSON.stringify(hostileManifest(), null, 2);
  writeFileSync(path.join(dir, 'manifest.json'), text);
  // (escapes a serializer with ensure_ascii writes: \u00e9, a surrogate pair as two escapes)
  const crlf = tempDir('hostile-crlf-');
  writeFileSync(path.join(crlf, 'manifest.json'), `\ufeff${text.replace(/\n/g, '\r\n').replace(/é/g, '\\u00e9').replace(/🔑/g, '\\ud83d\\udd11')}`);
  writeFileSync(path.join(crlf, 'run_results.json'), dbtJson(runResults({ args: { vars: { pw_list: ['Qx7-mV2pLk9wRt4z', TOKEN] } } }, { DB_PASSWORD: 'Pä"ss\\wörd-🔑-9xK2-prod' })));
  for (const d of [dir, crlf]) await sameAsInMemory(t, d, SEAMS);
});

t.test('redact streamed masks rendered models, logs and a docs page as the in-memory rewrite did', async (t) => {
  const dir = tempDir('text-');
  const pw = 'Hk4\\wQ9"Xp2Lm8Rt5Vz7';
  writeFileSync(path.join(dir, 'run_results.json'), dbtJson(runResults({}, { DB_PASSWORD: pw })));
  mkdirSync(path.join(dir, 'compiled', 'shop', 'models'), { recursive: true });
  writeFileSync(path.join(dir, 'compiled', 'shop', 'models', 'a.sql'), `-- clé 🔑\r\nselect '${pw}' as k, 'postgres://loader:Zq8rT5vLp2Kx9mWn@db.internal/shop' as u\r\n`);
  mkdirSync(path.join(dir, 'logs'));
  const lines = [{ info: { msg: 'DB_PASSWORD=Zq8"Lm3\\Rt5Vz7Xp2Lm8Qw é🔑', level: 'debug' } }, { info: { msg: `token ${PAT} \\u00e9`, level: 'debug' } }];
  writeFileSync(path.join(dir, 'logs', 'dbt.log'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const doc = manifest({ nodes: { 'model.shop.a': { resource_type: 'model', unique_id: 'model.shop.a', name: 'a', package_name: 'shop', original_file_path: 'models/a.sql', raw_code: 'select 1', meta: { db_password: 8127364512, [TOKEN]: '#a', [OTHER]: '#b' } } } }, { DB_PASSWORD: 'Tr0ub4dor-9xK2-prod' });
  writeFileSync(path.join(dir, 'static_index.html'), `<!doctype html><html><head><meta name="x" content="${TOKEN}"></head><body><script>var n = {manifest: ${JSON.stringify(doc)}, catalog: null};</script></body></html>`);
  await sameAsInMemory(t, dir, SEAMS);
});

/** A manifest of `nodes` nodes, each with secrets (a password, a token as a key, a copy in a description). */
function manifestOf(nodes: number): string {
  const all: Record<string, unknown> = {};
  for (let k = 0; k < nodes; k++) {
    const id = `model.shop.m${k}`;
    all[id] = { resource_type: 'model', unique_id: id, name: `m${k}`, package_name: 'shop', original_file_path: `models/m${k}.sql`, raw_code: 'select 1', description: `${'lorem ipsum é🔑 '.repeat(40)} pw Qx7-mV2pLk9wRt4z`, meta: { [TOKEN]: '#a', db_password: `Vq8!mZ2rLx7pKd4w-${k}` } };
  }
  return dbtJson(manifest({ nodes: all }, { DBT_ENV_CUSTOM_ENV_SNOWFLAKE_PASSWORD: 'Qx7-mV2pLk9wRt4z' }));
}

t.test('what redact holds of a file does not grow with it: at 1 and at 4 MB, no more than a piece of 64 Ki characters and a block', async (t) => {
  REDACT_TUNING.blockBytes = 16 * 1024;
  // (the in-memory rewrite held the whole text, and the whole copy beside it)
  const bound = 64 * 1024 + REDACT_TUNING.blockBytes + 1024;
  for (const nodes of [1000, 4000]) {
    const dir = tempDir('flat-');
    const text = manifestOf(nodes);
    writeFileSync(path.join(dir, 'manifest.json'), text);
    REWRITE_HELD.chars = 0;
    const out = tempDir('flat-out-');
    const r = await runCli(['redact', dir, '--out', out]);
    t.equal(r.code, 0, r.stderr);
    t.notOk(readFileSync(path.join(out, 'manifest.json'), 'utf8').includes('Qx7-mV2pLk9wRt4z'), 'masked');
    t.ok(REWRITE_HELD.chars > 0 && REWRITE_HELD.chars <= bound, `${text.length} characters: at most ${REWRITE_HELD.chars} held at once`);
  }
});

t.test('a page too large to read whole is refused with one line, before any copy is written; a manifest that large is streamed', async (t) => {
  const dir = tempDir('big-page-');
  writeFileSync(path.join(dir, 'manifest.json'), dbtJson(manifest({}, { DB_PASSWORD: 'Tr0ub4dor-9xK2-prod' })));
  const page = `<!doctype html><html><body><script>var n = {manifest: ${JSON.stringify(manifest({}, { DB_PASSWORD: 'Tr0ub4dor-9xK2-prod' }))}, catalog: null};</script></body></html>`;
  writeFileSync(path.join(dir, 'static_index.html'), page);
  const before = REDACT_TUNING.pageChars;
  REDACT_TUNING.pageChars = 200;
  t.teardown(() => {
    REDACT_TUNING.pageChars = before;
  });
  const out = tempDir('big-page-out-');
  const r = await runCli(['redact', dir, '--out', out]);
  t.equal(r.code, 2);
  t.match(r.stderr, new RegExp(`^dbt-tools-lint: .*static_index\\.html: a page of ${page.length} bytes, more than redact can read whole \\(200 characters\\); .*\\n$`));
  t.notMatch(r.stderr, /internal error/);
  t.notOk(existsSync(path.join(out, 'manifest.json')), 'no copy written');
  REDACT_TUNING.pageChars = before;
  t.equal((await runCli(['redact', dir, '--out', out])).code, 0, 'under the limit: redacted');
});

/** A small seeded generator (mulberry32): the same cases every run. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The text in pieces of `size` characters. */
function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

const KEYS = [TOKEN, OTHER, PAT, `bot=${TOKEN}`, '0', '7', '12', 'owner', 'db_password', 'meta', 'clé 🔑', 'a"b\\c'];
const VALUES = [TOKEN, PAT, 'plain', 'é🔑 "quoted" \\ back', 'Qx7-mV2pLk9wRt4z', ''];

/**
 * A JSON text of objects and arrays nested at random, as a serializer writes it (CRLF or none between tokens), with
 * the spans a scan would report: whole values and keys, numbers, parts of values.
 */
function randomJson(next: (n: number) => number): { text: string; spans: { charOffset: number; charLength: number; jsonPointer: string }[] } {
  let text = '';
  const spans: { charOffset: number; charLength: number; jsonPointer: string }[] = [];
  const gap = () => ['', ' ', '\r\n  '][next(3)]!;
  const string = (s: string, pointer: string, found: boolean) => {
    const written = JSON.stringify(s);
    if (found && written.length > 2) {
      const from = next(3) === 0 ? next(written.length - 2) : 0;
      spans.push({ charOffset: text.length + 1 + from, charLength: written.length - 2 - from, jsonPointer: pointer });
    }
    text += written;
  };
  const value = (pointer: string, depth: number): void => {
    const kind = depth > 3 ? next(2) : next(4);
    if (kind === 0) string(VALUES[next(VALUES.length)]!, pointer, next(3) === 0);
    else if (kind === 1) {
      const n = String(8127364512 + next(1000));
      if (next(2) === 0) spans.push({ charOffset: text.length, charLength: n.length, jsonPointer: pointer });
      text += n;
    } else if (kind === 2) {
      const keys = KEYS.filter(() => next(3) === 0);
      text += `{${gap()}`;
      keys.forEach((key, k) => {
        const member = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        string(key, member, next(3) === 0);
        text += `:${gap()}`;
        value(member, depth + 1);
        text += k < keys.length - 1 ? `,${gap()}` : gap();
      });
      text += '}';
    } else {
      const n = next(4);
      text += '[';
      for (let k = 0; k < n; k++) {
        value(`${pointer}/${k}`, depth + 1);
        if (k < n - 1) text += `,${gap()}`;
      }
      text += ']';
    }
  };
  text += '{"nodes":';
  value('/nodes', 0);
  text += `,${gap()}"other":`;
  value('/other', 0);
  text += '}';
  return { text, spans };
}

t.test('JSON masks planned and written a piece at a time: the in-memory rewrite, on random documents (numbers, keys, secret keys numbered in its order, cut short)', async (t) => {
  const next = random(69);
  let cases = 0;
  for (let k = 0; k < 400; k++) {
    const { text: whole, spans: all } = randomJson(next);
    // one in four cut short (the string the cut left open masked whole), as a scan reads it: the spans before the cut
    // (not a number the cut may have shortened: a scan reads null for it)
    const text = k % 4 === 3 ? whole.slice(0, next(whole.length)) : whole;
    const spans = all.filter((s) => s.charOffset + s.charLength < text.length || text === whole);
    let expected: string;
    try {
      expected = redactText(text, spans as Finding[]);
    } catch {
      continue; // (cut where the in-memory rewrite could not close it: no scan reads such a file)
    }
    cases++;
    for (const size of [1, 2, 5, 64, 1 << 20]) {
      const plan = jsonPlan(piecesOf(text, size), spans);
      const written = [...withKeysRenamed(withReplacements(piecesOf(text, size), plan.replacements), plan.renamedKeys)].join('');
      if (written !== expected) {
        t.equal(written, expected, `document ${k} in pieces of ${size}: ${text}`);
        return;
      }
    }
  }
  t.ok(cases > 300, `${cases} documents, each the same in pieces of 1, 2, 5, 64 characters and whole`);
});

t.test('text masks (over whole escapes) and the copies of secrets, a piece at a time: the in-memory rewrite, on random texts', async (t) => {
  const next = random(75);
  const secrets = ['Qx7-mV2pLk9wRt4z', 'Qx7-mV2pLk9w', 'é🔑\\"abcdefgh', 'abcdefgh'];
  const alphabet = ['a', 'b', '\\', 'u', '"', 'é', '🔑', '\n', ...secrets];
  for (let k = 0; k < 300; k++) {
    let text = '';
    for (let n = next(60); n > 0; n--) text += alphabet[next(alphabet.length)];
    const spans = Array.from({ length: next(4) }, () => {
      const charOffset = next(text.length + 1);
      return { charOffset, charLength: next(text.length - charOffset + 1), jsonPointer: '' };
    });
    const masked = redactText(text, spans as Finding[], true);
    const expected = maskCopies(masked, secrets);
    for (const size of [1, 3, 1 << 20]) {
      const tally = { count: 0 };
      const written = [...withCopiesMasked(piecesOf([...withReplacements(piecesOf(text, size), textPlan(piecesOf(text, size), spans))].join(''), size), secrets, tally)].join('');
      if (written !== expected.text || tally.count !== expected.count) {
        t.same({ written, count: tally.count }, { written: expected.text, count: expected.count }, `text ${k} in pieces of ${size}: ${JSON.stringify(text)}`);
        return;
      }
    }
  }
  t.pass('300 texts, each the same in pieces of 1, 3 characters and whole');
});
