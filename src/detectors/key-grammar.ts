/**
 * The key-name grammar, written once: split a name into words whatever its style, then let its
 * last word (or last two) say what the value is.
 *
 *   DB_PASSWORD, db-password, dbPassword, DbPassword, API_KEY    → … password / api key
 *   PGPASSWORD, MYSQL_PWD, REDIS_PASS, DB_PASSWD                  → glued and abbreviated words
 *   dbPassWord, PassPhrase                                        → one word written as two
 *   spark.hadoop.fs.s3a.secret.key, snowflake.private_key         → dotted configuration keys
 *   fs.azure.account.key.<account>.dfs.core.windows.net           → a secret name, then a host it is for
 *   DB_PASSWORT, SENHA_BANCO, MOT_DE_PASSE, contraseña             → the word in the team's own language
 *
 * A name ending in a word that describes or points at a secret (`_PATH`, `_FILE`, `_ID`, `_NAME`,
 * `_URL`, `_TTL`, `_MIN_LENGTH`, `_EXPIRES_AT`, `_ROTATED_AT`, `public key`) holds none. A key alone
 * (`PRIMARY_KEY`, `SORT_KEY`) is no secret; a service's `<SERVICE>_KEY` is (API_KEY_VENDORS).
 */
import { SCRIPT_WORDS } from './script-words.js';

/** "Password" in languages other than English, written as a variable's name would (ASCII, no accents). */
const FOREIGN_PASSWORDS = [
  'passwort', 'kennwort', 'wachtwoord', 'senha', 'contrasena', 'motdepasse', 'losenord', 'passord', 'adgangskode', 'salasana', 'haslo',
  // Czech and Slovak heslo, Slovene geslo, Croatian and Serbian lozinka, Hungarian jelszó, Lithuanian
  // slaptažodis, Turkish şifre, Afrikaans wagwoord, Indonesian and Malay kata sandi (two words, glued)
  'heslo', 'geslo', 'lozinka', 'jelszo', 'slaptazodis', 'sifre', 'wagwoord', 'katasandi',
  // Catalan contrasenya, Estonian and Dutch parool, Basque pasahitza, Vietnamese mật khẩu (two words, glued: red team 76)
  'contrasenya', 'parool', 'pasahitza', 'matkhau',
  // the Scandinavian words with their definite article, which those languages write as a suffix ("the password"):
  // `lösenordet är …`, `passordet: …`, `adgangskoden er …`
  'losenordet', 'passordet', 'adgangskoden',
];

/**
 * Portuguese, Spanish and French put the noun first: SENHA_BANCO, CONTRASENA_BD, MOT_DE_PASSE_SFTP; so do Polish, Czech,
 * Slovak, Slovene, Croatian and Serbian (HASLO_FTP, heslo_db, lozinka_baze), and Turkish names follow English code's
 * `password_ftp` (ŞİFRE_FTP: red team 80). Such a word names a secret at the head of a two-word name too (or of three, a
 * preposition between: senha_do_banco), unless the last word says what the value really is (SENHA_PATH, senha_politica).
 */
const NOUN_FIRST_PASSWORDS = new Set(['senha', 'contrasena', 'contrasenya', 'motdepasse', 'katasandi', 'matkhau', 'haslo', 'heslo', 'geslo', 'lozinka', 'sifre']);
const DESCRIBERS = new Set(['path', 'file', 'id', 'name', 'url', 'uri', 'ttl', 'length', 'hash', 'policy', 'hint', 'type', 'ref', 'arn', 'min', 'max']);
/**
 * Words that say a value describes a password, in the languages of NOUN_FIRST_PASSWORDS, where a name puts them after the
 * password's word (`mot_de_passe_politique`, `senha_politica`, `contraseña_longitud`) or, as those languages' grammar
 * has it, before (`politique_mot_de_passe`, `politica_de_senha`): a policy, a rule, a length, a hint, an expiry, a reset, a
 * path, a file, a name (red team 80). English's own (`password_policy`) end in a word that is no secret's, and DESCRIBERS
 * hold the few that follow a secret's word elsewhere.
 */
const PASSWORD_DESCRIBERS = new Set([
  'reset', 'expiry', 'expiration', 'expires', 'rule', 'rules', 'regex', 'pattern', 'format', 'complexity', 'strength', 'history', 'age',
  'change', 'rotation', 'requirements', 'help', 'prompt', 'minimum', 'maximum',
  // French
  'politique', 'regle', 'regles', 'longueur', 'taille', 'indice', 'aide', 'reinitialisation', 'oubli', 'oublie', 'changement', 'complexite',
  'historique', 'duree', 'chemin', 'fichier', 'nom', 'lien', 'exigences',
  // Portuguese, Spanish, Catalan
  'politica', 'regra', 'regras', 'regla', 'reglas', 'tamanho', 'comprimento', 'longitud', 'dica', 'pista', 'ajuda', 'ayuda', 'expiracao',
  'expiracion', 'validade', 'caducidad', 'caducitat', 'vencimiento', 'redefinicao', 'restablecimiento', 'recuperacao', 'recuperacion',
  'troca', 'alteracao', 'cambio', 'complexidade', 'complejidad', 'historico', 'historial', 'caminho', 'ruta', 'arquivo', 'archivo',
  'fichero', 'fitxer', 'nome', 'nombre', 'formato', 'minimo', 'maximo', 'requisitos',
  // Polish, Czech, Slovak, Slovene, Croatian, Serbian: a type, a status, a level, a change (heslo_typ = 'silne', lozinka_vrsta,
  // red team 83), and hasło's, heslo's and geslo's other sense, a slogan (hasło_reklamowe, hasło_kampanii, heslo_kampane,
  // geslo_kampanje: red teams 81, 83)
  'typ', 'rodzaj', 'vrsta', 'tip', 'stav', 'status', 'stan', 'poziom', 'uroven', 'razina', 'zmiana', 'zmena', 'promjena',
  'reklamowe', 'reklamowy', 'reklamowa', 'reklamy', 'reklamni', 'reklamne', 'kampanii', 'kampania', 'kampane', 'kampanje',
  'akcji', 'marketingowe', 'promocyjne', 'sprzedazowe', 'przewodnie', 'firmy', 'polityka', 'politika', 'zasady', 'zasada', 'reguly', 'pravidla', 'pravila', 'dlugosc', 'delka', 'dlzka', 'dolzina', 'duljina', 'duzina',
  'podpowiedz', 'wskazowka', 'napoveda', 'namig', 'wygasniecie', 'waznosc', 'platnost', 'zmiana', 'sciezka', 'cesta', 'putanja', 'plik',
  'soubor', 'subor', 'datoteka', 'nazwa', 'nazev', 'nazov', 'naziv', 'ime', 'wymagania',
  // Turkish (the possessive's -sı, -ı: politikası, uzunluğu; a type, a status, a level, a change: şifre_türü, şifre_durumu)
  'turu', 'tipi', 'durumu', 'durum', 'seviyesi', 'seviye', 'degisim', 'degisimi', 'guncelleme',
  'politikasi', 'kurali', 'kurallari', 'uzunlugu', 'uzunluk', 'ipucu', 'suresi', 'sifirlama', 'yolu', 'dosyasi', 'dosya', 'adi',
]);
/** The prepositions between a noun-first password's word and what it is for, or what describes it: senha_do_banco, politica_de_senha. */
const NOUN_FIRST_LINKS = new Set(['de', 'do', 'da', 'del', 'du', 'des', 'dla', 'na', 'za', 'k']);

function describesPassword(word: string): boolean {
  return DESCRIBERS.has(word) || PASSWORD_DESCRIBERS.has(word);
}

/** Whether a name's `n` words are a noun-first password's word of `heads` and what it is for (see NOUN_FIRST_PASSWORDS). */
function namesNounFirst(words: readonly string[], n: number, heads: ReadonlySet<string>): boolean {
  if (!heads.has(words[0]!) || (n === 3 && !NOUN_FIRST_LINKS.has(words[1]!))) return false;
  return (n === 2 || n === 3) && !describesPassword(words[n - 1]!);
}

/** Whether a name that ends in a noun-first password's word says what describes it before (`politique_mot_de_passe`, `politica_de_senha`). */
function describedBefore(words: readonly string[], n: number): boolean {
  if (!NOUN_FIRST_PASSWORDS.has(words[n - 1]!)) return false;
  let k = n - 2;
  if (k > 0 && NOUN_FIRST_LINKS.has(words[k]!)) k--;
  return k >= 0 && describesPassword(words[k]!);
}

