/**
 * password-assignment reads only the names that hold a place where its anchor matched, when the
 * pre-filter knows them all (Detector.detectAt, DetectorSet.select): compiled SQL that `unique_key='id'`
 * wakes is not read name by name for its columns. The matches stay those of the whole read: on every
 * string of the generated fixtures (each leak case and decoy), and on the forms whose name is found
 * elsewhere than at an anchored keyword (an XML end tag, Italian's `è`), which are read whole.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { workMeter } from '../../src/detectors/work.js';
import { DetectorSet, type AnchoredPlaces } from '../../src/engine/prefilter.js';
import type { DetectorMatch } from '../../src/types.js';
import { markedInRaw } from './rule-probe.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const set = new DetectorSet(DETECTORS);
const context = { key: undefined };

/** What the engine runs for password-assignment on `value`: its places, or undefined when it reads the value whole (or is not selected). */
function placesOf(value: string): readonly number[] | null | undefined {
  const places: AnchoredPlaces = new Map();
  const selected = set.select(value, undefined, places);
  if (!selected.includes(assignmentDetector)) return undefined;
  return places.get(assignmentDetector)?.sort((a, b) => a - b) ?? null;
}

/** Spans only (a match's text is a secret: never in an assertion's name or diff). */
const spans = (matches: DetectorMatch[]) => matches.map((m) => `${m.start}-${m.end}`).join(' ');

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v);
}

function* jsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* jsonFiles(full);
    else if (name.endsWith('.json')) yield full;
  }
}

t.test('on every string of the fixtures: the same matches from the places as from the whole value', async (t) => {
  let placed = 0;
  let found = 0;
  let differ = 0;
  for (const file of jsonFiles(FIXTURES)) {
    let n = 0;
    for (const value of strings(JSON.parse(readFileSync(file, 'utf8')))) {
      n++;
      const places = placesOf(value);
      if (!places) continue;
      placed++;
      const whole = assignmentDetector.detect(value, context);
      const read = assignmentDetector.detectAt!(value, context, places);
      found += whole.length;
      if (spans(read) !== spans(whole)) {
        differ++;
        t.fail(`${path.relative(FIXTURES, file)}, string ${n}: ${spans(read)} from the places, ${spans(whole)} whole`);
      }
    }
  }
  t.equal(differ, 0, `${placed} strings read from their places`);
  t.ok(placed > 50 && found > 20, `${found} matches among them`);
});

t.test('compiled SQL woken by a name and an operator: only the anchored names are read', async (t) => {
  const columns = 'secret_santa_flag, password_hash, token_count, key_account_flag, credential_type, auth_method, primary_key';
  const sql = `{{ config(materialized='incremental') }}\nselect ${columns}\nfrom src\nwhere password_hash is not null and token_status = 'active'\n`;
  for (const [label, value, count] of [
    ['no assignment', sql.repeat(20), 0],
    ['an assignment at the end', `${sql.repeat(20)}-- loader: db_password=Zq8kLm2vX9pg`, 1],
  ] as const) {
    const places = placesOf(value);
    t.ok(Array.isArray(places), `${label}: selected by its anchors only`);
    const before = workMeter.chars;
    const whole = assignmentDetector.detect(value, context);
    const wholeWork = workMeter.chars - before;
    const read = assignmentDetector.detectAt!(value, context, places!);
    const placedWork = workMeter.chars - before - wholeWork;
    t.equal(spans(read), spans(whole), `${label}: the same matches`);
    t.equal(read.length, count, `${label}: ${count} found`);
    t.ok(placedWork * 4 < wholeWork, `${label}: a fraction of the work (${placedWork} characters, ${wholeWork} whole)`);
  }
});

