/**
 * Session 54: tokens as the peers' own patterns make them up (gitleaks' and trufflehog's regexes fed to a generator,
 * the way a scanner is tested against them). A token class `[0-9a-z]{32}` gives bodies in one case: in prose after a
 * secret's name (`the abstract token is 2m9a…`, `… credentials for the nightly sync: 2m9a…`) they were taken for words
 * and missed, where the same token with an upper-case letter was found. A body in one case that no person typed is
 * read as a token now; words, ids after names that say no secret and hashes after a token's name stay silent. And
 * `<your-aha.io-key>` is a placeholder whatever it names (a name with a dot or a slash had made it a value).
 * Red team 65 (dbt's adapters): a Databricks OAuth secret alone in a description (`dose` and 32 hex), an Oracle Easy
 * Connect string without its `//` in a driver's error, and no value read from the next label (`JWT: Authorization: …`).
 */
import t from 'tap';
import { isPlaceholder } from '../../src/detectors/placeholders.js';
import { ruleProbe } from './rule-probe.js';

const { finds, findsNothing } = ruleProbe('description');
const compiled = ruleProbe('compiled_code');
const message = ruleProbe('message');

t.test('a token in one case after a secret\'s name in prose', async (t) => {
  finds(t, 'free-text', [
    ['abstract credentials for the nightly sync: 2m9a7ki8qf6r767fkhwx7vh1ozldv0p4', '2m9a7ki8qf6r767fkhwx7vh1ozldv0p4'],
    ['the abstract token is 2m9a7ki8qf6r767fkhwx7vh1ozldv0p4', '2m9a7ki8qf6r767fkhwx7vh1ozldv0p4'],
    ['the warehouse password is 7fz9dt4b46lylp6e0gw85h5p5yyc7n3k', '7fz9dt4b46lylp6e0gw85h5p5yyc7n3k'],
    ['octopus credentials for the nightly sync: C6RSP597N5IOF2UP1TLVQ41WW', 'C6RSP597N5IOF2UP1TLVQ41WW'],
    ['abstract api key 2m9a7ki8qf6r767fkhwx7vh1ozldv0p4', '2m9a7ki8qf6r767fkhwx7vh1ozldv0p4'],
    // in groups
    ['clicksend credentials for the nightly sync: O52BPEX3-0EOT-X7RS-R9QZ-EUPWJOGJQ2TO', 'O52BPEX3-0EOT-X7RS-R9QZ-EUPWJOGJQ2TO'],
    ['mailgun credentials for the nightly sync: key-0gto4ku1l7s767fpyr9i7adzdxy9gpy4', 'key-0gto4ku1l7s767fpyr9i7adzdxy9gpy4'],
  ]);
  findsNothing(t, 'free-text', [
    // words and a version, a person's run, a count every other place
    'the password is orders2024q3exportfinalversion',
    'the password is abcdefgh12345678ijklmnop',
    'the api token is 1a2b3c4d5e6f7a8b9c0d1e2f3a4b',
    // names that say no secret: an id, a cache's digest
    'the api key id 2m9a7ki8qf6r767fkhwx7vh1ozldv0p4',
    'the cache token is 5f4dcc3b5aa765d61d8327deb882cf99',
    // shorter than a generated token
    'the token is a1b9c7d5e3',
    'the password is required for the loader role',
    // groups of hex digits (a UUID, a digest's), of words, of a run's date
    'the api token is 3d3419e9-85b2-a0a4-1eef-f4a405ddc8de',
    'the password is orders-daily-2024-export-final-v2',
    'the token is dbt_cloud_job_2024_11_03_nightly_run',
  ]);
});

t.test('"your …" in angle brackets is a placeholder, whatever it names', async (t) => {
  for (const v of ['<your-aha.io-key>', '<your-hooks.slack.com-key>', '<your couchbase:// password>', '<YOUR_API_KEY>', 'https://hooks.slack.com/services/<your-webhook-path>', '<insert-your-token.here>']) t.ok(isPlaceholder(v), v);
  for (const v of ['<api.key>', 'yourcompany-7fz9dt4b46lylp6e0gw85h5p5yyc7n3k', '<b>2m9a7ki8qf6r767fkhwx7vh1ozldv0p4</b>']) t.notOk(isPlaceholder(v), v);
});

t.test('red team 65: a Databricks OAuth secret alone, Oracle Easy Connect in an error, a label after a name', async (t) => {
  finds(t, 'free-text', [['This is a unique identifier for a customer (see ticket DATA-100: dose04e857bf86710f434a32e13523f2eae9)', 'dose04e857bf86710f434a32e13523f2eae9']]);
  findsNothing(t, 'free-text', ['dose_mg and dose_unit per prescription', 'the dose 1be394fe92ed199181ec021a0a8f9d39 was logged', 'dosedeadbeefdeadbeefdeadbeefdeadbeef']);
  message.finds(t, 'run-messages', [
    ['Could not connect: DPY-4011: the database or network closed the connection (analytics/RzJ+e_YSmziXC3@ora-prod.acme.internal:1521/ORCLPDB1)', 'RzJ+e_YSmziXC3'],
  ]);
  message.findsNothing(t, 'run-messages', [
    // a default credential, a path, no Oracle hint in the value
    'ORA-12514: TNS:listener does not know of service requested in connect descriptor scott/tiger@db.acme.io:1521/ORCL',
    'ORA-01017 for docs/setup@db.acme.io:1521/ORCL',
    'analytics/RzJ+e_YSmziXC3@ora-prod.acme.internal:8080/ORCLPDB1',
  ]);
  // the JWT is found; `Authorization:` is the next label, no value of `JWT:`
  const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyIiwiaWF0IjoxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O7Xk9qL';
  compiled.finds(t, 'compiled-code', [[`select 1 -- trino JWT: Authorization: Bearer ${jwt}`, jwt]]);
});

t.test("a key of 20 digits or more under a key's name is a vendor's key; fewer are an id, a counter or a timestamp", async (t) => {
  ruleProbe('vbout_api_key').finds(t, 'config-meta', [['2794987585098151119922960', '2794987585098151119922960']]);
  ruleProbe('sync_token').findsNothing(t, 'config-meta', ['1670914139', '1733270400123456789']);
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['12345678901234567890123', '00000000000000000000000']);
  ruleProbe('order_key').findsNothing(t, 'config-meta', ['2794987585098151119922960']);
});
