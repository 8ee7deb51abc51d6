/**
 * Session 34's red-team round: passwords in the prose of more languages (Czech, Slovene, Croatian,
 * Finnish, Danish, Afrikaans, Indonesian, and words with a letter past ASCII: Swedish, Hungarian,
 * Lithuanian, Turkish); a DSN that is only a host and port; a value encrypted at rest (Ansible
 * Vault, SOPS, hiera-eyaml, Vault transit) under a password's name; MySQL's SET PASSWORD FOR an
 * account; HTML's character references for a mask where a value would go; the one-way hashes of
 * Werkzeug, MySQL, LDAP, Spring and SQL Server, and more ways to write a reference (Maven's
 * @prop@, Concourse's ((var)), CloudFormation's !Ref, a program's read of its environment, vals'
 * ref+…://) under a password's name. Each case names the exact
 * secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { keyWords } from '../../src/detectors/key-grammar.js';
import { isRealSecretValue, isSecretKeyName, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'Czech heslo:', text: 'Přístup do skladu: uživatel dbt_ro, heslo: Hx7-Lq2vPz9', secrets: ['Hx7-Lq2vPz9'] },
  { label: 'Slovene geslo:', text: 'Uporabnik porocila, geslo: Gs4_Wm8kTq1', secrets: ['Gs4_Wm8kTq1'] },
  { label: 'Croatian lozinka:', text: 'Korisnik izvjestaji / lozinka: Lz5#Rn2wVb8', secrets: ['Lz5#Rn2wVb8'] },
  { label: 'Finnish salasana:', text: 'Raportointitunnus: käyttäjä raportti, salasana: Ss3!Kd9mQx2', secrets: ['Ss3!Kd9mQx2'] },
  { label: 'Danish adgangskode:', text: 'Rapportbruger: rapport, adgangskode: `Ak6-Tz1pLw4`', secrets: ['Ak6-Tz1pLw4'] },
  { label: 'Afrikaans wagwoord:', text: 'Verslae gebruiker, wagwoord: Wg2*Hs7nCe5', secrets: ['Wg2*Hs7nCe5'] },
  { label: 'Indonesian kata sandi: (two words)', text: 'Akses baca: pengguna laporan, kata sandi: Ks8%Pb3xJr6', secrets: ['Ks8%Pb3xJr6'] },
  { label: 'Swedish lösenord: (the ö before the keyword)', text: 'Inloggning: användare `rapport`, lösenord: Ls1-Yq5vNd7', secrets: ['Ls1-Yq5vNd7'] },
  { label: 'Hungarian jelszó: (the ó after the keyword)', text: 'Olvasási hozzáférés: felhasználó riport, jelszó: Jz9_Fw4tMh3', secrets: ['Jz9_Fw4tMh3'] },
  { label: 'Lithuanian slaptažodis:', text: 'Naudotojas ataskaitos, slaptažodis: Sp2!Cv6rKn8', secrets: ['Sp2!Cv6rKn8'] },
  { label: 'Turkish şifre:', text: 'Raporlama kullanıcısı: rapor_ro — şifre: Sf7#Gd1xWp4', secrets: ['Sf7#Gd1xWp4'] },
  { label: "HTML's references for a mask", text: 'Set TOKEN=&lt;your-token&gt; and PASSWORD=&#42;&#42;&#42;&#42; before the run.', secrets: [] },
  { label: "HTML's hexadecimal and named references for a mask", text: 'PASSWORD=&#x2A;&#x2A;&#x2A;&#x2A;&#x2A; api_token=&ast;&ast;&ast;&ast;', secrets: [] },
  { label: 'a password that begins with & is still one', text: 'pwd=&Qx7Kq2mZp9!A', secrets: ['&Qx7Kq2mZp9!A'] },
  { label: '`sandi` alone is a code or a name, not a password', text: 'sandi: Ks8%Pb3xJr6', secrets: [] },
  { label: 'a word around the keyword is no name of a password', text: 'certifrec: Sf7#Gd1xWp4; slaptop: Sp2!Cv6rKn8', secrets: [] },
  { label: 'a foreign word with a reference where the value would go', text: "heslo: {{ env_var('DBT_ENV_SECRET_HESLO') }}, salasana: <salasana>", secrets: [] },
  // pyexasol's and Vertica's dsn is where to connect: the password beside it is the secret
  { label: 'dsn=host:port beside a password', text: 'Could not connect to Exasol: dsn=exa.acme.io:8563 user=SYS password=Ex4-Rk8mVq2 schema=RAW', secrets: ['Ex4-Rk8mVq2'] },
  { label: "dsn= Exasol's host range and a list", text: 'dsn=exa1..3.acme.io:8563 dsn=10.0.0.11:8563,10.0.0.12:8563 dsn=exa.acme.io', secrets: [] },
]);

check(sqlCredentialDetector, [
  { label: "MySQL SET PASSWORD FOR 'user'@'host' = '…'", text: "-- mysql: SET PASSWORD FOR 'etl'@'%' = 'My4-Sq7wRt2';", secrets: ['My4-Sq7wRt2'] },
  { label: "MariaDB's older = PASSWORD('…')", text: "SET PASSWORD FOR etl = PASSWORD('My4-Sq7wRt2')", secrets: ['My4-Sq7wRt2'] },
  { label: 'backquoted account, double-quoted literal', text: 'set password for `etl`@`localhost` = "My4-Sq7wRt2"', secrets: ['My4-Sq7wRt2'] },
  { label: 'a placeholder for the new password', text: "SET PASSWORD FOR 'etl'@'%' = '<new-password>'", secrets: [] },
  { label: 'prose about a password for an account', text: "the password for 'etl' = 'the one in the vault'", secrets: [] },
]);

t.test('the foreign words name a password in a key too, accents dropped', async (t) => {
  for (const name of ['heslo', 'DB_HESLO', 'geslo', 'lozinka', 'jelszó', 'DB_JELSZO', 'slaptažodis', 'şifre', 'DB_SIFRE', 'wagwoord', 'kata sandi', 'KATA_SANDI_DB', 'kataSandi']) {
    t.ok(isSecretKeyName(name), name);
  }
  for (const name of ['sandi', 'KATA_SANDI_PATH', 'heslo_hint']) t.notOk(isSecretKeyName(name), name);
  t.same(keyWords('Kata_Sandi'), ['katasandi']);
});

t.test('a DSN that is only a host (and port) holds no secret', async (t) => {
  for (const v of ['exa.acme.io:8563', 'exa1..3.acme.io:8563', 'vertica.acme.io:5433/dw', 'ch-1:9000', '10.0.0.11:8563,10.0.0.12:8563']) {
    t.notOk(isRealSecretValue(v, 'dsn'), v);
    t.same(secretKeyNameDetector.detect(v, { key: 'EXASOL_DSN' }), [], `EXASOL_DSN=${v}`);
  }
  // a password-shaped value under a DSN's name, and a DSN with a user and password, stay secrets
  t.ok(isRealSecretValue('Ex4-Rk8mVq2', 'dsn'));
  t.equal(secretKeyNameDetector.detect('etl:Ex4-Rk8mVq2@exa.acme.io:8563', { key: 'EXASOL_DSN' }).length, 1);
});

t.test('a value encrypted at rest under a password name is no secret', async (t) => {
  const hexLines = ['6638643963623330', '3332613461386564', '6363663566633564', '3661613935396161'].map((h) => h.repeat(5)).join('\n');
  const silent: [string, string][] = [
    ['SNOWFLAKE_PASSWORD', `$ANSIBLE_VAULT;1.1;AES256\n${hexLines}`],
    ['DB_PASSWORD', `$ANSIBLE_VAULT;1.2;AES256;prod\n${hexLines}`],
    ['API_TOKEN', 'ENC[AES256_GCM,data:Tr2Yz0lPqR8w,iv:2x4eJq8Hn1Kv7Lm3Zp9Ws5Tb6Yc0Rd4U=,tag:Qm8vNc2Lx5Jw9Hr3Tk6Bp1==,type:str]'],
    ['DB_PASSWORD', 'ENC[PKCS7,MIIBiQYJKoZIhvcNAQcDoIIBejCCAXYCAQAxggEhMIIBHQIBADAFMAACAQEw]'],
    ['CLIENT_SECRET', 'vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w=='],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value.slice(0, 16)}`);
  // an envelope's header over a body that is no ciphertext, or a password that only begins like one, is still a password
  t.equal(secretKeyNameDetector.detect('$ANSIBLE_VAULT;1.1;AES256\nZq8kLm2vX9Wp-not-hex', { key: 'DB_PASSWORD' }).length, 1, 'a vault header over a password');
  t.equal(secretKeyNameDetector.detect('ENC[AES256_GCM,Zq8kLm2vX9Wp]', { key: 'DB_PASSWORD' }).length, 1, 'a SOPS-like start without its fields');
});

t.test('one-way password hashes of more systems are no secret; a plain password beside them is', async (t) => {
  const hex64 = '9c2e4f8a1b3d5e7f'.repeat(4);
  const silent: [string, string][] = [
    ['password', `pbkdf2:sha256:600000$Xc8kP2Lq$${hex64}`],
    ['password', `scrypt:32768:8:1$Xc8kP2LqWm3n$${hex64}${hex64}`],
    ['authentication_string', '*6C8989366EAF75BB670AD8EA7A7FC1176A95CEF4'],
    ['userPassword', '{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g4aHhM'],
    ['password', '{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['password_hash', `0x0200ABCD1234${'0f1e2d3c'.repeat(16)}`],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value.slice(0, 12)}`);
  // Spring's {noop} is the password in clear; a `*` before a password that is not 40 hex digits is a password
  for (const value of ['{noop}Sp7-Rq2wLx9z', '*Sp7-Rq2wLx9z']) t.equal(secretKeyNameDetector.detect(value, { key: 'password' }).length, 1, value.slice(0, 7));
});

t.test('more ways to write a reference where a secret would go', async (t) => {
  const silent: [string, string][] = [
    ['password', '@db.password@'],
    ['token', '@@DEPLOY_TOKEN@@'],
    ['password', '((db_password))'],
    ['secret', '!Ref DbSecret'],
    ['password', '!vault |'],
    ['api_key', 'os.environ["API_KEY"]'],
    ['api_key', "os.environ.get('API_KEY')"],
    ['token', 'process.env.SLACK_TOKEN'],
    ['password', "ENV.fetch('DB_PASSWORD')"],
    ['password', 'System.getenv("DB_PASSWORD")'],
    ['password', 'file:/run/secrets/db_password'],
    ['password', 'jceks://hdfs/user/etl/warehouse.jceks'],
    ['password', 'ref+vault://secret/data/dbt#/password'],
    ['token', 'Bearer'],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value}`);
  // a password that only starts like one, or is written between @ with symbols, is still a password
  for (const value of ['@Sp7-Rq2w@Lx9z', '((Sp7-Rq2wLx9z', 'Bearer-Sp7Rq2wLx9z']) t.equal(secretKeyNameDetector.detect(value, { key: 'password' }).length, 1, value.slice(0, 4));
});
