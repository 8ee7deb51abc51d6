/**
 * Session 30: Discord bot tokens and Salesforce access tokens (session ids), which have no literal
 * of their own the pre-filter could look for cheaply, are found where their context says what they
 * are: under a discord, salesforce or sfdc name, after Discord's `Authorization: Bot` scheme, after
 * `Bearer` or `OAuth`, as a SOAP login's sessionId. A run's error that echoes the request is where
 * dbt shows them. Look-alikes (a three-segment value whose first part is no bot id, an org id
 * alone, a placeholder) stay silent.
 */
import t from 'tap';
import { manifest, runResults, scanArtifact } from '../helpers.js';

const BOT = 'MTE5OTgyNzM2NDU1MTEyMzQ1Ng.Gh7Qz2.Xk9wLm2VbXc4NpQ7sRdF6gHjK1lZxCvB3nM8qW';
const SF = '00DKf000000bQxR!AQ4AQGd7mT2kLp9VxZ3nB8cR5wF1hJ6sY0uE.qA7tK3mN9pL2vX8zC5bR1wG6hJ4sY0uE7qA3tK9mN2pL5vX8zC1bR6wG';

/** What the whole scanner reports in one run error's message: detector and secret. */
function foundIn(message: string): string[] {
  const { text, findings } = scanArtifact(runResults({ results: [{ unique_id: 'model.p.a', status: 'error', message }] }), 'run_results.json');
  return findings.map((f) => `${f.detectorId}: ${JSON.parse(`"${text.slice(f.charOffset, f.charOffset + f.charLength)}"`)}`);
}

t.test('a Discord bot token after the Bot scheme or under a discord name', async (t) => {
  t.same(foundIn(`HTTPError 401 for POST https://discord.com/api/v10/channels/1/messages (Authorization: Bot ${BOT})`), [`discord-bot-token-v2: ${BOT}`]);
  t.same(foundIn(`macro notify_discord: discord = "${BOT}" was rejected`), [`discord-bot-token-v2: ${BOT}`]);
});

t.test('a Salesforce session id after Bearer, as sessionId, under an sfdc name', async (t) => {
  t.same(foundIn(`401 Unauthorized: GET /services/data/v60.0/query -H "Authorization: Bearer ${SF}"`), [`salesforce-access-token: ${SF}`]);
  t.same(foundIn(`unexpected SOAP response <loginResponse><result><sessionId>${SF}</sessionId></result></loginResponse>`), [`salesforce-access-token: ${SF}`]);
  t.same(foundIn(`sfdc_session = ${SF} expired`), [`salesforce-access-token: ${SF}`]);
});

t.test('look-alikes stay silent', async (t) => {
  for (const message of [
    // base64url of "3 blind mice sat on", and of 19 digits with a leading zero: no bot's id
    'Authorization: Bot MyBibGluZCBtaWNlIHNhdCBvbg.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
    'discord = "MDEyMzQ1Njc4OTAxMjM0NTY3OA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_"',
    // an org id alone, the docs' placeholder, a source name with a !
    'salesforce org 00D5g000004XyZaEAK is read-only',
    'Authorization: Bearer 00Dxx0000001gPL!<your access token>',
    'sfdc_sources: source.salesforce.account!opportunity',
  ]) {
    t.same(foundIn(message), [], message.slice(0, 40));
  }
  // a manifest's own dotted names beside the words
  const { findings } = scanArtifact(manifest({ nodes: { 'model.discord_alerts.notify': { unique_id: 'model.discord_alerts.notify', resource_type: 'model', description: 'discord: model.discord_alerts.notify_on_failure; salesforce: source.salesforce.opportunity' } } }));
  t.same(findings, []);
});
