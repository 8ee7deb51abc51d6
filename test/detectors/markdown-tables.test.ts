/**
 * Markdown tables in descriptions and doc blocks (dbt renders them in its docs): a column under a
 * secret's name, and a table of settings' row whose first cell names a secret. Tables that document
 * columns, list secrets by name, or hold placeholders, dates, SQL types and token prefixes stay silent.
 * Each case names the exact secret, or none.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { markdownSecretCells } from '../../src/detectors/markdown-tables.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'a password column', text: '| user | password |\n|---|---|\n| loader | Spring-Loader-2025 |', secrets: ['Spring-Loader-2025'] },
  {
    label: 'a password column among others, one row each',
    text: '| Service | Username | Password |\n| --- | --- | --- |\n| Fivetran | fivetran_svc | Kx9!mQ2vLp7#rT |\n| Airbyte | airbyte_svc | Wn4$zPq8Lr2vXk |',
    secrets: ['Kx9!mQ2vLp7#rT', 'Wn4$zPq8Lr2vXk'],
  },
  { label: "a pwd column after prose, aligned delimiters", text: 'Credentials:\n\n| env | host | pwd |\n|:--|:--|:--|\n| prod | db.internal | Hq7$wPz3Nn8v |', secrets: ['Hq7$wPz3Nn8v'] },
  { label: "a table of settings' password row", text: '| Key | Value |\n|---|---|\n| password | Orchid-Lantern-48 |', secrets: ['Orchid-Lantern-48'] },
  { label: 'a table of settings in German', text: '| Schlüssel | Wert |\n|---|---|\n| Passwort | Orchid-Lantern-48 |', secrets: ['Orchid-Lantern-48'] },
  { label: "a key's 32 hex in a table of settings", text: '| Key | Value |\n|---|---|\n| api_key | 6f1ed002ab5595859014ebf0951522d9 |', secrets: ['6f1ed002ab5595859014ebf0951522d9'] },
  { label: 'a code span around the value is markup', text: '| Key | Value |\n| --- | --- |\n| password | `Zq8!kLm2vX9` |', secrets: ['Zq8!kLm2vX9'] },
  { label: 'emphasis on the header', text: '| **Login** | **Password** |\n|---|---|\n| etl | Hq7$wPz3Nn8v |', secrets: ['Hq7$wPz3Nn8v'] },
  { label: 'rows written without outer pipes', text: 'password | user\n--- | ---\nSpring-Loader-2025 | loader', secrets: ['Spring-Loader-2025'] },
  { label: 'Windows line ends', text: '| user | password |\r\n|---|---|\r\n| loader | Spring-Loader-2025 |\r\n', secrets: ['Spring-Loader-2025'] },
]);

// what a table under a secret's name holds as often as a value
check(assignmentDetector, [
  { label: 'a table that documents columns', text: "| column | type | description |\n|---|---|---|\n| password | varchar(255) | the user's password |\n| api_key | STRING | hashed key |", secrets: [] },
  { label: 'a column named password_hash with its description', text: '| name | type | description |\n|---|---|---|\n| password_hash | varchar | bcrypt hash of the password |', secrets: [] },
  {
    label: 'masks and references to where the value is kept',
    text: '| Key | Value |\n|---|---|\n| password | ******** |\n| token | <redacted> |\n| secret | $DBT_PASSWORD |\n| api_key | ${{ secrets.API_KEY }} |',
    secrets: [],
  },
  { label: 'words and an env_var call', text: "| Key | Value |\n|---|---|\n| password | N/A |\n| token | required |\n| secret | yes |\n| client_secret | `env_var('CLIENT_SECRET')` |", secrets: [] },
  { label: 'secrets listed by name with their owners', text: '| Secret | Owner |\n|---|---|\n| SNOWFLAKE_PASSWORD | data-eng |\n| prod/snowflake/loader | platform |', secrets: [] },
  { label: 'parameters with their defaults', text: '| Parameter | Description | Default |\n|---|---|---|\n| password | The password | none |\n| token | Auth token | null |', secrets: [] },
  { label: 'when each secret was rotated', text: '| Secret | Rotated |\n|---|---|\n| db_password | 2025-01-01 |\n| api-key-prod | 2025-03-04T10:00:00Z |', secrets: [] },
  { label: 'token prefixes explained', text: '| Token | Meaning |\n|---|---|\n| ghp_ | GitHub personal access token prefix |\n| xoxb- | Slack bot token |', secrets: [] },
  { label: 'default passwords and a Jinja call', text: "| env | password |\n|---|---|\n| dev | changeme |\n| ci | password123 |\n| prod | {{ env_var('PW') }} |", secrets: [] },
  { label: 'settings whose names only start with a secret word', text: '| Setting | Value |\n|---|---|\n| password_min_length | 12 |\n| secret_santa_flag | true |\n| token_count | 1234 |', secrets: [] },
  { label: 'SQL types under secret names', text: '| Column | Type |\n|---|---|\n| password | VARCHAR(16777216) |\n| token | NUMBER(38,0) |', secrets: [] },
  { label: 'Vault paths', text: '| Secret | Vault path |\n|---|---|\n| db | secret/data/prod/db |\n| api | kv/api#token |', secrets: [] },
  { label: 'no delimiter row, no table', text: 'Credentials \\| password \\| are stored | elsewhere\n---\nnot a table', secrets: [] },
  { label: 'a line that breaks the table ends it', text: '| user | password |\n|---|---|\n\nloader | Spring-Loader-2025', secrets: [] },
]);

t.test('markdownSecretCells', async (t) => {
  const isPassword = (name: string): boolean => /^pass(?:word)?$/i.test(name);
  const text = '| a \\| b | password |\n|---|---|\n| x \\| y | Spring-Loader-2025 |\n| z | |';
  const cells = markdownSecretCells(text, isPassword);
  t.same(
    cells.map((c) => [c.name, text.slice(c.start, c.end)]),
    [['password', 'Spring-Loader-2025']],
    'an escaped pipe does not split a cell; an empty cell is no value',
  );
  const wide = `| ${Array.from({ length: 100 }, (_, i) => `c${i}`).join(' | ')} | password |\n|${'---|'.repeat(101)}\n| ${Array.from({ length: 100 }, () => 'v').join(' | ')} | Spring-Loader-2025 |`;
  t.same(markdownSecretCells(wide, isPassword), [], 'columns past the 64th are not read');
  const rows = `| user | pass |\n|---|---|\n${'| u | v |\n'.repeat(10_000)}| last | Spring-Loader-2025 |`;
  // every row is read (red team 126: rows past the 10,000th were left unread without a word)
  t.same(
    markdownSecretCells(rows, isPassword).filter((c) => rows.slice(c.start, c.end) !== 'v').map((c) => rows.slice(c.start, c.end)),
    ['Spring-Loader-2025'],
    'the row after 10,000 others',
  );
});
