/**
 * A keyword past ASCII (пароль, 密码, hasło) as raw JSON writes it: escaped with lower-case hex
 * (Python's json.dumps, dbt's default), with upper-case hex, or as UTF-8 bytes (a writer without
 * ensure_ascii). The keyword search finds each form in the bytes and in a decoded value; a scan,
 * streamed or in memory, finds the password after the word whichever way the file writes it.
 * Labels and messages never show a secret.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { scan } from '../../src/engine/scan.js';
import { compileRules } from '../../src/engine/compile.js';
import { DetectorSet } from '../../src/engine/prefilter.js';
import { isWordForm, keywordForms } from '../../src/engine/keyword-forms.js';
import { KeywordScanner } from '../../src/engine/keyword-scan.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { manifest, tempDir } from '../helpers.js';

/** Docs blocks: a password after the word, or prose and masks after it (none). */
const BLOCKS: { name: string; text: string; secret?: string }[] = [
  { name: 'ru', text: 'Доступ: пользователь etl_ro, пароль: Rq4-Wz8kLp2m (не пересылать).', secret: 'Rq4-Wz8kLp2m' },
  { name: 'ru_title', text: 'Пароль = Tn5-Qx2vMw8c', secret: 'Tn5-Qx2vMw8c' },
  { name: 'ru_upper', text: 'ПАРОЛЬ: "Up3-Hk9sZr4d"', secret: 'Up3-Hk9sZr4d' },
  { name: 'zh', text: '只读账号 report_ro，密码：Cz7#Tq3vXp9w（请勿外传）', secret: 'Cz7#Tq3vXp9w' },
  { name: 'ja', text: 'report_ro のパスワードは Jq5-Rk2nWx8t です', secret: 'Jq5-Rk2nWx8t' },
  { name: 'ko', text: '비밀번호: Kq4!Lm7vBz2q', secret: 'Kq4!Lm7vBz2q' },
  { name: 'vi', text: 'mật khẩu là Vq6-Qs1pHd3r (không chia sẻ)', secret: 'Vq6-Qs1pHd3r' },
  { name: 'pl', text: 'Hasło: Pq8_Wr3kFn5z', secret: 'Pq8_Wr3kFn5z' },
  { name: 'json_key', text: 'config: {"пароль": "Jk2-Vb7nQs5w"}', secret: 'Jk2-Vb7nQs5w' },
  { name: 'ru_prose', text: 'Пароль должен содержать не менее 12 символов.' },
  { name: 'zh_prose', text: '重置密码的链接见内部 wiki。' },
  { name: 'masks', text: 'пароль: ********; 密码：<your-password>; hasło: <hasło>; 비밀번호: {{ env_var("DBT_ENV_SECRET_PG") }}' },
];