/** Last words that name a secret on their own. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pwd', 'pswd', 'psw', 'pword', 'passphrase', 'passcode', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'creds', 'cred', 'kek', 'dsn', 'webhook', 'jwt', 'bearer', 'authorization', 'sas', 'privatekey', 'privkey', 'pat', 'secretkey', 'accesskey',
  // French teams' short "mot de passe" (DB_MDP), as pwd is password's
  'mdp',
  // "password" where teams name variables in their own language: German, Dutch, Portuguese, Spanish, French
  // (glued), Swedish, Norwegian, Danish, Finnish, Polish (accents are dropped before words are compared)
  ...FOREIGN_PASSWORDS,
  // German's glued "secret key" and "API key" (Geheimschlüssel, API-Schlüssel written as one word; red team 135)
  'geheimschlussel', 'apischlussel', 'geheimschluessel', 'apischluessel', 'clavesecreta', 'chavesecreta',
  // HubSpot's legacy API key as a query parameter (`?hapikey=…`), echoed in HTTP errors
  'hapikey',
  // "secret" and "token" in German and French (red team 127: `GEHEIM`, `geheimnis`, `jeton`)
  'geheim', 'geheimnis', 'jeton',
  // a password hash's pepper (PASSWORD_PEPPER): the server's secret mixed into every hash, kept out of the database
  // so that a stolen table cannot be cracked without it. Not a salt: a salt is stored beside each hash, public to
  // whoever holds the hash, and `password_salt` stays no secret's name
  'pepper',
]);

/**
 * Last words that name a secret only after another word: DB_PASS, REPORTING_PW ("pass" alone is a common word), and
 * Turkish and Romanian DB_PAROLA, Latvian DB_PAROLE (alone, Italian's and French "word": `parola: ciao`; red team 71;
 * see AMBIGUOUS_PASSWORDS).
 */
const COMPOUND_TAILS = new Set(['pass', 'pw', 'parola', 'parole']);

/**
 * "Password" in one language and "word" or "words" in another: Turkish and Romanian parola, Italian's word; Latvian
 * and Romanian parole, French and Italian words. Alone, such a key holds a password only in a password's shape
 * (key-names.ts's readsLikeAmbiguousPassword): a word, a greeting, a sentence are what Italian and French put there.
 */
const AMBIGUOUS_PASSWORDS = new Set(['parola', 'parole']);

/** Last two words that name a secret. */
const SECRET_PAIRS = new Set([
  'api key', 'access key', 'secret key', 'private key', 'account key', 'master key', 'signing key', 'encryption key',
  'app key', 'auth key', 'client key', 'license key', 'connection string', 'connection strings', 'conn str', 'conn string', 'webhook url',
  'sas url', 'auth token', 'session key', 'shared key', 'storage key', 'service key', 'subscription key', 'hmac key',
  // "API key" and "access token" in Spanish, Portuguese and French, the noun first (red team 127: `clave_api`, `clé_api`)
  'clave api', 'chave api', 'cle api', 'llave api', 'token acceso', 'token acesso',
  // …and "secret key" and "private key" so (`clave_secreta`, `chave_secreta`, `clé_secrète`, `chiave_segreta`, `clave_privada`),
  // "API key" with "of" between (`clave_de_api`: SPLIT_HEADS joins `clave de`) and in Italian (`chiave_api`), French's "API
  // token" (`jeton_api`), German's, Polish's and Dutch's (`schlüssel_api`, `api_schlüssel`, `geheimer_schlüssel`, `tajny_klucz`,
  // `klucz_api`, `api_sleutel`, `geheime_sleutel`), and the words a name past Latin gives (`ключ_api`: SCRIPT_KEY_NAMES; red
  // team 135). Not "access key" (Ecuador's and Brazil's clave and chave de acceso are an invoice's printed number: ACCESS_CLAVE)
  'clave secreta', 'chave secreta', 'cle secrete', 'chiave segreta', 'clave privada', 'chave privada', 'cle privee', 'chiave privata',
  'clavede api', 'chiave api', 'jeton api', 'schlussel api', 'api schlussel', 'geheimer schlussel', 'privater schlussel', 'tajny klucz',
  'prywatny klucz', 'klucz api', 'api klucz', 'api sleutel', 'geheime sleutel', 'klyuch api', 'api klyuch',
  // …and their close forms (red team 136): Spanish llave, Polish's noun first, German's ü written ue
  'llave secreta', 'llave privada', 'klucz prywatny', 'klucz tajny', 'schluessel api', 'api schluessel', 'geheimer schluessel', 'privater schluessel',
  // Snowflake's `type = generic_string secret_string = '…'`, and AWS Secrets Manager's SecretString
  'secret string',
  // detect-secrets' and gitleaks' names: PRIV_KEY, IBM Cloud's IAM_KEY, Azure Functions' x-functions-key, BASIC_AUTH (user:password)
  'priv key', 'iam key', 'functions key', 'basic auth',
  // Airflow's FERNET_KEY (AIRFLOW__CORE__FERNET_KEY): the key that decrypts every connection's password it stores
  'fernet key', 'fernet keys',
  // a signed-in session's cookie is its credential (not `cookie` alone: a consent banner's cookie holds a choice)
  'session cookie', 'auth cookie', 'login cookie', 'sso cookie',
  // keys that encrypt (AES_KEY, CIPHER_KEY) and a deployment's (Convex's CONVEX_DEPLOY_KEY, a GitHub deploy key), and
  // the Bitwarden CLI's unlocked vault (BW_SESSION)
  'aes key', 'cipher key', 'crypto key', 'deploy key', 'bw session',
  // Datadog's application key (DD_APPLICATION_KEY, its API's `application_key=` query parameter and header), a search
  // service's admin key (Algolia's, Azure AI Search's, Typesense's: it writes the index), and the key a PII masking or
  // tokenization step hashes with (red team 71)
  'application key', 'admin key', 'masking key',
]);

/**
 * `pass` glued to a database's, a protocol's or an account's name in an environment variable's: PGPASS, MYSQLPASS, SMTPPASS,
 * ROOTPASS; or as a whole name in lower case (`dbpass`, `ftppass`, red team 117). Not `bypass`, `compass`: `pass` glued to
 * any word is as often a word of its own; nor `pgpass-88231`, a password.
 */
const GLUED_PASS = /^(?:pg|db|mysql|mssql|sql|redis|smtp|ftp|sftp|ldap|amqp|mq|ssh|imap|pop3?|mongo|root|admin|mail)pass$/;

/** An environment variable's name: capitals, digits and underscores (`REDSHIFT_PASSWORD`, `PGPASS`). */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Whether a name is an environment variable's (ENV_NAME): `CENSUS_KEY`, not `census_key`. */
export function isEnvName(key: string): boolean {
  return ENV_NAME.test(key);
}

/** What a secret may be named for that signs nobody in: a page's cursor, a hint shown, a link, a template, a campaign. */
const PURPOSES = new Set(['page', 'pagination', 'paging', 'cursor', 'hint', 'display', 'docs', 'doc', 'link', 'template', 'campaign', 'reset', 'example', 'sample', 'demo', 'dedupe', 'idempotency']);

/** Secret words that may be glued to a prefix: PGPASSWORD, mysqlpwd, AWSSECRETACCESSKEY. Longest first. */
const GLUED_TAILS = ['credentials', 'passphrase', 'privatekey', 'accesskey', 'secretkey', 'password', 'passwort', 'kennwort', 'passcode', 'passwd', 'apikey', 'secret', 'token', 'pwd'];

/** Trailing words that qualify a secret's name without changing what it is: DB_PASSWORD_PROD, API_KEY_SECONDARY. */
const QUALIFIERS = new Set([
  'prod', 'production', 'preprod', 'dev', 'development', 'staging', 'stage', 'test', 'uat', 'qa', 'sandbox', 'live', 'local', 'ci',
  'primary', 'secondary', 'backup', 'current', 'previous', 'prev', 'legacy', 'old', 'new', 'b64', 'base64', 'hex', 'raw', 'value', 'encoded',
  // regions and markets: one database per region (DB_PASSWORD_EU, SNOWFLAKE_PASSWORD_US_EAST)
  'eu', 'us', 'uk', 'de', 'fr', 'nl', 'emea', 'apac', 'amer', 'latam', 'east', 'west', 'north', 'south', 'central',
]);

/**
 * The account or role a password signs in as, after the password's word: one password per role (SNOWFLAKE_PASSWORD_LOADER,
 * db_password_svc, PG_PASSWORD_RO; red team 67), the roles of a warehouse set up for dbt (loader, transformer, reporter)
 * among them. After a password's word only: after `token`, `secret` or `key` these name what reads or holds one
 * (`token_reader`, `secret_master`, `token_loader: fivetran`: red team 70).
 */
