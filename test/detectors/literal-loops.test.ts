/**
 * Session 34: env_var() in a Jinja loop over a literal list (`{% for name in ['DB_PASSWORD',
 * 'API_TOKEN'] %}…{{ env_var(name) }}…{% endfor %}`) renders each item's value in turn: the body is
 * read once per item, the loop's name bound to it. Only when nothing can skip an iteration or
 * render it otherwise (an if, a nested loop, a loop filter, a break): then the calls stay unknown,
 * as before, and nothing is reported.
 */
import t from 'tap';
import { envVarCalls } from '../../src/detectors/env-var-calls.js';
import { renderedEnvVarDetector } from '../../src/detectors/rendered-env-vars.js';

const PW = 'Vq9xK2mL8pR4tW7z';
const TOKEN = 'Zt7-Qw3eR9yU1iO5';

/** The values the detector reports in `compiled`, read with the calls of `raw`. */
function found(raw: string, compiled: string): string[] {
  return renderedEnvVarDetector.detect(compiled, { key: 'compiled_code', envVars: envVarCalls(raw) }).map((m) => compiled.slice(m.start, m.end));
}

t.test('a loop over a literal list renders each item\'s value', async (t) => {
  const raw = "{% for v in ['DB_PASSWORD', 'API_TOKEN'] %}\nexport {{ v }}='{{ env_var(v) }}'\n{% endfor %}\nselect 1";
  t.same(envVarCalls(raw).map((c) => c.name), ['DB_PASSWORD', 'API_TOKEN'], 'one call per item, by the item\'s name');
  t.same(found(raw, `\nexport DB_PASSWORD='${PW}'\n\nexport API_TOKEN='${TOKEN}'\n\nselect 1`), [PW, TOKEN]);
  // the name rendered by {{ v }} is text around the value; a tuple, double quotes, a trailing comma, whitespace control
  const tuple = `{%- for k in ("SNOWFLAKE_PASSWORD", "DBT_ENV_SECRET_PG",) -%}\n  call set_param('{{ k }}', '{{ env_var(k) }}');\n{%- endfor %}`;
  t.same(found(tuple, `  call set_param('SNOWFLAKE_PASSWORD', '${PW}');\n  call set_param('DBT_ENV_SECRET_PG', '${TOKEN}');`), [PW, TOKEN], 'a tuple');
  // only secret names are read: an item that names none renders nothing reported
  t.same(found("{% for v in ['DBT_TARGET', 'DB_PASSWORD'] %}x('{{ env_var(v) }}');{% endfor %}", `x('analytics_prod_2024');x('${PW}');`), [PW]);
  // a set in the body, rendered each time
  t.same(found("{% for v in ['A_TOKEN', 'B_TOKEN'] %}{% set t = env_var(v) %}h('{{ t }}');{% endfor %}", `h('${PW}');h('${TOKEN}');`), [PW, TOKEN], 'bound by a set in the body');
});

t.test('a loop that may skip an iteration is not read item by item', async (t) => {
  const out = `x('${PW}');`;
  const cases: Record<string, string> = {
    'an if in the body': "{% for v in ['DB_PASSWORD', 'API_TOKEN'] %}{% if target.name == 'prod' %}x('{{ env_var(v) }}');{% endif %}{% endfor %}",
    'a loop filter': "{% for v in ['DB_PASSWORD', 'API_TOKEN'] if v != 'API_TOKEN' %}x('{{ env_var(v) }}');{% endfor %}",
    'a nested loop': "{% for v in ['DB_PASSWORD', 'API_TOKEN'] %}{% for w in xs %}x('{{ env_var(v) }}');{% endfor %}{% endfor %}",
    'break': "{% for v in ['DB_PASSWORD', 'API_TOKEN'] %}x('{{ env_var(v) }}');{% break %}{% endfor %}",
    'a list of unknowns': "{% for v in [a, 'API_TOKEN'] %}x('{{ env_var(v) }}');{% endfor %}",
    'a list from a variable': "{% for v in names %}x('{{ env_var(v) }}');{% endfor %}",
  };
  for (const [label, raw] of Object.entries(cases)) {
    t.same(envVarCalls(raw), [], label);
    t.same(found(raw, out), [], label);
  }
  // after the loop the name is no longer bound
  t.same(envVarCalls("{% for v in ['DB_PASSWORD'] %}a('{{ env_var(v) }}');{% endfor %}b('{{ env_var(v) }}');").length, 1, 'the binding ends with the loop');
});
