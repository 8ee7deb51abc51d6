/**
 * env-var-rendered (detectors/rendered-env-vars.ts): a template's secret-named env_var() calls,
 * and where each value sits in the rendered output, found by the literal text around the call.
 * Each case gives a raw template and its rendering as dbt would write them; the values found
 * are compared exactly. Work is counted (src/detectors/work.ts) at two sizes, never timed.
 */
import t from 'tap';
import { envVarCalls } from '../../src/detectors/env-var-calls.js';
import { alignCalls, renderedEnvVarDetector } from '../../src/detectors/rendered-env-vars.js';
import { workMeter } from '../../src/detectors/work.js';

/** The values the detector reports in `compiled`, read with the calls of `raw`. */
function found(raw: string, compiled: string): string[] {
  return renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(raw) }).map((m) => compiled.slice(m.start, m.end));
}

/** What each call aligned to (reported or not), or null. */
function aligned(raw: string, compiled: string): (string | null)[] {
  return alignCalls(compiled, envVarCalls(raw)).map(([s, e]) => (s < 0 ? null : compiled.slice(s, e)));
}

const SECRET = 'Vq9xK2mL8pR4tW7z';
const TOKEN = 'Zt7-Qw3eR9yU1iO5';

t.test('calls: secret names only, with the literal text around each', async (t) => {
  const calls = envVarCalls(`select '{{ env_var('DBT_TARGET') }}', '{{ env_var("VENDOR_SECRET", "none") }}' as x, {{ env_var('SNOWFLAKE_WAREHOUSE') }}`);
  t.same(
    calls.map((c) => [c.name, c.fallback, c.before, c.after]),
    [['VENDOR_SECRET', 'none', "', '", "' as x,"]],
  );
  t.same(envVarCalls("{{ env_var('X_TOKEN') | b64encode }} {{ env_var('Y_TOKEN') | replace('a', 'b') }} {{ env_var('Z_TOKEN')[0:4] }} {{ var('api_token') | b64encode }}"), [], 'a filter or a slice that changes the value is not the value');
  // a project variable's value is rendered as an environment variable's is (red team 55)
  t.same(envVarCalls("{{ var('api_token') }} {{ var('start_date') }}").map((c) => [c.name, c.projectVar]), [['api_token', true]], 'a secret-named var() is');
  t.same(envVarCalls("{{ decrypt(env_var('X_TOKEN')) }} {{ env_var('X_TOKEN') + 'x' }} {{ env_var('X_TOKEN') == 'y' }} {{ env_var('X_TOKEN', some_var) }}"), [], "a macro's argument, other operators, a default of unknown value");
  t.same(envVarCalls('select 1'), [], 'no env_var at all');
  t.same(envVarCalls("{% raw %}'{{ env_var('X_TOKEN') }}'{% endraw %}"), [], 'inside a raw block: text, not a call');
  t.same(envVarCalls("x '{{ env_var('X_TOKEN')"), [], 'unclosed: not rendered');
  const edge = envVarCalls("{{ env_var('X_TOKEN') }}");
  t.same([edge[0]!.atStart, edge[0]!.atEnd], [true, true], 'a call alone is the whole text');
});

t.test('alignment: plain literals, ref() and if-blocks around the call', async (t) => {
  t.same(found(`call set_credentials('{{ env_var("VENDOR_SECRET") }}')`, `call set_credentials('${SECRET}')`), [SECRET]);
  t.same(
    found(
      `select * from {{ ref('orders') }} o\n{% if target.name == 'prod' %}\njoin {{ source('s', 't') }} using (id)\n{% endif %}\nwhere http_get('https://api.vendor.com/v1?x=' || '{{ env_var("VENDOR_TOKEN") }}') is not null`,
      `select * from "dw"."main"."orders" o\n\njoin "raw"."s"."t" using (id)\n\nwhere http_get('https://api.vendor.com/v1?x=' || '${TOKEN}') is not null`,
    ),
    [TOKEN],
  );
  t.same(
    found(`{% if target.name == 'local' %}call auth('{{ env_var('VENDOR_TOKEN') }}'){% else %}select 1{% endif %}`, 'select 1'),
    [],
    'the branch holding the call was not rendered: nothing',
  );
  t.same(found(`select {{ env_var('VENDOR_TOKEN') }}, 1`, `select ${TOKEN}, 1`), [TOKEN], 'a value passed bare');
});

