/**
 * A guessable value's fingerprint takes a slow hash (about 10 ms) under a public salt; a file of thousands of distinct
 * ones took minutes (red team 126: 10,000 `password=<14 random>` in a 244 KB description, 83 s in SARIF). Each file
 * has a budget of slow hashes, from its size; the values past it are reported all the same, fingerprinted by their
 * place, and the run says how many. The work is counted at two sizes, never timed.
 */
import t from 'tap';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './cli-run.js';
import { dbtJson, manifest, tempDir } from './helpers.js';
import { DEFAULT_SALT, SLOW_HASH_BUDGET, SLOW_HASH_COUNTS } from '../src/findings/fingerprint.js';

const LEAKY = path.resolve('fixtures/jaffle-shop-leaky/target/manifest.json');

/** A value's fast hash under the public salt (HMAC-SHA256, 16 bytes in hex): the budget keeps the smallest. */
const fast = (value: string) => createHmac('sha256', DEFAULT_SALT).update(value).digest('hex').slice(0, 32);

/** `count` distinct guessable passwords (14 characters: short of what passes for generated), the same for the same seed. */
function passwords(count: number, seed: number): string[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: count }, (_, i) => `${Array.from({ length: 10 }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')}${String(i).padStart(4, '0')}`);
}

/** A manifest whose one model's description lists `values`, one `password=` line each. */
function manifestOf(dir: string, name: string, values: readonly string[]): string {
  const description = values.map((v, i) => `account ${i}: password=${v}`).join('\n');
  const node = { unique_id: 'model.shop.accounts', resource_type: 'model', name: 'accounts', package_name: 'shop', original_file_path: 'models/accounts.sql', path: 'accounts.sql', description };
  const file = path.join(dir, name);
  writeFileSync(file, dbtJson(manifest({ nodes: { [node.unique_id]: node } })));
  return file;
}

interface Reported {
  code: number;
  stderr: string;
  slow: number;
  findings: { fingerprint: string; secretId: string; preview: string; jsonPath: string; charOffset: number; file: string }[];
}

