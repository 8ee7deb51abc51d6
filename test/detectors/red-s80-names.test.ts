/**
 * Red team 80's misses and false alarms in how names and prose say a password: a password's word first then what it is
 * for, in more languages than Portuguese, Spanish and French (`hasło_ftp`, `ŞİFRE_FTP`, `clave_acceso`); the words that
 * make such a name a password's description in those languages (`senha_politica`, `politique_mot_de_passe`); a no-break
 * space before French's colon; Japanese's full-width `＝`; a password of two words a symbol joins after "is".
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const PASSWORD = 'Odra&Warta12';

t.test("a password's word first, then what it is for, names a password in every language that writes it so", async (t) => {
  for (const name of ['hasło_ftp', 'haslo_sftp', 'HASLO_DB', 'ŞİFRE_FTP', 'şifre_ftp', 'heslo_db', 'geslo_baza', 'lozinka_baze', 'senha_do_banco', 'contraseña_de_bd', 'hasło_do_ftp']) {
    ruleProbe(name).finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
  }
  // Spanish "clave de acceso": a password in a password's shape; Ecuador's invoice access key (49 digits) and prose are none
  for (const name of ['clave_acceso', 'CLAVE_DE_ACCESO', 'clave_acceso_ftp', 'db_clave_acceso']) {
    ruleProbe(name).finds(t, 'config-meta', [['Cl4ve#Acc', 'Cl4ve#Acc']]);
    ruleProbe(name).findsNothing(t, 'config-meta', ['0503202401179000000000120010010000000011234567813', 'clave de 49 dígitos del SRI', 'numérica']);
  }
  // `clave` alone is any key
  ruleProbe('clave').findsNothing(t, 'config-meta', ['Cl4ve#Acc']);
});

t.test("the words that describe a password, in the languages that put the password's word first, after it or before", async (t) => {
  for (const name of [
    'mot_de_passe_politique', 'politique_mot_de_passe', 'senha_politica', 'contraseña_politica', 'politica_de_senha', 'longitud_contrasena',
    'hasło_polityka', 'haslo_dlugosc', 'şifre_politikası', 'ŞİFRE_UZUNLUĞU', 'heslo_pravidla', 'senha_expiracao', 'contrasena_caducidad',
    'hash_senha', 'senha_reset',
  ]) {
    ruleProbe(name).findsNothing(t, 'config-meta', ['12 caractères minimum, rotation trimestrielle', 'Min12#Zeichen', PASSWORD]);
  }
  // English's and German's stay as they were
  for (const name of ['password_policy', 'Passwortrichtlinie']) ruleProbe(name).findsNothing(t, 'config-meta', [PASSWORD]);
});

const prose = ruleProbe('description');

t.test("a no-break space before the colon (French typography), and Japanese's full-width equals", async (t) => {
  prose.finds(t, 'free-text', [
    ['Compte de service : mot de passe\u00a0: Tour#Eiffel89', 'Tour#Eiffel89'],
    ['mot de passe\u202f: Arc#Triomphe75', 'Arc#Triomphe75'],
    ['password\u00a0: Big#Ben1859', 'Big#Ben1859'],
    ['在庫。パスワード＝Osaka!Dotonbori（本番）', 'Osaka!Dotonbori'],
    ['パスワード ＝ Nara#Deer7', 'Nara#Deer7'],
  ]);
  prose.findsNothing(t, 'free-text', ['mot de passe\u00a0: obligatoire', 'mot de passe\u00a0: voir 1Password', 'パスワード＝必須', 'password\u00a0: ********']);
});

t.test('after "is", two capitalised words a symbol joins and no digit are not read as a password: policy prose writes so as often (red teams 80, 83)', async (t) => {
  // (red team 80 planted the first four as passwords; red team 83's policy prose is the same shape: a digit decides)
  prose.findsNothing(t, 'free-text', [
    'Filialen. Das Passwort ist Alpen#Gluehen, bitte nicht weitergeben.',
    'Das Passwort lautet Zug#Spitze.',
    'The password is Alpen#Gluehen.',
    'Le mot de passe est Mont#Blanc.',
    'The password is Case#Sensitive.',
    'The password is Hashed%Salted.',
    'The password is Not?Stored.',
    'The password is Reset~Monthly.',
    'The token is Read#Only.',
    'The password is required.',
    'The password is hashed.',
    'Das Passwort ist Pflicht.',
    'Le mot de passe est obligatoire.',
    'The password is `********`.',
    'The password is stored in Vault.',
    'The password is Baden-Baden.',
    'The password is Read/Write.',
    'The hot key is Ctrl+Shift.',
  ]);
  prose.finds(t, 'free-text', [['Das Passwort ist Alpen#Gluehen7, bitte nicht weitergeben.', 'Alpen#Gluehen7']]);
});

const KEYTAB = 'BQIAAABHAAIAC0NPTlRPU08uQ09NAAdzdmNfZGJ0AAhzcWxwcm9kMDEAAAABZIc6dAEAEgAgq7K9mR2vX5nT8wY1zA4cD7fG0hJ3kL6oP9sU2xW5bE8=';

t.test("a Kerberos keytab in base64 under a keytab's name is a credential; its path, a principal or other base64 are not", async (t) => {
  for (const name of ['keytab_b64', 'keytab', 'svc_keytab']) ruleProbe(name).finds(t, 'config-meta', [[KEYTAB, KEYTAB]]);
  ruleProbe('KRB5_KEYTAB').finds(t, 'env-metadata', [[KEYTAB, KEYTAB]]);
  ruleProbe('keytab_b64').findsNothing(t, 'config-meta', [
    '/etc/security/keytabs/svc_dbt.keytab',
    'svc_dbt@CONTOSO.COM',
    // base64 that is no keytab (its first bytes are not 5, then 1 or 2)
    'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB',
  ]);
});

const STORAGE_KEY = '9Nzy2Q4XFVzVK7zPq9pOQJs2mwmUrij/bqNkzbnc/oLzX4vvcYBE5gneB1137lHoYWzk4oYqjy08OwYtUywigg==';

t.test("an Azure storage account key's shape under an environment variable's *_KEY name; no other *_KEY value loosened", async (t) => {
  ruleProbe('ADLS_KEY').finds(t, 'env-metadata', [[STORAGE_KEY, STORAGE_KEY]]);
  ruleProbe('ADLS_KEY').findsNothing(t, 'env-metadata', [
    'exports/2024/Daily01.tar.gz',
    // one character short, or no `==` at its end
    STORAGE_KEY.slice(1),
    `${STORAGE_KEY.slice(0, -2)}AA`,
  ]);
  // a model's key of that shape is not an environment's
  ruleProbe('adls_key').findsNothing(t, 'config-meta', [STORAGE_KEY]);
});

t.test("Azure Data Factory's Key Vault reference as a JSON string is no password; a password beside its keys is", async (t) => {
  const reference = '{"type": "AzureKeyVaultSecret", "store": {"referenceName": "ls_kv_contoso", "type": "LinkedServiceReference"}, "secretName": "sql-pwd"}';
  ruleProbe('adf_password').findsNothing(t, 'config-meta', [reference, reference.replace('"sql-pwd"}', '"sql-pwd", "secretVersion": "3"}')]);
  const withPassword = '{"type": "AzureKeyVaultSecret", "secretName": "sql-pwd", "password": "Kx7#mN9pL4"}';
  ruleProbe('adf_password').finds(t, 'config-meta', [[withPassword, 'Kx7#mN9pL4']]);
});

t.test("Mode's report token (12 hex digits, a report's id in its URL) is no credential; a token under the name is", async (t) => {
  prose.findsNothing(t, 'free-text', ['mode_report_token: 6089065c3146']);
  ruleProbe('mode_report_token').findsNothing(t, 'config-meta', ['6089065c3146']);
  prose.finds(t, 'free-text', [
    ['mode_report_token: a8F3kQ9zX2mN7pL4vR1t', 'a8F3kQ9zX2mN7pL4vR1t'],
    ['api_token: 6089065c3146', '6089065c3146'],
  ]);
});

t.test("Polish hasło as a slogan (hasło_reklamowe, hasło_kampanii) is no password's name; hasło_ftp still is (red team 81)", async (t) => {
  for (const name of ['haslo_reklamowe', 'hasło_kampanii', 'HASLO_MARKETINGOWE']) ruleProbe(name).findsNothing(t, 'config-meta', ['Lato2024Promo', 'SmakLata2024']);
  ruleProbe('hasło_ftp').finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
});