const ROLES = new Set(['svc', 'etl', 'elt', 'ro', 'rw', 'readonly', 'readwrite', 'reader', 'writer', 'loader', 'transformer', 'reporter', 'root', 'master', 'replica']);
/**
 * The database or service a password is for, after the password's word in an environment variable's name (PWD_DB,
 * PASSWORD_SNOWFLAKE: red team 106's `DBT_ENV_CUSTOM_ENV_PWD_DB`), as after it a role is. Only systems (`PASSWORD_POLICY`,
 * `PWD_HASH`, `PASSWORD_RESET_URL` name no password), and only there: in a config's key, `password_ldap: ldaps://…`,
 * `pwd_smtp: smtp.acme.com`, `password_database: auth`, it names a setting of that system's passwords (red team 107).
 */
const SYSTEMS = new Set([
  'db', 'database', 'dw', 'dwh', 'warehouse', 'snowflake', 'redshift', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mssql', 'sqlserver',
  'oracle', 'databricks', 'synapse', 'trino', 'starburst', 'clickhouse', 'teradata', 'vertica', 'exasol', 'smtp', 'ftp', 'sftp', 'ldap', 'redis',
  'mongo', 'mongodb',
]);
/** A word and the number glued to it (`password2`). */
const GLUED_NUMBER = /^([a-z]{3,40})(\d{1,8})$/;
/** Numbered and versioned names qualify one too: DB_PASSWORD_4, TOKEN_2024, API_KEY_V3. */
const NUMBERED = /^v?\d{1,8}$/;

function isQualifier(word: string): boolean {
  // (a letter alone too: a variant, DB_PASSWORD_B, SNOWFLAKE_PASSWORD_Q)
  return QUALIFIERS.has(word) || NUMBERED.test(word) || word.length === 1;
}

/**
 * How many of a name's words are left when the qualifiers after its last word are taken off (`DB_PASSWORD_PROD`: 2), a
 * role among them where a password's word stands before it (`SNOWFLAKE_PASSWORD_LOADER_PROD`: 2) or a password's word
 * and a system (`password_snowflake_loader`: 2, red team 111), and a system in an environment variable's name (`env`:
 * `PWD_DB`, 1).
 */
function unqualified(words: readonly string[], env = false): number {
  let n = words.length;
  while (n > 1 && (isQualifier(words[n - 1]!) || ((ROLES.has(words[n - 1]!) || (env && SYSTEMS.has(words[n - 1]!))) && PASSWORD_WORDS.has(words[n - 2]!)) || (ROLES.has(words[n - 1]!) && n > 2 && SYSTEMS.has(words[n - 2]!) && PASSWORD_WORDS.has(words[n - 3]!)))) n--;
  return n;
}

/**
 * Names that end in a secret word but hold none: a signed URL's credential scope is an account id and a date; a web
 * framework's anti-forgery field, as csrf_token is one (FORM_GUARDS), is tied to a signed-in session and signs nobody in
 * alone: Rails' authenticity_token, ASP.NET's __RequestVerificationToken, and Salesforce Classic's _CONFIRMATIONTOKEN,
 * which its setup pages put in their own links (copied into column descriptions: red team 87, GitLab's analytics project).
 */
const NOT_SECRETS = /^(?:x-(?:amz|goog)-credential|authenticity_token|__RequestVerificationToken|_CONFIRMATIONTOKEN)$/i;

/** A dotted name's last part is a top-level domain: the name ends with the host it configures. */
const HOST_SUFFIX = /\.(?:net|com|io|org|cloud|dev|cn|us|eu)$/i;

/**
 * Spanish "clave de acceso" (`clave_acceso`, `CLAVE_DE_ACCESO_FTP`), a password in a password's shape only (red team 80):
 * Ecuador's SRI names so the 49 digits that identify an electronic invoice, printed on every invoice, and data teams
 * keep them. `clave` alone is any key, a map's as often as a password's: no secret's name.
 */
const ACCESS_CLAVE = 'claveacceso';
const ACCESS_CLAVES: ReadonlySet<string> = new Set([ACCESS_CLAVE]);

/** Secret words that camelCase or underscores split in two or three: dbPassWord, PassPhrase, PassCode, MOT_DE_PASSE, KATA_SANDI. */
const SPLIT_WORDS = new Map([
  ['pass word', 'password'], ['pass phrase', 'passphrase'], ['pass code', 'passcode'], ['motde passe', 'motdepasse'], ['kata sandi', 'katasandi'],
  ['mat khau', 'matkhau'], ['p word', 'pword'],
  // Spanish "clave de acceso", a password (see ACCESS_CLAVE)
  ['clave acceso', ACCESS_CLAVE], ['clavede acceso', ACCESS_CLAVE],
]);
/** The first two words of a three-word secret name, glued before the third is looked at: `mot de` + `passe`. */
const SPLIT_HEADS = new Map([['mot de', 'motde'], ['clave de', 'clavede']]);

/**
 * The words of a name in any style: `PGPassword_v2` → pg, password, v2; `apiKey` → api, key. The last name's words
 * are kept: the tests of a value's key ask for them one after the other (four of them for each key of a meta map, a
 * fifth of the time of 200,000 keys in one).
 */
export function keyWords(key: string): readonly string[] {
  if (key === LAST_WORDS.key) return LAST_WORDS.words;
  const words = wordsIn(key);
  LAST_WORDS.key = key;
  LAST_WORDS.words = words;
  return words;
}

const LAST_WORDS: { key: string | undefined; words: readonly string[] } = { key: undefined, words: [] };

/** camelCase and PascalCase split into words: `dbPassword` → `db Password`, `HTTPServer` → `HTTP Server`. */
function camelSpaced(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ');
}

/** Letters whose case turns three times running: a name that may hold a word in alternating case. */
const TURNING = /[a-z][A-Z][a-z][A-Z]/;
const LETTERS = /[A-Za-z]{1,256}/g;

/**
 * A secret's word written in alternating case (`PaSsWoRd`, `ApiToKeN`: red team 113) is one word, not the pieces of
 * one or two letters camelCase makes of it: three such pieces or more in a row that spell a secret's word, or end in
 * one (`dbPaSsWoRd`), are joined. Other short pieces stay words (`myDbPw`: my, db, pw; `iOSAppId`).
 */
function unAlternated(run: string): string {
  const pieces = camelSpaced(run).split(' ');
  const words: string[] = [];
  let joined = false;
  for (let i = 0; i < pieces.length; ) {
    let end = i;
    while (end < pieces.length && pieces[end]!.length <= 2) end++;
    const word = end - i >= 3 ? pieces.slice(i, end).join('').toLowerCase() : '';
    if (SECRET_WORDS.has(word) || (word !== '' && GLUED_TAILS.some((tail) => word.endsWith(tail)))) {
      words.push(word);
      joined = true;
    } else words.push(...pieces.slice(i, Math.max(end, i + 1)));
    i = Math.max(end, i + 1);
  }
  return joined ? words.join(' ') : run;
}

function wordsIn(key: string): string[] {
  const words: string[] = [];
  // accents dropped (contraseña → contrasena, Lösenord → Losenord): a name is compared in ASCII
  const ascii = /[^\x00-\x7f]/.test(key) ? inAscii(key) : key;
  // (an environment variable's name: `pgpass-88231` in lower case is a value, a password)
  const upper = ENV_NAME.test(key);
  const spaced = camelSpaced(TURNING.test(ascii) ? ascii.replace(LETTERS, unAlternated) : ascii);
  for (const word of spaced.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length === 0) continue;
    const head = SPLIT_HEADS.get(`${words[words.length - 1]} ${word}`);
    if (head !== undefined) {
      words[words.length - 1] = head;
      continue;
    }
    const joined = SPLIT_WORDS.get(`${words[words.length - 1]} ${word}`);
    if (joined !== undefined) {
      words[words.length - 1] = joined;
      continue;
    }
    // a number glued to a secret's word is its qualifier: PASSWORD2, api_token3 (password, 2); and to `key`, whose name
    // its words before say (API_KEY2, MAILGUN_KEY2: red team 129; PRIMARY_KEY2 is still a table's)
    const numbered = GLUED_NUMBER.exec(word);
    if (numbered && (SECRET_WORDS.has(numbered[1]!) || numbered[1] === 'key' || GLUED_TAILS.some((t) => numbered[1]!.endsWith(t)))) {
      words.push(...keyWords(numbered[1]!), numbered[2]!);
      continue;
    }
    const tail = SECRET_WORDS.has(word) ? undefined : GLUED_TAILS.find((t) => word.length >= t.length + 2 && word.endsWith(t));
    if (tail) words.push(word.slice(0, -tail.length), tail);
    else if ((upper || word.length === key.length) && GLUED_PASS.test(word)) words.push(word.slice(0, -4), 'pass');
    else words.push(word);
  }
  return words;
}

/**
 * "Password", "token" and "secret key" in scripts past Latin (assignments.ts's SCRIPT_WORDS, less
 * Polish hasło and Vietnamese mật khẩu, which lose their accents as they are): пароль, 密码, 비밀번호…
 */