async function reported(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Reported> {
  const before = SLOW_HASH_COUNTS.asked;
  const run = await runCli([...args, '--format', 'json'], { env });
  const slow = SLOW_HASH_COUNTS.asked - before;
  return { code: run.code, stderr: run.stderr, slow, findings: (JSON.parse(run.stdout) as { findings: Reported['findings'] }).findings };
}

t.test('the slow hashes a file asks for stop growing at its budget; every value is still reported, each its own', async (t) => {
  const dir = tempDir('slow-budget-');
  for (const count of [2_500, 10_000]) {
    const file = manifestOf(dir, `manifest-${count}.json`, passwords(count, count));
    const run = await reported([file]);
    t.equal(run.code, 1, run.stderr);
    t.equal(run.findings.length, count, `${count}: every password reported`);
    t.equal(run.slow, SLOW_HASH_BUDGET.most, `${count}: ${SLOW_HASH_BUDGET.most} slow hashes`);
    t.equal(new Set(run.findings.map((f) => f.fingerprint)).size, count, `${count}: no two fingerprints alike`);
    t.equal(new Set(run.findings.map((f) => f.secretId)).size, count, `${count}: no two secrets merged`);
    const past = count - SLOW_HASH_BUDGET.most;
    t.match(run.stderr, `warning: ${file}: ${past.toLocaleString('en-US')} findings of guessable values are fingerprinted by place, not by value`, `${count}: the run says how many`);
    t.match(run.stderr, "a baseline cannot tell another value put in their places");
    t.match(run.stderr, `${SLOW_HASH_BUDGET.most} distinct ones, chosen by their values whatever their order, have its slow hashes`);
    t.notMatch(run.stderr, /password=[^*\s]/, 'no value in the warning');
  }
});

t.test("a file's budget is not its size: under it every value hashed; pretty-printed or grown, the same fingerprints", async (t) => {
  const dir = tempDir('slow-budget-');
  const few = manifestOf(dir, 'few.json', passwords(60, 7));
  const under = await reported([few]);
  t.equal(under.findings.length, 60);
  t.equal(under.slow, 60, 'under its budget: each value its slow hash, however small the file');
  t.notMatch(under.stderr, /fingerprinted by place/, 'no warning');
  // past it, the same values in a file laid out otherwise or grown by prose give the same fingerprints (red team 132)
  const values = passwords(400, 9);
  const compact = manifestOf(dir, 'compact.json', values);
  const doc = JSON.parse(readFileSync(compact, 'utf8')) as { nodes: Record<string, { description: string }> };
  const pretty = path.join(dir, 'pretty.json');
  writeFileSync(pretty, JSON.stringify(doc, null, 2));
  doc.nodes['model.shop.accounts']!.description = `${'A paragraph of context about these accounts. '.repeat(50)}\n${doc.nodes['model.shop.accounts']!.description}`;
  const grown = path.join(dir, 'grown.json');
  writeFileSync(grown, JSON.stringify(doc));
  const prints = async (file: string) => (await reported([file])).findings.map((f) => f.fingerprint).sort();
  const base = await prints(compact);
  t.same(await prints(pretty), base, 'pretty-printed: the same fingerprints');
  t.same(await prints(grown), base, 'a paragraph longer: the same fingerprints');
  // the leaky sample: all within its budget
  const leaky = await reported([LEAKY]);
  t.notMatch(leaky.stderr, /fingerprinted by place/, 'the sample: within its budget');
  t.ok(leaky.slow > 50, `the sample: ${leaky.slow} slow hashes`);
});

t.test("a file's fingerprints are its own: the same scanned alone, after another file past its budget, or with others beside it", async (t) => {
  const dir = tempDir('slow-budget-');
  const first = manifestOf(tempDir('slow-budget-'), 'manifest.json', passwords(1_500, 1));
  const second = manifestOf(dir, 'manifest.json', passwords(1_500, 2));
  const alone = await reported([second]);
  const both = await reported([first, second, LEAKY]);
  const of = (run: Reported, file: string) => run.findings.filter((f) => f.file === file).map((f) => `${f.charOffset} ${f.fingerprint} ${f.secretId}`).sort();
  t.same(of(both, second), of(alone, second), 'the second file: the same fingerprints and secret ids');
  t.same(of(both, LEAKY), of(await reported([LEAKY]), LEAKY), 'the sample: the same');
  t.equal(both.stderr.match(/fingerprinted by place/g)?.length, 2, 'each file past its budget named once');
  // past the budget a fingerprint holds nothing of the value: other values at the same places give the same ones. The
  // values kept are those of the smallest fast hashes (HMAC-SHA256 under the public salt): a value changed into one
  // whose fast hash is as large stays past it
  const values = passwords(1_500, 2);
  const kept = new Set([...values].sort((a, b) => (fast(a) < fast(b) ? -1 : 1)).slice(0, SLOW_HASH_BUDGET.most));
  const threshold = fast([...kept].sort((a, b) => (fast(a) < fast(b) ? 1 : -1))[0]!);
  // (the value with one character put in its place, the first of a few tried that lands on the wanted side)
  const variants = (v: string) => [...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqr'].map((c) => `${v.slice(0, 10)}${c}${v.slice(11)}`).filter((w) => w !== v);
  const other = (v: string) => variants(v).find((w) => fast(w) > threshold)!;
  const changed = values.map((v) => (kept.has(v) ? v : other(v)));
  t.ok(changed.every((v) => v !== undefined), 'each value past the budget changed into another past it');
  const otherRun = await reported([manifestOf(tempDir('slow-budget-'), 'manifest.json', changed)]);
  const fingerprints = (run: Reported) => run.findings.map((f) => f.fingerprint).sort();
  t.same(fingerprints(otherRun), fingerprints(alone), 'values changed past the budget: the same fingerprints');
  const firstKept = values.findIndex((v) => kept.has(v));
  const changedKept = values.map((v, i) => (i === firstKept ? variants(v).find((w) => fast(w) < threshold)! : v));
  t.ok(changedKept[firstKept], 'a value kept changed into another kept');
  const early = await reported([manifestOf(tempDir('slow-budget-'), 'manifest.json', changedKept)]);
  t.equal(fingerprints(early).filter((f) => !fingerprints(alone).includes(f)).length, 1, 'a value changed within it: its fingerprint changes');
});

t.test("the values a file's budget takes are chosen by their values, not their order: nodes written in another order keep their fingerprints", async (t) => {
  const values = passwords(900, 11);
  // (or inlined in a docs page, with a catalog: each artifact of a page has a budget of its own)
  const nodesOf = (order: readonly number[], page = false) => {
    const nodes: Record<string, unknown> = {};
    for (const i of order) {
      const id = `model.shop.m${i}`;
      nodes[id] = { unique_id: id, resource_type: 'model', name: `m${i}`, package_name: 'shop', original_file_path: `models/m${i}.sql`, path: `m${i}.sql`, description: `loads accounts; password=${values[i]}` };
    }
    const dir = tempDir('slow-budget-');
    const json = dbtJson(manifest({ nodes }));
    const catalog = JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.8.0', generated_at: '2024-01-01T00:00:00Z', invocation_id: 'x', env: {} }, nodes: {}, sources: {}, errors: null });
    const html = `<!doctype html>\n<html><head><title>dbt Docs</title></head><body><script>angular.module("dbt").factory("project", ["$q", "$http", function (e, t) { var n = { manifest: ${json}, catalog: ${catalog} }; return n; }]);</script></body></html>\n`;
    const file = path.join(dir, page ? 'static_index.html' : 'manifest.json');
    writeFileSync(file, page ? html : json);
    return file;
  };
  const ids = values.map((_, i) => i);
  const byNode = (run: Reported) => new Map(run.findings.map((f) => [f.jsonPath, `${f.fingerprint} ${f.secretId}`]));
  const written = await reported([nodesOf(ids)]);
  t.equal(written.findings.length, 900);
  t.match(written.stderr, `${(900 - SLOW_HASH_BUDGET.most).toLocaleString('en-US')} findings of guessable values are fingerprinted by place`);
  // reversed, and every other node first: dbt may write a project's nodes in another order
  for (const [label, order] of [['reversed', [...ids].reverse()], ['interleaved', [...ids.filter((i) => i % 2), ...ids.filter((i) => i % 2 === 0)]]] as const) {
    const again = await reported([nodesOf(order)]);
    t.same(byNode(again), byNode(written), `${label}: each node's fingerprint and secret id the same`);
    t.equal(again.slow, SLOW_HASH_BUDGET.most, `${label}: ${SLOW_HASH_BUDGET.most} slow hashes`);
  }
  const page = await reported([nodesOf(ids, true)]);
  t.equal(page.findings.length, 900, 'in a page: every value');
  t.same(byNode(await reported([nodesOf([...ids].reverse(), true)])), byNode(page), 'in a page, reversed: the same');
});

t.test('a page that inlines many artifacts has one budget: each takes what the ones before it left (red team 133)', async (t) => {
  const dir = tempDir('slow-budget-');
  // five manifests of 300 distinct values each, the first written twice
  const docs = [0, 0, 1, 2, 3, 4].map((k) => {
    const description = passwords(300, 500 + k).map((v, i) => `account ${i}: password=${v}`).join('\n');
    return dbtJson(manifest({ nodes: { 'model.shop.accounts': { unique_id: 'model.shop.accounts', resource_type: 'model', name: 'accounts', package_name: 'shop', original_file_path: 'models/accounts.sql', path: 'accounts.sql', description } } }));
  });
  const file = path.join(dir, 'static_index.html');
  writeFileSync(file, `<!doctype html>\n<html><head><title>dbt Docs</title></head><body><script>var n={${docs.map((d, k) => `m${k}:${d}`).join(',\n')}};</script></body></html>\n`);
  const run = await reported([file]);
  t.equal(run.findings.length, 1_800, 'every value');
  t.equal(run.slow, SLOW_HASH_BUDGET.most, `${SLOW_HASH_BUDGET.most} slow hashes, not a budget an artifact`);
  t.match(run.stderr, `(${SLOW_HASH_BUDGET.most} distinct ones, chosen by their values`, 'the distinct values counted once');
  t.match(run.stderr, `${(1_800 - 2 * SLOW_HASH_BUDGET.most).toLocaleString('en-US')} findings of guessable values are fingerprinted by place`, 'the first manifest written twice: its values kept in both');
});

t.test('a baseline made of a file past its budget matches it again; a secret key fingerprints every value by value', async (t) => {
  const dir = tempDir('slow-budget-');
  const file = manifestOf(dir, 'manifest.json', passwords(1_200, 3));
  const baseline = path.join(dir, 'baseline.json');
  const made = await runCli([file, '--update-baseline', '--baseline', baseline]);
  t.equal(made.code, 0, made.stderr);
  const again = await runCli([file, '--baseline', baseline]);
  t.equal(again.code, 0, `every finding in the baseline: ${again.stdout.slice(-300)}`);
  const keyed = await reported([file], { DBT_TOOLS_LINT_SALT: 'a key of this repository only, 32+ chars' });
  t.equal(keyed.slow, 0, 'no slow hash');
  t.notMatch(keyed.stderr, /fingerprinted by place/, 'no warning');
  t.equal(new Set(keyed.findings.map((f) => f.secretId)).size, 1_200);
});
