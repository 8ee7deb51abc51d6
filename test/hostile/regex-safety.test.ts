/**
 * Every built-in detector regex is checked by recheck for catastrophic backtracking: the token
 * table's patterns (some are built at load time) and every regex literal in src/detectors/, found
 * by parsing the sources, so that a new helper regex cannot slip past. The few that recheck calls
 * vulnerable are listed below with why they are bounded in practice; the list must stay exact.
 * And the rule of src/detectors/README.md: a regex that scans a whole value (every token pattern,
 * every global or sticky literal) has bounded quantifiers only.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import ts from 'typescript';
import { builtInRegexCheck } from '../../src/config/regex-audit.js';
import { SET_TO } from '../../src/detectors/assignments.js';
import { URL_EMAIL_USER } from '../../src/detectors/connection-strings.js';
import { WHOLE_EMAIL_ADDRESS, NOTE, FOREIGN_NOTE } from '../../src/detectors/key-names.js';
import { LIST_CLIENT } from '../../src/detectors/cli-passwords.js';
import { CONTEXT_DETECTORS } from '../../src/detectors/index.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { ROOT } from '../fixture-data.js';
import { recheck, requireTestTool } from '../test-tools.js';

const { checkSync } = recheck();
const RECHECK_VERSION = (requireTestTool('recheck/package.json') as { version: string }).version;

// Sequential on purpose: concurrent recheck calls share one agent and report spurious results.
// ~300 patterns, one recheck call per branch each (the second check reuses the verdicts): a minute and more of CI's CPU
// when every branch is asked, seconds with the recorded verdicts below.
t.setTimeout(900_000);

/**
 * recheck's verdicts recorded: the branches it called safe, by flags and source, with the version of recheck that
 * said so. The automaton checker's verdict on a source is deterministic, so a branch recorded safe is safe until its
 * source or recheck changes, and either change makes it a branch asked anew (a new pattern, an edited one, an upgrade).
 * Each run asks recheck again about a few recorded branches picked at random (SAMPLE), so a record edited by hand or a
 * checker that changed its mind cannot pass for long. `REGEX_VERDICTS=write` asks about every branch and writes the
 * file anew (the current patterns' safe branches only).
 */
const VERDICTS_FILE = path.join(ROOT, 'test', 'hostile', 'regex-verdicts.json');
const WRITE_VERDICTS = process.env.REGEX_VERDICTS === 'write';
const SAMPLE = 8;
interface RecordedVerdicts {
  recheck: string;
  /** Called safe by the automaton checker (deterministic). */
  safe: string[];
  /** The few the automaton could not settle in 10 s and recheck's default checker (a fuzzer among them) called safe: not asked again at random. */
  safeByDefaultChecker: string[];
}
const recorded: RecordedVerdicts | undefined = existsSync(VERDICTS_FILE) ? (JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as RecordedVerdicts) : undefined;
const current = !WRITE_VERDICTS && recorded?.recheck === RECHECK_VERSION ? recorded : undefined;
const recordedSafe = new Set([...(current?.safe ?? []), ...(current?.safeByDefaultChecker ?? [])]);
const sampled = new Set<string>();
for (const pool = [...(current?.safe ?? [])]; sampled.size < Math.min(SAMPLE, pool.length); ) sampled.add(pool[Math.floor(Math.random() * pool.length)]!);
/** The branches asked in this run and called safe, by checker (what REGEX_VERDICTS=write records). */
const safeNow = { safe: new Set<string>(), safeByDefaultChecker: new Set<string>() };
const fromRecord = new Set<string>();
const asked = new Set<string>();
/** Branches asked, called safe and not in the record (the record is behind the patterns). */
const unrecorded = new Set<string>();

/** Known, measured by `npm run bench:redos`, and to be fixed where they live (not in this test). */
const KNOWN_VULNERABLE: Record<string, string> = {
  'private-key': 'armor headers [^\\r\\n\\\\]{1,200} overlap the body class; bounded repetition keeps it linear, but ~2 s per MB at worst',
};

