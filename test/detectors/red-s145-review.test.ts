/**
 * Red team 145, a review of the day's detector changes: what they took from recall, given back. A passphrase in
 * backticks is no code (`correct.horse.battery.staple`, `Xk_q(7v9Lm!)`); a password that begins with `_` or `*` is no
 * emphasis; a product's name is a weak password where it is no product's spelling (`DB_PASSWORD=1password`); a
 * describing word is a sentence's after a colon only (`SNOWFLAKE_PASSWORD=Secret.`); a digest "of" the name right before
 * it only; a service's sign-in session (`okta_session_id`).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const HEX32 = '2d711642b726b04401627ca9fbac32f5';
const HEX64 = `${HEX32}c8530fb1903cc4db02258717921a4881`;

t.test('real secrets the day\'s changes missed are found', async (t) => {
  const probe = ruleProbe('description');
  probe.finds(t, 'free-text', [
    ['Password: `correct.horse.battery.staple`', 'correct.horse.battery.staple'],
    ['Password: `Tango.Foxtrot.Kilo`', 'Tango.Foxtrot.Kilo'],
    ['Password: `Xk_q(7v9Lm!)`', 'Xk_q(7v9Lm!)'],
    ['password: _Kq7-Wasser!fall29', '_Kq7-Wasser!fall29'],
    ['password: *Rk8vQ2mL9xT!', '*Rk8vQ2mL9xT!'],
    ['password: _svc_Loader_2024_', '_svc_Loader_2024_'],
    ['password: _init_Loader9', '_init_Loader9'],
    ['DB_PASSWORD=GitHub-Service-Account', 'GitHub-Service-Account'],
    ['export SNOWFLAKE_PASSWORD=Secret. dbt run', 'Secret.'],
    [`We send the sha256 of each row to the webhook with api_key = '${HEX32}'`, HEX32],
    [`sha256 of the payload using secret: ${HEX64}`, HEX64],
  ]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [['-- password = `Blue.Mango_42`', 'Blue.Mango_42']]);
  ruleProbe('DBT_ENV_CUSTOM_ENV_NOTE').finds(t, 'env-metadata', [['DB_PASSWORD=1password', '1password']]);
  for (const name of ['okta_session_id', 'tableau_session_id']) ruleProbe(name).finds(t, 'config-meta', [['2kq7yegjzb3bnm8twoxhht48t3ep4hnw', '2kq7yegjzb3bnm8twoxhht48t3ep4hnw']]);
});

t.test('what the changes meant to leave out stays out', async (t) => {
  ruleProbe('description').findsNothing(t, 'free-text', [
    '**Password:** `settings.DB_PASSWORD`',
    '**Password:** `credentials.password`',
    '**Password:** `random_password.dbt_ci.result`',
    '**Password:** `Secret.load("db")`',
    '**Password:** **REDACTED**',
    '**Password:** `1Password`',
    '**Password:** Stored-In-KeyVault',
    'Password: Required.',
    `Stores a salted sha256 of the token: ${HEX64}`,
    `-- md5 of the api key: ${HEX32}`,
  ]);
  ruleProbe('ga_session_id').findsNothing(t, 'config-meta', ['2kq7yegjzb3bnm8twoxhht48t3ep4hnw']);
});