// (a name joins a word's parts as it joins its own words: `كلمة_المرور`, red team 76)
const SCRIPT_SECRET_WORDS = new RegExp(SCRIPT_WORDS.filter(({ word }) => !/^[a-z]/.test(word)).map(({ word }) => word.replace(/ /g, '[ _-]')).join('|'), 'gi');
/** A run of letters past Latin: a word the ASCII words do not show. */
const PAST_LATIN = /[^\x00-\u024f\s_.\-/:]{1,512}/g;

/**
 * A name as ASCII words: accents dropped, Polish ł as l, Turkish ı as i, a secret's word in a script past Latin as
 * its English word (`пароль` → password, `数据库密码` → … password). Where there is one, the other
 * words past Latin stay words (`密码提示`, a password's hint; `пароль_пользователя`, a user's): not
 * its last word.
 */
function inAscii(key: string): string {
  let named = false;
  let out = key;
  for (const [words, name] of SCRIPT_KEY_NAMES) {
    out = out.replace(words, () => {
      named = true;
      return ` ${name} `;
    });
  }
  out = out.replace(SCRIPT_SECRET_WORDS, (word) => {
    named = true;
    const spaced = word.toLowerCase().replace(/[_-]/g, ' ');
    const name = SCRIPT_WORDS.find((w) => w.word === spaced)?.name ?? 'password';
    return ` ${name === 'secret' ? 'secret key' : name} `;
  });
  if (named) out = out.replace(PAST_LATIN, ' other ');
  // (Turkish's dotless ı has no accent to drop: `şifre_uzunluğu`, `politikası`)
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ı/g, 'i');
}

/**
 * "API key", "secret key", "access key" and "key" written past Latin in a name, as ASCII words SECRET_WORDS and SECRET_PAIRS
 * know: Japanese APIキー and 秘密鍵, Korean API 키 and 비밀 키, Russian ключ API, секретный ключ, ключ доступа (red team
 * 135). A key alone (ключ, 鍵: a table's, a lock's) names no secret: it is transliterated, as the pairs with it are.
 */
const SCRIPT_KEY_NAMES: readonly (readonly [RegExp, string])[] = [
  [/(?:API|апи)[ _-]?(?:キー|鍵|키|ключ)|ключ[ _-]?апи/gi, 'apikey'],
  [/秘密鍵|秘密キー|シークレットキー|私钥|私鑰|비밀[ _-]?키|(?:секретный|приватный|закрытый)[ _-]?ключ/gi, 'secretkey'],
  [/ключ[ _-]?доступа/gi, 'accesskey'],
  [/ключ/gi, 'klyuch'],
];

/**
 * dbt's own mark of a secret: a variable named `DBT_ENV_SECRET…` is one whatever follows
 * (`DBT_ENV_SECRET_PG`, `DBT_ENV_SECRET_SNOWFLAKE`), and dbt 1.8+ scrubs `--vars` so named. Before
 * 1.8 (run_results.json's args.vars and invocation_command), and in unit tests' env_vars
 * overrides, the value stands there in clear.
 */
const DBT_SECRET_PREFIX = /^dbt_env_secret/i;

/** Whether a key's name says that its value is a secret. */
export function namesSecret(key: string): boolean {
  // (a URL written as a key is no name: `jdbc:postgresql://db/x?password=${DB_PASSWORD}` names no secret for its value, red
  // team 70; a password in it is its own, read as the key's: see mayBeTokenKey)
  if (NOT_SECRETS.test(key) || key.length > 512 || key.includes('://')) return false;
  if (PASSWORD_HEADER.test(key)) return true;
  const words = keyWords(key);
  // …unless its last word says what else it holds (DBT_ENV_SECRETS_FILE, DBT_ENV_SECRET_KEY_PATH)
  if (DBT_SECRET_PREFIX.test(key) && !DESCRIBERS.has(words[words.length - 1]!)) return true;
  // the words before `for` or `of` are the name's head: HASH_OF_PASSWORD is a hash, name_for_secret a name. A secret's
  // head names one only in an environment variable's name, and not for a purpose that is no sign-in
  // (PASSWORD_FOR_LOADER, MY_SECRET_VALUE_FOR_JOB; not TOKEN_FOR_PAGINATION, nor prose's secret_of_success, red team 52)
  const cut = words.findIndex((w, k) => k > 0 && (w === 'for' || w === 'of'));
  if (cut > 0) {
    if (wordsNameSecret(words.slice(0, cut))) return ENV_NAME.test(key) && !words.slice(cut + 1).some((w) => PURPOSES.has(w));
  } else if (wordsNameSecret(words, ENV_NAME.test(key))) return true;
  // fs.azure.account.key.<account>.dfs.core.windows.net: a secret name, then the host it is for
  if (!HOST_SUFFIX.test(key)) return false;
  // the host is <account>.<service>.core.windows.net, or <container>.<account>.… for a SAS
  const parts = key.split('.');
  for (let cut = parts.length - 3; cut >= Math.max(1, parts.length - 6); cut--) {
    if (wordsNameSecret(keyWords(parts.slice(0, cut).join('.')))) return true;
  }
  return false;
}

/**
 * An HTTP header that carries a password under a vendor's word for it: ClickHouse's `X-ClickHouse-Key`, its HTTP interface's
 * password beside `X-ClickHouse-User` (clickhouse-connect sends the pair so; red team 103). Its words (`house key`) name
 * no secret, and `clickhouse_key` alone is as often a table's sorting key.
 */
const PASSWORD_HEADER = /^x-clickhouse-key$/i;

/**
 * Services whose only "key" is a secret API key, so that `<SERVICE>_KEY` names it: `MAILGUN_KEY`,
 * `sendgridKey`, `OPENAI_KEY`, `STRIPE_LIVE_KEY` (a bare `key` after other words is an object's, a
 * sort's or a join's key: `PRIMARY_KEY`, `SORT_KEY`, `s3_key`). Left out where the service's "key"
 * is published or an id: Sentry's DSN key, Algolia's search key, AWS's access key id, a KMS key's id
 * (Segment's write key is a kind of its key: KIND_KEY_VENDORS).
 */
const API_KEY_VENDORS = new Set([
  'mailgun', 'sendgrid', 'mailchimp', 'mandrill', 'postmark', 'sparkpost', 'brevo', 'sendinblue', 'stripe', 'openai', 'anthropic',
  'cohere', 'mistral', 'groq', 'pinecone', 'replicate', 'openrouter', 'deepl', 'elevenlabs', 'datadog', 'newrelic', 'hubspot',
  'pagerduty', 'opsgenie', 'airtable', 'notion', 'heroku', 'cloudflare', 'klaviyo', 'braze', 'zendesk', 'intercom', 'honeycomb',
  'deepseek', 'softlayer', 'gemini', 'perplexity', 'deepgram', 'assemblyai', 'qdrant', 'weaviate', 'meilisearch', 'hightouch', 'datafold',
  'lightdash', 'pipedrive', 'adafruit', 'rapidapi',
  // the APIs analytics teams pull from or push to, whose one key is secret (trufflehog's keyword-only
  // detectors; not the vendors whose name is a common word, `polygon_key` and `harvest_key` being as
  // often a dimension's surrogate key)
  'chartmogul', 'geckoboard', 'klipfolio', 'jupiterone', 'statuspage', 'statuscake', 'uptimerobot', 'checkly', 'betterstack',
  'insightly', 'nethunt', 'onepagecrm', 'salesflare', 'freshdesk', 'freshworks', 'helpscout', 'customerio', 'apollo', 'clearbit',
  'peopledatalabs', 'rocketreach', 'uplead', 'lemlist', 'replyio', 'madkudu', 'elasticemail', 'moosend', 'mailerlite', 'getresponse',
  'omnisend', 'survicate', 'jotform', 'userflow', 'rebrandly', 'pepipost', 'currencycloud', 'finnhub', 'exchangerate', 'textmagic',
  'onesignal', 'zulip', 'clockify', 'pandadoc', 'ipgeolocation', 'opencage', 'geocodio', 'mapquest', 'openweather', 'weatherbit',
  'newsapi', 'scraperapi', 'zenrows', 'scrapingbee', 'wandb', 'vultr', 'ipstack', 'marketstack', 'currencylayer', 'tiingo', 'taxjar',
  // Kaggle's API key (KAGGLE_KEY beside KAGGLE_USERNAME, `key` in kaggle.json): 32 hex digits, a data team's download credential
  'kaggle',
  // services of the token formats whose one key (an API token, an SDK or upload key) signs in, named so in vars, meta and
  // env (`okta_key`, `CODECOV_KEY`) where the format's pattern wants the name right before the value (red team 49);
  // Confluent's and Sumo Logic's key is the id half of a pair, as an AWS access key id is
  'okta', 'twitter', 'discord', 'fastly', 'sendbird', 'looker', 'launchdarkly', 'codecov', 'travis', 'travisci', 'mattermost', 'gitter',
  'yandex', 'confluent', 'sumo', 'sumologic', 'plaid',
]);

