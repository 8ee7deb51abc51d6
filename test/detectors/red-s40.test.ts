/**
 * Session 40's red-team rounds: an API key handed to a Python HTTP client as a key of its `params`
 * dict (requests, httpx) is the URL query's `?key=…`, and was not found; nor a storage key set by SQL's
 * SET statement in a Databricks hook (`set spark.hadoop.fs.azure.account.key.… = …`). Each case names the
 * exact secret, or none; labels never show one.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  {
    label: "requests' params dict: key, in a token's shape",
    text: "import requests\n\ndef geocode(addr):\n    return requests.get('https://maps.example-geo.com/v1/geocode', params={'q': addr, 'key': '26203f9c0a1b4d7e8f90a1b2c3d4e5f6'}).json()\n",
    secrets: ['26203f9c0a1b4d7e8f90a1b2c3d4e5f6'],
  },
  { label: "httpx's params dict: appid, double-quoted, spaced", text: 'r = httpx.get(url, params = {"appid": "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "units": "metric"})', secrets: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0'] },
  { label: 'a params key that names a column stays silent', text: "r = requests.get(url, params={'key': 'customer_id', 'sort': 'asc'})", secrets: [] },
  { label: "a key in a JSON body is no query's", text: "r = requests.post(url, json={'key': '26203f9c0a1b4d7e8f90a1b2c3d4e5f6'})", secrets: [] },
  { label: 'a key of a dict closed before it is no params key', text: "p = dict(params={'q': 1}, other={'x': 2}); row = {'key': '26203f9c0a1b4d7e8f90a1b2c3d4e5f6'}", secrets: [] },
  { label: 'a templated params key stays silent', text: "requests.get(url, params={'key': '{{ env_var(\"GEO_KEY\") }}'})", secrets: [] },
]);

const STORAGE_KEY = 'Wu77HrQ8ZkP3mX9vLr2Tn5Yb7Wc4Df6Gh1Jk0sQe8Rt3Uy5Io7Pa9Sd2Fg4Hj6Kl1Zx3Cv5Bn7Mq9We2Rt4Yu6Io8P==';

// SQL's SET statement on a line (or in a hook) of its own sets the name as an INI line does: its value ends the line or the statement
check(assignmentDetector, [
  { label: "a Databricks hook's SET of an ABFS account key", text: `set spark.hadoop.fs.azure.account.key.acmefinlake.dfs.core.windows.net = ${STORAGE_KEY}`, secrets: [STORAGE_KEY] },
  { label: 'SET in capitals, indented, the statement ended by a semicolon', text: `select 1;\n  SET spark.hadoop.fs.s3a.secret.key = ${STORAGE_KEY} ;\nselect 2`, secrets: [STORAGE_KEY] },
  { label: 'a SET of a call stays silent', text: 'set password = get_secret();', secrets: [] },
  { label: 'a SET of a variable stays silent', text: 'SET api_token = $api_token;', secrets: [] },
]);

// a page's HTML writes a query's & as &amp;, and XML's start tag may carry attributes: the same value either way
check(assignmentDetector, [
  { label: "an appid after &amp; in a page's link", text: '<a href="https://api.openweathermap.org/data/2.5/weather?q=Oslo&amp;appid=Qm4vTz8LxWn2Kp5RbYc7HdJfAa11Bb22">weather</a>', secrets: ['Qm4vTz8LxWn2Kp5RbYc7HdJfAa11Bb22'] },
  { label: 'a name after &amp; stays silent as after &', text: '<a href="https://api.acme.io/x?appid=jaffle_shop_prod&amp;key=orders">x</a>', secrets: [] },
  { label: 'a password element with attributes', text: '<server><id>nexus</id><password encrypted="false" xml:space=\'preserve\'>Tr0ub4dor-Xq7z</password></server>', secrets: ['Tr0ub4dor-Xq7z'] },
  { label: 'an empty password element with attributes stays silent', text: '<password encrypted="true"/><token kind="x"></token>', secrets: [] },
  { label: 'a template in a password element with attributes stays silent', text: '<password type="text">${env.NEXUS_PASSWORD}</password>', secrets: [] },
]);

// the second round: a connection's settings that hold no credential are no secret under any name; with a password they still are
check(assignmentDetector, [
  {
    label: 'an ODBC string signing in by managed identity, under "secret" in prose',
    text: "Read-only DSN without secret: 'Driver={ODBC Driver 18 for SQL Server};Server=tcp:erp.database.windows.net,1433;Database=erp;Authentication=ActiveDirectoryMsi;Encrypt=yes;'.",
    secrets: [],
  },
  {
    label: 'the same string with a password',
    text: "secret: 'Driver={ODBC Driver 18 for SQL Server};Server=tcp:erp.database.windows.net;Uid=etl;Pwd=Tr0ub4dor-Xq7z;'",
    secrets: ['Driver={ODBC Driver 18 for SQL Server};Server=tcp:erp.database.windows.net;Uid=etl;Pwd=Tr0ub4dor-Xq7z;'],
  },
]);
