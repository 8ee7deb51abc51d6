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