/**
 * Services whose key is a secret only of the kind named between the service and `key`: Algolia's
 * admin and write keys (its search key is published in web pages), Adafruit IO's key (`ADAFRUIT_IO_KEY`),
 * Azure AI Search's admin key (`AZURE_SEARCH_ADMIN_KEY`), Airbrake's user key.
 */
const KIND_KEY_VENDORS = new Map([
  ['algolia', new Set(['admin', 'write'])],
  ['adafruit', new Set(['io'])],
  // Azure AI Search's admin key (its query keys only read an index), Airbrake's user key (its project key ships in browser notifiers)
  ['search', new Set(['admin'])],
  ['airbrake', new Set(['user'])],
  // Segment's and RudderStack's write key as a server sends events with it, the one a model's meta or a run's vars hold
  // (a browser's snippet carries its own in the open, never in dbt's artifacts; segment-token reads it the same way in
  // text: red team 68)
  ['segment', new Set(['write'])],
  ['rudderstack', new Set(['write'])],
]);

/**
 * What kind of a vendor's key, between the vendor and `key`: PagerDuty's Events API `routing_key`
 * (its v1 `service_key`, an `integration_key` in the UI) is the secret that lets anyone open
 * incidents. After one of these, PagerDuty's short name `pd` names the vendor too (`PD_ROUTING_KEY`).
 * Braze's REST API key (`braze_rest_key`, a UUID: red team 76) is its API's.
 */
const KEY_KINDS = new Set(['routing', 'integration', 'service', 'events', 'rest']);

/** The service before a last `key`, past qualifiers and kinds (`STRIPE_LIVE_KEY`, `PAGERDUTY_ROUTING_KEY`), is one whose key is a secret. */
function vendorKey(words: readonly string[], n: number): boolean {
  let k = n - 2;
  while (k > 0 && isQualifier(words[k]!)) k--;
  if (k > 0 && KIND_KEY_VENDORS.get(words[k - 1]!)?.has(words[k]!)) return true;
  const kind = k > 0 && KEY_KINDS.has(words[k]!);
  if (kind) k--;
  return API_KEY_VENDORS.has(words[k]!) || (kind && words[k] === 'pd');
}

/** Whether a name is a vendor's key by the vendor's name (vendorKey: `braze_key`, `BRAZE_REST_KEY`, `pagerduty_routing_key`). */
export function isVendorKeyName(key: string): boolean {
  if (key.length > 128) return false;
  const { words, n } = wordsOf(key);
  return n > 1 && words[n - 1] === 'key' && vendorKey(words, n);
}

/**
 * Whether `<name>_key` is a vendor's secret key by the vendor's name (vendorKey: `sendgrid`,
 * `STRIPE_LIVE`, `pagerduty_routing`): the name of an object whose bare `key` is that key. Not a
 * kind of key common to all (`primary`, `sort`, `cache`, `api`): only a vendor's name says it.
 */
export function namesKeyVendor(name: string): boolean {
  if (name.length > 128) return false;
  const words = [...keyWords(name), 'key'];
  return words.length > 1 && vendorKey(words, words.length);
}

/**
 * Product-analytics SDKs whose token or API key is embedded in every web page that reports to
 * them (Mixpanel's project token, Amplitude's and PostHog's project API keys, Heap's app id, Statsig's client key, Pendo's
 * key, Cloudflare Web Analytics' beacon token): a
 * name of theirs ending in `token` or `key` holds a public id, unless a word says it is their
 * secret one (`MIXPANEL_API_SECRET`, `amplitude_secret_key`, PostHog's personal API key).
 */
const PUBLIC_CLIENT_VENDORS = new Set([
  'mixpanel', 'amplitude', 'posthog', 'heap', 'statsig',
  // Pendo's API key in its snippet (red team 130)
  'pendo',
]);
const PRIVATE_KINDS = new Set(['secret', 'personal', 'service', 'admin', 'management', 'private', 'integration', 'access']);

function namesPublicClientKey(words: readonly string[], n: number): boolean {
  const last = words[n - 1]!;
  if (last !== 'token' && last !== 'key' && last !== 'apikey') return false;
  let vendor = false;
  for (let k = 0; k < n - 1; k++) {
    if (PRIVATE_KINDS.has(words[k]!)) return false;
    // (and Cloudflare Web Analytics' beacon token, in its script tag: `cloudflare_beacon_token`, red team 130; not any beacon's)
    if (PUBLIC_CLIENT_VENDORS.has(words[k]!) || (words[k] === 'beacon' && words[k - 1] === 'cloudflare')) vendor = true;
  }
  return vendor;
}

/** Words that make a secret's name one that is not: a public token is published by design, a CSRF token guards a form and signs nobody in. */
// `not_secret`, `non_secret_config`, `no_password` (a flag: none is needed): the name says what is no secret (red team 56)
const NOT_SECRET_BEFORE = new Set(['public', 'publishable', 'not', 'non', 'no']);
const FORM_GUARDS = new Set(['csrf', 'xsrf']);

/**
 * Tokens that sign nobody in, by the word before `token`: an API's paging cursor (`page_token`, `next_page_token`,
 * `continuation_token`, `delta_token`, `sync_token`, Google's `pageToken`), a push service's device address
 * (`device_token`, `fcm_registration_token`), an id that makes a request idempotent or traces it
 * (`idempotency_token`, `client_request_token`, `correlation_token`), a change stream's resume point, a
 * lock's or an upload's handle, a tracking number, a cart's or a checkout's id, a token's hash, and a swap's coin.
 */
const NOT_CREDENTIAL_TOKENS = new Set([
  'page', 'pagination', 'paging', 'cursor', 'continuation', 'delta', 'sync', 'sequence', 'resume', 'change', 'next', 'state',
  'device', 'registration', 'fcm', 'apns', 'push', 'idempotency', 'request', 'correlation', 'lock', 'upload', 'tracking',
  // a caller's id for a trace (Trino's X-Trino-Trace-Token, red team 68)
  'trace',
  'checkout', 'cart', 'hashed',
  // a swap's two coins (0x's and CoW Protocol's `sellToken` and `buyToken`; a comment's `sell token: word1`, red team 87)
  'sell', 'buy',
]);

/**
 * Services whose upload or registration token signs in (PYPI_UPLOAD_TOKEN, CODECOV_UPLOAD_TOKEN, GitLab's
 * RUNNER_REGISTRATION_TOKEN, Buildkite's AGENT_REGISTRATION_TOKEN: red team 73), where a push service's registration
 * token is a device's address and an upload's token a handle (NOT_CREDENTIAL_TOKENS).
 */
const SIGNING_UPLOADERS = new Set(['pypi', 'testpypi', 'codecov', 'runner', 'agent', 'gitlab', 'github', 'npm', 'sentry', 'docker', 'circleci', 'bitbucket']);

/**
 * Keys that are public by design, by the words before a last `key`: Algolia's search-only API key (shipped in
 * every search page; `ALGOLIA_SEARCH_API_KEY` too, as Algolia's own samples name it), Adyen's client key (in every
 * checkout page), a public API key (Klaviyo's), Pusher's app key, Trello's API key, and a Shopify app's API key
 * (`SHOPIFY_API_KEY`: the app's OAuth client id, in every install link and the app's pages; its secret is
 * `SHOPIFY_API_SECRET`, `shpss_…`, and an access token under the name is still read as the token it is, `shpat_…`).
 */
function namesPublicKey(words: readonly string[], n: number): boolean {
  if (words[n - 1] !== 'key') return false;
  if (n > 3 && words[n - 2] === 'api' && words[n - 3] === 'only' && words[n - 4] === 'search') return true;
  // `klaviyo_public_api_key`: a public key of an API, as `public_key` is one (see NOT_SECRET_BEFORE)
  if (n > 2 && words[n - 2] === 'api' && words[n - 3] === 'public') return true;
  // Pusher's app key (`PUSHER_APP_KEY`: every page that subscribes holds it; its secret is PUSHER_APP_SECRET, and a
  // PUSHER_SECRET_KEY stays one) and Trello's API key (public by Trello's word: its token is the secret, TRELLO_TOKEN)
  if ((words.includes('pusher') && !words.some((w) => PRIVATE_KINDS.has(w))) || (words[n - 2] === 'api' && words[n - 3] === 'trello')) return true;
  // (Shopify's app: `shopify_app_api_key` is the app's public client id as `shopify_api_key` is, red team 79; its secret is
  // the API secret key, or an access token `shpat_…`)
  if (n > 2 && words[n - 2] === 'api' && (words[n - 3] === 'shopify' || (words[n - 3] === 'app' && words[n - 4] === 'shopify') || (words[n - 3] === 'search' && words[n - 4] === 'algolia'))) return true;
  return n > 2 && words[n - 2] === 'client' && words[n - 3] === 'adyen';
}