/** JSON text with every character past ASCII written as `\uXXXX`, in lower- or upper-case hex, or left as it is. */
function written(value: unknown, form: 'lower' | 'upper' | 'utf8'): string {
  const text = JSON.stringify(value);
  if (form === 'utf8') return text;
  return text.replace(/[\u0080-\uffff]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${form === 'upper' ? hex.toUpperCase() : hex}`;
  });
}

const docs = Object.fromEntries(BLOCKS.map((b) => [`doc.p.${b.name}`, { name: b.name, resource_type: 'doc', package_name: 'p', path: 'docs.md', original_file_path: 'models/docs.md', unique_id: `doc.p.${b.name}`, block_contents: b.text }]));

for (const form of ['lower', 'upper', 'utf8'] as const) {
  t.test(`a password after a word past ASCII, the file written ${form === 'utf8' ? 'in UTF-8' : `escaped (${form}-case hex)`}`, async (t) => {
    const dir = tempDir();
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, written(manifest({ docs }), form), 'utf8');
    const raw = readFileSync(file, 'utf8');
    for (const stream of [false, true]) {
      const { findings } = scan({ paths: [file], stream, jobs: 1 });
      for (const b of BLOCKS) {
        const here = findings.filter((f) => f.jsonPointer === `/docs/doc.p.${b.name}/block_contents`);
        if (b.secret === undefined) {
          t.equal(here.length, 0, `${b.name} (stream: ${stream}): nothing`);
          continue;
        }
        t.equal(here.length, 1, `${b.name} (stream: ${stream}): one finding`);
        t.equal(here[0]?.detectorId, 'password-assignment', `${b.name}: by password-assignment`);
        // the span is the secret as the file writes it (all ASCII: the same bytes in every form)
        t.ok(here[0] && raw.slice(here[0].charOffset, here[0].charOffset + here[0].charLength) === b.secret, `${b.name} (stream: ${stream}): the span is the secret`);
        t.notOk(here[0]?.preview.includes(b.secret.slice(4)), `${b.name}: the preview is masked`);
      }
    }
  });
}

t.test('the forms of a word past ASCII: escaped and UTF-8, lower, upper and title case; an ASCII keyword is itself', async (t) => {
  t.same(keywordForms('Pass'), ['pass']);
  const forms = keywordForms('пароль');
  t.ok(forms.includes('\\u043f\\u0430\\u0440\\u043e\\u043b\\u044c'), 'escaped, lower-case hex');
  t.ok(forms.includes('\\u041f\\u0430\\u0440\\u043e\\u043b\\u044c'), 'title case, escaped');
  t.ok(forms.includes(Buffer.from('ПАРОЛЬ', 'utf8').toString('latin1')), 'upper case in UTF-8 bytes');
  t.ok(forms.every(isWordForm), 'every form is a word form (never anchored)');
  t.notOk(isWordForm('pass'));
  // a word with no case (Chinese): one escaped form and one UTF-8 form
  t.equal(keywordForms('密码').length, 2);
});

t.test('the byte search and the decoded search find each form where the word is', async (t) => {
  const scanner = new KeywordScanner([...keywordForms('пароль'), ...keywordForms('密码'), 'pass']);
  const find = (text: string) => {
    const found: number[] = [];
    const starts: number[] = [];
    scanner.scanString(text, found, starts);
    return starts;
  };
  // decoded: the characters read as UTF-8 bytes, the start counted in characters
  t.same(find('ab пароль: x'), [3]);
  t.same(find('Пароль'), [0]);
  t.same(find('数据库密码：x pass'), [3, 8]);
  t.same(find('парол ь, паролька'), [9], 'a word cut by a space is no word; one inside a longer word is found (the detector judges it)');
  // a character past the Basic Multilingual Plane before the word: its surrogates are no part of a keyword
  t.same(find('😀密码'), [2]);
  // raw bytes: escaped in either case, and UTF-8
  for (const [label, raw, at] of [
    ['lower-case hex', '"x \\u043f\\u0430\\u0440\\u043e\\u043b\\u044c"', 3],
    ['upper-case hex', '"x \\u043F\\u0430\\u0440\\u043E\\u043B\\u044C"', 3],
    ['UTF-8', '"x пароль"', 3],
    ['UTF-8, Chinese', '"密码"', 1],
  ] as const) {
    const bytes = Buffer.from(raw, 'utf8');
    const marks: number[] = [];
    scanner.state = 0;
    scanner.scan(bytes, 0, bytes.length, marks, []);
    t.same(marks, [at], label);
  }
});

t.test('the byte search reports a word past ASCII only where its bytes are (their classes are shared)', async (t) => {
  // session 41: with one more ASCII character among the keywords, `ü` (C3 BC) shared `è`'s class (C3 A8), and
  // Turkish text was `è` to the search: each such value was read whole for an Italian password
  const registry = [...new Set(DETECTORS.flatMap((d) => d.keywords.flatMap(keywordForms)))].sort();
  const scanner = new KeywordScanner(registry);
  const text = Buffer.from('"Türkiye, Größe, café, Ærø, naïve, façade, señor, Ñandú, İstanbul, ÿ, œuvre, déjà, ça, 東京, Москва, Αθήνα"', 'utf8');
  const marks: number[] = [];
  const ids: number[] = [];
  scanner.state = 0;
  scanner.scan(text, 0, text.length, marks, [], ids);
  t.same(ids.map((id) => registry[id]), [], 'no word where none is written');
  const italian = Buffer.from('"la password è Zq8kLm2vX9pg"', 'utf8');
  marks.length = 0;
  ids.length = 0;
  scanner.state = 0;
  scanner.scan(italian, 0, italian.length, marks, [], ids);
  t.ok(ids.some((id) => registry[id] === Buffer.from('\u00e8', 'utf8').toString('latin1')), 'the word itself is reported');

  // two words whose bytes fall in one class (a shorter one ending where the longer's classes end): the bytes pick
  const narrow = new KeywordScanner(['a\u00c3\u00a8', '\u00c3\u00ab']);
  const find = (raw: string) => {
    const bytes = Buffer.from(raw, 'utf8');
    const found: number[] = [];
    const which: number[] = [];
    narrow.state = 0;
    narrow.scan(bytes, 0, bytes.length, found, [], which);
    return which;
  };
  t.same(find('xaèx'), [0], 'the longer word');
  t.same(find('xaëx'), [1], 'the shorter word its classes end with');
  t.same(find('xaïx'), [], 'neither');
});

t.test('a value the raw search passes with an escaped word selects the detector at the word', async (t) => {
  const set = new DetectorSet([assignmentDetector]);
  t.ok(set.select('пароль: x').includes(assignmentDetector), 'decoded');
  t.ok(set.select('ПАРОЛЬ').includes(assignmentDetector), 'upper case');
  t.notOk(set.select('паро').includes(assignmentDetector), 'no word, no detector');
  // (the stem of пароль's inflected forms is the keyword: script-words.ts, SCRIPT_STEMS)
  t.ok(set.select('паролем: x').includes(assignmentDetector), 'an inflected form');
  // every rule's raw keywords hold the forms, and the raw search is used (no keyword makes it give up)
  const rules = compileRules();
  t.ok(rules.rawKeywords?.includes('\\u043f\\u0430\\u0440\\u043e\\u043b'), 'the raw search looks for the escaped word');
  t.ok(DETECTORS.some((d) => d.keywords.includes('парол')));
});

t.test('the words past ASCII the search reports do not change with the other characters the keywords hold (their classes shift)', async (t) => {
  // session 62: a keyword with `$` gave the ASCII characters one class more; `пароль` then fell in the same classes, byte
  // for byte, as another word of its length, the trie named the other, and the UTF-8 search never reported `пароль`
  const base = [...new Set(DETECTORS.flatMap((d) => d.keywords.flatMap(keywordForms)))];
  const high = base.filter((k) => /[\x80-\xff]/.test(k));
  t.ok(high.length > 20, `${high.length} words past ASCII`);
  const reported = (extra: readonly string[]): string[] => {
    const registry = [...new Set([...base, ...extra.map((c) => `x${c}y`)])].sort();
    const scanner = new KeywordScanner(registry);
    const words: string[] = [];
    for (const word of high) {
      // (after it what its anchor wants, if any: a name's `: ` and a value)
      const bytes = Buffer.from(`"${word}: Zq8kLm2vX9pg"`, 'latin1');
      const ids: number[] = [];
      scanner.state = 0;
      scanner.scan(bytes, 0, bytes.length, [], [], ids);
      words.push(ids.map((id) => Buffer.from(registry[id]!, 'latin1').toString('utf8')).join(' '));
    }
    return words;
  };
  const alone = reported([]);
  t.ok(alone.includes('парол'), 'пароль by its stem');
  for (const extra of [['$'], ['$', '#'], ['$', '#', '~'], ['$', '#', '~', '^']]) t.same(reported(extra), alone, `with ${JSON.stringify(extra)} among the keywords' characters`);
});