/** Regexes built with new RegExp from a shared part, by name (see patterns). */
const BUILT: readonly (readonly [string, RegExp])[] = [
  ['connection-strings.ts: URL_EMAIL_USER', URL_EMAIL_USER],
  ['key-names.ts: WHOLE_EMAIL_ADDRESS', WHOLE_EMAIL_ADDRESS],
  ['key-names.ts: NOTE', NOTE],
  ['key-names.ts: FOREIGN_NOTE', FOREIGN_NOTE],
  ['assignments.ts: SET_TO', SET_TO],
  ['cli-passwords.ts: LIST_CLIENT', LIST_CLIENT],
];

interface Pattern {
  key: string;
  source: string;
  flags: string;
}

function patterns(): Pattern[] {
  const out: Pattern[] = TOKEN_FORMATS.map((f) => ({ key: f.id, source: f.pattern.source, flags: f.pattern.flags }));
  // context detectors' anchors, built from shared parts with new RegExp where a literal would repeat a list
  for (const d of CONTEXT_DETECTORS) if (d.anchor) out.push({ key: `${d.id} anchor: /${d.anchor.source.slice(0, 50)}`, source: d.anchor.source, flags: d.anchor.flags });
  // detector regexes built from parts another module shares (no literal to find in the sources)
  for (const [key, regex] of BUILT) out.push({ key, source: regex.source, flags: regex.flags });
  const seen = new Set(out.map((p) => `${p.source}/${p.flags}`));
  const dir = path.join(ROOT, 'src', 'detectors');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const file = ts.createSourceFile(name, readFileSync(path.join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(file);
        const slash = literal.lastIndexOf('/');
        const source = literal.slice(1, slash);
        const flags = literal.slice(slash + 1);
        if (!seen.has(`${source}/${flags}`)) {
          seen.add(`${source}/${flags}`);
          out.push({ key: `${name}: ${literal.slice(0, Math.min(literal.length, 60))}`, source, flags });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

type Verdict = ReturnType<typeof checkSync>;

/** Each character of a regex source outside character classes and escapes, with its index, until `visit` returns false. */
function eachSyntaxChar(source: string, visit: (c: string, i: number) => boolean | void): { inClass: boolean } {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (visit(c, i) === false) break;
  }
  return { inClass };
}

/** Where each top-level `|` of a regex source is (outside groups and classes), and whether its groups close where they open (`a)(?:b` does not). */
function topLevel(source: string): { bars: number[]; balanced: boolean } {
  const bars: number[] = [];
  let depth = 0;
  const { inClass } = eachSyntaxChar(source, (c, i) => {
    if (c === '(') depth++;
    else if (c === ')') return --depth >= 0;
    else if (c === '|' && depth === 0) bars.push(i);
  });
  return { bars, balanced: depth === 0 && !inClass };
}

function splitAt(source: string, bars: number[]): string[] {
  return [...bars, source.length].map((bar, i) => source.slice(i === 0 ? 0 : bars[i - 1]! + 1, bar));
}

/**
 * The branches recheck is asked about. From each start position a backtracking matcher tries the
 * alternatives of a top-level `|` one after the other, each to the end of its own search, so the
 * whole pattern's worst case is at most the sum of its branches' worst cases: when recheck calls
 * every branch safe, the whole is safe. `^(?:A|B)$` runs step for step as
 * `^(?:A)$|^(?:B)$`, so its alternatives are branches too. Asked whole, recheck's automaton checker
 * takes a minute or more on a few short patterns whose bounded repetition sits beside other
 * alternatives (key-names.ts' PUBLIC_MATERIAL, placeholder-grammar.ts' WHOLE_REFERENCE), where each
 * branch takes under a second. A pattern with a backreference is asked whole (its group numbers
 * would change).
 */
function branches(source: string): string[] {
  if (/\\[1-9]|\\k</.test(source)) return [source];
  const top = splitAt(source, topLevel(source).bars);
  return top.flatMap((branch) => {
    const group = /^(\^?)\(\?:(.*)\)(\$?)$/s.exec(branch);
    if (!group) return [branch];
    const [, head, inner, tail] = group as unknown as [string, string, string, string];
    // one group around the whole branch: not `(?:a)(?:b)`
    const { bars, balanced } = topLevel(inner);
    return !balanced || bars.length === 0 ? [branch] : splitAt(inner, bars).map((alternative) => `${head}(?:${alternative})${tail}`);
  });
}

const verdicts = new Map<string, Verdict>();

/** recheck's verdict on one branch. */
function branchVerdict(source: string, flags: string): Verdict {
  const key = `${flags}/${source}`;
  if (recordedSafe.has(key) && !sampled.has(key)) {
    fromRecord.add(key);
    return { status: 'safe' } as Verdict;
  }
  asked.add(key);
  const [result, checker] = askRecheck(source, flags);
  if (result.status === 'safe') {
    safeNow[checker === 'automaton' ? 'safe' : 'safeByDefaultChecker'].add(key);
    if (!sampled.has(key)) unrecorded.add(key);
  }
  else if (sampled.has(key)) t.fail(`${key}: recorded safe in ${path.basename(VERDICTS_FILE)}, recheck ${RECHECK_VERSION} now says ${result.status}`);
  return result;
}

function askRecheck(source: string, flags: string): [Verdict, 'automaton' | 'default'] {
  // the automaton checker only: deterministic, where the fuzzer's verdicts vary with the machine's load
  // (bounded repetitions are finite for it: their cost is what test/hostile/redos.test.ts counts)
  // (backreferences and some lookarounds are beyond the automaton: those few get recheck's default checker)
  // (10 s: two long alternations (an INI line's pairs, prose's "see … in" words) ran the automaton to its timeout, 60 s
  // each, two minutes of CI's run for an `unknown` that the default checker then settles; every other branch takes
  // under 1.5 s)
  const result = checkSync(source, flags, { timeout: 10_000, checker: 'automaton' });
  return result.status === 'unknown' ? [checkSync(source, flags, { timeout: 60_000 }), 'default'] : [result, 'automaton'];
}

/**
 * recheck's verdict on a pattern: safe when every branch is, else the first vulnerable branch's
 * (or the first branch it cannot call safe). Asked once per pattern: both checks below ask about
 * most built-in patterns (the second about those the built-in check accepts).
 */
function verdict(p: { source: string; flags: string }): Verdict {
  // g, y and d change how a regex is driven, not what it backtracks over
  const flags = p.flags.replace(/[gyd]/g, '');
  const key = `${flags}/${p.source}`;
  let result = verdicts.get(key);
  if (result) return result;
  const all = branches(p.source).map((branch) => branchVerdict(branch, flags));
  result = all.find((r) => r.status === 'vulnerable') ?? all.find((r) => r.status !== 'safe') ?? all[0]!;
  verdicts.set(key, result);
  return result;
}

/** A known entry matches by id, or by the start of the literal it names. */
const knownFor = (key: string) => Object.keys(KNOWN_VULNERABLE).find((k) => k === key || (k.includes(": /") && key.startsWith(k)));

t.test('no built-in regex can backtrack catastrophically', async (t) => {
  const all = patterns();
  t.ok(all.length > TOKEN_FORMATS.length + 20, `${all.length} patterns: the token table and the detectors' literals`);
  const vulnerable: string[] = [];
  for (const p of all) {
    const result = verdict(p);
    if (result.status === 'safe') continue;
    const what = result.status === 'vulnerable' ? `${result.complexity.summary}, attack of ${result.attack.string.length} chars` : `status ${result.status}`;
    if (result.status === 'vulnerable' && knownFor(p.key)) {
      t.comment(`known: ${p.key} (${what}): ${KNOWN_VULNERABLE[knownFor(p.key)!]}`);
      vulnerable.push(knownFor(p.key)!);
    } else t.fail(`${p.key}: ${what}`);
  }
  for (const known of Object.keys(KNOWN_VULNERABLE)) t.ok(all.some((p) => knownFor(p.key) === known), `known entry ${known} still names a pattern (remove it when the pattern goes)`);
});

/** The unbounded quantifiers (`*`, `+`, `{n,}`) of a regex source, outside character classes, and where. */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  eachSyntaxChar(source, (c, i) => {
    if (c === '*' || c === '+') found.push(`${c} at ${i}`);
    else if (c === '{' && /^\{\d+,\}/.test(source.slice(i))) found.push(`${/^\{\d+,\}/.exec(source.slice(i))![0]} at ${i}`);
  });
  return found;
}

t.test('a pattern is asked about branch by branch', async (t) => {
  t.same(branches('^a{1,9}$|[|(]b|(c|d)'), ['^a{1,9}$', '[|(]b', '(c|d)']);
  t.same(branches('^(?:a|b\\)|(?:c))$'), ['^(?:a)$', '^(?:b\\))$', '^(?:(?:c))$']);
  t.same(branches('(?:a|b)c'), ['(?:a|b)c'], 'a group followed by more is asked whole');
  t.same(branches('^(?:a)(?:b|c)$'), ['^(?:a)(?:b|c)$'], 'two groups are not one');
  t.same(branches('(a)|\\1'), ['(a)|\\1'], 'a backreference keeps the pattern whole');
});

t.test('regexes that scan a whole value have bounded quantifiers only', async (t) => {
  t.same(unboundedQuantifiers(String.raw`a+[+*{1,}]\*\+b{2,}c{1,3}(?:d)*`), ['+ at 1', '{2,} at 15', '* at 30']);
  const scanning = patterns().filter((p) => !p.key.includes(': /') || /[gy]/.test(p.flags));
  t.ok(scanning.length > TOKEN_FORMATS.length, `${scanning.length} scanning regexes`);
  for (const p of scanning) t.same(unboundedQuantifiers(p.source), [], p.key);
});

/** Patterns a config might bring: ordinary token shapes and the classic traps. */
const CONFIG_LIKE = [
  'acme_live_(?<secret>[A-Za-z0-9]{16})',
  '(?<![A-Za-z0-9])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])',
  'key=[A-Za-z0-9]{20,}',
  'password=\\S+',
  '(?:-[a-z]{4}){3}',
  'secret_[a-f0-9]{32}',
  // refused: unbounded, nested or multiplying repetition
  '(\\d{1,3}\\.){3}\\d{1,3}',
  'acme_(a+)+$',
  'acme_\\w+\\w+=',
  '^(x|x)*y$',
  'a.*b',
  'password=\\S+;',
  '(a{1,9}){1,9}',
  '(?=\\w+)x',
  '[a-z0-9]{8,128}X',
  'x{0,30}y{0,30}z',
];

t.test('without recheck, the built-in check accepts only what recheck proves safe', async (t) => {
  const all = [...patterns(), ...CONFIG_LIKE.map((source) => ({ key: `config: ${source}`, source, flags: '' }))];
  const accepted = all.filter((p) => builtInRegexCheck(p.source, p.flags).safe);
  for (const p of accepted) {
    const result = verdict(p);
    t.equal(result.status, 'safe', `${p.key}: accepted by the built-in check, so recheck must call it safe`);
  }
  // not a check that refuses everything: plain token shapes pass it
  t.ok(accepted.length > all.length / 3, `${accepted.length} of ${all.length} accepted`);
  for (const source of CONFIG_LIKE.slice(0, 6)) t.ok(accepted.some((p) => p.source === source), `accepts ${source}`);
  for (const source of CONFIG_LIKE.slice(6)) t.notOk(accepted.some((p) => p.source === source), `refuses ${source}`);
});

t.test('recorded verdicts: each names a branch of a current pattern', async (t) => {
  t.comment(`${asked.size} branches asked of recheck ${RECHECK_VERSION} in this run (${sampled.size} of them recorded, asked again), ${fromRecord.size} read from ${path.basename(VERDICTS_FILE)}`);
  const rewrite = 'REGEX_VERDICTS=write npm test -- test/hostile/regex-safety.test.ts';
  if (WRITE_VERDICTS) {
    const record: RecordedVerdicts = { recheck: RECHECK_VERSION, safe: [...safeNow.safe].sort(), safeByDefaultChecker: [...safeNow.safeByDefaultChecker].sort() };
    writeFileSync(VERDICTS_FILE, `${JSON.stringify(record, null, 1)}\n`);
    t.comment(`wrote ${record.safe.length} + ${record.safeByDefaultChecker.length} safe branches`);
  } else if (recorded?.recheck !== RECHECK_VERSION) t.comment(`recorded by recheck ${recorded?.recheck ?? '(none)'}, not ${RECHECK_VERSION}: every branch was asked (${rewrite} records them)`);
  else {
    if (unrecorded.size > 0) t.comment(`${unrecorded.size} safe branches not recorded yet (${rewrite} records them)`);
    const stale = [...recordedSafe].filter((key) => !asked.has(key) && !fromRecord.has(key));
    t.same(stale, [], `recorded branches of no current pattern (a pattern edited or removed): ${rewrite}`);
  }
});