/**
 * A password's hash by its name (`hashed_password`, `sha256_pw`, `md5_password`, `bcrypt_passphrase`): what a table or a
 * fixture keeps of a password, not the password. `hashed` before any secret's word or a key (`hashed_token`, `hashed_api_key`);
 * not `encrypted` before one: `encrypted_private_key_passphrase` is the password of an encrypted key (red team 99: made a
 * name of none, it lost Snowflake's key-pair passphrase; a Fernet token under `encrypted_secret` is ciphertext by its
 * shape, see CIPHERTEXT). An algorithm's name before a password's word only: `HMAC_SHA256_SECRET` is the key a
 * signature is made with.
 */
function namesHash(words: readonly string[], n: number): boolean {
  const last = words[n - 1]!;
  const password = PASSWORD_TAILS.has(last);
  if (!password && !SECRET_WORDS.has(last) && last !== 'key') return false;
  for (let k = 0; k < n - 1; k++) {
    const w = words[k]!;
    if (w === 'hashed' || (password && HASH_ALGORITHMS.has(w))) return true;
  }
  return false;
}

const PASSWORD_TAILS = new Set(['password', 'passwd', 'pwd', 'pswd', 'psw', 'pword', 'pw', 'pass', 'passphrase', 'passcode']);
const HASH_ALGORITHMS = new Set(['md5', 'sha1', 'sha2', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3', 'bcrypt', 'scrypt', 'argon2', 'argon2id', 'pbkdf2', 'salted']);

/**
 * A key or a token that a word before it says is published (`shopify_public_app_key`, `publishable_key`, red team 76),
 * unless a word between says it is the secret or private one (`public_api_secret_key`, `NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY`).
 * `NEXT_PUBLIC_`, `EXPO_PUBLIC_` and SvelteKit's or Astro's `PUBLIC_` variables are built into the pages a browser loads,
 * by design: a key there is one its service publishes (a token's format under it, an `sk-…` shipped by mistake, is still
 * found as that format). A password or a secret under such a name stays one, and so does a token of a Public API
 * (`SEGMENT_PUBLIC_API_TOKEN`: Segment's management API is named so; a public API key is Klaviyo's, see namesPublicKey).
 */
function namesPublished(words: readonly string[], n: number): boolean {
  const last = words[n - 1]!;
  if (last !== 'key' && last !== 'token' && last !== 'apikey') return false;
  let k = n - 2;
  while (k >= 0 && words[k] !== 'public' && words[k] !== 'publishable') {
    if (PRIVATE_KINDS.has(words[k]!)) return false;
    k--;
  }
  return k >= 0 && !(last === 'token' && words[k + 1] === 'api');
}

function wordsNameSecret(words: readonly string[], env = false): boolean {
  const n = unqualified(words, env);
  const last = words[n - 1];
  if (last === undefined) return false;
  if ((n > 1 && NOT_SECRET_BEFORE.has(words[n - 2]!)) || words.some((w) => FORM_GUARDS.has(w.slice(0, 4)))) return false;
  if (n > 2 && namesPublished(words, n)) return false;
  if (n > 1 && namesPublicClientKey(words, n)) return false;
  if (last === 'token' && n > 1 && NOT_CREDENTIAL_TOKENS.has(words[n - 2]!) && !(n > 2 && SIGNING_UPLOADERS.has(words[n - 3]!))) return false;
  // GitLab's CI_RUNNER_SHORT_TOKEN: the runner token's first eight characters, which GitLab prints in every job log's
  // header to name the runner (red team 63); the token itself is no job's variable
  if (last === 'token' && n > 2 && words[n - 2] === 'short' && words[n - 3] === 'runner') return false;
  if (namesPublicKey(words, n)) return false;
  if (n > 1 && namesHash(words, n)) return false;
  if (n > 1 && describedBefore(words, n)) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (COMPOUND_TAILS.has(last) && n > 1) return true;
  if (namesNounFirst(words, n, NOUN_FIRST_PASSWORDS)) return true;
  if (last === 'key' && n > 1 && vendorKey(words, n)) return true;
  // Rails' SECRET_KEY_BASE, the key every cookie and message of the app is signed with (red team 127)
  if (last === 'base' && n > 2 && words[n - 2] === 'key' && words[n - 3] === 'secret') return true;
  if (n > 1 && SECRET_PAIRS.has(`${words[n - 2]} ${last}`)) return true;
  // a noun-first language's preposition between the two (`clave_de_api`, `chave_de_acesso`, `clé_d_api`)
  return n > 2 && PREPOSITIONS.has(words[n - 2]!) && SECRET_PAIRS.has(`${words[n - 3]} ${last}`);
}

/** "Of" in the noun-first languages of SECRET_PAIRS, between a key's noun and what it is for: clave de API, clé d'API. */
const PREPOSITIONS = new Set(['de', 'da', 'do', 'di', 'd', 'del', 'du', 'della']);

/** A name's words up to its last that is no qualifier (`DB_PASSWORD_PROD`: db, password), and how many. */
function wordsOf(key: string): { readonly words: readonly string[]; readonly n: number } {
  // (asked of each value's key by several tests, namesConnection for every secret judged: 150 ms of a findings-heavy 100 MB scan unkept)
  let known = WORDS_OF.get(key);
  if (known === undefined) {
    const words = keyWords(key);
    const n = unqualified(words, ENV_NAME.test(key));
    known = { words, n };
    if (WORDS_OF.size >= WORDS_OF_MAX) WORDS_OF.clear();
    WORDS_OF.set(key, known);
  }
  return known;
}

/** wordsOf's answers by key: a run's values sit under a few thousand keys. Bounded. */
const WORDS_OF = new Map<string, { readonly words: readonly string[]; readonly n: number }>();
const WORDS_OF_MAX = 10_000;

/**
 * Whether a name is a password's word before a system's, in any style (`PASSWORD_SMTP`, `password_mysql`): see SYSTEMS.
 * Outside an environment variable's name it is the password for that system as often as a setting of its passwords
 * (`password_ldap: ldaps://…`, `password_database: auth`; red team 107): not namesSecret's, and secret-key-name reads its
 * value only when it reads as a generated password.
 */
export function namesSystemForm(key: string): boolean {
  if (key.length > 256 || key.includes('://')) return false;
  const words = keyWords(key);
  const n = unqualified(words);
  if (unqualified(words, true) < n && wordsNameSecret(words, true)) return true;
  // and `pass` or `pw` before a system (`pass_ftp`, `pw_redis`: red team 111), loose words alone, as firm here
  return n >= 2 && SYSTEMS.has(words[n - 1]!) && (words[n - 2] === 'pass' || words[n - 2] === 'pw');
}

/**
 * Whether a name ends in `pass` or `pw` (`AUTH_PASS`, `REPORTING_PW`, a profile's `pass`): words
 * that are short for password but also for much else (`AUTH_PASS=passthrough`, `SSL_PW=required`).
 */
export function namesLooseSecret(key: string): boolean {
  if (key.length > 512) return false;
  const { words, n } = wordsOf(key);
  return COMPOUND_TAILS.has(words[n - 1]!);
}

/**
 * Whether a name's last word, past its qualifiers, is pepper (`app-pepper-02`, `rocket-pepper-03`): a pepper's entry or a
 * passphrase's word (a spice), never the place a password is kept in.
 */
export function namesPepper(key: string): boolean {
  if (key.length > 256) return false;
  const words = keyWords(key);
  return words[unqualified(words) - 1] === 'pepper';
}

/** A last word of token or key (`token`, `api_key`, `apiKey`, `X-API-KEY`, `access_tokens`), or pepper (a menu's `pepper: cayenne`). */
const TOKEN_OR_KEY_TAIL = /(?:token|key|pepper)s?$/i;

/**
 * Whether a name's last word, past the qualifiers after it, is token or key (`SLACK_REFRESH_TOKEN`, and as much
 * `SLACK_REFRESH_TOKEN_PROD`, `SLACK_CONFIG_REFRESH_TOKEN_2`, `token1`): a suffix names which token, not another thing
 * (red team 73: a placeholder under the `_2` name was reported, under the bare one not).
 */
export function namesTokenOrKey(key: string): boolean {
  if (TOKEN_OR_KEY_TAIL.test(key)) return true;
  if (key.length > 512) return false;
  const { words, n } = wordsOf(key);
  return n < words.length && TOKEN_OR_KEY_TAIL.test(words[n - 1]!);
}

/**
 * Whether a name's secret word is "password" in another language than English (`passord`,
 * `SALASANA`, `db_kennwort`, `senha_banco`): a word that code rarely spells, so that prose may set it
 * with a spaced `=` (`passord = …` in a Norwegian note) where `password = x` is code.
 */
export function namesForeignPassword(key: string): boolean {
  if (key.length > 512) return false;
  const { words, n } = wordsOf(key);
  return (FOREIGN_PASSWORD_SET.has(words[n - 1]!) && !describedBefore(words, n)) || namesNounFirst(words, n, NOUN_FIRST_PASSWORDS);
}

const FOREIGN_PASSWORD_SET: ReadonlySet<string> = new Set(FOREIGN_PASSWORDS);

/**
 * What a name says its value is when the name alone is not enough, and the value's shape decides (key-names.ts's
 * readsLikeShapedSecret):
 * - `password`: a word that is "password" in one language and "word" in another (AMBIGUOUS_PASSWORDS), and Spanish's
 *   "clave de acceso" (ACCESS_CLAVE);
 * - `token`: `pass` alone, a test's status or threshold as often as a password;
 * - `session`: a session's id (`sessionid`, `session_id`), a web session's or a warehouse's (Snowflake's, BigQuery's);
 * - `session-cookie`: a web framework's session cookie by its name (`PHPSESSID`, `JSESSIONID`);
 * - `cookie`: a cookie or a Cookie header, a session's or a consent banner's;
 * - `code`: recovery and backup codes of a second factor (`recovery_codes`; a backup's code is a job's);
 * - `seed`: a one-time password's seed (`totp_seed`, `mfa_seed`; a sample's seed is a number);
 * - `salt`: a salt that PII or a hash is keyed with (`pii_salt`, `hash_salt`): one secret for a whole column, so
 *   that anyone who has it may hash every e-mail address and find the ones hashed. Not a salt stored beside each hash
 *   (`salt`, `password_salt`, `user_salt`), public to whoever holds the hash.
 * - `keytab`: a Kerberos keytab (`keytab_b64`, `KRB5_KEYTAB`), a service's keys in a file, that signs in as the service
 *   does; its path (`/etc/security/keytabs/dbt.keytab`) is none (red team 80).
 * - `secret-id`: a HashiCorp Vault AppRole's secret_id under a Vault name (`VAULT_SECRET_ID`, see namesSecretId), the
 *   half of its login that is secret; its path or a URL is none (red team 84).
 */
export type ShapedSecret = 'password' | 'token' | 'session' | 'session-cookie' | 'cookie' | 'code' | 'seed' | 'salt' | 'keytab' | 'secret-id';

/** The words before `salt` that make it a key a column is hashed with (see ShapedSecret). */
const KEYED_SALTS = new Set([
  'pii', 'hash', 'hashing', 'hmac', 'email', 'masking', 'anonymization', 'anonymisation', 'pseudonymization', 'pseudonymisation', 'tokenization',
  'global', 'secret', 'app', 'shared', 'static',
]);
/** The words before `seed` that make it a one-time password's. */
const OTP_WORDS = new Set(['otp', 'totp', 'hotp', 'mfa', '2fa', 'twofa', 'authenticator']);
/** A web framework's session cookie, glued: PHP's PHPSESSID, Java's JSESSIONID. */
const SESSION_COOKIES = new Set(['phpsessid', 'jsessionid']);

/** The kind of secret a name may hold in a shape (ShapedSecret), or undefined. */
export function namesShapedSecret(key: string): ShapedSecret | undefined {
  if (key.length > 128) return undefined;
  const { words, n } = wordsOf(key);
  const last = words[n - 1]!;
  const before = n > 1 ? words[n - 2]! : undefined;
  if ((n === 1 && AMBIGUOUS_PASSWORDS.has(last)) || last === ACCESS_CLAVE || namesNounFirst(words, n, ACCESS_CLAVES)) return 'password';
  if (n === 1 && last === 'pass') return 'token';
  if (SESSION_COOKIES.has(last)) return 'session-cookie';
  if (last === 'sessionid' || (last === 'id' && before === 'session')) return ENV_NAME.test(key) || namesWebSession(words, last === 'sessionid' ? n - 2 : n - 3) ? 'session' : undefined;
  if ((last === 'cookie' || last === 'cookies') && (n === 1 || before === 'set')) return 'cookie';
  if ((last === 'code' || last === 'codes') && (before === 'recovery' || before === 'backup')) return 'code';
  if (last === 'seed' && before !== undefined && OTP_WORDS.has(before)) return 'seed';
  if (last === 'salt' && before !== undefined && KEYED_SALTS.has(before)) return 'salt';
  if (last === 'keytab') return 'keytab';
  if (last === 'id' && namesSecretId(key) === 'vault') return 'secret-id';
  return undefined;
}

/**
 * Words before a session id's name that say a web server's or a sign-in's session (`django_sessionid`, `auth_session_id`):
 * its id is the cookie that signs a user in. Another word says an analytics session (`ga_session_id`, `domain_sessionid`,
 * `web_session_id`, `debug_session_id`): the key of a row of events, no credential (red team 138). Not in an environment
 * variable's name, a setting no row of events has (`METABASE_SESSION_ID`, `LOOKER_SESSION_ID`: red team 139).
 */
const WEB_SESSION_WORDS = new Set([
  'django', 'flask', 'rails', 'php', 'express', 'connect', 'asp', 'aspnet', 'laravel', 'tomcat', 'jetty', 'spring', 'auth', 'login', 'admin',
  'sso', 'sf', 'sfdc', 'salesforce',
  // a service's sign-in, by its name (red team 145: `okta_session_id`, `tableau_session_id`)
  'okta', 'auth0', 'onelogin', 'tableau', 'looker', 'metabase', 'superset', 'preset', 'sigma', 'lightdash', 'redash', 'databricks', 'github',
  'gitlab', 'slack', 'jira', 'atlassian', 'confluence', 'zendesk', 'hubspot', 'shopify', 'stripe', 'api',
]);

/** Whether a session id's name, whose word before `session` (or `sessionid`) is at `qualifier` (-1: none), is a web server's (WEB_SESSION_WORDS). */
function namesWebSession(words: readonly string[], qualifier: number): boolean {
  return qualifier < 0 || WEB_SESSION_WORDS.has(words[qualifier]!);
}

/** Words that say a name is HashiCorp Vault's (`vault`, not `keyvault`: Azure's Key Vault names its secrets by URL). */
const VAULT_WORDS = new Set(['vault', 'approle']);

/**
 * Whether a name is a Vault AppRole's secret_id, the secret half of its login (the role_id is the other): `vault` where a
 * Vault word is among its words before `secret_id` (`VAULT_SECRET_ID`, `VAULT_APPROLE_SECRET_ID`), `bare` for `secret_id`
 * alone, a Vault login's only beside its `role_id` (the caller looks). Elsewhere a secret's id is an id: Azure AD's
 * "Secret ID" of a client secret (`AZURE_CLIENT_SECRET_ID`), a secret store's (`kv_secret_id`, `KEY_VAULT_SECRET_ID`).
 */
export function namesSecretId(key: string): 'vault' | 'bare' | undefined {
  if (key.length > 128 || !/id$/i.test(key)) return undefined;
  const { words, n } = wordsOf(key);
  if (n < 2 || words[n - 1] !== 'id' || words[n - 2] !== 'secret') return undefined;
  if (n === 2) return 'bare';
  const head = words.slice(0, n - 2);
  return head.some((w, k) => VAULT_WORDS.has(w) && !(w === 'vault' && head[k - 1] === 'key')) ? 'vault' : undefined;
}

/**
 * Whether a name ends in `fernet` (`fernet`, `AIRFLOW_FERNET`): a Fernet key's bare name, which holds a
 * secret only when its value is one (`fernet: enabled` is a setting): no secret's name by itself.
 */
export function namesFernet(key: string): boolean {
  if (key.length > 512 || !/fernet/i.test(key)) return false;
  const { words, n } = wordsOf(key);
  return words[n - 1] === 'fernet';
}

/** Words that say "password" outright: not `pass` or `pw`, which say much else too (namesLooseSecret). */
const PASSWORD_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'pswd', 'psw', 'pword', 'passphrase', ...FOREIGN_PASSWORDS]);

