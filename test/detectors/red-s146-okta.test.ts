/**
 * Red team 146: an Okta API token under a key named for Okta alone (`OKTA` in metadata.env, `okta` in meta): the key is
 * the vendor's word the format reads before its token. A value of another shape there stays none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const TOKEN = '00hlkUvNGBeu3YV4IedU7OW2vwEDdwPwrUx51UTU5u';

t.test('an Okta token under a key named for Okta', async (t) => {
  ruleProbe('OKTA').finds(t, 'env-metadata', [[TOKEN, TOKEN]]);
  ruleProbe('okta').finds(t, 'config-meta', [[TOKEN, TOKEN]]);
  ruleProbe('OKTA').findsNothing(t, 'env-metadata', ['https://acme.okta.com', '0oa1b2c3d4e5f6g7h8i9', `00${'x'.repeat(40)}`]);
});
