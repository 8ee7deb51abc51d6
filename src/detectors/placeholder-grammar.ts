/**
 * The placeholder grammar: what a templating language, a config loader or a person writes where
 * a real value goes later. Written once; `isPlaceholder` (and through it every detector) asks it.
 *
 *   {VAR}  {{ var }}  {% … %}  ${VAR}  ${VAR:-default}  $(VAR)  $VAR  %VAR%  %(name)s  #{var}  __VAR__
 *   <%= … %>  @VAR@  @db.password@  @@VAR@@  ((var))  :name  <your-token>  [PASSWORD]  YOUR_PASSWORD
 *   REPLACE_WITH_…  <enter key here>  !Ref Name  !vault |  os.environ["VAR"]  process.env.VAR
 *
 * and the fragments a template leaves inside a literal: `'" ~ var('pw') ~ "'` (Jinja), `'" + pw + "'`.
 */

/**
 * Somewhere in the value: an expression or a variable that a template engine or shell expands. Jinja's
 * `{{ … }}` and `{% … %}` are closed within a few hundred characters (a password may hold `{{`: `Ab{{9xQz!7Lm`),
 * or cut where a call opens (`{{ env_var(`, the rest outside the literal read).
 */
// (and SnowSQL's variable, `&{aws_secret}`: red team 124)
const EXPANDS = /\{\{[\s\S]{0,400}?(?:\}\}|\()|\{%[\s\S]{0,400}?%\}|\$\{|\$\(|%\(\w+\)s|<%|#\{\w|&\{[A-Za-z_]\w{0,63}\}/;

/** The whole value is a variable reference, in one of the styles above. */
// (`__SNOWFLAKE_PASSWORD__`: the token that a deploy step's replace-tokens task fills, as `#{…}#` and `@…@` are)
// (`$env:SHARE_PW`: PowerShell's environment variable, red team 83)
// (`@db.password@`: a property Maven's or Gradle's resource filtering fills; `@@TOKEN@@`, a deploy
// tool's token; `((db_password))`, a Concourse or BOSH credential the pipeline interpolates)
const WHOLE_REFERENCE =
  /^(?:\{[A-Za-z_][\w.-]{0,80}\}|\$[A-Za-z_]\w*|\$[Ee][Nn][Vv]:[A-Za-z_]\w*|%[A-Za-z_]\w*%|@[A-Z_][A-Z0-9_]*@|@[a-z][\w-]{0,40}(?:\.[\w-]{1,40}){1,6}@|@@[A-Za-z_][\w.-]{0,80}@@|\(\([A-Za-z_][\w./-]{0,127}\)\)|__[A-Za-z][A-Za-z0-9_.-]{0,80}__|:[A-Za-z_]\w*|\?)$/;

/**
 * A value that is code or a tag that looks the value up: CloudFormation's `!Ref DbPassword`
 * (`!Sub`, `!GetAtt`, `!ImportValue`…), Ansible's `!vault |` before its ciphertext, and a
 * program's read of its environment (`os.environ["PW"]`, `os.environ.get(`, `process.env.PW`,
 * Ruby's `ENV["PW"]`, `ENV.fetch(`, Java's `System.getenv(`, R's `Sys.getenv(`, .NET's
 * `Environment.GetEnvironmentVariable(`), written where the value would go.
 */
// (and a YAML tag of a config loader's own as the whole value: `api_key: !env_var DBT_API_KEY`, `!secret`, `!include`; with
// what it reads after it: see YAML_TAG)
const LOOKUP_CODE =
  /^(?:![a-z][a-z0-9_]{1,40}$|!(?:Ref|Sub|GetAtt|ImportValue|FindInMap|Join|Select|If|Base64|Split|vault)(?:\s|$)|os\.environ(?:\.get)?\s{0,4}[[(]|process\.env(?:\.[A-Za-z_]|\[)|ENV(?:\.fetch)?\s{0,4}[[(]|System\.getenv\s{0,4}\(|Sys\.getenv\s{0,4}\(|Environment\.GetEnvironmentVariable\s{0,4}\()/;

/**
 * A config loader's YAML tag before what it reads (red team 89's decoys under a meta `password` key): a word of letters and
 * underscores in one case, `!var`, `!secret`, `!env_var`, `!ENV`. A password that begins with `!` and holds a space
 * is written otherwise (`!Tiger42 ROAR`, `!Hunter5 OK`, `!Bluezq sky_42`: red team 91).
 */
const YAML_TAG = /^!(?:[a-z][a-z_]{1,40}|[A-Z][A-Z_]{1,40})[ \t]{1,4}/;

/**
 * What a tag reads: a variable's name made of words, snake_case or dotted (`snowflake_pw`, `vendor.api_key`, `secrets.yml`)
 * or in capitals (`DB_PASSWORD`, `PASSWORD`), not a word and a number (`sky_42`); or a path (`/run/secrets/pw`, SSM's
 * `/prod/dbt/password`, Secrets Manager's `prod/dbt/snowflake`). A secret manager's reference after it is REFERENCE_PREFIX's
 * (`!decrypt ENC[AES256_GCM,data:…]`).
 */
const TAG_ARGUMENT =
  /^(?:[a-z][a-z0-9]{0,40}(?:[_.][a-z][a-z0-9]{0,40}){1,8}|[A-Z][A-Z0-9]{0,40}(?:_[A-Z][A-Z0-9]{0,40}){0,8}|\/?[A-Za-z][\w.-]{0,63}(?:\/[A-Za-z0-9][\w.-]{0,63}){1,16})$/;

/** Whether the value is a YAML tag and what it reads (YAML_TAG, TAG_ARGUMENT). */
function isTaggedReference(value: string): boolean {
  const tag = YAML_TAG.exec(value);
  if (!tag) return false;
  const read = value.slice(tag[0].length);
  return TAG_ARGUMENT.test(read) || REFERENCE_PREFIX.test(read);
}

/**
 * A Python f-string's (or str.format's) field as the whole value: `{password}` is a reference above,
 * and so are `{dbt.config.get('kafka_password')}`, `{os.environ["PW"]}`, and what is left of one when
 * its inner quotes close the outer string (`password="{dbt.config.get("pw")}"` reads `{dbt.config.get(`).
 */
const CODE_FIELD = /^\{[A-Za-z_][\w.]{0,80}(?:[([]|\((?:[^()\n]{0,120})\)\}|\[(?:[^[\]\n]{0,120})\]\})$/;

/**
 * A bracketed name: `<password>`, `<your-token>`, `[API_KEY]`, `[[pw]]`; not one character in angle brackets
 * (`Kp9<x>nBRAP54N!z`: a password's). Square brackets inside a longer value hold a word in capitals
 * (`sk_live_[REDACTED]`): a password's run of letters and digits between them (`2TR9a7kW[gCgv9H]GwEite`) is none (red
 * team 91).
 */
const BRACKETED = /<(?:[a-z0-9 _-]{2,})?>|^\[{1,2}[A-Z0-9_ -]{1,64}\]{1,2}$/i;
const CAPITALS_BRACKETED = /\[[A-Z][A-Z_ -]{1,63}\]/;

/**
 * A word, a variable or stars wholly in round or angle brackets: what a log or a doc writes for a password unset or masked
 * (`Password=(null);`, `PWD=(hidden);`, `(see_vault)`, `Pwd=<$PASSWORD>;`, `Password=<**>;`: red team 91).
 */
const WRAPPED =
  /^(?:\((?:[A-Z]?[a-z]{1,24}(?:[_-][a-z]{1,24}){0,3}|[A-Z]{2,24}(?:_[A-Z]{1,24}){0,3}|\$\{?[A-Za-z_]\w{0,63}\}?|\*{1,64})\)|<(?:\$\{?[A-Za-z_]\w{0,63}\}?|\*{1,64})>)$/;

/**
 * Lookups, not values: a secret manager's reference or address (Key Vault, Secrets Manager, Secret
 * Manager, Vault; helmfile's vals `ref+vault://…`, `ref+awssecrets://…`; Hadoop's credential
 * provider `jceks://…`; a `file:` or `keyring:` source; Ansible's `aws_secretsmanager:…`, `sops:…`, Symfony's `%env(NAME)%`: red
 * team 144), an App Service Key Vault reference (`@Microsoft.KeyVault(SecretUri=…)`), and a
 * value SOPS encrypted (`ENC[AES256_GCM,data:…]`: ciphertext, whose key is elsewhere).
 */
// (and a Cloud KMS key's resource name, `projects/p/locations/global/keyRings/r/cryptoKeys/k`: the key never leaves KMS)
const REFERENCE_PREFIX =
  /^(?:env|secret|secrets|vault|arn|op|sm|ssm|awssm|gcpsm|azkv|keyvault|keyring|file|secretsmanager|secretmanager|parameterstore|doppler|infisical|bws|sops|(?:aws|gcp|azure)[_-]?(?:secrets?[_-]?manager|key[_-]?vault|ssm|parameter[_-]?store)):|^%env\([\w:.-]{1,128}\)%$|^(?:[a-z0-9]{1,20}-){1,3}(?:secrets?|vault|keyvault|secret-manager|secrets-manager|key-vault)(?:-[a-z0-9]{1,20}){0,3}:|^(?:[a-z0-9]{1,20}-){1,3}(?:sm|kv):\/\/|^scope=[\w.-]{1,128},[ \t]{0,4}key=[\w.-]{1,128}$|^(?:jceks|ref\+[a-z0-9]{2,24}):\/\/|^@Microsoft\.KeyVault\(|^ENC\[AES256_GCM,data:|^projects\/[^/]+\/(?:secrets|locations\/[^/]+\/keyRings)\/|^https:\/\/(?:[a-z0-9-]{1,63}\.vault\.azure\.(?:net|cn)|secretsmanager\.[a-z0-9-]{1,30}\.amazonaws\.com|secretmanager\.googleapis\.com|vault\.[a-z0-9.-]{1,200})(?:[:/]|$)/i;

/**
 * An authorization header's scheme before a format's field or a shell's variable, the whole value: `Token {token}`,
 * `Bearer {0}`, `Basic %s`, `Bearer $DBT_CLOUD_TOKEN` (the credential is filled in where the header is sent).
 */
const SCHEME_FIELD = /^(?:Bearer|Basic|Token|Digest|Bot|Key|Api-?Key|SSWS|GenieKey|Splunk|OAuth|JWT|HMAC|Negotiate) (?:\{[A-Za-z_][\w.]{0,80}\}|\{\d{0,2}\}|%s|\$[A-Za-z_]\w{0,80})$/i;

/**
 * A person's instruction where the value goes: REPLACE_WITH_…, <enter key here>, YOUR_PASSWORD; or where it is kept, the
 * whole value a pointer (`see secret/data/dbt/prod#password`, `(see 1Password: Snowflake svc_dbt)`: red team 130): words
 * or a path after `see`, not one run (`see: Kx9#mQ2v!Lp7w` is a password after the word: red team 131).
 */
const INSTRUCTION = /replace[-_ ]?(?:me|with|this)|(?:^|[-_ ])(?:insert|enter|put|paste|add|fill)[-_ ]?(?:your|the|here)|^your[-_]|[-_ ]here$|^\(?see:? (?:\S{1,64} \S|[\w.-]{1,64}(?:\/[\w.#-]{1,64}){1,16}\)?$)/i;

/**
 * A file the value is read from, as curl, httpie, the Vault CLI and `aws … file://` write it: `@pw.txt`,
 * `@/run/secrets/snowflake_password`, `@~/keys/rsa_key.p8` (red team 130). A password that begins with `@` names no path
 * and no file.
 */
const FILE_ARGUMENT = /^@(?:~?\/|\.{1,2}\/)[\w.\/-]{1,256}$|^@[\w.-]{1,64}\.(?:txt|key|pem|p8|p12|der|json|ya?ml|env|secret|pw|pwd|pass|cfg|conf|ini|properties)$/i;

/**
 * A literal that is the seam of a string built in a template: it opens or closes on the host
 * language's quote followed by a concatenation operator (`" ~ var(`, `" + pw + "`), or it calls
 * env_var(), var() or secret() itself.
 */
const TEMPLATE_SEAM = /^\s{0,8}["'`]\s{0,8}(?:~|\+|\|\||\.\.)|(?:~|\+|\|\||\.\.)\s{0,8}["'`]\s{0,8}$|\b(?:env_var|var|secret|getenv)\s{0,4}\(/;

export function isTemplateOrReference(value: string): boolean {
  return EXPANDS.test(value) || WHOLE_REFERENCE.test(value) || LOOKUP_CODE.test(value) || isTaggedReference(value) || CODE_FIELD.test(value) || BRACKETED.test(value) || CAPITALS_BRACKETED.test(value) || WRAPPED.test(value) || REFERENCE_PREFIX.test(value) || INSTRUCTION.test(value) || TEMPLATE_SEAM.test(value) || SCHEME_FIELD.test(value) || FILE_ARGUMENT.test(value);
}

/**
 * A PEM block whose key was left out — `-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----`,
 * `<your key>` between the markers: the armor of a template, with no base64 run a key would have.
 */
const PEM_ARMOR = /-----(?:BEGIN|END) [A-Z0-9 ]{1,40}-----/g;
const KEY_MATERIAL = /[A-Za-z0-9+/]{40}/;

export function isElidedPem(value: string): boolean {
  return value.startsWith('-----BEGIN ') && !KEY_MATERIAL.test(value.replace(PEM_ARMOR, ''));
}

/** Logins that a vendor ships in its demo schemas and documents everywhere, user to password: Oracle's `scott/tiger`, `system/manager`. */
const DEMO_LOGINS = new Map([['scott', 'tiger'], ['system', 'manager'], ['sys', 'changeoninstall']]);

/**
 * A value that repeats the name it stands under: `postgres:postgres@localhost` (a password equal to
 * its user name, a local default) or `SFTP_PASSWORD=SFTP_PASSWORD` (a password equal to its key
 * name, a template nobody filled in), or a vendor's documented demo login or sample password; for a URL's (`scheme`
 * given), also its user's name with a word for password or the scheme's service. Case, `_`, `-`, `.` and spaces are
 * ignored.
 */
export function isDefaultCredential(name: string, value: string, scheme?: string): boolean {
  if (name.length === 0) return false;
  const bare = (s: string) => s.toLowerCase().replace(/[-_. ]/g, '');
  const user = bare(name);
  const password = bare(value);
  if (user === password || DEMO_LOGINS.get(user) === password || DOCUMENTED_PASSWORDS.has(password)) return true;
  // a URL's password made of its user's name and a word for password (`dbt:dbt_password@`, `airflow:airflow_pw@`,
  // `dbt:dbtpass123@`), or that is its scheme's service (`clickhouse://default:clickhouse@`): a compose file's or a
  // tutorial's local login (red team 115)
  if (scheme !== undefined && (password === bare(scheme) || (user.length >= 2 && password.startsWith(user) && USER_PASSWORD_WORD.test(password.slice(user.length))))) return true;
  // `os.getenv("REDIS_PASSWORD", "redis")`, `PGPASSWORD=postgres`: the service's own name, its image's documented default
  const service = SERVICE_PASSWORD.exec(user)?.[1];
  return service !== undefined && (service === password || SERVICE_ALIASES.get(service) === password);
}

/**
 * Passwords that a vendor's documentation prints for everyone to copy: the postgres image's `mysecretpassword`, SQL
 * Server's `YourStrong!Passw0rd` and `yourStrong(!)Password` of Microsoft's container docs (red team 115), MongoDB's
 * manual's `D1fficultP%40ssw0rd` (red team 124), as
 * isDefaultCredential compares them (lower case, without `-_. `).
 */
const DOCUMENTED_PASSWORDS = new Set(['mysecretpassword', 'yourstrong!passw0rd', 'yourstrong(!)password', 'yourstrongpassw0rd', 'yourstrong@passw0rd', 'd1fficultp%40ssw0rd', 'd1fficultp@ssw0rd']);

/** What follows a user's name in a password made of it: a word for password, with a number of up to four digits after it. */
const USER_PASSWORD_WORD = /^(?:password|passwd|pass|pwd|pw|secret)\d{0,4}$/;

/** A password's name after its service's (`redispassword`, `pgpassword`, `airflowpwd`), as isDefaultCredential compares them. */
const SERVICE_PASSWORD = /^([a-z]{2,16})(?:password|passwd|pwd|pass)$/;
/** Services whose password's name spells them short: PostgreSQL's `PGPASSWORD`, MongoDB's. */
const SERVICE_ALIASES = new Map([['pg', 'postgres'], ['mongo', 'mongodb']]);

/**
 * After a quoted value's closing quote: a concatenation operator, so that the quoted text is a
 * fragment of a string built in a template or in code (`"postgresql://u:" ~ env_var('PW') ~ "@h"`,
 * `"AKIA" + suffix`), not a value.
 */
const CONTINUED = /^\s{0,8}(?:~|\+|\|\||\.\.)/;

export function isConcatenated(afterClosingQuote: string): boolean {
  return CONTINUED.test(afterClosingQuote.slice(0, 12));
}