/**
 * Whether a name is an environment variable's (capitals, digits and underscores) whose last word
 * says "password": `REDSHIFT_PASSWORD`, `PGPASSWORD`, `DBT_ENV_CUSTOM_ENV_DB_PWD_PROD`. Such a variable
 * holds the password itself; a column's or a setting's name is written in lower case.
 */
export function namesEnvPassword(key: string): boolean {
  return ENV_NAME.test(key) && namesPassword(key);
}

/** Whether a name's last word says "password", in any case (`password`, `db_pwd`, `REDSHIFT_PASSWORD`). */
export function namesPassword(key: string): boolean {
  if (key.length > 256) return false;
  const { words, n } = wordsOf(key);
  return PASSWORD_WORDS.has(words[n - 1]!);
}

/**
 * Last words (or two) of a name whose value is a connection: a secret only where it carries one. `ORACLE_CONN`,
 * `ORA_CONNECT_STRING`, `DB_CONNECTION` (red team 135: Oracle's `user/password@alias` under them was missed); an Airflow
 * connection's id (`postgres_default`) or Laravel's driver name (`mysql`) there carries none.
 */
const CONNECTION_NAMES = new Set([
  'dsn', 'connection string', 'connection strings', 'conn str', 'conn string', 'conn', 'connection', 'connect', 'connect string', 'connect str', 'connstr',
  'connstring', 'connectionstring',
]);

