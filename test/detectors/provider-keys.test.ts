/**
 * Session 31's red-team round. A token format that needs its vendor's name before the token
 * (Discord's bot token, Salesforce's session id) read only the value, so under a JSON key that
 * names the vendor but no secret (`{"discord": …}`, `{"sfdc_session": …}`, DBT_ENV_CUSTOM_ENV_DISCORD)
 * it was silent: secret-key-name now reads the value as if its key were written before it, for the
 * formats whose body is sure by itself, or whose keyword names the vendor and is no part of the
 * token (telegram, twilio, mailgun, notion). And Discord's `Authorization: Bot …` scheme is one the
 * http-auth-header detector knows, so a token that is no bot id (the peers' random shape) is
 * reported without the scheme, as it is under an `Authorization` key.
 */
import t, { type Test } from 'tap';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { manifest, tempDir } from '../helpers.js';

const BOT = 'MTE5OTgyNzM2NDU1MTEyMzQ1Ng.Gh7Qz2.Xk9wLm2VbXc4NpQ7sRdF6gHjK1lZxCvB3nM8qW';
/** The peers' shape: three segments, the first random (no bot id in it). */
const RANDOM_BOT = 'aB3dE5fG7hJ9kL1mN3pQ5rS7.Gh7Qz2.Xk9wLm2VbXc4NpQ7sRdF6gHjK1l';
/** The docs' sample: its first segment is "3 blind mice sat on". */
const SAMPLE_BOT = 'MyBibGluZCBtaWNlIHNhdCBvbg.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_';
const SF = '00DKf000000bQxR!AQ4AQGd7mT2kLp9VxZ3nB8cR5wF1hJ6sY0uE.qA7tK3mN9pL2vX8zC5bR1wG6hJ4sY0uE7qA3tK9mN2pL5vX8zC1bR6wG';

/** secret-key-name on one value under `key`: detector and secret of each match. */
const underKey = (key: string, value: string) => secretKeyNameDetector.detect(value, { key }).map((m) => `${m.detectorId}: ${value.slice(m.start, m.end)}`);

t.test('a token under a key that names its vendor', async (t) => {
  t.same(underKey('discord', BOT), [`discord-bot-token-v2: ${BOT}`]);
  t.same(underKey('DBT_ENV_CUSTOM_ENV_DISCORD', BOT), [`discord-bot-token-v2: ${BOT}`]);
  t.same(underKey('sfdc_session', SF), [`salesforce-access-token: ${SF}`]);
  t.same(underKey('SALESFORCE', SF), [`salesforce-access-token: ${SF}`]);
  t.same(underKey('sessionId', SF), [`salesforce-access-token: ${SF}`]);
});

t.test("a token whose format's keyword names the vendor, the keyword in the key", async (t) => {
  // telegram, twilio, mailgun, notion: the keyword is context (said anywhere near), not part of the token
  t.same(underKey('telegram', '6543210987:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX'), ['telegram-bot-token: 6543210987:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX']);
  t.same(underKey('DBT_ENV_CUSTOM_ENV_TWILIO', 'SK4f0a9c3e72b84d1e9a3c5f7e1b2d4a6c'), ['twilio-api-key: SK4f0a9c3e72b84d1e9a3c5f7e1b2d4a6c']);
  t.same(underKey('mailgun', 'key-3c5f7e1b2d4a6c4f0a9c3e72b84d1e9a'), ['mailgun-api-key: key-3c5f7e1b2d4a6c4f0a9c3e72b84d1e9a']);
  // without the vendor's word in the key: a key- or SK-prefixed hex is no format's
  t.same(underKey('alerts', 'SK4f0a9c3e72b84d1e9a3c5f7e1b2d4a6c'), []);
  t.same(underKey('telegram_chat', '-1001234567890'), []);
});

t.test('under a vendor key, what is not the format stays silent', async (t) => {
  for (const [key, value] of [
    ['discord', SAMPLE_BOT],
    ['discord', RANDOM_BOT],
    ['discord_channel', '1199827364551123456'],
    ['sfdc_org', '00D5g000004XyZaEAK'],
    ['salesforce', 'source.salesforce.account!opportunity'],
    ['sfdc_session', '00Dxx0000001gPL!<your access token>'],
    // the vendor's word inside another word, and a name past the 20 characters a vendor's name may run on
    ['discordant_notes', BOT],
    ['discord_alerts_channel_for_the_finance_team', BOT],
    // a format whose body is any 32 letters is not read from a vendor's key (an id as often as a key)
    ['hubspot_form_id', '3b93153c-ac74-4b01-a21f-543912b5c21d'],
    ['datadog', '64c04571c40b557afa5a495bc273bcc7'],
  ]) {
    t.same(underKey(key!, value!), [], `${key}: ${value!.slice(0, 12)}`);
  }
});

t.test('under an Authorization key, the credential after its scheme', async (t) => {
  t.same(underKey('Authorization', `Bot ${BOT}`), [`discord-bot-token-v2: ${BOT}`]);
  t.same(underKey('Authorization', `Bot ${RANDOM_BOT}`), [`secret-key-name: ${RANDOM_BOT}`]);
  t.same(underKey('api_token', 'Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0'), ['secret-key-name: 9f8e7d6c5b4a39281706f5e4d3c2b1a0']);
  t.same(underKey('Authorization', 'Bot {{ env_var("DISCORD_TOKEN") }}'), []);
});

t.test("Discord's Bot scheme after an Authorization header, in text", async (t) => {
  const found = (text: string) => httpAuthDetector.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));
  t.same(found(`headers = {'Authorization': 'Bot ${RANDOM_BOT}'}`), [RANDOM_BOT]);
  t.same(found(`headers = {"Authorization": f"Bot ${RANDOM_BOT}"}`), [RANDOM_BOT], 'an f-string');
  t.same(found(`curl -H "Authorization: Bot ${RANDOM_BOT}"`), [RANDOM_BOT]);
  // the docs' sample, Bot as a word, no header before it
  t.same(found(`Authorization: Bot ${SAMPLE_BOT}`), []);
  t.same(found(`the bot ${RANDOM_BOT} posted`), []);
  t.same(found('Authorization: Bot account_service_principal_2024'), [], 'a snake_case name');
});

/** A manifest whose one model has this meta, in a folder of its own. */
function metaManifest(t: Test, meta: Record<string, unknown>): string {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const m = manifest({});
  (m.nodes as Record<string, unknown>)['model.p.a'] = { unique_id: 'model.p.a', resource_type: 'model', name: 'a', package_name: 'p', original_file_path: 'models/a.sql', meta };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
  return dir;
}

t.test('both walks find a token under its vendor key, and the credential after Bot', async (t) => {
  const dir = metaManifest(t, { discord: BOT, sfdc_session: SF, headers: { Authorization: `Bot ${RANDOM_BOT}` }, discord_sample: SAMPLE_BOT, sfdc_org: '00D5g000004XyZaEAK' });
  for (const stream of [false, true]) {
    const { findings } = scan({ paths: [dir], stream, jobs: 1 });
    t.same(
      findings.map((f) => `${f.jsonPointer} ${f.detectorId} ${f.charLength}`).sort(),
      ['/nodes/model.p.a/meta/discord discord-bot-token-v2 72', `/nodes/model.p.a/meta/headers/Authorization secret-key-name ${RANDOM_BOT.length}`, `/nodes/model.p.a/meta/sfdc_session salesforce-access-token ${SF.length}`],
      stream ? 'streamed' : 'in memory',
    );
  }
});