t.test('alignment: whitespace control and a default', async (t) => {
  t.same(found(`select 'k=' ||\n  '{{- env_var('VENDOR_TOKEN') -}}'   \n  || 'x'`, `select 'k=' ||\n  '${TOKEN}'   \n  || 'x'`), [TOKEN], '{{- -}} strip nothing inside quotes');
  t.same(found(`select x,\n    {{- env_var('VENDOR_TOKEN') -}}\n  , y`, `select x,${TOKEN}, y`), [TOKEN], 'the whitespace {{- -}} strip');
  t.same(found(`{%- set a = 1 -%}\n  call auth('{{ env_var('VENDOR_TOKEN', 'changeme') }}')`, "call auth('changeme')"), [], 'the placeholder default rendered');
  t.same(found(`call auth('{{ env_var('VENDOR_TOKEN', '') }}')`, "call auth('')"), [], 'empty');
});

t.test('alignment: repeated calls and a value in several places', async (t) => {
  const raw = `call a('{{ env_var('VENDOR_TOKEN') }}');\ncall b('{{ env_var('VENDOR_TOKEN') }}');\n-- ${'x'.repeat(3)}`;
  const compiled = `call a('${TOKEN}');\ncall b('${TOKEN}');\n-- xxx`;
  const spans = renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(raw) }).map((m) => m.start);
  t.same(spans, [compiled.indexOf(TOKEN), compiled.lastIndexOf(TOKEN)], 'each call at its own place');
  // the value also sits where no call put it: only the calls' places are reported
  const elsewhere = `select '${SECRET}' as label, call_it('${SECRET}')`;
  const at = renderedEnvVarDetector.detect(elsewhere, { key: 'compiled_code', envVars: envVarCalls(`select '${SECRET}' as label, call_it('{{ env_var('VENDOR_SECRET') }}')`) });
  t.same(at.map((m) => m.start), [elsewhere.lastIndexOf(SECRET)]);
});

t.test('alignment: a macro that renders text like the context', async (t) => {
  // the macro's output holds the literal before the call; the value found there would hold the quote
  const raw = `select {{ cols() }}, '{{ env_var('VENDOR_TOKEN') }}' as t`;
  const compiled = `select a, 'b', '${TOKEN}' as t`;
  t.same(found(raw, compiled), [TOKEN]);
});

t.test('alignment gives up rather than guess', async (t) => {
  t.same(aligned(`select '{{ env_var('VENDOR_TOKEN') }}' as t`, `select 'Zt7-Qw3eR9yU1iO5 as t`), [null], 'the closing literal is missing');
  t.same(aligned(`select {{ ref('a') }}{{ env_var('VENDOR_TOKEN') }}{{ ref('b') }}`, `select "a"${TOKEN}"b"`), [null], 'no literal on either side');
  t.same(aligned(`call auth('{{ env_var('VENDOR_TOKEN') }}')`, "call auth('line one\nline two')"), [null], 'a value across lines');
  t.same(aligned(`call auth('{{ env_var('VENDOR_TOKEN') }}')`, 'select 1 from somewhere_else'), [null], 'raw and compiled do not align');
  t.same(found(`call auth('{{ env_var('VENDOR_TOKEN') }}')`, `call auth('{{ env_var('VENDOR_TOKEN') }}')`), [], 'Jinja not rendered (compiled code equals raw code)');
});

t.test('values that cannot be secrets are not reported', async (t) => {
  const raw = `call auth('{{ env_var('VENDOR_TOKEN') }}')`;
  for (const value of ['changeme', '${VENDOR_TOKEN}', '<token>', 'short', 'analytics', 'AnalyticsProd', '20240101', 'analytics_prod', 'VENDOR_TOKEN', 'xxxxxxxxxxxx']) {
    t.same(aligned(raw, `call auth('${value}')`), [value], `${value}: aligned`);
    t.same(found(raw, `call auth('${value}')`), [], `${value}: not reported`);
  }
  t.same(found(raw, "call auth('3f2a9c1e-7b4d-4e8a-9c6f-2d1b0a9e8f7c')"), ['3f2a9c1e-7b4d-4e8a-9c6f-2d1b0a9e8f7c'], 'a UUID-shaped key is one');
});

