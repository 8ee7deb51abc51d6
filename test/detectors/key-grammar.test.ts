/**
 * Issue 18, class 2: the key-name grammar. Every naming style of a secret's name is a secret
 * name; names that point at, describe or configure a secret without holding it are not. The same
 * grammar decides in secret-key-name (a JSON key) and password-assignment (a name in text).
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { keyWords } from '../../src/detectors/key-grammar.js';
import { isRealSecretValue, isSecretKeyName, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { sqlCredentialDetector } from '../../src/detectors/sql-credentials.js';

const SECRET_NAMES = [
  'DB_PASSWORD', 'db-password', 'dbPassword', 'DbPassword', 'db.password', 'db password',
  'PGPASSWORD', 'MYSQL_PWD', 'REDIS_PASS', 'DB_PASSWD', 'REPORTING_PW', 'SNOWFLAKE_PRIVATE_KEY_PASSPHRASE',
  'azureClientSecret', 'AZURE_CLIENT_SECRET', 'clientSecret', 'APIKey', 'ApiKey', 'x-api-key', 'X-API-Key', 'X-Auth-Token',
  'Ocp-Apim-Subscription-Key', 'GITHUB_TOKEN', 'githubToken', 'accesstoken', 'AWSSECRETACCESSKEY', 'aws_secret_access_key',
  'spark.hadoop.fs.s3a.secret.key', 'snowflake.private_key', 'fs.azure.account.key.acmelake.dfs.core.windows.net',
  'fs.azure.account.oauth2.client.secret.acmelake.dfs.core.windows.net', 'fs.azure.sas.raw.acmelake.blob.core.windows.net',
  'DB_PASSWORD_PROD', 'API_KEY_B64', 'SLACK_WEBHOOK_URL', 'connectionString', 'ConnectionStrings',
  // numbered, versioned and environment-qualified: what DBT_ENV_CUSTOM_ENV_* variables of several databases look like
  'dbPassWord', 'sftpPassPhrase', 'DB_PASS_WORD',
  'DB_PASSWORD_0', 'DB_PASSWORD_4', 'DB_PASSWORD_12', 'API_TOKEN_2024', 'api_key_v3', 'snowflakePasswordV10', 'API_KEY_SECONDARY', 'DB_PASSWORD_UAT_2',
  // one database per region or market
  'DB_PASSWORD_EU', 'SNOWFLAKE_PASSWORD_US_EAST', 'API_KEY_APAC', 'DB_PASSWORD_DE',
  // "password" in the team's own language, with or without its accents
  'DB_PASSWORT', 'dbPasswort', 'LDAPKENNWORT', 'SENHA_BANCO', 'senhaBanco', 'MOT_DE_PASSE', 'motDePasse', 'contraseña', 'CONTRASENA_BD',
  'DB_WACHTWOORD', 'Lösenord', 'hasło', 'db_passord', 'salasana',
  // Snowflake's generic_string secret, AWS Secrets Manager's SecretString
  'secret_string', 'SecretString', 'hapikey',
  // a vendor whose only key is its secret API key
  'MAILGUN_KEY', 'sendgridKey', 'openai_key', 'DATADOG_KEY_EU', 'HONEYCOMB_KEY', 'deepseekKey', 'SOFTLAYER_KEY',
  'GEMINI_KEY', 'perplexityKey', 'DEEPGRAM_KEY', 'QDRANT_KEY', 'WEAVIATE_KEY_PROD', 'HIGHTOUCH_KEY', 'datafold_key', 'LIGHTDASH_KEY',
  'RAPIDAPI_KEY', 'rapidapiKey', 'ADAFRUIT_KEY',
  // a vendor's key of the kind that is its secret: Adafruit IO's, Algolia's admin and write keys
  'ADAFRUIT_IO_KEY', 'adafruitIoKey', 'ALGOLIA_ADMIN_KEY', 'algoliaWriteKey', 'ALGOLIA_ADMIN_KEY_PROD',
  // the APIs analytics teams pull from (trufflehog's keyword-only detectors), Azure AI Search's admin key, Airbrake's user key
  'GECKOBOARD_KEY', 'chartmogulKey', 'OPENCAGE_KEY', 'mapquest_key', 'WANDB_KEY', 'customerio_key', 'Pipedrive key', 'AZURE_SEARCH_ADMIN_KEY', 'Search admin key', 'airbrake_user_key',
  // PagerDuty's Events API key by the names it goes by; an analytics vendor's secret key
  // Airflow's Fernet key, under its own name and in Airflow's env-var form
  'FERNET_KEY', 'AIRFLOW__CORE__FERNET_KEY', 'fernetKey', 'fernet_keys',
  'pagerduty_routing_key', 'PD_ROUTING_KEY', 'PAGERDUTY_INTEGRATION_KEY', 'pagerdutyServiceKey', 'mixpanel_api_secret', 'posthog_personal_api_key', 'amplitude_secret_key', 'STATSIG_SERVER_SECRET',
  // a secret for something or of someone (red team 51), a signed-in session's cookie
  'PASSWORD_FOR_LOADER', 'TOKEN_FOR_SLACK', 'MY_SECRET_VALUE_FOR_JOB', 'API_KEY_FOR_SYNC_PROD', 'PASSWORD_OF_ADMIN',
  'session_cookie', 'SESSION_COOKIE', 'authCookie',
  // dbt's own mark of a secret, whatever follows it
  'DBT_ENV_SECRET_PG', 'DBT_ENV_SECRET_SNOWFLAKE', 'dbt_env_secret_github', 'DBT_ENV_SECRET_GIT_CREDENTIAL',
  // the account or role it signs in as, after the secret's word (red team 67)
  'db_password_svc', 'SNOWFLAKE_PASSWORD_LOADER', 'PG_PASSWORD_RO', 'warehouse_password_etl', 'DB_PASSWORD_READONLY', 'snowflakePasswordTransformer', 'SNOWFLAKE_PASSWORD_LOADER_PROD',
  // the database or service it is for, after a password's word in an environment variable's name (red team 106)
  'PWD_DB', 'PASSWORD_SNOWFLAKE', 'PASSWD_SMTP', 'PASSWORD_DB_PROD', 'PWD_REDSHIFT',
];

const SILENT_NAMES = [
  'DB_PASSWORD_PATH', 'DB_PASSWORD_FILE', 'PGPASSFILE', 'SECRET_ID', 'CLIENT_ID', 'SECRET_NAME', 'KEY_VAULT_NAME', 'KEY_VAULT_URL',
  'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'TOKEN_EXPIRES_AT', 'KEY_ROTATED_AT', 'secretRotatedAt', 'rsa_public_key', 'SSH_PUBLIC_KEY',
  'FERNET_KEY_CMD', 'fernet_key_secret_path', 'fernet', 'publicKey', 'password_policy', 'token_column', 'secret_arn', 'primary_key', 'sort_key', 'pass', 'key', 'bypass', 'compass',
  'fs.azure.account.auth.type.acmelake.dfs.core.windows.net', 'fs.azure.account.oauth2.client.id.acmelake.dfs.core.windows.net',
  'fs.azure.account.key.provider.type.class.name.acmelake.dfs.core.windows.net', 'x-amz-credential', 'password.acme.com', 'monkey', 'hockey_key_count',
  // a number or a qualifier after a word that is no secret's name stays silent
  'primary_key_2', 'key_1', 'pass_3', 'sort_key_v2', 'password_hash_2', 'token_count_2024', 'secret_santa_2', 'key_primary',
  'PassWordHash', 'pass_words', 'bypass_word', 'publicToken', 'PUBLISHABLE_KEY', 'csrf-token', 'X-XSRF-TOKEN', 'csrfmiddlewaretoken',
  // a region after a word that names no secret, and foreign words that describe one
  'primary_key_eu', 'region_us_east', 'mot_de', 'PASSWORT_MIN_LENGTH', 'SENHA_PATH', 'secret_string_length', 'string',
  // Algolia's search key is published in web pages; an io key of another vendor is no secret's name (an admin key is,
  // whoever's: it writes a search index, red team 71)
  'ALGOLIA_SEARCH_KEY', 'algolia_key', 'algolia_app_id', 'io_key', 'mailgun_io_key',
  // a vendor whose name is a common word (a geometry's, a metal's surrogate key), Airbrake's project key (in its browser notifier), a search query key
  'polygon_key', 'Copper key', 'hunter_key', 'airbrake_project_key', 'AZURE_SEARCH_QUERY_KEY', 'search_key', 'Zendesk dedup key', 'geckoboard_key_id',
  's3_key', 'object_key', 'segment_key', 'mailgun_domain', 'stripe_key_id', 'qdrant_key_id', 'GEMINI_KEY_PATH', 'hightouch_key_name',
  // a public project token or key of an analytics SDK, a queue's routing key, `pd` without a kind of key
  'mixpanel_project_token', 'MIXPANEL_TOKEN', 'STATSIG_CLIENT_KEY', 'amplitude_api_key', 'posthog_project_api_key', 'heapToken', 'routing_key', 'pd_key',
  // what a secret is for is no secret's name when the words before say what else the value is; a cookie's name, a consent cookie
  'HASH_OF_PASSWORD', 'length_of_token', 'PASSWORD_PATH_FOR_LOADER', 'key_for_sorting', 'name_for_secret', 'session_cookie_name', 'consent_cookie', 'COOKIE_DOMAIN',
  // a secret's head for a purpose that signs nobody in, or outside an environment variable's name (red team 52)
  'TOKEN_FOR_PAGINATION', 'token_for_pagination', 'secret_of_success', 'password_for_display_hint', 'secret_for_campaign', 'access_token_for_docs_link', 'passwordForReporting',
  // dbt's mark before a word that says what else the value is
  'DBT_ENV_SECRETS_FILE', 'DBT_ENV_SECRET_KEY_PATH', 'DBT_ENV_SECRET_PG_NAME',
  // a role after a word that names no secret, or after a password's hash or policy
  'password_hash_ro', 'password_policy_loader', 'primary_key_reader', 'loader', 'svc_etl', 'role_transformer',
  // a system after a word that names no password, or alone
  'token_db', 'secret_snowflake', 'key_redshift', 'pass_db', 'password_hash_db', 'db', 'PASSWORD_POLICY_DB', 'PWD_HASH_ALGO',
  // …and outside an environment variable's name, a setting of that system's passwords (red team 107)
  'pwd_smtp', 'password_ftp', 'password_ldap', 'password_database', 'passwordTrino', 'password-warehouse',
  // a role after a token's, a secret's or a key's word names what reads or holds one (red team 70)
  'token_reporter', 'token_loader', 'token_master', 'auth_token_reader', 'secret_replica', 'secret_reader', 'api_key_reader', 'secret_key_root', 'token_elt', 'API_TOKEN_REPORTER_PROD',
  // a URL written as a key is no name (red team 70)
  'jdbc:postgresql://warehouse.internal:5432/analytics?user=dbt&password=${DB_PASSWORD}', 'postgresql://warehouse/analytics?password=',
];

t.test('the words of a name, in every style', async (t) => {
  t.same(keyWords('PGPASSWORD'), ['pg', 'password']);
  t.same(keyWords('MYSQL_PWD'), ['mysql', 'pwd']);
  t.same(keyWords('azureClientSecret'), ['azure', 'client', 'secret']);
  t.same(keyWords('APIKey'), ['api', 'key']);
  t.same(keyWords('spark.hadoop.fs.s3a.secret.key'), ['spark', 'hadoop', 'fs', 's3a', 'secret', 'key']);
  t.same(keyWords('X-Auth-Token'), ['x', 'auth', 'token']);
  t.same(keyWords('dbPassWord'), ['db', 'password']);
  t.same(keyWords('keyPassPhrase_v2'), ['key', 'passphrase', 'v2']);
  t.same(keyWords('MOT_DE_PASSE'), ['motdepasse']);
  t.same(keyWords('contraseña_bd'), ['contrasena', 'bd']);
  t.same(keyWords('DBPASSWORT'), ['db', 'passwort']);
});

t.test('secret names in every style', async (t) => {
  for (const k of SECRET_NAMES) t.ok(isSecretKeyName(k), k);
});

t.test('names that point at or describe a secret', async (t) => {
  for (const k of SILENT_NAMES) t.notOk(isSecretKeyName(k), k);
});

t.test("a service's key is a secret, a key of a table or a cloud's key id is not", async (t) => {
  for (const name of ['STRIPE_KEY', 'OPENAI_KEY', 'SENDGRID_KEY', 'STRIPE_LIVE_KEY', 'OPENAI_KEY_PROD', 'stripeKey', 'DBT_STRIPE_KEY', 'VENDOR_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'SNOWFLAKE_PRIVATE_KEY', 'JWT_SIGNING_KEY', 'DB_PASSWORD']) {
    t.ok(isSecretKeyName(name), `${name}: secret`);
  }
  // a server's write key, as segment-token reads it in text (red team 68: a model's meta and a run's vars hold one the
  // way a server sends events; the key for a key-value store, `segment_key`, is none)
  for (const name of ['SEGMENT_WRITE_KEY', 'segment_write_key', 'segmentWriteKey', 'RUDDERSTACK_WRITE_KEY']) t.ok(isSecretKeyName(name), `${name}: secret`);
  for (const name of ['PRIMARY_KEY', 'SORT_KEY', 'PARTITION_KEY', 'SURROGATE_KEY', 'UNIQUE_KEY', 'JOIN_KEY', 'KMS_KEY', 'AWS_KEY', 'SENTRY_KEY', 'SEGMENT_KEY', 'segment_source_key', 'STRIPE_KEY_ID', 'STRIPE_KEY_PATH', 'STRIPE_PUBLIC_KEY', 'KEY', 'STRIPE', 'STRIPE_PRIMARY_KEY_COLUMN']) {
    t.notOk(isSecretKeyName(name), `${name}: not secret`);
  }
});

t.test('secret-key-name: values that are references or public halves stay silent', async (t) => {
  const silent: [string, string][] = [
    ['DB_PASSWORD', 'https://kv-acme-prod.vault.azure.net/secrets/db-password'],
    ['SNOWFLAKE_PASSWORD', 'https://secretsmanager.us-east-1.amazonaws.com/prod/snowflake'],
    ['API_TOKEN', 'https://vault.acme.io/v1/secret/data/dbt#token'],
    ['SSH_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxk8Zq2vX9pRt4mQ ana@acme'],
    ['SIGNING_KEY', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----'],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value.slice(0, 30)}`);
  t.same(secretKeyNameDetector.detect('Zq8kLm2vX9', { key: 'PGPASSWORD' }).length, 1, 'PGPASSWORD');
});

t.test('secret-key-name: a note, a state word or the name of a secret, where the secret would go', async (t) => {
  const silent: [string, string][] = [
    ['api_token', 'Used by the nightly export job'],
    ['C_PASSWORD', 'see vault'],
    ['D_SECRET', 'rotated monthly by the platform team'],
    ['F_TOKEN', 'Managed by Terraform'],
    ['H_API_KEY', 'not needed for local runs'],
    ['secret', 'enabled'],
    ['password', 'disabled'],
    ['api_key', 'DBT_ENV_SECRET_API_KEY'],
    ['SNOWFLAKE_PASSWORD_SECRET', 'dbt-prod-snowflake-password'],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value}`);
  // a passphrase of words without prose's little words, and passwords with digits or symbols, are secrets
  const found: [string, string][] = [
    ['E_PASSWORD', 'correct horse battery staple'],
    ['P_PASSWORD', 'Tr0ub4dor-and-3'],
    ['Q_PASSWORD', 'horse-battery-staple-9'],
    ['R_PASSWORD', 'WINTER_HARBOR_42'],
    ['mailgun_key', 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0'],
  ];
  for (const [key, value] of found) t.equal(secretKeyNameDetector.detect(value, { key }).length, 1, `${key}=${value}`);
});

t.test('a file path is no secret, a base64 key that starts with a slash is', async (t) => {
  for (const path of ['/run/secrets/db_password', '/Users/Ana/keys/rsa_key_Prod2024.p8', '~/.ssh/id_ed25519', './secrets/token.txt']) {
    t.same(secretKeyNameDetector.detect(path, { key: 'DB_PASSWORD' }), [], path);
  }
  // one AWS secret key in 64 starts with '/': DuckDB's create secret (… secret '…') and a secret-named key
  const key = '//P6xK2Lm9Qw4Rt7Zv1Nb8Hj3Fd5Gs0Ae2Ui4Oy6';
  t.equal(secretKeyNameDetector.detect(key, { key: 'AWS_SECRET' }).length, 1, 'under a secret-named key');
  t.equal(sqlCredentialDetector.detect(`create secret s3_raw (type s3, key_id 'AKIA2E0A8F3B244C9986', secret '${key}')`, { key: undefined }).length, 1, 'in create secret');
  t.equal(secretKeyNameDetector.detect('/Zq8vLm2+PzR7tWn4Kc9Yb3Hd6Jf1Gs5Ae/Qx8vLm', { key: 'AWS_SECRET' }).length, 1, 'with a + in it');
});

t.test('password-assignment: glued, dotted and flow-map names in text', async (t) => {
  const cases: [string, string[]][] = [
    ['PGPASSWORD=Zq8kLm2vX9pg psql -h db.internal -U etl', ['Zq8kLm2vX9pg']],
    ['export MYSQL_PWD="Zq8kLm2vX9my"', ['Zq8kLm2vX9my']],
    ['dbt run --vars "{db_password: Zq8kLm2vX9fl, schema: analytics}"', ['Zq8kLm2vX9fl']],
    ["dbt run --vars '{reportingPassword: Zq8kLm2vX9cc}'", ['Zq8kLm2vX9cc']],
    ['--conf spark.hadoop.fs.s3a.secret.key=Zq8kLm2vX9s3 --conf spark.hadoop.fs.s3a.access.key.id=AKIA', ['Zq8kLm2vX9s3']],
    ['{"SNOWFLAKE_PRIVATE_KEY_PATH": "/secrets/rsa_key.p8", "TOKEN_TTL": "3600", "PASSWORD_MIN_LENGTH": "12"}', []],
    ['--vars "{key_vault_url: https://kv-acme.vault.azure.net/, secret_name: db-pw}"', []],
    ['401 Client Error: Unauthorized for url: https://api.hubapi.com/crm/v3/objects/contacts?hapikey=5a1a7c2e-9b3d-4f8e-a6c1-2d7e9f0b3c4a&limit=100', ['5a1a7c2e-9b3d-4f8e-a6c1-2d7e9f0b3c4a']],
    // a vendor's key named in prose: the words before a bare `key` (at most two) make its name
    ['-- Pipedrive key: 5df9d8963cf87258e8d308de817e7b93d82ba728', ['5df9d8963cf87258e8d308de817e7b93d82ba728']],
    ['Mailgun API key = Zq8kLm2vX9mgKp4nBc7dFg1h', ['Zq8kLm2vX9mgKp4nBc7dFg1h']],
    ['index pushed nightly; Azure Search admin key: p24vtLFBHNAFeFIwn7kBty23f3hNqjlR93mo', ['p24vtLFBHNAFeFIwn7kBty23f3hNqjlR93mo']],
    ['-- Amplitude secret key: 9461160d141cba2367bc65bea6d13857', ['9461160d141cba2367bc65bea6d13857']],
    ['-- Zendesk dedup key: abdefbba2427996ce343c6edae9fe7b0', []],
    ['primary key: d8527a81dd9c7517a3f7c18746ac19c8, grain: one row per order', []],
    ['Polygon key: 5f0c2a9e8b7d4c1fa3e6b9d2c8f1e4a7', []],
    ['Pipedrive, Amplitude key: 9461160d141cba2367bc65bea6d13857', []],
    ['-- Pipedrive key: see 1Password, Data Platform vault', []],
    // a URL's bare `key` parameter, when its value reads as a token
    ["http_get('https://api.opencagedata.com/geocode/v1/json?q=' || city || '&key=9461160d141cba2367bc65bea6d13857&limit=1')", ['9461160d141cba2367bc65bea6d13857']],
    ['https://www.mapquestapi.com/geocoding/v1/address?key=Qm7vX2pLk9RtWz4NsD8fHj3Kc6Vb1Xn5&location=Denver', ['Qm7vX2pLk9RtWz4NsD8fHj3Kc6Vb1Xn5']],
    ['https://reports.acme.io/export?key=orders_daily_by_region&format=csv', []],
    ['source: https://spreadsheets.google.com/ccc?key=0AmHa3kXqZbLdcFJ3Rk9uN2VwT0pYc1hGQmVzS2dDdHc&hl=en', []],
    ['https://api.acme.io/v1/objects?key=5a1a7c2e-9b3d-4f8e-a6c1-2d7e9f0b3c4a', []],
    ["select * from lookup where key='9461160d141cba2367bc65bea6d13857'", []],
  ];
  for (const [text, secrets] of cases) {
    t.same(assignmentDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end)), secrets, text);
  }
});

t.test('secret-key-name: a password hash, a secrets-manager path, a DSN with no credential stay silent', async (t) => {
  const silent: [string, string][] = [
    ['password', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'],
    ['admin_password', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$Zq8kLm2vX9pRt4mQw7YbN3cH5jD1fG6sA0eK2iU4oP8'],
    ['db_user_password', '$6$rounds=656000$Kq3vTz8LmWn2Xp5R$Zq8kLm2vX9pRt4mQw7YbN3cH5jD1fG6sA0eK2iU4oP8rT1yU5wE9qA3sD7fG2hJ6kL0zX4cV8bN1mQ5wE9rT3y'],
    ['user_pw', '$apr1$Kq3vTz8L$Zq8kLm2vX9pRt4mQw7YbN.'],
    ['password', 'pbkdf2_sha256$600000$Kq3vTz8LmWn2Xp5RbYc7Hd$Zq8kLm2vX9pRt4mQw7YbN3cH5jD1fG6sA0eK2iU4oP8='],
    // Django's pbkdf2_sha1 (a shorter digest) and its legacy salted sha1 and md5 (red team 105)
    ['password', 'pbkdf2_sha1$260000$Kq3vTz8LmWn2Xp5RbYc7Hd$Zq8kLm2vX9pRt4mQw7YbN3cH5jD='],
    ['password', 'sha1$TMQg9$8b45e1f5621c8cbe975ef3ac5086fb8cfcd56437'],
    ['password', 'md5$Kq3vTz8LmWn2$0cc175b9c0f1b6a831c399e269772661'],
    ['secret', 'secret/data/dbt/prod'],
    ['dsn', 'postgresql://etl@db.acme.io:5432/dw'],
    ['WAREHOUSE_DSN', 'host=db.acme.io port=5432 dbname=dw user=etl sslmode=require'],
    ['connectionString', 'Server=tcp:acme.database.windows.net,1433;Database=dw;Encrypt=yes'],
    ['stripe_key', 'pk_live_51Hq8kLm2vX9pRt4mQw7YbN3c'],
    ['mapbox_token', 'pk.eyJ1IjoiYWNtZSIsImEiOiJja3EifQ.Zq8kLm2vX9pRt4mQw7YbNc'],
  ];
  for (const [key, value] of silent) t.same(secretKeyNameDetector.detect(value, { key }), [], `${key}=${value.slice(0, 30)}`);
  const found: [string, string][] = [
    ['dbPassWord', 'Zq8kLm2vX9'],
    ['password', '$2b$12$short'], // not a whole bcrypt hash: a password that starts with a dollar
    ['secret', 'Secret/Data/Zq8kLm2vX9'],
    ['dsn', 'postgresql://etl:Zq8kLm2vX9@db.acme.io:5432/dw'],
    ['WAREHOUSE_DSN', 'host=db.acme.io user=etl password=Zq8kLm2vX9'],
    ['connectionString', 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zq8kLm2vX9pRt4mQw7YbN3cH5jD1fG6sA0eK2iU4oP8==;EndpointSuffix=core.windows.net'],
    ['SNOWFLAKE_DSN', 'Zq8kLm2vX9pRt4mQw7Yb'],
    ['mapbox_token', 'sk.eyJ1IjoiYWNtZSIsImEiOiJja3EifQ.Zq8kLm2vX9pRt4mQw7YbNc'],
  ];
  for (const [key, value] of found) t.equal(secretKeyNameDetector.detect(value, { key }).length, 1, `${key}=${value.slice(0, 30)}`);
});

t.test('a list under credentials or creds is a user and a password: the user is not reported', async (t) => {
  const list = (key: string, items: string[]) => items.map((v, index) => secretKeyNameDetector.detect(v, { key, index }).length);
  t.same(list('credentials', ['svc-loader', 'Kq8-vLm2xZ9']), [0, 1], 'credentials: [svc-loader, …]');
  t.same(list('sftp_creds', ['svc.export@acme.io', 'Kq8-vLm2xZ9']), [0, 1], 'sftp_creds: [user e-mail, …]');
  t.same(list('credentials', ['bot_user', "{{ env_var('BOT_PW') }}"]), [0, 0], 'a pair whose password is an env_var() call');
  t.equal(secretKeyNameDetector.detect('Kq8-vLm2xZ9', { key: 'credentials' }).length, 1, 'a string under credentials is still a secret');
});

t.test('a snake_case name under a secret name is a name, a prefix joined to a random body is a token', async (t) => {
  for (const v of ['stg_orders', 'api_key_v2', 'fct_orders_20240115', 'dbt_utils_unique_combination_of_columns', 'secret_manager_entry_for_loader', 'prod_snowflake_password_2024']) {
    t.notOk(isRealSecretValue(v, 'api_key'), v);
  }
  // Lob's live_ and SonarQube's squ_ keys: lower case, one underscore, then a random run
  for (const v of ['live_a6afbafa312b1d4e15d8882f72b134629bb', 'squ_k2m9qlw3rty7vzbn4cj8hf6ds1ag5eu0oi2pq7', 'sm_pat_x7k2m9qlw3rty7vzbn4c']) {
    t.ok(isRealSecretValue(v, 'api_key'), v);
  }
});
