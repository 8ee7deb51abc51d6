/**
 * Hostile inputs: every bad file is exit 2 with one line that names the file and what is wrong
 * (never its bytes, never a stack, never a hang, never exit 0); odd but valid files are scanned.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { dbtJson, expectedPosition, manifest, runResults } from '../helpers.js';
import { expectInputError, runBinary, runCli, scratch, STACK_FRAME, type CliRun } from './harness.js';

// The 100 MB and 100,000-level cases take a few seconds each, minutes on a loaded machine: a
// guard against a hang, not a bound.
t.setTimeout(900_000);

const CANARY = 'CANARY-7f3a-Inp-55Qx';
const SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';
/** A minimal manifest as raw text, with `extra` spliced in as further top-level members. */
const rawManifest = (extra: string, env = '{}') => `{"metadata": {"dbt_schema_version": "${SCHEMA}", "env": ${env}}, "nodes": {}, "macros": {}, "docs": {}, "parent_map": {}${extra}}`;

async function refused(t: Test, content: string | Buffer, what: RegExp, name = 'manifest.json') {
  const file = scratch().write(name, content);
  const r = await runCli([file]);
  expectInputError(t, r, what);
  t.match(r.stderr, file, 'names the file');
  t.notMatch(r.stderr + r.stdout, CANARY, 'no input echoed');
  return r;
}

t.test('an empty file', async (t) => {
  await refused(t, '', /empty file/);
});

t.test('a whitespace-only file', async (t) => {
  await refused(t, ' \n\t\r\n  ', /empty file/);
});

/**
 * A file cut short (session 64): exit 2 and one line that says where it ends, and what it holds up to there read (an
 * upload that stopped still leaked what it wrote): its findings, masked, or the summary on stdout; no input echoed.
 */
async function cutShort(t: Test, content: string, what: RegExp): Promise<CliRun> {
  const file = scratch().write('manifest.json', content);
  const r = await runCli([file]);
  t.equal(r.code, 2, 'exit 2');
  t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1, 'one line on stderr');
  t.match(r.stderr, what);
  t.match(r.stderr, new RegExp(`^dbt-tools-lint: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a whole dbt artifact: .*; what it holds was read$`, 'm'), 'names the file and says what was read');
  t.notMatch(r.stderr, STACK_FRAME, 'no stack trace');
  t.notMatch(r.stderr + r.stdout, CANARY, 'no input echoed');
  return r;
}

t.test('truncated JSON, in the middle of a secret: the part it holds is reported, masked', async (t) => {
  const text = dbtJson(manifest({}, { DB_PASSWORD: CANARY }));
  const cut = text.indexOf(CANARY) + 8;
  const r = await cutShort(t, text.slice(0, cut), new RegExp(`invalid JSON at byte offset ${cut} \\(line 1\\): unexpected end of input`));
  const { line, column } = expectedPosition(text, CANARY);
  t.match(r.stdout, new RegExp(`\\n  ${line}:${column} +error .*\\n +DB_PASSWORD=\\*\\*\\*\\*  at \\$\\.metadata\\.env\\.DB_PASSWORD`), 'at its place in the file');
});

t.test('git merge-conflict markers', async (t) => {
  await refused(t, `{\n<<<<<<< HEAD\n"metadata": {"env": {"PW": "${CANARY}"}}\n=======\n"metadata": {}\n>>>>>>> main\n}`, /merge-conflict markers \(line 2\)/);
});

t.test('binary data', async (t) => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await refused(t, png, /binary data \(NUL byte at byte offset 8\)/);
  await refused(t, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /invalid UTF-8 at byte offset 0/);
});