t.test("what a node's calls keep is bounded, however large its raw code", async (t) => {
  const calls = envVarCalls(`${'-- a long comment\n'.repeat(5000)}call a('{{ env_var('A_TOKEN') }}');\n`.repeat(3) + `x('{{ env_var('B_TOKEN') }}')`.repeat(5000));
  t.equal(calls.length, 1024, 'at most 1024 calls');
  t.ok(calls.every((c) => c.before.length <= 48 && c.after.length <= 48), 'at most 48 characters of literal text on each side');
  t.ok(calls[0]!.before.endsWith("\ncall a('") && calls[0]!.after.startsWith("');\n-- a long"), 'the literal nearest to the call');
});

/** Where each reported value starts in `compiled`, with the value. */
function reported(raw: string, compiled: string): [number, string][] {
  return renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(raw) }).map((m) => [m.start, compiled.slice(m.start, m.end)]);
}

const LITERAL = 'Lz4-literal-Val9';

t.test('{% set %}: a name bound to a secret env_var() renders its value', async (t) => {
  const compiled = `\ncall auth('${SECRET}')`;
  t.same(reported(`{% set pw = env_var('DBT_SNOWFLAKE_PASSWORD') %}\ncall auth('{{ pw }}')`, compiled), [[12, SECRET]]);
  t.same(reported(`{%- set pw = env_var('DBT_SNOWFLAKE_PASSWORD') -%}\n  call auth('{{- pw -}}')`, `call auth('${SECRET}')`), [[11, SECRET]], 'whitespace control');
  const several = `{% set user = env_var('DB_USER') %}\n{% set pw = env_var("DB_PASSWORD") %}\n{% set tok = env_var('VENDOR_TOKEN') | trim %}\nconnect('{{ user }}', '{{ pw }}'); auth('{{ tok }}')`;
  const out = `\n\n\nconnect('loader', '${SECRET}'); auth('${TOKEN}')`;
  t.same(reported(several, out), [[out.indexOf(SECRET), SECRET], [out.indexOf(TOKEN), TOKEN]], 'several sets; the user is no secret');
  const twice = `call a('{{ pw }}'); call b('{{ pw }}')`;
  const twiceOut = `call a('${SECRET}'); call b('${SECRET}')`;
  t.same(reported(`{% set pw = env_var('X_PASSWORD') %}${twice}`, twiceOut), [[8, SECRET], [twiceOut.lastIndexOf(SECRET), SECRET]], 'a name used twice');
  t.same(reported(`{% set pw = env_var('X_PASSWORD') %}{% set pw2 = pw %}a('{{ pw2 }}')`, `a('${SECRET}')`), [[3, SECRET]], 'a name bound to a bound name');
  t.same(reported(`{% set pw = env_var('X_PASSWORD') %}{% for i in [1, 2] %}a('{{ pw }}');{% endfor %}`, `a('${SECRET}');a('${SECRET}');`), [[3, SECRET]], 'used inside a loop (one call in the template: its first rendering)');
  t.same(reported(`{% set pw = env_var('X_PASSWORD') %}{% if x %}{% set pw = env_var('X_PASSWORD') %}{% endif %}a('{{ pw }}')`, `a('${SECRET}')`), [[3, SECRET]], 'every way through an if binds the same');
  const perTarget = `{% if target.name == 'prod' %}\n  {% set pw = env_var('PROD_PASSWORD') %}\n{% elif target.name == 'ci' %}\n  {% set pw = env_var('CI_PASSWORD') | trim %}\n{% else %}\n  {% set pw = env_var('DEV_PASSWORD') %}\n{% endif %}\ncall a('{{ pw }}')`;
  const perTargetOut = `\n  \n\ncall a('${SECRET}')`;
  const matches = renderedEnvVarDetector.detect(perTargetOut, { key: 'compiled_code', envVars: envVarCalls(perTarget) });
  t.same(matches.map((m) => [m.start, m.end]), [[perTargetOut.indexOf(SECRET), perTargetOut.indexOf(SECRET) + SECRET.length]], 'each branch a different secret env var');
  t.match(matches[0]!.description, "env_var('PROD_PASSWORD') or env_var('CI_PASSWORD') or env_var('DEV_PASSWORD')", 'all of them named');
});