t.test("dbt's unique_key does not wake it: its config() call is in every incremental model's code", async (t) => {
  const columns = 'secret_santa_flag, password_hash, token_count, key_account_flag, primary_key';
  for (const config of ["{{ config(materialized='incremental', unique_key='surrogate_key') }}", "{{\n  config(\n    materialized = 'incremental',\n    unique_key = 'id'\n  )\n}}", "{{ config(UNIQUE_KEY='id') }}"]) {
    const sql = `${config}\nselect ${columns}\nfrom src\n`;
    t.equal(placesOf(sql), undefined, `not selected: ${config}`);
    t.notOk(markedInRaw('compiled_code', sql), `and not marked in the raw text: ${config}`);
  }
  // another name ending in the same word is read as before, and the secret's word after it still wakes it; a secret's
  // name that begins with `unique_` is woken at its own word (review 164: the lookbehind had stopped every keyword)
  for (const text of ["unique_password = 'Zq8kLm2vX9pgT4wR'", "UNIQUE_SECRET='Zq8kLm2vX9pgT4wR'", "export SNOWFLAKE_UNIQUE_TOKEN=Zq8kLm2vX9pgT4wR", "the unique_password is Zq8kLm2vX9pgT4wR","{{ config(unique_key='id') }} -- loader: api_key='Zq8kLm2vX9pgT4wR'", "unique_key_secret = 'Zq8kLm2vX9pgT4wR'", "unique_keyring_password='Zq8kLm2vX9pgT4wR'"]) {
    t.ok(Array.isArray(placesOf(text)) && markedInRaw('compiled_code', text), `selected: ${text.slice(0, 40)}`);
    t.equal(assignmentDetector.detect(text, context).length, 1, `found: ${text.slice(0, 40)}`);
  }
});

t.test("a package's pass-through columns, a model's path and dbt's Python ref() wake neither password-assignment nor sql-password", async (t) => {
  const sql = [
    "def ref(*args, **kwargs):\n    refs = {}\n    key = '.'.join(args)\n    version = kwargs.get(\"v\") or kwargs.get(\"version\")",
    "{{ fivetran_utils.fill_pass_through_columns(pass_through_fields=var('tiktok_ads__ad_hourly_passthrough_metrics')) }}",
    "{{ fivetran_utils.persist_pass_through_columns(pass_through_variable='tiktok_ads__ad_group_hourly_passthrough_metrics', identifier='hourly') }}",
    "cast('this_is_just_a_long_dummy_string' as string) as original_path,\n    cast('dummy_string' as string) as patch_path",
  ];
  // (the third wakes code-secret-argument, whose anchor reads a setter's quoted name up to its `,`: the raw text is asked of the others)
  for (const text of sql) {
    t.same(set.select(text).filter((d) => d.id === 'password-assignment' || d.id === 'sql-password'), [], `neither selected: ${text.slice(0, 50)}`);
  }
  t.notOk(markedInRaw('compiled_code', `${sql[0]}\n${sql[1]}\n${sql[3]}`), 'the ref(), the pass-through columns and the path not marked in the raw text');
  // a secret's name after the same words, and a personal access token's alias, still wake them
  for (const [text, id] of [
    ["pass_through_password='Zq8kLm2vX9pgT4wR'", 'password-assignment'],
    ["select 'Zq8kLm2vX9pgT4wR' as github_pat", 'sql-password'],
  ] as const) {
    t.ok(set.select(text).some((d) => d.id === id) && markedInRaw('compiled_code', text), `${id} selected: ${text.slice(0, 30)}`);
  }
});

t.test('the raw text is shown the characters before a keyword: never a no where the value says yes', async (t) => {
  // names built of pieces that put escapes, quotes, a character past ASCII and `unique_` before a keyword
  const pieces = ['unique_', 'UNIQUE_', 'x', '_', ' ', '\n', '\\', '"', '\u00e9', 'é', 'api_', 'db', '\t'];
  let random = 7;
  const next = (n: number) => ((random = (random * 1103515245 + 12345) & 0x7fffffff) % n);
  let selected = 0;
  for (let i = 0; i < 600; i++) {
    let before = '';
    for (let k = next(5); k >= 0; k--) before += pieces[next(pieces.length)]!;
    const text = `${before}key = 'Zq8kLm2vX9pgT4wR'`;
    if (placesOf(text) === undefined) continue;
    selected++;
    if (!markedInRaw('compiled_code', text)) t.fail(`selected but not marked: ${JSON.stringify(before)}`);
  }
  t.ok(selected > 200, `${selected} selected texts, each marked`);
});

t.test('names found elsewhere than at an anchored keyword: the value is read whole', async (t) => {
  const config = "{{ config(unique_key='id') }} ";
  const xml = `${config}<password>Zq8kLm2vX9pg</password>`;
  t.ok(placesOf(xml)?.some((p) => xml[p] === '<'), 'an XML end tag is among the places');
  t.equal(assignmentDetector.detectAt!(xml, context, placesOf(xml)!).length, 1, "and its element's text is found from its start tag");
  const italian = `${config}la password è Zq8kLm2vX9pg`;
  t.equal(placesOf(italian), null, "Italian's è selects it without an anchor: read whole");
  t.equal(assignmentDetector.detect(italian, context).length, 1, 'and found');
});