t.test('a UTF-8 BOM is accepted, and positions stay true to the file', async (t) => {
  const text = dbtJson(manifest({}, { DB_PASSWORD: CANARY }));
  const file = scratch().write('manifest.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  const r = await runCli([file, '--format', 'json']);
  t.equal(r.code, 1, 'scanned: the secret is found');
  const [finding] = JSON.parse(r.stdout).findings;
  const expected = expectedPosition(text, CANARY);
  // Editors hide the BOM, so line, column and offset are those of the text after it: all three name the same character
  t.same(finding.start, { line: expected.line, column: expected.column });
  t.equal(finding.charOffset, expected.offset);
  t.notMatch(r.stdout, CANARY);
});

t.test('UTF-16, with and without a BOM, little and big endian', async (t) => {
  const text = dbtJson(manifest({}, { DB_PASSWORD: CANARY }));
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const bom = (b: Buffer, mark: number[]) => Buffer.concat([Buffer.from(mark), b]);
  for (const [name, bytes] of [
    ['LE with BOM', bom(le, [0xff, 0xfe])],
    ['BE with BOM', bom(be, [0xfe, 0xff])],
    ['LE without BOM', le],
    ['BE without BOM', be],
  ] as const) {
    t.test(name, async (t) => void (await refused(t, bytes, /UTF-16 encoded/)));
  }
});

t.test('invalid UTF-8', async (t) => {
  const prefix = Buffer.from('{"metadata": {"env": {"PW": "');
  const at = prefix.length;
  await refused(t, Buffer.concat([prefix, Buffer.from([0xc3, 0x28]), Buffer.from('"}}}')]), new RegExp(`invalid UTF-8 at byte offset ${at}`));
  await refused(t, Buffer.concat([prefix, Buffer.from([0xc0, 0xaf]), Buffer.from('"}}}')]), new RegExp(`invalid UTF-8 at byte offset ${at}`), 'overlong.json');
  await refused(t, Buffer.concat([prefix, Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}}')]), new RegExp(`invalid UTF-8 at byte offset ${at}`), 'surrogate.json');
  await refused(t, Buffer.concat([prefix, Buffer.from('ok"}}}'), Buffer.from([0xe2, 0x82])]), /invalid UTF-8 at byte offset \d+/, 'cut.json');
});

t.test('duplicate keys: the value JSON.parse would drop is never silently lost', async (t) => {
  t.test('a second metadata hides the first one, with its secret', async (t) => {
    const text = `{"metadata": {"dbt_schema_version": "${SCHEMA}", "env": {"DB_PASSWORD": "${CANARY}"}}, "nodes": {}, "macros": {}, "docs": {}, "parent_map": {}, "metadata": {"dbt_schema_version": "${SCHEMA}", "env": {}}}`;
    await refused(t, text, new RegExp(`duplicate key \\$\\.metadata at byte offset ${text.lastIndexOf('"metadata"')} \\(line 1\\)`));
  });
  t.test('nested, in metadata.env', async (t) => {
    await refused(t, rawManifest('', `{"DB_PASSWORD": "${CANARY}", "DB_PASSWORD": "x"}`), /duplicate key \$\.metadata\.env\.DB_PASSWORD at byte offset/);
  });
  t.test('spelled differently: an escape decodes to the same key', async (t) => {
    await refused(t, rawManifest('', `{"DB_PASSWORD": "${CANARY}", "DB_PASS\\u0057ORD": "x"}`), /duplicate key \$\.metadata\.env\.DB_PASSWORD/);
  });
  t.test('whitespace before the colon does not hide it from the count', async (t) => {
    await refused(t, rawManifest(`, "metadata"\n :\t{"dbt_schema_version": "${SCHEMA}"}`, `{"PW": "${CANARY}"}`), /duplicate key \$\.metadata at byte offset \d+ \(line 1\)/);
  });
  t.test('in an array element', async (t) => {
    await refused(t, dbtJson(runResults({})).replace('"results": []', `"results": [{}, {"message": "${CANARY}", "message": "ok"}]`), /duplicate key \$\.results\[1\]\.message/, 'run_results.json');
  });
  t.test('a key shaped like a token is not echoed', async (t) => {
    const token = 'ghp_8mZq4TnVb2XwLc6RyPd0KsHj3FgA9eUo1iQt';
    const r = await refused(t, rawManifest('', `{"${token}": 1, "${token}": 2}`), /duplicate key \$\.metadata\.env\['…'\]/);
    t.notMatch(r.stderr, token.slice(4, 12));
  });
  t.test('strings that start with a colon look like keys to the quick count, and are scanned', async (t) => {
    const file = scratch().write('manifest.json', rawManifest(`, "exposures": {"e": {"url": ":00", "label": " : ", "d": "\\":"}}`));
    const r = await runCli([file]);
    t.equal(r.code, 0, r.stderr);
    t.equal(r.stderr, '');
  });
});

t.test("Python's NaN and Infinity (dbt writes a YAML `.nan` or `.inf` so) are numbers", async (t) => {
  const password = 'Qx7-vLm2RtW9pZk4';
  const env = `{"DBT_ENV_CUSTOM_ENV_DB_PASSWORD": "${password}"}`;
  // before and after the secret, in an array and as a test's max_value, and inside strings (left alone)
  const text = rawManifest(`, "x": [NaN, -Infinity], "kwargs": {"max_value": Infinity, "note": "NaN rows, -Infinity bound"}`, env).replace('"env"', '"y": NaN, "env"');
  t.test('in memory', async (t) => {
    const r = await runCli([scratch().write('manifest.json', text), '--format', 'json']);
    t.equal(r.code, 1, r.stderr);
    const [finding, ...more] = JSON.parse(r.stdout).findings;
    t.same(more, []);
    t.equal(finding.charOffset, text.indexOf(password), 'at the secret, every offset kept');
    t.equal(finding.charLength, password.length);
  });
  t.test('streamed', async (t) => {
    const padding = `, "docs": {${Array.from({ length: 120_000 }, (_, i) => `"doc.p.d${i}": {"v": ${i % 3 ? 'NaN' : '-Infinity'}, "block_contents": "${'x'.repeat(80)}"}`).join(', ')}}`;
    const big = text.replace('"docs": {}, ', '').replace('"x": [', `${padding.slice(2)}, "x": [`);
    t.ok(big.length > 12 * 1024 * 1024, 'past the size the engine streams from');
    const r = await runCli([scratch().write('manifest.json', big), '--format', 'json']);
    t.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings;
    t.equal(findings.length, 1);
    t.equal(findings[0].charOffset, big.indexOf(password));
  });
  t.test('redact keeps them', async (t) => {
    const dir = scratch();
    dir.write('manifest.json', text);
    const out = path.join(scratch().dir, 'out');
    const r = await runCli(['redact', dir.dir, '--out', out]);
    t.equal(r.code, 0, r.stderr);
    const redacted = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    t.notMatch(redacted, password);
    t.equal(redacted.replace(/\*+/, password), text, 'only the secret changed');
  });
  t.test('still refused where no number may stand, or spelled otherwise', async (t) => {
    // (what comes before the error is read, as a file cut there: red team 118)
    for (const bad of [', "x": NaNa', ', "x": nan', ', "x": -NaN', ', "x": Infinit', ', NaN: 1']) {
      await cutShort(t, rawManifest(bad), /invalid JSON at byte offset \d+ \(line 1\): /);
    }
  });
});

t.test('numbers beyond the range of a double', async (t) => {
  for (const number of ['1e400', '-1e400', '1.5E+999', '9'.repeat(400)]) {
    const text = rawManifest(`, "nodes2": {"n": [1, ${number}]}`);
    await refused(t, text, new RegExp(`number beyond the range of a double at \\$\\.nodes2\\.n\\[1\\] at byte offset ${text.indexOf(number)} `));
  }
  const asString = scratch().write('manifest.json', rawManifest(`, "x": "1e400", "y": 1e300, "z": 1e-400`));
  t.equal((await runCli([asString])).code, 0, 'in a string, or within range, it is fine');
});

t.test('large files (read by streaming) get the same checks', async (t) => {
  // Past 8 MiB the engine may stream instead of parsing whole: nothing above may slip through there.
  const padding = `, "docs": {${Array.from({ length: 200_000 }, (_, i) => `"doc.p.d${i}": {"block_contents": "${'x'.repeat(80)}"}`).join(', ')}}`;
  const big = (extra: string, env = '{}') => rawManifest(padding + extra, env).replace('"docs": {}, ', '');
  t.ok(big('').length > 20 * 1024 * 1024, 'over 20 MB');
  await refused(t, big('', `{"DB_PASSWORD": "${CANARY}", "DB_PASSWORD": "x"}`), /duplicate key \$\.metadata\.env\.DB_PASSWORD at byte offset/);
  await refused(t, big(`, "metadata": {"dbt_schema_version": "${SCHEMA}"}`, `{"PW": "${CANARY}"}`), /duplicate key \$\.metadata at byte offset/);
  await refused(t, big(', "x": [1e400]'), /number beyond the range of a double at \$\.x\[0\]/);
  await cutShort(t, big('').slice(0, -3000), /invalid JSON at byte offset \d+ \(line 1\): unexpected end of input/);
  const cutAfter = big('', `{"DB_PASSWORD": "${CANARY}"}`).slice(0, -3000);
  t.match((await cutShort(t, cutAfter, /unexpected end of input/)).stdout, /DB_PASSWORD=\*\*\*\*/, 'a secret before the cut of a streamed size is reported');
  const clean = await runCli([scratch().write('manifest.json', big('', `{"DB_PASSWORD": "${CANARY}"}`)), '--format', 'json']);
  t.equal(clean.code, 1, 'and a valid one is scanned');
  t.equal(JSON.parse(clean.stdout).findings.length, 1);
});

t.test('deep nesting: 100,000 levels', async (t) => {
  const depth = 100_000;
  const head = `{"metadata": {"dbt_schema_version": "${SCHEMA}", "env": {}}, "macros": {}, "docs": {}, "parent_map": {}, "nodes": {"model.a.b": {"unique_id": "model.a.b", "config": {"meta": `;
  const url = 'postgres://loader:CanaryPw-deep-77x@db.example.com/raw';
  t.test('arrays, valid: scanned', async (t) => {
    const r = await runCli([scratch().write('manifest.json', `${head}${'['.repeat(depth)}${']'.repeat(depth)}}}}}`)]);
    t.equal(r.code, 0, r.stderr);
  });
  t.test('objects with a secret at the bottom: found, at its position', async (t) => {
    const text = `${head}${'{"a": ['.repeat(depth)}"${url}"${']}'.repeat(depth)}}}}}`;
    const r = await runCli([scratch().write('manifest.json', text), '--format', 'json']);
    t.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings;
    t.equal(findings.length, 1);
    t.equal(findings[0].charOffset, text.indexOf('CanaryPw'));
  });
  t.test('unclosed: a syntax error at the end, found without recursion, and what it holds read', async (t) => {
    const r = await cutShort(t, `${head}${'{"a": ['.repeat(depth)}"${url}`, /invalid JSON at byte offset \d+ \(line 1\): unexpected end of input/);
    t.match(r.stdout, /postgres:\/\/loader:\*\*\*\*@db\.example\.com/, 'the URL at the bottom, its password masked');
  });
  t.test('a RangeError from JSON.parse is an input error too', async (t) => {
    // V8 parses deep input iteratively today; should a limit ever throw, it must still be one line.
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (text.startsWith('{"metadata"')) throw new RangeError('Maximum call stack size exceeded');
      return parse(text, reviver);
    }) as typeof JSON.parse;
    t.teardown(() => void (JSON.parse = parse));
    await refused(t, rawManifest(''), /JSON too deeply nested or too large to parse/);
  });
});