t.test('{% set %}: what is not the env var\'s value is not reported', async (t) => {
  const use = `a('{{ pw }}')`;
  const out = `a('${LITERAL}')`;
  const cases: Record<string, string> = {
    'bound again to a literal': `{% set pw = env_var('X_PASSWORD') %}{% set pw = '${LITERAL}' %}${use}`,
    'bound again to something unknown': `{% set pw = env_var('X_PASSWORD') %}{% set pw = var('p') %}${use}`,
    'bound again by a tuple': `{% set pw = env_var('X_PASSWORD') %}{% set pw, q = 'a', 'b' %}${use}`,
    'bound again by a set block': `{% set pw = env_var('X_PASSWORD') %}{% set pw %}${LITERAL}{% endset %}${use}`,
    'the env var passed to a macro (out of scope)': `{% set pw = decrypt(env_var('X_PASSWORD')) %}${use}`,
    'set in a loop, used after it': `{% set pw = '${LITERAL}' %}{% for i in [1] %}{% set pw = env_var('X_PASSWORD') %}{% endfor %}${use}`,
    'a loop variable of the same name': `{% set pw = env_var('X_PASSWORD') %}{% for pw in ['${LITERAL}'] %}${use}{% endfor %}`,
    'a macro parameter of the same name': `{% set pw = env_var('X_PASSWORD') %}{% macro m(pw) %}${use}{% endmacro %}{{ m('${LITERAL}') }}`,
    'set in one branch, a literal in the other': `{% if x %}{% set pw = env_var('X_PASSWORD') %}{% else %}{% set pw = '${LITERAL}' %}{% endif %}${use}`,
    'a literal in one branch, set in the other': `{% if x %}{% set pw = '${LITERAL}' %}{% else %}{% set pw = env_var('X_PASSWORD') %}{% endif %}${use}`,
    'set before, a literal in a branch': `{% set pw = env_var('X_PASSWORD') %}{% if x %}{% set pw = '${LITERAL}' %}{% endif %}${use}`,
    'a name of no secret': `{% set pw = env_var('DBT_SCHEMA') %}${use}`,
    'a secret in each branch but one of no secret': `{% if x %}{% set pw = env_var('PROD_PASSWORD') %}{% else %}{% set pw = env_var('DEV_SCHEMA') %}{% endif %}${use}`,
    'a secret in each branch but with other defaults': `{% if x %}{% set pw = env_var('PROD_PASSWORD', '${LITERAL}') %}{% else %}{% set pw = env_var('DEV_PASSWORD') %}{% endif %}${use}`,
    'set in an if without else, unset before': `{% if x %}{% set pw = env_var('PROD_PASSWORD') %}{% endif %}${use}`,
    'set in an elif only': `{% set pw = env_var('X_PASSWORD') %}{% if x %}{% elif y %}{% set pw = '${LITERAL}' %}{% else %}{% endif %}${use}`,
    'a name never set': use.replace('pw', 'other'),
  };
  t.same(reported(`{% set pw = env_var('X_PASSWORD') %}${use}`, out), [[3, LITERAL]], 'the literal would be reported as the value (so each case below can fail)');
  for (const [name, raw] of Object.entries(cases)) t.same(reported(raw, out), [], name);
  t.same(envVarCalls(`{% set body %}'{{ env_var('X_TOKEN') }}'{% endset %}`), [], "a set block's body is not rendered in place");
  t.same(envVarCalls(`{% filter upper %}'{{ env_var('X_TOKEN') }}'{% endfilter %}`), [], "a filter block's body is changed");
  const deep = (n: number) => `{% set pw = env_var('X_PASSWORD') %}${'{% if x %}'.repeat(n)}{% endif %}${'{% endif %}'.repeat(n - 1)}a('{{ pw }}')`;
  t.same([envVarCalls(deep(32)).length, envVarCalls(deep(33)).length], [1, 0], 'blocks nested past 32: nothing more is read');
});

