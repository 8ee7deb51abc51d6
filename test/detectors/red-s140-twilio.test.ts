/**
 * Red teams 137 and 140: Twilio's credentials as docs and SQL write them. An API key's SID (`SK` and 32 hex) beside the
 * word Twilio in a description, as in meta; its secret after the SID and a `/` or a `:`; an account's auth token after the
 * SID given to a function named for Twilio, or in a note with `auth` before it. Without Twilio said, or with a variable
 * for the secret, nothing.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const KEY_SID = 'SK802827283e0ad84173581569969e58b0';
const KEY_SECRET = 'qcabUGJmGEp7CgQ0PBQFI14zGtSnovm1';
const ACCOUNT = 'ACff9243a8f506b40928b5b7a767c76fb0';
const AUTH_TOKEN = '08f86bebb2737f6a6f0fb23c6f5da2ce';

t.test("a Twilio API key's SID beside the word Twilio in a description, and its secret after it", async (t) => {
  const probe = ruleProbe('description');
  t.same(probe.found(`Twilio: ${KEY_SID}`, 'free-text'), [KEY_SID]);
  t.same(probe.found(`Twilio: ${KEY_SID} / ${KEY_SECRET}`, 'free-text'), [KEY_SID, KEY_SECRET]);
  t.same(probe.found(`curl -u ${KEY_SID}:${KEY_SECRET} https://api.twilio.com/2010-04-01/Accounts.json`, 'free-text'), [KEY_SID, KEY_SECRET]);
  t.same(probe.found(`twilio ${KEY_SID}:\${TWILIO_API_SECRET}`, 'free-text'), [KEY_SID], 'a variable for the secret');
  probe.findsNothing(t, 'free-text', [`key ${KEY_SID} / ${KEY_SECRET}`, `SMS key ${KEY_SID}`]);
});

t.test("an account's auth token after its SID, given to a Twilio function or in a note", async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.finds(t, 'compiled-code', [
    [`select twilio_send('${ACCOUNT}', '${AUTH_TOKEN}', '+15550100')`, AUTH_TOKEN],
    [`select 1\n-- twilio notify: account ${ACCOUNT} auth ${AUTH_TOKEN}`, AUTH_TOKEN],
  ]);
  probe.findsNothing(t, 'compiled-code', [
    `select twilio_send('${ACCOUNT}', '{{ env_var("TWILIO_AUTH_TOKEN") }}')`,
    `-- twilio notify: account ${ACCOUNT} message ${AUTH_TOKEN}`,
    `select notify('${ACCOUNT}', '${AUTH_TOKEN}')`,
  ]);
});
