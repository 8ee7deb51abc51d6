/**
 * Red team 159 (dbt under orchestrators): a container's environment echoed in an error, a variable's name and then its
 * value, as a pod spec's YAML, JSON or Python's repr writes the pair (`- name: DBT_PG_PASSWORD` / `value: "…"`). The
 * value is a secret when the name is one's; a reference (`valueFrom: secretKeyRef`), a placeholder or a setting's name
 * beside a plain value stays none. Read from the raw JSON text as the stream reads it, escapes and all.
 */
import t from 'tap';
import { runResults, scanArtifact } from '../helpers.js';
import { markedInRaw, ruleProbe } from './rule-probe.js';

// made up for this test
const SECRET = 'Qz8vLm2Kx9WpTr4';

const PAIRS = [
  `Runtime Error\n  env:\n  - name: DBT_PG_PASSWORD\n    value: "${SECRET}"\n`,
  `- name: SNOWFLAKE_PASSWORD\n    value: ${SECRET}`,
  `container spec: {"env": [{"name": "PGPASSWORD", "value": "${SECRET}"}]}`,
  `{'name': 'DBT_API_TOKEN', 'value': '${SECRET}'}`,
];
const NOT_SECRETS = [
  '- name: DBT_PG_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: pg\n        key: password',
  '- name: DBT_TARGET\n    value: prod',
  '{"name": "api_key", "value": "${API_KEY}"}',
  `{"name": "customer_id", "value": "${SECRET}"}`,
  // a bare value to its line's end, a flow list, a note in brackets, a reference's word (review 161)
  '- name: DB_PASSWORD\n    value: <set in vault>',
  '- name: DB_PASSWORD\n    value: [hidden]',
  '- name: DB_PASSWORD\n    value: (from secret)',
  '- name: DB_PASSWORD\n    value: secretKeyRef',
];

t.test("an environment's name and value pair in an error: the value of a secret's name", async (t) => {
  const probe = ruleProbe('message');
  probe.finds(t, 'run-messages', PAIRS.map((text) => [text, SECRET] as const));
  probe.findsNothing(t, 'run-messages', NOT_SECRETS);
});

t.test('the raw-text search marks the pair as the JSON file writes it', async (t) => {
  for (const text of PAIRS) t.ok(markedInRaw('message', text), `${JSON.stringify(text.slice(0, 40))}: marked`);
  for (const text of PAIRS) {
    const { findings } = scanArtifact(runResults({ results: [{ unique_id: 'model.p.m', status: 'error', message: text, timing: [], thread_id: 'Thread-1', execution_time: 1, adapter_response: {}, failures: null }] }), 'run_results.json');
    t.same(findings.map((f) => f.ruleId), ['run-messages'], `${JSON.stringify(text.slice(0, 40))}: found in run_results.json`);
  }
});
