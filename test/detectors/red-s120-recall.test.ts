/**
 * Red team 120 (a blind benchmark of the places dbt leaks secrets, manifests v4–v12 and the other artifacts: 124 of 126
 * found, no decoy reported): `pw` alone before a generated password that closes its line, as a hook's SQL comment writes
 * it, was read as no name (`pw` is a page's width or a power as often, and names no secret in prose elsewhere).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("`-- pw <generated password>` closing its line: the password", async (t) => {
  const hook = 'grant usage on schema x to role y; -- pw SCg8EBmfDIWfVY*2568';
  ruleProbe('post-hook').finds(t, 'raw-code', [[hook, 'SCg8EBmfDIWfVY*2568']]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [['-- pw Kx9mPq2vLr7wNs4t\nselect 1', 'Kx9mPq2vLr7wNs4t']]);
  // not a word, a date, a size, a name; nor a value that prose goes on after
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', ['select 1 -- pw 2024-01-01T00:00', 'width: pw 1920x1080px', '-- PW Stage-2-Main', '-- pw SCg8EBmfDIWfVY*2568 then more', '-- pw enabled']);
});