t.test('filters that keep the value, and a default', async (t) => {
  t.same(reported(`auth('{{ env_var('X_TOKEN') | trim }}')`, `auth('${TOKEN}')`), [[6, TOKEN]], 'trim');
  t.same(reported(`auth('{{ env_var('X_TOKEN')|string|safe }}')`, `auth('${TOKEN}')`), [[6, TOKEN]], 'string, safe');
  t.same(reported(`auth('{{ env_var('X_TOKEN', 'none') }}')`, `auth('${TOKEN}')`), [[6, TOKEN]], 'a default, not used');
  const dflt = 'Dflt-9xQ2-value7';
  t.same(reported(`auth('{{ env_var('X_TOKEN', '${dflt}') }}')`, `auth('${dflt}')`), [], 'the default rendered: not the env var');
  t.same(reported(`auth('{{ env_var('X_TOKEN', '${dflt}') | upper }}')`, `auth('${dflt.toUpperCase()}')`), [], 'the default, upper-cased');
  const upper = renderedEnvVarDetector.detect(`auth('${TOKEN.toUpperCase()}')`, { key: 'compiled_code', envVars: envVarCalls(`auth('{{ env_var("X_TOKEN") | upper }}')`) });
  t.same(upper.map((m) => [m.start, m.end]), [[6, 6 + TOKEN.length]], 'upper: found');
  t.match(upper[0]!.description, /upper-cased value of env_var\('X_TOKEN'\)/, 'and said to be changed');
  t.same(reported(`auth('{{ env_var('X_TOKEN') | upper }}')`, "auth('ANALYTICS_PROD')"), [], 'upper: a plain word stays plain');
});

t.test('concatenation with ~', async (t) => {
  const bearer = `http_get(url, 'Authorization: {{ 'Bearer ' ~ env_var('API_TOKEN') }}')`;
  const bearerOut = `http_get(url, 'Authorization: Bearer ${TOKEN}')`;
  t.same(reported(bearer, bearerOut), [[bearerOut.indexOf(TOKEN), TOKEN]]);
  t.same(envVarCalls(bearer)[0]!.before, "http_get(url, 'Authorization: Bearer ", 'the literal and the string joined');
  const pair = `'{{ env_var('DB_USER') ~ ':' ~ env_var('DB_PASSWORD') }}@db.example.com'`;
  t.same(reported(pair, `'loader:${SECRET}@db.example.com'`), [[8, SECRET]], 'the user, unknown, then the password');
  const both = `h('{{ env_var('A_TOKEN') ~ ':' ~ env_var('B_SECRET') }}')`;
  const bothOut = `h('${TOKEN}:${SECRET}')`;
  t.same(reported(both, bothOut), [[3, TOKEN], [bothOut.indexOf(SECRET), SECRET]], 'two values around a string');
  t.same(reported(`{% set auth = 'Bearer ' ~ env_var('API_TOKEN') %}h('{{ auth }}')`, `h('Bearer ${TOKEN}')`), [[10, TOKEN]], 'a bound concatenation');
  t.same(reported(`{% set auth = 'Bearer ' ~ env_var('API_TOKEN') %}h('{{ auth | upper }}')`, `h('BEARER ${TOKEN.toUpperCase()}')`), [[10, TOKEN.toUpperCase()]], 'a filter on it applies to each piece');
  t.same(aligned(`h('{{ var('prefix') ~ env_var('X_TOKEN') }}')`, `h('pre${TOKEN}')`), [null], 'something unknown right before: no literal');
  t.same(aligned(`h('{{ env_var('X_TOKEN') ~ var('suffix') }}')`, `h('${TOKEN}post')`), [null], 'something unknown right after: no literal');
  t.same(reported(`h('{{ env_var('X_TOKEN') ~ 'x' if c else '${LITERAL}' }}')`, `h('${LITERAL}')`), [], 'a conditional expression');
  t.same(envVarCalls("h('{{ 'it\\'s ' ~ env_var('X_TOKEN') }}')"), [], 'a string with an escape: not read');
});