/**
 * Whether a key's name says its value is a connection string or DSN: `WAREHOUSE_DSN`, `connectionString`, `TNS_CONNECT`;
 * or a connection's word before a system's, as a noun-first name writes it (`CONN_ORACLE`, `connection_snowflake`: red
 * team 136).
 */
export function namesConnection(key: string): boolean {
  if (key.length > 512) return false;
  const { words, n } = wordsOf(key);
  if (n > 1 && SYSTEMS.has(words[n - 1]!) && CONNECTION_NAMES.has(words[n - 2]!)) return true;
  return CONNECTION_NAMES.has(words[n - 1] ?? '') || (n > 1 && CONNECTION_NAMES.has(`${words[n - 2]} ${words[n - 1]}`));
}

/** Whether a key's name says its value is a webhook's URL: `alert_webhook`, `slackWebhookUrl`, `WEBHOOK_URL_PROD`. */
export function namesWebhook(key: string): boolean {
  if (key.length > 512 || !/hook/i.test(key)) return false;
  const { words, n } = wordsOf(key);
  return words[n - 1] === 'webhook' || (n > 1 && words[n - 2] === 'webhook' && words[n - 1] === 'url');
}

/** Words before `logon` that name Teradata's (see namesLogon). */
const TERADATA_WORDS = new Set(['td', 'teradata', 'bteq', 'tpt']);

/**
 * Whether a key's name says its value is Teradata's logon string, `tdpid/user,password`: `TD_LOGON`, `logon`, `tdlogon`
 * (BTEQ's `.LOGON` and the tools that take the same string). Not a setting of it (`LOGON_MECH`, `logon_timeout`), nor a
 * record of one (`last_logon: ws-0042/jsmith,15-Jan-2024`, `sso_logon`: red team 88).
 */
export function namesLogon(key: string): boolean {
  if (key.length > 512 || !/logon/i.test(key)) return false;
  const { words, n } = wordsOf(key);
  if (words[n - 1] === 'tdlogon') return true;
  return words[n - 1] === 'logon' && (n === 1 || TERADATA_WORDS.has(words[n - 2]!));
}

/** Last words of a name whose list is a user and a password: `auth: [svc, …]`, `credentials: [bot_user, …]`. */
const PAIR_WORDS = new Set(['auth', 'credential', 'credentials', 'creds']);

/**
 * Whether a key's name says its list is a user and password pair: `auth`, `http_auth`, `basicAuth`
 * (not `oauth`), `credentials`, `sftp_creds`. Only a list is read so; a string under `credentials`
 * is a secret as any other.
 */
export function namesAuthPair(key: string): boolean {
  if (key.length > 512) return false;
  const words = keyWords(key);
  const n = unqualified(words);
  return PAIR_WORDS.has(words[n - 1] ?? '');
}

/**
 * What a `key` is that is no secret, by the word before it: a table's keys (`customer_key`, `SORT_KEY`, `surrogate_key`),
 * a store's (`s3_key`, `cache_key`, `redis_key`, a Kafka message's), a request's or a run's (`idempotency_key`, `dedup_key`),
 * a lock's, a map's, a form's (`site_key`: reCAPTCHA's, in every page), a fingerprint's (`GPG_KEY`, `KMS_KEY`: ids and
 * ARNs). A word that names an entity of the data (`customer`, `account`) says the same: a dimension's key.
 */
const NOT_SECRET_KEY_KINDS = new Set([
  'primary', 'foreign', 'unique', 'sort', 'dist', 'distribution', 'partition', 'partitioning', 'cluster', 'clustering', 'surrogate',
  'natural', 'business', 'composite', 'compound', 'candidate', 'alternate', 'join', 'lookup', 'hash', 'row', 'cache', 'caching',
  'idempotency', 'dedup', 'dedupe', 'deduplication', 'merge', 'match', 'matching', 'group', 'grouping', 'order', 'ordering',
  'sequence', 'shard', 'sharding', 'bucket', 'bucketing', 'index', 's3', 'gcs', 'blob', 'object', 'file', 'message', 'event',
  'record', 'entity', 'item', 'map', 'mapping', 'dict', 'translation', 'i18n', 'locale', 'label', 'cursor', 'resume', 'checkpoint',
  'state', 'lock', 'site', 'kms', 'cmk', 'gpg', 'pgp', 'fingerprint', 'upsert', 'delta', 'incremental', 'snapshot', 'schema', 'table',
  'column', 'field', 'attribute', 'dimension', 'dim', 'fact', 'metric', 'parent', 'child', 'source', 'target', 'destination', 'dest',
  'stream', 'topic', 'kafka', 'redis', 'routing', 'request', 'correlation', 'trace', 'tracking', 'sk', 'pk', 'fk', 'nk', 'bk', 'hk',
  'customer', 'account', 'user', 'product', 'issue', 'project', 'tenant', 'org', 'organization', 'team', 'member', 'session',
  'date', 'time', 'calendar', 'week', 'month', 'period', 'version', 'release', 'feature', 'flag', 'config', 'setting', 'env',
  'hot', 'short', 'keyboard', 'music', 'musical', 'range', 'segment', 'query', 'cte', 'model', 'node', 'seed',
  // a digest's or a revision's key (hex digits that name content, not a secret)
  'etag', 'content', 'checksum', 'digest', 'commit', 'git', 'build', 'revision', 'nonce', 'salt',
  // an orchestrator's: Dagster's `run_key` and `asset_key`, Databricks' `task_key`, a batch's or a step's (names and hashes of work)
  'run', 'job', 'task', 'asset', 'pipeline', 'workflow', 'step', 'dag', 'batch', 'chunk', 'sensor', 'schedule', 'trigger',
  // a report's, a window's, a test's (red team 74)
  'dataset', 'report', 'dashboard', 'workbook', 'space', 'test', 'fixture', 'id', 'external', 'anonymous', 'incident', 'alert',
  'connector', 'start', 'end', 'watermark', 'backfill', 'filter', 'store', 'invoice', 'employee', 'contact', 'subscriber', 'email',
  // a saved filter state's (Superset's `?native_filters_key=…` in a dashboard's link, red team 77)
  'filters',
  // a Google Sheets document's id (gspread's `open_by_key`, the id in every sheet's URL: `sheet_key`, red team 104); the
  // Sheets API's key is an API key (`sheets_api_key`), its service account's a private key (`…_service_account_key`)
  'sheet', 'sheets', 'spreadsheet', 'spreadsheets', 'gsheet', 'gsheets',
  // keys published by design: a search-only key (Algolia's, Meilisearch's, DocSearch's), Sentry's DSN key and Bugsnag's
  // notifier key (in every page and app that reports), OAuth 1.0's consumer key (its secret is the consumer secret)
  'search', 'only', 'docsearch', 'sentry', 'bugsnag', 'consumer',
]);

/**
 * Whether a name is a key's of some service that the vendor lists do not know (`FIVETRAN_KEY`, `censusKey`,
 * `MONTE_CARLO_KEY`): a last word `key` after a word that says nothing of what kind of key (NOT_SECRET_KEY_KINDS).
 * Such a name holds a secret only in a token's shape (see key-names.ts's readsLikeLooseKey); gitleaks' generic rule
 * reports such a pair by the value's entropy.
 */
export function namesLooseKey(key: string): boolean {
  if (key.length > 128 || key.includes('://')) return false;
  const { words, n } = wordsOf(key);
  if (n < 2 || words[n - 1] !== 'key') return false;
  const kind = words[n - 2]!;
  if (NOT_SECRET_KEY_KINDS.has(kind) || NOT_SECRET_BEFORE.has(kind) || NOT_CREDENTIAL_TOKENS.has(kind) || PURPOSES.has(kind) || /\d/.test(kind)) return false;
  // (a secret's own pair that the name's other words made none of: `hashed_api_key`, `public_api_key`)
  if (SECRET_PAIRS.has(`${kind} key`)) return false;
  return !namesPublicKey(words, n) && !namesPublicClientKey(words, n) && !namesHash(words, n) && !namesPublished(words, n);
}
