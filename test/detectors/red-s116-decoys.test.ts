/**
 * Red team 116: a meta map of columns to their policy or label (`pii_columns: {password: drop}`, `sensitivity: {api_key:
 * Tier 1}`) and a docs page's browser snippets (Google Tag Manager's environment `gtm_auth`, Segment's
 * `analytics._writeKey`) are no secrets; a secret beside them is. (A dimension's `<thing>_key` in data: red-s114-recall.)
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const TOKEN = 'Tk7pLx2QmR9vZt4NbY3cHd8JfUa6Gs1W';

t.test("a column's policy or label under its name is none; a password there is one", async (t) => {
  ruleProbe('password').findsNothing(t, 'config-meta', ['drop', 'restricted', 'hash']);
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['Tier 1', 'high tier', 'PCI']);
  ruleProbe('password').finds(t, 'config-meta', [['Blue Falcon 77!', 'Blue Falcon 77!'], ['Kx9#mPq2vL8w', 'Kx9#mPq2vL8w']]);
});

t.test("an encryption key's setting (S3's server-side encryption, a KMS key's alias) is none; a key's bytes are one", async (t) => {
  for (const key of ['encryption_key', 'master_key']) {
    ruleProbe(key).findsNothing(t, 'config-meta', ['aws:kms', 'SSE-S3', 'AWS_SSE_KMS', 'aws/s3', 'alias/acme-pii']);
    ruleProbe(key).finds(t, 'config-meta', [[TOKEN, TOKEN]]);
  }
});

t.test("a docs page's browser snippets: GTM's environment and Segment's write key are public; a key in a query is not", async (t) => {
  const page = ruleProbe('static_index.html');
  page.findsNothing(t, 'static-html-page', [
    "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl+ '&gtm_auth=4hV9lQk2bWcY7rTzP1mN0g&gtm_preview=env-2&gtm_cookies_win=x';",
    '<iframe src="https://www.googletagmanager.com/ns.html?id=GTM-ABC123&gtm_auth=4hV9lQk2bWcY7rTzP1mN0g&gtm_preview=env-2"></iframe>',
    'analytics._loadOptions=n};analytics._writeKey="tJ6kWq0vH2sN8xLmC4rB9aZ1eYdG5fU3";analytics.SNIPPET_VERSION="5.2.0";',
  ]);
  page.finds(t, 'static-html-page', [[`fetch('https://api.acme.io/v1/report?api_key=${TOKEN}')`, TOKEN], [`var config = {writeKey: "x", secret_key: "${TOKEN}"};`, TOKEN]]);
});
