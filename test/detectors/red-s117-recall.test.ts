/**
 * Red team 117: "The password is: …" (a colon after the verb) in a description and a run's message was read as no
 * assignment; a word or a setting after it stays none. (Salesforce's `5Aep861` refresh tokens: the format's samples.)
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test('a colon after "is": the value after it, as after "is" alone', async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    ['The password is: Kx9#mPq2vL8w', 'Kx9#mPq2vL8w'],
    ['Das Passwort ist: Kx9mPq2vL8w4', 'Kx9mPq2vL8w4'],
  ]);
  ruleProbe('message').finds(t, 'run-messages', [['Runtime Error: login failed. The password is: Kx9#mPq2vL8w', 'Kx9#mPq2vL8w']]);
  ruleProbe('description').findsNothing(t, 'free-text', ['The password is: see the vault', 'Login failed. The password is: wrong', 'the token is: not set', 'The key is: ISO-8601']);
});

// Red team 117's leftovers: a one-word qualifier in parentheses between a secret's name and its colon; `pass` glued to a
// system's or an account's name as a whole key in lower case (as an environment variable's name already was).
t.test('a qualifier in parentheses before the colon: the value after it', async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    ['Password (prod): Kx9mPq2vL8w4Rt', 'Kx9mPq2vL8w4Rt'],
    ['API key (staging): Kx9mPq2vL8w4RtZZ8aa', 'Kx9mPq2vL8w4RtZZ8aa'],
    ['Token (read-only) is Kx9mPq2vL8w4RtZZ8aa', 'Kx9mPq2vL8w4RtZZ8aa'],
  ]);
  // what describes a password, and words in parentheses that are no qualifier
  ruleProbe('description').findsNothing(t, 'free-text', [
    'password (bcrypt): $2b$12$abcdefghijklmnopqrstuv',
    'Password (example): Summer2024!',
    'Password (min 12 chars): Required',
    'Password (vault): prod/db/loader',
    'Secret (name): prod-replica-2023',
    'Password (format): 12+ chars, 1 digit',
  ]);
});

t.test('pass glued to a system or an account: a whole key in lower case names a password', async (t) => {
  for (const key of ['dbpass', 'rootpass', 'ftppass', 'adminpass']) ruleProbe(key).finds(t, 'config-meta', [['Kx9mPq2vL8w4Rt', 'Kx9mPq2vL8w4Rt']]);
  ruleProbe('DBT_ENV_CUSTOM_ENV_ROOTPASS').finds(t, 'env-metadata', [['Kx9mPq2vL8w4Rt', 'Kx9mPq2vL8w4Rt']]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [["select 'Kx9mPq2vL8w4Rt' as dbpass", 'Kx9mPq2vL8w4Rt']]);
  for (const key of ['bypass', 'compass', 'proxypass']) ruleProbe(key).findsNothing(t, 'config-meta', ['Kx9mPq2vL8w4Rt']);
});