// red team 101: a password with an apostrophe, in the SQL literal the template puts it in
t.test("a quote in the value: SQL's doubled quote, and an unescaped one where both ends are certain", async (t) => {
  const set = "{% set pw = env_var('SQLSERVER_PASSWORD') %}\n";
  const login = "exec sp_addlinkedsrvlogin 'LEGACY', 'false', null, 'dbt', ";
  const raw = `${set}${login}'{{ pw }}'`;
  const match = (template: string, compiled: string) =>
    renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(template) }).map((m) => [compiled.slice(m.start, m.end), m.secret]);
  const doubled = `${login}'O''Brien-2026!'`;
  t.same(match(raw, doubled), [["O''Brien-2026!", "O'Brien-2026!"]], 'written twice: the literal as written, the password undoubled');
  t.same(match(`${set}${login}'{{ pw | replace("'", "''") }}'`, doubled), [["O''Brien-2026!", "O'Brien-2026!"]], `escaped by replace("'", "''")`);
  t.same(match(`${set}exec p('{{ pw }}', 'x');\n{{ ref('a') }}`, `exec p('O''Brien-2026!', 'x');\n"a"`), [["O''Brien-2026!", "O'Brien-2026!"]], 'read to the closing quote, text after it');
  t.same(match(raw, `${login}'Mq7\\'Lp2Zt-x'`), [["Mq7\\'Lp2Zt-x", "Mq7'Lp2Zt-x"]], 'after a backslash (MySQL, BigQuery)');
  t.same(match(raw, `${login}'O'Brien-2026!'`), [["O'Brien-2026!", undefined]], 'unescaped, the template ends after it and the text before it is there once: found');
  t.same(match(`${set}${login}'{{ pw }}';\nselect 1`, `${login}'O'Brien-2026!';\nselect 1`), [["O'Brien-2026!", undefined]], 'the same with more text after');
  // where an unescaped value ends is not certain: the text after it continues past the output's end (a run file's DDL
  // around the compiled code), another construct follows it, or the text before it occurs twice
  t.same(aligned(raw, `create view v as (\n${login}'O'Brien-2026!'\n);`), ['O'], 'wrapped: the literal ends at the first quote');
  t.same(match(raw, `create view v as (\n${doubled}\n);`), [["O''Brien-2026!", "O'Brien-2026!"]], 'wrapped, written twice: found');
  t.same(aligned(`${raw}{# x #}`, `${login}'O'Brien-2026!'`), ['O'], 'a construct after it');
  t.same(aligned(`{{ ref('t') }} a('{{ env_var('X_PASSWORD') }}')`, `"x a('y" a('O'Brien-2026!')`), [null], 'the text before it twice');
  // what is no password stays silent
  for (const value of ["''", "'<password>'", "'changeme'", "'it''s'", "'O''Brien'"]) t.same(match(raw, `${login}${value}`), [], `${value}: not reported`);
  t.same(match(`{% set who = env_var('DBT_USER') %}\nselect '{{ who }}' as y`, "select 'O''Brien-2026!' as y"), [], "not a secret's env var");
  t.same(match(`${set}select 'it''s' as x, '{{ pw }}' as y`, `select 'it''s' as x, '${SECRET}' as y`), [[SECRET, undefined]], "another literal's doubled quote: only the value");
  const nested = `${set}exec('alter login dbt with password = ''{{ pw }}''')`;
  t.same(match(nested, `exec('alter login dbt with password = ''${SECRET}''')`), [[SECRET, undefined]], "in a literal inside another: its quotes are the outer literal's");
});

