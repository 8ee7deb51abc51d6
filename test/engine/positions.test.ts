/** Exact positions of the secret itself: one-line JSON, escapes, UTF-16 columns, pretty-printed files, a BOM. */
import t from 'tap';
import { expectedPosition, manifest, scanArtifact } from '../helpers.js';

const SECRET = 'Tr0ub4dor&3-prod';

t.test('raw (unescaped) non-ASCII before the secret counts in UTF-16 units', async (t) => {
  // dbt escapes non-ASCII, but hand-edited or re-serialized artifacts may not: ☕ is 1 unit, 😀 is 2.
  const text = `{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "env": {"DB_PASSWORD": "${SECRET}"}}, "nodes": {"model.a.b": {"description": "Café ☕ 😀", "compiled_code": "select 'é😀' as x; create user u password '${SECRET}'"}}, "macros": {}, "docs": {}}`;
  const { findings } = scanArtifact(text);
  t.equal(findings.length, 2);
  const second = text.lastIndexOf(SECRET);
  t.same(findings[1]!.start, { line: 1, column: second + 1 });
  t.same(findings[1]!.end, { line: 1, column: second + 1 + SECRET.length });
});

t.test('escapes before the secret inside the same string widen the raw offset', async (t) => {
  const compiled = `-- "quoted" é\n\tcreate user u password '${SECRET}'`;
  const { text, findings } = scanArtifact(manifest({ nodes: { 'model.a.b': { compiled_code: compiled } } }));
  const at = expectedPosition(text, SECRET);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.charOffset, at.offset);
  t.same(findings[0]!.start, { line: 1, column: at.column });
  t.equal(text.slice(findings[0]!.charOffset, findings[0]!.charOffset + findings[0]!.charLength), SECRET);
});

t.test('pretty-printed artifacts get real line numbers', async (t) => {
  const text = JSON.stringify(manifest({ nodes: { 'model.a.b': { compiled_code: `create user u password '${SECRET}'` } } }, { DB_PASSWORD: 'Zq8-kLm2vX' }), null, 2);
  const { findings } = scanArtifact(text);
  const lines = text.split('\n');
  for (const f of findings) {
    const line = lines[f.start.line - 1]!;
    const shown = line.slice(f.start.column - 1, f.end.column - 1);
    t.ok(shown === SECRET || shown === 'Zq8-kLm2vX', `line ${f.start.line} column ${f.start.column} shows the secret`);
  }
  t.equal(findings.length, 2);
});

t.test('a UTF-8 byte order mark is tolerated and counted nowhere: column and charOffset name the same character', async (t) => {
  const body = JSON.stringify(manifest({}, { DB_PASSWORD: SECRET }));
  const { findings } = scanArtifact('\ufeff' + body);
  t.equal(findings.length, 1);
  t.equal(findings[0]!.start.column, body.indexOf(SECRET) + 1);
  t.equal(findings[0]!.charOffset, body.indexOf(SECRET));
});

t.test('fingerprints are stable across re-serialization and distinct for two secrets in one string', async (t) => {
  const doc = manifest({ nodes: { 'model.a.b': { compiled_code: `create user u password '${SECRET}'; create user v password 'Other-Pw-4417'` } } });
  const oneLine = scanArtifact(doc).findings;
  const pretty = scanArtifact(JSON.stringify(doc, null, 4)).findings;
  t.equal(oneLine.length, 2);
  t.not(oneLine[0]!.fingerprint, oneLine[1]!.fingerprint);
  t.same(pretty.map((f) => f.fingerprint), oneLine.map((f) => f.fingerprint));
  t.notMatch(JSON.stringify(oneLine), SECRET);
});
