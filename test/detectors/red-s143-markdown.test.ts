/**
 * Red teams 143 and 144: what Markdown docs write after a credential's label. A value in bold or italics is the text
 * between the marks (`**Token:** **REDACTED**` none; `*Xq7-Blue-Mango#42*` without its marks); an empty field's next
 * label is no value; a password manager, a store or a login by its name (`1Password`, `HashiCorp Vault`, `Entra ID`,
 * `Stored-In-KeyVault`); code in backticks that reads the secret; a secret manager's reference (`aws_secretsmanager:…`,
 * `sops:…`, `%env(NAME)%`). And a SET statement's token with a comment after it, after another statement on its line.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Xq7-Blue-Mango#42';
const TOKEN = 'Kx9mPq2vL8zR4tYwB3nE';

t.test('a label in bold and what docs write after it', async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata']] as const) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, rule, [
      '**Password:** **REDACTED**',
      '**Token:** *redacted*',
      '**Password:** *(none)*',
      '**User:** LOADER **Password:** **Role:** LOADER',
      '**Password:** `1Password`',
      'password: 1Password',
      '**Password:** LastPass',
      '**Password:** HashiCorp Vault',
      '**Token:** `Entra ID`',
      '**Secret:** AWS-Secrets-Manager',
      '**Client secret:** Stored-In-KeyVault',
      '**auth_token:** Hashed-SHA256',
      '**Password:** `random_password.dbt_ci.result`',
      '**Password:** `settings.DB_PASSWORD`',
      '**Password:** `config["password"]`',
      '**Password:** `Secret.load("db")`',
      'password: aws_secretsmanager:prod/db:password',
      'password: sops:secrets.yaml#password',
      'password: %env(DB_PASSWORD)%',
      'Passwort: siehe_Vault',
    ]);
    probe.finds(t, rule, [
      [`**Password:** *${PASSWORD}*`, PASSWORD],
      [`**Password:** **${PASSWORD}**`, PASSWORD],
      ['**Password:** `Xk9mQ2vL7pRz`', 'Xk9mQ2vL7pRz'],
      [`**Password:** ${PASSWORD}`, PASSWORD],
      ['password: Vault2024!x', 'Vault2024!x'],
    ]);
  }
});

t.test("a SET statement's token with a comment or more SQL after it, after another statement", async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    [`SET a = 1; SET api_token = ${TOKEN} -- rotate me`, TOKEN],
    [`SET a = 1; SET api_token = ${TOKEN} /* dev */ select 1`, TOKEN],
  ]);
  ruleProbe('raw_code').findsNothing(t, 'raw-code', ["{{ var('db_password') | default('Postgres') }}"]);
});
