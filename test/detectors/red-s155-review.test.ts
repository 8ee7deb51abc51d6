/**
 * Review 155 of review 153's mends: a user-and-password label's ` / ` with spaces splits after any name and before any
 * password (`DbtSvc / …`, `dbt_svc / Tr0p1`); a fallback after `or` is refused only before a comparison (a filter, a
 * comment, a conditional may follow it); a passphrase is refused only when half its words or more are a state's or
 * filler (`'walrus tuxedo review fjord'` is one); a DSN's `*_file`/`*_path` setting holds a credential only in a token's
 * run (`token_file=tok.txt`, `credentials_path=sa.json` are files).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Marz-Blau!77';

t.test("a user-and-password label's spaced slash splits after any name", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    ['username/password: dbt_svc / Tr0p1', 'Tr0p1'],
    ['username/password: DbtSvc / Tr0pic-Thunder-42', 'Tr0pic-Thunder-42'],
    ['username/password: Looker_Svc / Tr0p/c-Thunder', 'Tr0p/c-Thunder'],
  ]);
});

t.test('a fallback after or, with a filter, a comment or a conditional after it', async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    [`{{ env_var('DBT_PW') or '${PASSWORD}' | trim }}`, PASSWORD],
    [`pwd = os.getenv('PW') or '${PASSWORD}'      # the old one`, PASSWORD],
    [`pwd = x.password or '${PASSWORD}' if prod else None`, PASSWORD],
  ]);
});

t.test("a passphrase with a word that diceware draws too", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [["The GPG passphrase for the export is 'walrus tuxedo review fjord'.", 'walrus tuxedo review fjord']]);
});

t.test("a DSN's file or path setting: a file's name is none", async (t) => {
  ruleProbe('dsn').findsNothing(t, 'config-meta', [
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?private_key_file=rsa_key.p8',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?credentials_path=sa.json',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?token_file=tok.txt',
    'snowflake://dbt_svc@acme-eu1/ACME_PROD?PRIV_KEY_FILE={/keys/k.p8}',
  ]);
});
