/**
 * Session 34: a secret-named key (password, token, api_key…) is read in the assignment forms a
 * vendor's name already was (assignment-forms.test.ts): Make's `::=` `:::=` `?=`, PHP's `.=`, and the
 * name and value as two quoted arguments of a setter (`setenv("API_TOKEN", "…")`,
 * `vault.set_secret('DB_PASSWORD', '…')`). Through the whole scanner, so the pre-filter's anchor
 * must let each form through too. Look-alikes (an expression, a piece of a string, a placeholder,
 * a question) stay silent.
 */
import t from 'tap';
import { manifest, scanArtifact } from '../helpers.js';

const PW = 'Zq8vLm3xRt7wKp2n';

/** What the whole scanner reports in a macro's text: detector and secret. */
function foundIn(macroSql: string): string[] {
  const { text, findings } = scanArtifact(manifest({ macros: { 'macro.p.m': { unique_id: 'macro.p.m', resource_type: 'macro', name: 'm', package_name: 'p', macro_sql: macroSql } } }));
  return findings.map((f) => `${f.detectorId}: ${JSON.parse(`"${text.slice(f.charOffset, f.charOffset + f.charLength)}"`)}`);
}

t.test('a secret-named key is read after Make and PHP assignments', async (t) => {
  const forms: Record<string, string> = {
    'make ::=': `DB_PASSWORD ::= "${PW}"`,
    'make :::=': `SNOWFLAKE_PASSWORD :::= '${PW}'`,
    'make ?=': `API_TOKEN ?= "${PW}"`,
    'make ?= bare, its own line': `ci:\n\tdbt run\nAPI_KEY ?= ${PW}\n`,
    'make ::= bare, unspaced': `x DB_PASSWORD::=${PW} y`,
    'php .=': `$dbPassword .= "${PW}";`,
  };
  for (const [label, text] of Object.entries(forms)) t.same(foundIn(text), [`password-assignment: ${PW}`], label);
});

t.test('a secret-named key and its value as two quoted arguments of a setter', async (t) => {
  const forms: Record<string, string> = {
    setenv: `{% do setenv("API_TOKEN", "${PW}") %}`,
    'set_secret in Python': `vault.set_secret("DB_PASSWORD", "${PW}")`,
    setSecret: `core.setSecret("slack_token", "${PW}")`,
    'os.environ slot': `os.environ["DB_PASSWORD"] = "${PW}"`,
    setItem: `localStorage.setItem("auth_token", "${PW}")`,
  };
  for (const [label, text] of Object.entries(forms)) t.same(foundIn(text), [`code-secret-argument: ${PW}`], label);
  // (in single quotes, a name and a literal are SQL's too: sql-password reports them first)
  t.same(foundIn(`call set_secret('DB_PASSWORD', '${PW}')`), [`sql-password: ${PW}`]);
});

t.test('look-alikes of the new forms stay silent', async (t) => {
  for (const text of [
    'DB_PASSWORD ::= $(shell cat /run/secrets/pw)',
    'TOKEN ?= $(TOKEN_FROM_ENV)',
    'db_password ::= ${DB_PASSWORD}',
    '$password .= $salt;',
    "$token .= '&scope=read';",
    'api_key ?= "<your key>"',
    'forgot your password? reset it at /account',
    'token ?== a',
    'setenv("API_TOKEN", "")',
    "setenv('DB_PASSWORD', 'changeme')",
    `set_secret('DB_PASSWORD', '{{ env_var("DB_PASSWORD") }}')`,
    `setenv("DB_HOST", "${PW}")`,
  ]) t.same(foundIn(text), [], text);
});

t.test("Italian's `è` reads as a `: ` after a secret's name, a space on each side", async (t) => {
  t.same(foundIn(`per i run locali la password è ${PW} (utente dbt_dev)`), [`password-assignment: ${PW}`]);
  t.same(foundIn(`il token è '${PW}'`), [`password-assignment: ${PW}`]);
  for (const text of [
    'la password è cambiata ogni 90 giorni',
    'la password è scaduta',
    'la password è in 1Password',
    'la password è <la tua password>',
    'la password è ${DB_PASSWORD}',
    `la password è {{ env_var('DB_PASSWORD') }}`,
    'la password è',
    `la passwordè ${PW}`,
  ]) t.same(foundIn(text), [], text);
});