t.test('a single 100 MB string is scanned', async (t) => {
  const secret = 'CanaryPw-big-4Kq9';
  const head = `{"metadata": {"dbt_schema_version": "${SCHEMA}", "env": {}}, "nodes": {"model.a.b": {"unique_id": "model.a.b", "resource_type": "model", "compiled_code": "select `;
  const text = `${head}${'a'.repeat(100 * 1024 * 1024)} -- postgres://loader:${secret}@db.example.com/raw"}}, "macros": {}, "docs": {}, "parent_map": {}}`;
  const started = performance.now();
  const r = await runCli([scratch().write('manifest.json', text), '--format', 'json']);
  const seconds = (performance.now() - started) / 1000;
  t.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout).findings;
  t.equal(findings.length, 1);
  t.same(findings[0].start, { line: 1, column: text.indexOf(secret) + 1 });
  t.comment(`scanned in ${seconds.toFixed(1)} s`);
});

const WHOLE = /not a whole dbt artifact: .* is (an array|a string|an object), not an? (object|array)/;

t.test('known fields with the wrong type: scanned as they are, or refused clearly', async (t) => {
  const m = (extra: Record<string, unknown>, env: unknown = {}) => JSON.stringify({ ...manifest(extra), metadata: { dbt_schema_version: SCHEMA, env } });
  const rr = (extra: Record<string, unknown>) => JSON.stringify(runResults(extra));
  const cases: [string, string, 0 | 1 | 2 | 'any', RegExp?][] = [
    ['metadata.env as an array', m({}, [`DB_PASSWORD=${CANARY}`]), 1],
    ['metadata.env as a string', m({}, `DB_PASSWORD=${CANARY}`), 'any'],
    ['metadata.env as null', m({}, null), 0],
    ['metadata.env as a number', m({}, 42), 0],
    // (session 55: a file in dbt's shape with metadata, nodes or results of the wrong type is not a whole artifact: read, and exit 2)
    ['metadata as an array (the pre-0.19 shape, not whole)', JSON.stringify({ ...manifest({}), metadata: [SCHEMA] }), 2, WHOLE],
    ['dbt_schema_version as a number', JSON.stringify({ ...manifest({}), metadata: { dbt_schema_version: 12 } }), 'any'],
    ['nodes as a string', m({ nodes: 'model.a.b' }), 2, WHOLE],
    ['nodes as an array', m({ nodes: [{ compiled_code: `-- password '${CANARY}'` }] }), 2, WHOLE],
    ['a node as a string, null or array', m({ nodes: { 'model.a.s': 'x', 'model.a.n': null, 'model.a.a': [1, 2] } }), 0],
    ['node fields of the wrong types', m({ nodes: { 'model.a.b': { unique_id: 7, fqn: 'a.b', original_file_path: 3, patch_path: [], config: [], meta: 'x', compiled_code: 5 } } }), 0],
    ['meta suppression of the wrong shape', m({ nodes: { 'model.a.b': { meta: { 'dbt-tools-lint': { ignore: 5, reason: [] } }, compiled_code: `select 'postgres://u:${CANARY}@h/db'` } } }), 1],
    ['run results as an object', rr({ results: { a: 1 } }), 2, WHOLE],
    ['run results of strings and nulls', rr({ results: ['x', null, 3] }), 'any'],
    ['args as a string, vars as an array', rr({ args: { vars: [`password=${CANARY}`], invocation_command: 5 } }), 1],
    ['a top-level array', JSON.stringify([manifest({})]), 2, /the top-level JSON value is not an object/],
    ['a top-level string', JSON.stringify(CANARY), 2, /not a dbt artifact/],
  ];
  for (const [name, text, expected, message] of cases) {
    const r = await runCli([scratch().write('manifest.json', text)]);
    if (expected === 'any') t.ok([0, 1, 2].includes(r.code), `${name}: exit ${r.code}`);
    else t.equal(r.code, expected, `${name}: exit ${expected}`);
    t.notMatch(r.stderr, /internal error/, `${name}: no crash`);
    t.notMatch(r.stderr, STACK_FRAME, `${name}: no stack`);
    t.notMatch(r.stdout + r.stderr, CANARY, `${name}: nothing echoed`);
    if (r.code === 2 && message === WHOLE) {
      // what it holds is read and reported, then one line says it is not whole
      t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1, `${name}: one line on stderr`);
      t.match(r.stderr, WHOLE, `${name}: says what is wrong`);
      t.match(r.stdout, /; 1 could not be read whole \(listed below\), so the run failed/, `${name}: the summary says the run failed`);
    }
    else if (r.code === 2) expectInputError(t, r, message ?? /not a dbt artifact/, name);
  }
});


