/**
 * What each context detector looks for, in words, with examples that its page shows and
 * test/docs.test.ts runs: each `found` text yields exactly its `secret`, each `ignored` text nothing.
 * `key` is the JSON key the value sits under (what the detector is told as its context).
 */

export interface FoundExample {
  key?: string;
  /** The column whose description `text` is (`key` is then `description`): what column-sample-value reads. */
  column?: string;
  /** The template `text` was rendered from (a node's raw code), for a detector that compares the two. */
  rawCode?: string;
  text: string;
  secret: string;
}

export interface IgnoredExample {
  key?: string;
  column?: string;
  rawCode?: string;
  text: string;
  why: string;
}

export interface DetectorNote {
  about: string;
  /** What the page says the detector runs on when it has no keywords (default: it reads the key). */
  runsOn?: string;
  found: readonly FoundExample[];
  ignored: readonly IgnoredExample[];
}

export const DETECTOR_NOTES: Readonly<Record<string, DetectorNote>> = {
  'secret-key-name': {
    about: `The whole value of a JSON key whose name says it holds a secret: \`DB_PASSWORD\`, \`apiKey\`,
\`client-secret\`, \`snowflake_private_key\`, in any naming style: glued (\`PGPASSWORD\`, \`MYSQL_PWD\`), camelCase, dotted
configuration keys (\`spark.hadoop.fs.s3a.secret.key\`, \`fs.azure.account.key.<account>.dfs.core.windows.net\`). The last
word of the name decides (\`password_policy\`, \`token_column\`, \`secret_arn\`, \`*_PATH\`, \`*_ID\`, \`*_TTL\` and
\`rsa_public_key\` name something else); qualifiers such as \`_PROD\` or \`_B64\` are skipped. Secret-manager addresses
and public keys are not secrets. Placeholders, templates
(\`{{ env_var(...) }}\`), dbt's own \`*****\`, file paths and snake_case identifiers are not reported. Under a key that
names a user and password pair (\`auth\`, \`http_auth\`, \`basicAuth\`; not \`oauth\`), a list's second element is the
password when it reads like one (8 characters of two kinds: \`auth: [read, write]\` lists scopes); the user is not reported.
A string under such a key (\`auth\`, \`PARTNER_AUTH\`) counts when it reads as a token (mixed case and digits, not mostly
words: \`auth: OAuth2ClientCredentials\` names a method). A key of a service no vendor list knows (\`FIVETRAN_KEY\`, \`censusKey\`) counts the same way when
its value reads as a token of 20 characters or more (no path, host, version or vendor's object id; 32 hex digits or
more only under an environment variable's name: under \`store_key\` they are a surrogate key's md5); the word before
\`key\` must not name another kind of key (\`primary_key\`, \`cache_key\`, \`customer_key\`, \`idempotency_key\`,
\`etag_key\`, \`run_key\`) nor one published by design (\`site_key\`, \`sentry_key\`, a search-only key). \`pass\` and \`pw\` name a password only beside a user key in the
same object, before or after it (\`{user: etl, pass: …}\`, dbt-postgres' profile keys, or the same keys sorted), and
only when the value reads like one (8 characters of two kinds: \`pass: passthrough\`, \`pw: pixel width\` are not). \`FERNET_KEY\` is Airflow's encryption key.
A value of the form \`Scheme credential\` (\`Authorization: Bot …\`, \`api_token: Bearer …\`) is reported without its scheme.
Under a key that names a vendor but no secret (\`discord\`, \`sfdc_session\`, \`DBT_ENV_CUSTOM_ENV_DISCORD\`), the value is read
as if the key were written before it, by the token formats that take a name there and whose shape is sure by itself
(a Discord bot token whose first part is a bot's id, a Salesforce session id), and by those whose keyword names the vendor
and is no part of the token (\`telegram\`, \`twilio\`, \`mailgun\`, \`notion\`): it is reported as that format. Base64 of a
sentence (what a sample encodes) is no secret. Under a webhook's name (\`alert_webhook\`, \`WEBHOOK_URL\`), a URL is a secret only
where it carries one: a user part, a path segment or query value in a token's shape (a UUID, a random id), or a query
key that holds one (\`code\`, \`sig\`, \`token\`); an endpoint of words (\`https://api.acme.io/hooks/refresh\`) is none.`,
    found: [
      { key: 'DB_PASSWORD', text: 'Tr0ub4dor&3-prod', secret: 'Tr0ub4dor&3-prod' },
      { key: 'alertWebhookToken', text: 'q7Lm2Xv9Rk4Nw8Yc3Hd6', secret: 'q7Lm2Xv9Rk4Nw8Yc3Hd6' },
    ],
    ignored: [
      { key: 'DB_PASSWORD', text: '*****', why: 'scrubbed by dbt' },
      { key: 'DB_PASSWORD_FILE', text: '/run/secrets/db_password', why: 'a path to a secret, not the secret' },
      { key: 'password_policy', text: 'min-length-12', why: 'the name is about a policy' },
      { key: 'refresh_webhook', text: 'https://api.acme.io/hooks/refresh', why: 'a webhook endpoint with no credential in it' },
    ],
  },
  'password-assignment': {
    about: `A secret-named key followed by a value inside a longer text: \`password=…\` in a DSN or URL query,
\`"api_key": "…"\` in JSON or YAML written into a string (\`--vars\`), \`pwd=…;\` in an ODBC connection string,
\`client_secret='…'\` in a Python model. Bare values after \`=\` count only without spaces around it; in code
\`password = get_secret()\` is an expression, not a secret. After a name ending in \`auth\` (\`auth = '…'\`,
\`auth: …\`) only a value that reads as a token counts (\`auth = 'oauth'\`, \`auth: none\` name a method); so
after a key of a service no vendor list knows (\`?adzuna_key=…\`, \`adzuna_key = "…"\`, \`CENSUS_KEY=…\`: in a URL's
query, quoted, or set to an environment variable's name), as secret-key-name reads it.
\`pw\` alone counts right before \`=\` or \`:\` and before a password's shape (\`?pw=120\` is a picture's width). Prose
that writes the value right after the name and a space (\`the password … was rotated\`, \`(API key …)\`,
\`subscription key …\`) counts when the value reads as random: twelve characters or more, a token's shape or
letters, digits and capitals or symbols, not words (\`the password reset flow\`, \`api key rotation policy\` are
prose). Words may stand between the name and a colon or a verb when they begin with a preposition or an aside
(\`Password for the kiosk account: …\`, \`Kennwort des Kiosk-Kontos: …\`, \`The password of the reporting user is …\`,
\`… lautet …\`, \`we reset the admin password to …\`): the value then counts in a secret's shape only. A list after a
secret's name in the plural (\`api_keys: [Xk…, Yz…]\` in \`--vars\` text) counts element by element, in a token's shape.
A cell under a secret-named column of a Markdown table, or of the diff table a failing unit test prints
(\`@@ ,id ,password\` in run_results' message and dbt.log), counts in a password's shape.`,
    found: [
      { text: 'host=db.internal user=loader password=Tr0ub4dor&3-prod dbname=raw', secret: 'Tr0ub4dor&3-prod' },
      { text: 'Incident 4411: the password Xy7#kq2!pLm9 was rotated after the audit', secret: 'Xy7#kq2!pLm9' },
      { text: "Driver={ODBC Driver 18};Server=sql.internal;Uid=etl;Pwd=pG-9vKq2xLm;", secret: 'pG-9vKq2xLm' },
      { text: 'Password for the kiosk account: Copper?Cactus29', secret: 'Copper?Cactus29' },
    ],
    ignored: [
      { text: 'password = get_secret("warehouse")', why: 'an expression in code' },
      { text: "password='{{ env_var(\"DBT_ENV_SECRET_PG\") }}'", why: 'a template' },
      { text: 'the password reset flow sends a link valid for 24h', why: 'words after the name' },
      { text: 'The password of the service user is stored in Vault', why: 'where it is kept, not the value' },
    ],
  },
  'sql-password': {
    about: `Credentials written as SQL string literals: \`create user … password '…'\`, \`identified by '…'\`, a DuckDB
\`create secret (… secret '…')\`, Redshift \`secret_access_key '…'\`, and a literal selected under a secret's
name, which is what \`'{{ env_var('DB_PASSWORD') }}' as db_password\` compiles to (the closing quote, one or two
spaces and \`as\`: one aliased over a line break is found only where another of the keywords is in the model), or
cast first, as dbt renders a unit test's fixture rows (\`cast('…' as character varying(256)) as password\`).
Also a literal declared under a secret's name with a string type (\`DECLARE api_token text := '…'\`, T-SQL's
\`DECLARE @password NVARCHAR(100) = N'…'\`, Snowflake Scripting's \`LET secret STRING := '…'\`), a literal after a
secret's name in a string (\`set_config('app.api_key', '…', false)\`, \`http_header('X-Api-Key', '…')\`;
a one-word label without a digit or a symbol is passed over), the secret key ClickHouse's \`s3()\`, \`gcs()\`
and \`azureBlobStorage()\` take by position, and the password ClickHouse's \`postgresql()\`, \`mysql()\` and
\`mongodb()\` take as their fifth argument. A DuckDB HTTP secret's \`bearer_token '…'\` is found too, and
Oracle's unquoted password after \`user <name> identified by\` or \`connect to <name> identified by\` (one with a digit),
the current password after \`replace\`, and Teradata's unquoted one of \`create user … as … password = …\` (with a digit).
The \`key = '…'\` forms are found by [password-assignment](password-assignment.md).`,
    found: [
      { text: "create user reporter password 'Tr0ub4dor&3-prod';", secret: 'Tr0ub4dor&3-prod' },
      { text: "select 'Wq7vR2pmZ9xKd4' as loader_pw", secret: 'Wq7vR2pmZ9xKd4' },
      { text: "alter user etl identified by 'pG-9vKq2xLm'", secret: 'pG-9vKq2xLm' },
      { text: "DECLARE @password NVARCHAR(100) = N'Pz8!kq2Lm#4wRt';", secret: 'Pz8!kq2Lm#4wRt' },
      { text: "select set_config('app.api_key', 'k7Hq2Lp9Xz4Vw1Rt', false)", secret: 'k7Hq2Lp9Xz4Vw1Rt' },
    ],
    ignored: [
      { text: 'create user reporter password null;', why: 'no literal' },
      { text: "select 'password' as column_name", why: 'no keyword before the literal' },
      { text: 'DECLARE token_count INT := 5;', why: 'not a string, and not a secret\'s name' },
      { text: "decode(auth_kind, 'password', 'Login')", why: 'a label' },
    ],
  },
  'cli-password-flag': {
    about: `A password on a database client's command line, in a hook that shells out, a docs block or an error that
echoes the command: \`mysql -pS3cret\` (glued: \`mysql -p dbname\` prompts), \`sqlcmd\`/\`bcp\`/\`osql\`/\`isql -P …\`,
\`snowsql\`/\`clickhouse-client --password …\`, \`mongosh -p …\`, \`redis-cli -a …\`, \`sshpass -p …\`, \`vsql -w …\`, and
the logon word of Oracle's tools (\`sqlplus etl/…@ORCL\`, \`sqlldr userid=etl/…\`, \`expdp\`, \`impdp\`, \`exp\`, \`imp\`,
SQL*Plus's \`CONN etl/…@ORCL\`). Also the wallet's password of \`orapki … -pwd …\` and \`mkstore … -createCredential tns
user …\`, Teradata's \`tdload -p …\` and BTEQ's \`.LOGON tdpid/user,…;\`, Informatica's \`pmcmd … -p …\`, \`az login -p …\`,
Windows' \`net use … /user:x …\`, \`cmdkey /pass:…\`, \`schtasks /RP …\` and \`dtexec /De …\`, \`lftp -u user,…\`. Each client's own
flag is read (\`-P\` is mysql's port), on the client's line. \`--password=…\` is found by
[password-assignment](password-assignment.md).`,
    found: [
      { text: 'mysql -u etl -pS3cretPw9x -h db.acme.io warehouse < dump.sql', secret: 'S3cretPw9x' },
      { text: "sqlcmd -S sql.acme.io -U etl -P 'Qw9!zLp2Xk' -d dw -i refresh.sql", secret: 'Qw9!zLp2Xk' },
    ],
    ignored: [
      { text: 'mysql -u etl -p warehouse', why: 'the password is asked for; warehouse is the database' },
      { text: 'sqlcmd -S sql.acme.io -U etl -P $SQLCMDPASSWORD', why: 'a variable' },
    ],
  },
  'dbt-secret-placeholder': {
    about: `dbt's stand-in for a secret environment variable, \`$$$DBT_SECRET_START$$$<name>$$$DBT_SECRET_END$$$\`. dbt renders
profiles.yml and packages.yml with this marker where \`env_var('DBT_ENV_SECRET_…')\` is called, and puts the value in
only where it connects or clones a package. The marker holds the variable's name, not its value, so the finding is a
**note** whatever its rule's severity (no default gate fails on it): but a marker in an artifact says that a secret's
rendering left its place, and wherever dbt swapped it back (a query sent, a log line, a clone URL) the value was written
in full. The preview shows the marker and the name. A marker with no name after it, or the word alone in prose, is none.`,
    found: [
      { text: "select * from x where token = '$$$DBT_SECRET_START$$$DBT_ENV_SECRET_API_TOKEN$$$DBT_SECRET_END$$$'", secret: '$$$DBT_SECRET_START$$$DBT_ENV_SECRET_API_TOKEN$$$DBT_SECRET_END$$$' },
    ],
    ignored: [
      { text: 'grep for "$$$DBT_SECRET_START$$$" in the logs', why: 'the marker with no name after it' },
      { text: 'password=*****', why: "dbt's scrubbed value" },
    ],
  },
  'pgpass-line': {
    about: `A line of PostgreSQL's password file (\`~/.pgpass\`, \`pgpass.conf\`) pasted into docs, a meta note or a hook:
\`hostname:port:database:username:password\`, the first four fields a literal or \`*\`. dbt-postgres and dbt-redshift
connect through libpq, so runbooks tell people to write one. The host is a name with a letter, an IPv4 address or
\`*\`; the port is digits or \`*\`; the password is the rest of the line, up to a space or a quote. Read where the
value names the file (\`pgpass\`), has the port of PostgreSQL, Redshift or PgBouncer (5432, 5433, 5439, 6432), or a
field's wildcard (\`:*:\`). A user's own name as the password (\`postgres:postgres\`), a placeholder and \`<…>\` are
no secret.`,
    found: [
      { text: 'add this line to ~/.pgpass: db.example.com:5432:analytics:dbt_user:S3cr3t!pw', secret: 'S3cr3t!pw' },
      { text: '*:*:*:dbt_user:Vx9qLm2Rt8', secret: 'Vx9qLm2Rt8' },
    ],
    ignored: [
      { text: 'the job runs at 12:30:45:00 daily', why: 'a time: no host, port, database and user' },
      { text: 'db.example.com:5432:analytics:dbt_user:<your password>', why: 'a gap to fill' },
      { text: 'localhost:5432:postgres:postgres:postgres', why: "a container's default, the user's name as its password" },
    ],
  },
  'env-password-shape': {
    about: `A generated or typed password under an environment variable's name that says nothing (\`DBT_ENV_CUSTOM_ENV_X1\`,
\`DBT_ENV_CUSTOM_ENV_PG\`), read only in \`metadata.env\` and partial_parse.msgpack's \`env_vars\` (the env-metadata rule),
where dbt copies every \`DBT_ENV_CUSTOM_ENV_*\` variable. The value has a password's marks together: 10 to 64 characters
without a space or a \`/\`, lower- and upper-case letters, a digit, and one of \`! # $ % ^ & * ?\`, which run metadata (a
job's id, a branch, a digest, a cron line, a selector) does not hold. A name whose last word says it holds a label
(\`NAME\`, \`LABEL\`, \`TITLE\`, \`TAG\`, \`BRANCH\`, \`VERSION\`, \`RELEASE\`, \`WORKFLOW\`, \`JOB\`, \`CENTER\`…) is not read:
people write \`#\` and \`&\` in those. A name that says secret is [secret-key-name](secret-key-name.md)'s; placeholders,
examples and references are no secret. Medium confidence.`,
    found: [
      { key: 'X1', text: 'KTNPfpOAE8*vI9zu', secret: 'KTNPfpOAE8*vI9zu' },
      { key: 'PG', text: 'Summer2020!Warehouse', secret: 'Summer2020!Warehouse' },
    ],
    ignored: [
      { key: 'GIT_BRANCH', text: 'feature/JIRA-123#fix', why: 'a branch: a `/`' },
      { key: 'JOB_NAME', text: 'Nightly Run #42', why: 'words with spaces' },
      { key: 'BUILD_LABEL', text: 'Release#2024Q3-RC1', why: 'a name that says it holds a label' },
      { key: 'CONN', text: '${DB_PASSWORD}', why: "a variable's reference" },
    ],
  },
  'column-sample-value': {
    about: `A sample of a secret column's values written into its documentation: the \`description\` of a column in the
manifest, or the warehouse \`comment\` of a column in catalog.json, when the column's name says secret (\`client_secret\`,
\`DB_PASS\`, \`aws_secret_access_key\`) and not what is derived from one (\`password_hash\`, \`encrypted_password\`,
\`contrasena_cifrada\`, \`mot_de_passe_hache\`, \`api_key_id\`, \`token_count\`). dbt docs publish the description beside
the column's name, so the name is the context the prose lacks. Only a word of the text in a generated secret's shape is reported: 32 to 128 hex digits, a token of 20
or more letters and digits of both cases, or a password of 12 or more characters with both cases and a symbol; not a
UUID, a URL, a path, a template or a reference, a placeholder, a documented example, nor a password a person made up
(\`Summer2024!\`); nor public material or an identifier the prose names: a public key's or a certificate's PEM body, a
value right after \`commit\`, \`run\`, \`request\`, \`server\` (or a few words after \`request id\`), an AI API's response
id (\`chatcmpl-…\`, \`msg_01…\`), a JOSE header alone. Found in the free-text rule. Medium confidence.`,
    runsOn: "a column's description or warehouse comment, when the column's name says secret",
    found: [
      { key: 'description', column: 'client_secret', text: 'Sample from prod sync: `jJwSxq072RWrsOXkQLhQlLYTACT5DlYW1q`', secret: 'jJwSxq072RWrsOXkQLhQlLYTACT5DlYW1q' },
      { key: 'comment', column: 'DB_PASS', text: 'Sample: PviqHy*BNiOq^A94', secret: 'PviqHy*BNiOq^A94' },
    ],
    ignored: [
      { key: 'description', column: 'password_hash', text: 'Sample: `e2LogZy7/hsFUvIUW+Fzt77EkFOayr5Zs4+yT1+S`', why: "a column of what is derived from a secret" },
      { key: 'description', column: 'api_key', text: 'Surrogate key, e.g. 3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b', why: 'a UUID' },
      { key: 'description', column: 'client_secret', text: 'Rotated in commit a3f9c2e1b7d04f5e8a6c9b2d1e0f3a4c5b6d7e8f.', why: "a commit's SHA: the prose says what it is" },
      { key: 'description', column: 'secret_key', text: 'Stored in Vault at secret/data/analytics/app_secret_key', why: 'where the secret is kept, not the secret' },
    ],
  },
  'spark-conf-line': {
    about: `A Hadoop filesystem credential on a line of Spark or Hadoop configuration in the form spark-defaults.conf and a
Databricks cluster's "Spark config" box use: the property, spaces, the value (\`spark.hadoop.fs.s3a.secret.key …\`,
\`fs.azure.account.key.<account>.dfs.core.windows.net …\`), pasted into docs, a meta note, a hook's comment or an
error. The property is one of S3A's, S3N's, S3's, ABFS's or GCS's (\`fs.s3a.\`, \`fs.azure.\`, …, with \`spark.hadoop.\`
or not) whose name says secret, at the start of a line (a comment's \`--\`, \`#\` or \`//\` allowed), and the value is
one word that ends the line. Spark SQL's \`OPTIONS ('fs.s3a.secret.key' '…')\` (or an unquoted property) is read too,
any property whose name says secret. \`key=value\` is [password-assignment](password-assignment.md)'s; a key of
\`server_side_parameters\` or \`spark_conf\` in config is [secret-key-name](secret-key-name.md)'s.`,
    found: [
      { text: 'spark.hadoop.fs.s3a.secret.key Wq8vLm2xRt9zKp4nBc7dFg1hJk3sQe5uYi6oPa0T', secret: 'Wq8vLm2xRt9zKp4nBc7dFg1hJk3sQe5uYi6oPa0T' },
    ],
    ignored: [
      { text: 'spark.hadoop.fs.azure.account.key.acmelake.dfs.core.windows.net {{secrets/lake/adls_key}}', why: 'a Databricks secret reference' },
      { text: 'spark.hadoop.fs.s3a.secret.key ${env:S3_SECRET}', why: "Spark's reference to an environment variable" },
    ],
  },
  'url-password': {
    about: `A password in the userinfo of a connection URL: \`postgresql://user:PASSWORD@host/db\`, and the same for any
scheme — mysql, sqlserver, snowflake, mongodb+srv, redis, amqp, https, SQLAlchemy's \`dialect+driver://\` and
\`jdbc:\`. Percent-escapes are decoded before placeholders are recognized; a raw \`#\` or \`@\` in the password is
read up to the last \`@\` before the host, and SQL Server's \`host:1433;property=…\` list is no userinfo, nor is a cloud
region's name in the password's place (\`s3://bucket:eu-west-1@endpoint/…\`). Two connection
strings without a scheme too, each marked after its \`@\`: Go's MySQL driver (\`user:PASSWORD@tcp(host:3306)/db\`) and
Oracle's Easy Connect (\`user/PASSWORD@//host:1521/service\`, where a bare lower-case word may be a path and Oracle's
demo \`scott/tiger\` is no secret); and Oracle's JDBC URL, \`jdbc:oracle:thin:user/PASSWORD@host:1521:SID\`. A tutorial's URL
is a sample: a textbook password (\`s3cret\`, \`pa55w0rd\`) at a host reserved for examples (\`example.com\`, \`.test\`, \`.example\`,
\`.invalid\`, \`.localhost\`; a generated one there is found, as tests and fixtures plant them), a password
made of the user's name and a word for password (\`dbt:dbt_password\`) or of the scheme's service
(\`clickhouse://default:clickhouse@\`), a vendor's documented sample password (\`mysecretpassword\`,
\`YourStrong!Passw0rd\`), anonymous FTP.`,
    found: [
      { text: 'could not connect to postgresql://loader:pG-9vKq2xLm@db.internal:5432/raw', secret: 'pG-9vKq2xLm' },
      { text: 'redis://:Tr0ub4dor%263-prod@cache.internal:6379/0', secret: 'Tr0ub4dor%263-prod' },
      { text: 'dial failed for etl:Gm9-vXq2Lm4s@tcp(mysql.acme.io:3306)/shop', secret: 'Gm9-vXq2Lm4s' },
      { text: 'sqlplus -s etl/Or4-Mv7qZx2@//ora.acme.io:1521/ORCLPDB1', secret: 'Or4-Mv7qZx2' },
    ],
    ignored: [
      { text: 'postgresql://loader@db.internal:5432/raw', why: 'no password' },
      { text: 'postgresql://loader:${PG_PASSWORD}@db.internal/raw', why: 'a template' },
      { text: 'scott/tiger@//localhost:1521/XEPDB1', why: "Oracle's documented demo login" },
      { text: 'postgresql://alice:s3cret@db.example.com/analytics', why: 'a textbook password at a host reserved for examples (RFC 2606)' },
      { text: 'postgresql://dbt:dbt_password@localhost:5432/dbt', why: "a password made of the user's name: a compose file's local login" },
      { text: 'postgresql://postgres:mysecretpassword@localhost:5432/postgres', why: "the postgres image's documented sample" },
      { text: 'ftp://anonymous:guest@ftp.ncbi.nlm.nih.gov/genomes/', why: 'anonymous FTP' },
    ],
  },
  'http-auth-header': {
    about: `The credential of an HTTP \`Authorization\` header: \`Bearer …\` anywhere, \`Basic …\`, \`Token …\` (dbt Cloud's
API scheme) and \`Bot …\` (Discord's) only after \`Authorization:\` (they are common words); the scheme is not part of what
is reported. Short, low-entropy or digit-free values are not reported, nor a Discord token from the docs (its first
segment decodes to words, where a bot's id is digits). Opsgenie's \`GenieKey <uuid>\` is found without the header's name
too, unless a word follows the UUID (an id that a column or a list holds).`,
    found: [
      { text: "headers = map {'Authorization': 'Bearer q7Lm2Xv9Rk4Nw8Yc3Hd6Tb1'}", secret: 'q7Lm2Xv9Rk4Nw8Yc3Hd6Tb1' },
      { text: 'Authorization: Basic bG9hZGVyOnBHLTl2S3EyeExt', secret: 'bG9hZGVyOnBHLTl2S3EyeExt' },
      { text: 'headers={"Authorization": "Token 5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29"}', secret: '5f0c8e2a9b41d7f36e0a2c94b8d1f7e3a6c05b29' },
      { text: "headers={'Authorization': 'Bot aB3dE5fG7hJ9kL1mN3pQ5rS7.Gh7Qz2.Xk9wLm2VbXc4NpQ7sRdF6gHjK1l'}", secret: 'aB3dE5fG7hJ9kL1mN3pQ5rS7.Gh7Qz2.Xk9wLm2VbXc4NpQ7sRdF6gHjK1l' },
    ],
    ignored: [
      { text: 'Bearer token authentication is used for the API', why: 'prose' },
      { text: 'basic aggregations over orders, 2024 edition', why: '"basic" without an Authorization header' },
    ],
  },
  'signed-url': {
    about: `The signature of a pre-signed or SAS URL — S3 (\`X-Amz-Signature\`), GCS (\`X-Goog-Signature\`), Azure
(\`sig\`), CloudFront (\`Signature\`): whoever has the URL has access until it expires.`,
    found: [
      {
        text: 'https://storage.googleapis.com/acme-raw/e.parquet?X-Goog-Expires=3600&X-Goog-Signature=5f0c3a9be27d14c86a0f9e3b7d21c45a',
        secret: '5f0c3a9be27d14c86a0f9e3b7d21c45a',
      },
    ],
    ignored: [
      { text: 'gs://acme-raw/events/*.parquet', why: 'a bare location' },
      { text: 'https://bi.acme.io/d/42?sig=<signature>', why: 'a placeholder' },
    ],
  },
  'code-secret-argument': {
    about: `A secret handed over by name in code, as dbt Python models and PySpark config do it: a setter called
with a secret's name and a literal value (\`spark.conf.set(…)\`, \`.option("password", …)\`, \`builder.config(…)\`,
\`os.environ.setdefault(…)\`), or a secret-named slot of a mapping assigned a literal (\`os.environ["X_PASSWORD"] = …\`).
Keyword arguments and dict literals are password-assignment's; lookups such as \`dbutils.secrets.get(…)\` pass no secret.
A user and password pair with a literal password: \`auth=("svc", "…")\`, \`HTTPBasicAuth("svc", "…")\`, and as a list
under an auth key the way \`--vars\` (JSON) and \`--args\` (YAML) echo it on the command line: \`"api_auth": ["svc", "…"]\`.
A literal default of a lookup of a secret's name is one too: \`os.getenv("PGPASSWORD", "…")\`, and in Jinja
\`env_var('API_KEY', '…')\`, \`var('db_password') | default('…')\`.`,
    found: [
      { text: 'spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", "q7Lm2Xv9Rk4Nw8Yc3Hd6==")', secret: 'q7Lm2Xv9Rk4Nw8Yc3Hd6==' },
      { text: 'os.environ["SNOWFLAKE_PASSWORD"] = "pG-9vKq2xLm"', secret: 'pG-9vKq2xLm' },
      { text: 'dbt build --vars \'{"partner_auth": ["svc_partner", "pG-9vKq2xLm"]}\'', secret: 'pG-9vKq2xLm' },
    ],
    ignored: [
      { text: 'dbt build --vars \'{"scopes_auth": ["read", "write"]}\'', why: 'scopes, not a password' },
      { text: 'spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", dbutils.secrets.get(scope="kv", key="lake"))', why: 'a lookup' },
      { text: 'spark.conf.set("spark.sql.shuffle.partitions", "200")', why: 'not a secret name' },
    ],
  },
  'env-var-rendered': {
    about: `The value of a secret-named \`env_var()\` (\`*_PASSWORD\`, \`*_TOKEN\`, \`*_SECRET\`, \`*_API_KEY\`, \`*_DSN\`; the
key-name grammar of [secret-key-name](secret-key-name.md) decides, and for an env var a service's key too: \`STRIPE_KEY\`,
\`OPENAI_KEY\`, not \`PRIMARY_KEY\` or \`KMS_KEY\`) where dbt rendered it into a node's compiled code, wherever that is: a
procedure's argument, a concatenated URL, a positional value. The node's raw code shows the call with the literal text
around it; the compiled code holds the same text around the value. The value may come through a name
(\`{% set pw = env_var('DB_PASSWORD') %}\` … \`{{ pw }}\`, with Jinja's scopes: a loop's or a macro's sets end with it, a
set in one branch of an \`if\` lasts only when every branch sets it alike, to one secret env var or another), through filters that keep it (\`trim\`,
\`string\`, \`safe\`; \`upper\` and \`lower\`, said in the finding) and joined to strings with \`~\`
(\`{{ 'Bearer ' ~ env_var('API_TOKEN') }}\`). The literal text nearest to each side of the value (up to the nearest other
Jinja: \`ref()\`, \`{% if %}\`, a macro, a variable) is looked for in the compiled code, in the raw code's order, and what
lies between is reported when it reads like a secret. A value without literal text on a side, a value across lines or
holding its own quote, an env var passed to a macro or through any other filter or operator, and a search that would
grow past a few times the code's length are given up rather than guessed. Not reported: names such as \`DBT_TARGET\`,
\`SCHEMA\`, \`WAREHOUSE\`; the call's default where it rendered; empty, short (under 8 characters) and plain values (a
word, a number, an identifier); placeholders; Jinja left unrendered. A call in a loop is looked for once. The raw code
must come before the compiled code in the node, as dbt writes it. A result's compiled code in run_results.json is read
with the raw code of the manifest node its \`unique_id\` names, when the manifest is in the same folder; compiled SQL
files (target/compiled, target/run) have no raw code beside them and are not read this way.`,
    runsOn: 'compiled code whose node\'s raw code calls a secret-named env_var()',
    found: [
      {
        rawCode: "call set_credentials('{{ env_var(\"VENDOR_SECRET\") }}', {{ ref('accounts') }})",
        text: 'call set_credentials(\'Vq9xK2mL8pR4tW7z\', "dw"."main"."accounts")',
        secret: 'Vq9xK2mL8pR4tW7z',
      },
      {
        rawCode: "select http_get('https://api.vendor.example/v1?key=' || '{{- env_var('VENDOR_API_KEY') -}}')",
        text: "select http_get('https://api.vendor.example/v1?key=' || 'Zt7-Qw3eR9yU1iO5')",
        secret: 'Zt7-Qw3eR9yU1iO5',
      },
      {
        rawCode: "{%- set pw = env_var('DBT_SNOWFLAKE_PASSWORD') -%}\ncall vendor.login('svc:' || '{{ 'x-' ~ pw | trim }}')",
        text: "call vendor.login('svc:' || 'x-Vq9xK2mL8pR4tW7z')",
        secret: 'Vq9xK2mL8pR4tW7z',
      },
    ],
    ignored: [
      { rawCode: "select '{{ env_var('DBT_TARGET_SCHEMA') }}' as s", text: "select 'analytics_prod' as s", why: 'not a secret\'s name' },
      { rawCode: "call auth('{{ env_var('VENDOR_TOKEN', 'changeme') }}')", text: "call auth('changeme')", why: 'a placeholder' },
      { rawCode: "{% if target.name == 'prod' %}call auth('{{ env_var('VENDOR_TOKEN') }}'){% endif %}", text: '', why: 'not rendered' },
      { rawCode: "call auth('{{ env_var('VENDOR_TOKEN', 'Dflt-9xQ2-value7') }}')", text: "call auth('Dflt-9xQ2-value7')", why: "the call's default" },
      { rawCode: "{% set pw = env_var('VENDOR_TOKEN') %}{% set pw = lookup_token() %}call auth('{{ pw }}')", text: "call auth('Lz4-literal-Val9')", why: 'pw set again to something else' },
    ],
  },
};
