/**
 * Session 64: red team 74 attacked what the session widened and narrowed. Here: keys published by design under a
 * service's key (Sentry's DSN key, a search-only key, OAuth 1.0's consumer key); a token in a URL's path under a token's
 * name (a log intake's, a heartbeat's), beside a document's link that stays none; a password with spaces in backticks
 * beside a command that reads one; a random key of capitals beside a phrase of them; a tag, a list or braces that hold
 * a password under a password's name.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('keys published by design are no service secrets', async (t) => {
  for (const name of ['sentry_key', 'algolia_search_only_key', 'docsearch_key', 'bugsnag_key', 'meilisearch_search_key']) {
    ruleProbe(name).findsNothing(t, 'config-meta', ['6be0576ff61c053d5f9a3225e2a90f76', 'Xk9fQ2mL7vR3tY8wZ1bN4cD6']);
  }
  ruleProbe('description').findsNothing(t, 'free-text', [
    'Signed as https://api.x.com/1.1/statuses?oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_signature_method=HMAC-SHA1',
    'https://o450.ingest.sentry.io/api/12/envelope/?sentry_key=Xk9fQ2mL7vR3tY8wZ1bN4cD6&sentry_version=7',
  ]);
});

t.test("a token in a URL's path under a token's name is one; a document's or a file's link is not", async (t) => {
  const cases: [string, string][] = [
    ['LOGGLY_TOKEN', 'https://logs-01.loggly.com/inputs/3f9a8b7c-6d5e-4f3a-9b1c-0d9e8f7a6b5c/tag/http/'],
    ['CRONITOR_TOKEN', 'https://cronitor.link/p/4f9c2d7e1a8b3c6d5e0f9a2b4c7d1e8f/dbt-nightly'],
  ];
  for (const [name, url] of cases) ruleProbe(name).finds(t, 'env-metadata', [[url, url]]);
  ruleProbe('SLACK_USER_TOKEN').findsNothing(t, 'env-metadata', [
    'https://docs.google.com/document/d/1W7KCxOxP-1Fy5EyF2lbJGE2WuKmu5v0suYqoHas1jRM',
    'https://fog-ringer-f42.notion.site/API-BD80F56CDC1441E6BF6011AB6D852875',
    'http://assets.r7.com/assets/media_box/video_box.ico-7a388b69018576d24b593.ico',
  ]);
});

t.test('a password with spaces in backticks after = is the password; a command in them reads one', async (t) => {
  for (const [text, secret] of [
    ['To debug set DB_PASSWORD=`Falcon meadow 29!` and run psql.', 'Falcon meadow 29!'],
    ['-- PGPASSWORD=`Kx7qmN9pL4 vT8w` psql -h replica', 'Kx7qmN9pL4 vT8w'],
  ] as const) ruleProbe('description').finds(t, 'free-text', [[text, secret]]);
  ruleProbe('description').findsNothing(t, 'free-text', ['-e SUMO_ACCESS_KEY=`etcdctl get /sumologic_secret` -e TZ=UTC']);
});

t.test('a random key of capitals is a key; a phrase of them is not', async (t) => {
  ruleProbe('partner_api_key').finds(t, 'cli-vars', [['NEEICKLQAKMKBEIFXRWT', 'NEEICKLQAKMKBEIFXRWT']]);
  ruleProbe('aws_secret_access_key').findsNothing(t, 'cli-vars', ['TODAYINASIAASACKOFRICEFELLOVER']);
});

t.test("a tag, a list or braces that hold a password, under a password's name", async (t) => {
  ruleProbe('sqlserver_password').finds(t, 'cli-vars', [['<add key="pw" value="Kx7q#mN9pL4"/>', '<add key="pw" value="Kx7q#mN9pL4"/>']]);
  ruleProbe('admin_password').finds(t, 'cli-vars', [['purple_monkey,dish_washer', 'purple_monkey,dish_washer']]);
  ruleProbe('db_password').finds(t, 'cli-vars', [['Falcon{meadow:29}', 'Falcon{meadow:29}']]);
  // under a token's name a list of identifiers or an XML schema's type is none (red team 73)
  ruleProbe('atlassian_api_token').findsNothing(t, 'cli-vars', ['getPagesInConfluenceSpace,searchConfluenceUsingCql']);
  ruleProbe('telegram_api_token').findsNothing(t, 'cli-vars', ['<xsd:element name="AgencyIdentificationCode" type="clm78624:AgencyIdentificationCodeContentType"/>']);
});