t.test('a call is at the end when only the literal after it follows', async (t) => {
  const atEnd = (template: string) => envVarCalls(template).map((c) => c.atEnd);
  t.same(atEnd("call auth('{{ env_var('X_TOKEN') }}')\n"), [true], 'the literal, then whitespace');
  t.same(atEnd("call auth('{{ env_var('X_TOKEN') }}'){# c #}"), [false], 'a comment after it');
  t.same(atEnd(`call auth('{{ env_var('X_TOKEN') }}') ${'x'.repeat(60)}`), [false], 'more text than a call keeps');
  t.same(atEnd("a('{{ env_var('X_TOKEN') }}'); b('{{ env_var('Y_TOKEN') }}')"), [false, true], 'only the last');
});

/** Work (work meter) of extracting the calls and aligning them. */
function workOf(raw: string, compiled: string): number {
  const before = workMeter.chars;
  renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(raw) });
  return workMeter.chars - before;
}

t.test('work grows linearly with hostile templates', async (t) => {
  const shapes: Record<string, (n: number) => [string, string]> = {
    // 100k calls, each aligned
    'calls that align': (n) => [`x('{{ env_var('A_TOKEN') }}');`.repeat(n), `x('${TOKEN}');`.repeat(n)],
    // each call's literal is missing from the output: every search would run to the end
    'calls that never align': (n) => [Array.from({ length: n }, (_, i) => `c${i}('{{ env_var('A_TOKEN') }}');`).join(''), 'y'.repeat(30 * n)],
    // a one-character literal that occurs everywhere, never followed by the closing one
    "quotes everywhere": (n) => [`'{{ env_var('A_TOKEN') }}' as t`.repeat(n), "'".repeat(30 * n)],
    // env_var( with no construct, and unclosed constructs
    'env_var( without Jinja': (n) => ["env_var('A_TOKEN') {".repeat(n), 'z'.repeat(20 * n)],
    // many names bound, rebound and used, inside ifs and loops that copy the bindings
    'many sets in blocks': (n) => [
      Array.from({ length: n / 4 }, (_, i) => `{% set p${i % 100} = 'a' ~ env_var('A_TOKEN') ~ p${(i + 1) % 100} %}{% if x %}{% for y in z %}x('{{ p${i % 100} ~ p${i % 7} }}');{% endfor %}{% else %}{% endif %}`).join(''),
      `x('a${TOKEN}');`.repeat(n / 4),
    ],
    // loops over literal lists of 16 names, each body read once per name; and loop heads whose bodies never end
    'loops over literal lists': (n) => [
      `{% for v in [${Array.from({ length: 16 }, (_, k) => `'T${k}_TOKEN'`).join(', ')}] %}x('{{ env_var(v) }}');{% endfor %}`.repeat(n / 100),
      `x('${TOKEN}');`.repeat((n / 100) * 16),
    ],
    'loop heads left open': (n) => [`{% for v in ['A_TOKEN', 'B_TOKEN'] %}{{ v }}{# x #}{{ env_var(v) }}`.repeat(n / 10), 'q'.repeat(10 * n)],
    // expressions of many short strings, each one read
    'strings joined': (n) => [`x('{{ ${Array(50).fill("'ab'").join(' ~ ')} ~ env_var('A_TOKEN') }}');`.repeat(n / 100), `x('${'ab'.repeat(50)}${TOKEN}');`.repeat(n / 100)],
    // one expression joining as many names as fit, each bound to many pieces
    'wide concatenations': (n) => [
      `{% set q = 'a' ~ env_var('A_TOKEN') ~ 'b' ~ env_var('B_TOKEN') ~ 'c' %}` + `{{ ${Array(12).fill('q').join('~')} }}`.repeat(n / 40),
      `a${TOKEN}b`.repeat(n),
    ],
  };
  for (const [name, make] of Object.entries(shapes)) {
    const [raw0, out0] = make(25_000);
    const [raw1, out1] = make(100_000);
    const w0 = workOf(raw0, out0);
    const w1 = workOf(raw1, out1);
    t.ok(w1 <= 5 * w0 + 64, `${name}: ${w0} → ${w1} (×${(w1 / w0).toFixed(1)})`);
    t.ok(w0 >= raw0.length, `${name}: metered`);
  }
});
