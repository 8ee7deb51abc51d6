/**
 * Red team 84's passwords that people and their password managers make: a passphrase whose word is a secret's word too
 * (rocket-pepper-03), a generator's memorable password in lower case in prose (harbor-marble-6501), and `pass` as the
 * label of a user's password in prose (user `bi_reader`, pass `…`). Beside each, the decoys of the same form that stay silent.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const sql = ruleProbe('compiled_code');
const prose = ruleProbe('description');

t.test("a passphrase that holds a secret's word (pepper) is a password under a password's name and after SQL's PASSWORD", async (t) => {
  ruleProbe('DB_PASSWORD').finds(t, 'env-metadata', [['rocket-pepper-03', 'rocket-pepper-03']]);
  ruleProbe('db_password').finds(t, 'config-meta', [['salsa-pepper-17', 'salsa-pepper-17']]);
  sql.finds(t, 'compiled-code', [
    ["ALTER ROLE tableau_ro WITH PASSWORD 'rocket-pepper-03' VALID UNTIL '2026-06-30';", 'rocket-pepper-03'],
    ["CREATE USER reporting WITH PASSWORD 'juniper-falcon-5220';", 'juniper-falcon-5220'],
  ]);
  // a host's name, a policy, a pepper's own entry, and where a password is kept stay what they are
  ruleProbe('DB_HOST').findsNothing(t, 'env-metadata', ['rocket-pepper-03']);
  ruleProbe('password_policy').findsNothing(t, 'config-meta', ['strong-01']);
  ruleProbe('PASSWORD_PEPPER').findsNothing(t, 'env-metadata', ['app-pepper-02']);
  ruleProbe('DB_PASSWORD').findsNothing(t, 'env-metadata', ['dbt-prod-snowflake-password', 'snowflake-secret-2', 'prod-db-credentials']);
  sql.findsNothing(t, 'compiled-code', [
    "ALTER ROLE tableau_ro WITH PASSWORD 'dbt-prod-password' VALID UNTIL '2026-06-30';",
    "select * from hosts where hostname = 'rocket-pepper-03'",
  ]);
});

t.test("a generator's memorable password in lower case after a password's label or 'reset to' in prose", async (t) => {
  prose.finds(t, 'free-text', [
    ['After the incident the password was reset to harbor-marble-6501 and shared.', 'harbor-marble-6501'],
    ['Temporary password for the Looker service user until SSO is enabled: maple-ember-1206', 'maple-ember-1206'],
    ['After the outage the password was reset to Harbor!Marble6501 and shared.', 'Harbor!Marble6501'],
    ['The password of the loader user is cedar-violet-lantern-4417.', 'cedar-violet-lantern-4417'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'Temporary password for the Looker service user until SSO is enabled: see the vault',
    'Password for the Looker service user: rotated monthly',
    'Password for the Looker service user: managed-by-sso',
    'Password for service users: min-length-12',
    'Password for service users: min-length-128',
    'Password for service users: rotated-every-180',
    'The password of the reporting user is valid-for-3600',
    'The password of the loader user is rotated and pushed to secret-store-001.',
    'The password for the sync user is copied to orders-archive-2024 nightly.',
    'The refresh token was reset to page-cursor-1000 after the backfill.',
    'After the incident the password was reset to rocket-pepper-03 and shared.',
    'The API token is harbor-marble-6501.',
    'Password for the replica: see-runbook-1200',
  ]);
});

t.test("pass beside a user named in prose is the user's password; pass alone is a word", async (t) => {
  prose.finds(t, 'free-text', [
    ['BI replica access for the vendor: user `bi_reader`, pass `Kestrel#20basil`.', 'Kestrel#20basil'],
    ['BI replica access: user `bi_reader`, pass: `Otter?77violet`.', 'Otter?77violet'],
    ['BI replica access for the vendor: user `bi_reader`, password `Ember-64juniper`.', 'Ember-64juniper'],
    ['BI replica access for the vendor: user `bi_reader`, password `Quartz%31velvet`.', 'Quartz%31velvet'],
    ['For the record, the password is `Tundra-52maple`.', 'Tundra-52maple'],
    ['For the record, the password `Tundra-52maple` was shared.', 'Tundra-52maple'],
    ['Vendor login `bi_reader` and pass Kestrel#20basil', 'Kestrel#20basil'],
    // a profile's user key further on (a YAML block pasted below) makes it a profile's pass: read as a password's all the same
    ['BI replica access for the vendor: user `bi_reader`, pass `Pepper-0914copper`.\n\n```yaml\ndata:\n  username: YmlfcmVhZGVy\n```', 'Pepper-0914copper'],
  ]);
  prose.findsNothing(t, 'free-text', [
    'The pass rate of `assert_orders_2024` is 98%.',
    'Tell user `dbt_ci` to pass `--full-refresh` on the first run.',
    'Ask user `bi_reader` to pass `orders_2024` to the macro.',
    'Pass `Kestrel#20basil` to the macro as its seed.',
    'Print your boarding pass `BP-20240512` at the desk.',
    'user `bi_reader`, pass `--vars` with `{run_date: 2024-05-01}`',
    'The password `PasswordPolicyV2` macro checks the length.',
    'The password `Policy-v2` rule applies to service users.',
    'The user `bi_reader` will pass `Orders-2024` checks.',
    'The token `X-B3-TraceId` header is forwarded.',
  ]);
});