/**
 * An artifact that cannot be read beside one that can (session 32): exit 2 and one line that says
 * why, as for any input error, and the readable one is still scanned and reported on stdout.
 */
function expectUnreadable(t: Test, r: CliRun, what: RegExp, name: string): void {
  t.equal(r.code, 2, `${name}: exit 2`);
  t.equal(r.stderr.split('\n').filter((l) => l !== '').length, 1, `${name}: one line on stderr`);
  t.match(r.stderr, what, `${name}: says what is wrong`);
  t.notMatch(r.stderr, STACK_FRAME, `${name}: no stack trace`);
  t.match(r.stdout, /No secrets found in the 1 artifact .*; 1 could not be read whole/, `${name}: the readable part is scanned, and the summary says the run failed`);
}

t.test('a directory named manifest.json', async (t) => {
  const { dir, write } = scratch();
  mkdirSync(path.join(dir, 'manifest.json'));
  write('run_results.json', dbtJson(runResults({})));
  expectUnreadable(t, await runCli([dir]), /manifest\.json: is a directory, expected a dbt artifact file/, 'in a target directory');
  expectInputError(t, await runCli([path.join(dir, 'manifest.json')]), /no dbt artifact found/, 'as the PATH');
});

t.test('a symlink loop', async (t) => {
  const { dir, write } = scratch();
  const a = path.join(dir, 'a.json');
  const b = path.join(dir, 'b.json');
  symlinkSync(b, a);
  symlinkSync(a, b);
  expectInputError(t, await runCli([a]), /a\.json: too many levels of symbolic links/, 'as the PATH');

  write('manifest.json', dbtJson(manifest({})));
  const r = await runCli([dir]);
  t.equal(r.code, 0, 'under another name in a target directory: skipped, the rest is scanned');
  t.match(r.stderr, /^dbt-tools-lint: warning: .*a\.json: skipped, a symlink that cannot be resolved \(too many levels/m);
  t.equal(r.stderr.trim().split('\n').length, 2, 'one warning per link');

  const { dir: other } = scratch();
  symlinkSync(path.join(other, 'manifest.json'), path.join(other, 'manifest.json'));
  expectInputError(t, await runCli([other]), /manifest\.json: too many levels of symbolic links/, "under a dbt artifact's name");
  // a glob warns of a loop it may match, not of one beside what it searches for (red team 118)
  const none = await runCli([`${dir}/*.nomatch`]);
  t.equal(none.code, 2);
  t.notMatch(none.stderr, /cannot be resolved/, 'a loop the glob does not name: nothing said of it');
  t.match(none.stderr, /matched no file or directory/);
  const matching = await runCli([`${dir}/*.json`]);
  t.match(matching.stderr, /a\.json: skipped, a symlink that cannot be resolved/, 'a loop the glob names: said');
});

const ROOT_USER = process.getuid?.() === 0;

t.test('a file that is not readable', { skip: ROOT_USER && 'running as root: chmod 000 does not stop root from reading' }, async (t) => {
  const { write } = scratch();
  const file = write('manifest.json', dbtJson(manifest({})));
  chmodSync(file, 0o000);
  t.teardown(() => chmodSync(file, 0o644));
  expectInputError(t, await runCli([file]), /manifest\.json: permission denied/);
});

t.test('a path that does not exist', async (t) => {
  const { dir } = scratch();
  expectInputError(t, await runCli([path.join(dir, 'nope', 'target')]), /nope\/target: no such file or directory/);
});

/** Make a FIFO; false where there is no mkfifo (Windows). */
function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_MKFIFO = mkfifo(path.join(scratch().dir, 'probe'));

t.test('a FIFO is refused, not read: it would block forever', { skip: !HAS_MKFIFO && 'no mkfifo here' }, async (t) => {
  const { dir, write } = scratch();
  const fifo = path.join(dir, 'manifest.json');
  mkfifo(fifo);
  expectInputError(t, await runCli([fifo]), /manifest\.json: not a regular file \(FIFO/, 'as the PATH');
  write('run_results.json', dbtJson(runResults({})));
  expectUnreadable(t, await runCli([dir]), /manifest\.json: not a regular file \(FIFO/, 'in a target directory');
});

t.test('symlinks are followed only inside the scanned directory', async (t) => {
  const { write: writeOutside } = scratch();
  const leaky = writeOutside('leaky.json', dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  const { dir: target, write } = scratch();
  write('manifest.json', dbtJson(manifest({})));
  symlinkSync(leaky, path.join(target, 'run_results.json'));

  // not read, and under a dbt artifact's name a gate does not pass on it (red team 90): exit 2, its line
  const skipped = await runCli([target]);
  t.equal(skipped.code, 2, 'the outside file is not scanned, and the run fails');
  t.match(skipped.stderr, /^dbt-tools-lint: warning: .*run_results\.json: skipped, a symlink that leads outside .* \(pass --follow-symlinks to scan it\)\n/);
  t.match(skipped.stderr, /\ndbt-tools-lint: .*run_results\.json: not read: a symlink that leads outside the folder scanned; pass --follow-symlinks to scan it, or scan the file it leads to\n$/);
  t.notMatch(skipped.stdout + skipped.stderr, CANARY);

  const followed = await runCli([target, '--follow-symlinks']);
  t.equal(followed.code, 1, '--follow-symlinks scans it');
  t.equal(followed.stderr, '');

  t.equal((await runCli([path.join(target, 'run_results.json')])).code, 1, 'a symlink given as the PATH is followed');

  mkdirSync(path.join(target, 'archive'));
  const inside = path.join(target, 'archive', 'old.json');
  write('archive/old.json', dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  symlinkSync(inside, path.join(target, 'old.json'));
  unlinkSync(path.join(target, 'run_results.json'));
  const within = await runCli([target]);
  t.equal(within.code, 1, 'a link to a file inside the directory is scanned');
  t.notMatch(within.stderr, /old\.json/);

  const { dir: runs, write: writeRun } = scratch();
  mkdirSync(path.join(runs, 'a', 'target'), { recursive: true });
  writeRun('a/target/manifest.json', dbtJson(manifest({})));
  const elsewhere = scratch();
  mkdirSync(path.join(elsewhere.dir, 'target'));
  elsewhere.write('target/manifest.json', dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  symlinkSync(elsewhere.dir, path.join(runs, 'b'));
  symlinkSync(runs, path.join(runs, 'a', 'loop'));
  const glob = path.join(runs, '*', 'target').replace(/\\/g, '/');
  const globbed = await runCli([glob]);
  t.equal(globbed.code, 0, 'a glob does not leave its base either');
  t.match(globbed.stderr, /warning: .*\/b: skipped, a symlink that leads outside/);
  t.equal((await runCli([glob, '--follow-symlinks'])).code, 1, 'unless told to');
});

t.test('--max-file-size refuses larger artifacts', async (t) => {
  const file = scratch().write('manifest.json', dbtJson(manifest({}, { DB_PASSWORD: CANARY })));
  expectInputError(t, await runCli([file, '--max-file-size', '100']), /manifest\.json: \d+ bytes is over the --max-file-size limit of 100 bytes/);
  expectInputError(t, await runCli([file, '--max-file-size', '0']), /--max-file-size must be a positive number/);
});

t.test('the real binary: exit 2, one line on stderr, nothing on stdout, no hang', async (t) => {
  const { dir, write } = scratch();
  const fifoDir = path.join(dir, 'fifo-target');
  mkdirSync(fifoDir);
  const fifo = mkfifo(path.join(fifoDir, 'manifest.json'));
  const cases: [string, string, RegExp][] = [
    ['empty file', write('empty.json', ''), /empty file/],
    ['duplicate keys', write('dup.json', rawManifest('', `{"PW": "${CANARY}", "PW": ""}`)), /duplicate key \$\.metadata\.env\.PW/],
    ['a number beyond range', write('big.json', rawManifest(', "x": 1e999')), /number beyond the range/],
    ['truncated', write('trunc.json', rawManifest('').slice(0, 50)), /invalid JSON at byte offset 50 /],
    ['a missing path', path.join(dir, 'missing'), /no such file or directory/],
    ...(fifo ? [['a FIFO in a target directory', fifoDir, /not a regular file/] as [string, string, RegExp]] : []),
  ];
  for (const [name, input, what] of cases) {
    const r = runBinary([input], 15_000);
    t.equal(r.signal, null, `${name}: finished on its own`);
    t.equal(r.code, 2, `${name}: exit 2`);
    t.equal(r.stdout, '', `${name}: nothing on stdout`);
    t.match(r.stderr, new RegExp(`^dbt-tools-lint: [^\\n]*${what.source}[^\\n]*\\n$`), `${name}: one line`);
    t.notMatch(r.stderr, CANARY, `${name}: nothing echoed`);
  }
  const debug = runBinary([write('dup2.json', rawManifest('', `{"PW": "${CANARY}", "PW": ""}`)), '--debug']);
  t.equal(debug.code, 2);
  t.notMatch(debug.stderr, STACK_FRAME, 'an input error has no stack, even with --debug');
});
