/**
 * Red team 129 (a blind benchmark of 118 credential formats in eight places each: 921 of 944 found, 19 of 584 decoys
 * reported): a key a vendor's error quotes in single quotes, a name ending in `KEY2`, Mailgun's newer keys in prose were
 * missed; a token's beginning filled with x's, a connection's URL with no credential under a key's name, the storage
 * emulator's published connection string under one were reported.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const T = 'Xk9mPq2vLr7wNs4tZZ8aQ2b7Hd6Tz9Pq2Ws5E';

t.test("a key in single quotes after its name, as a vendor's error quotes it", async (t) => {
  const message = ruleProbe('message');
  message.finds(t, 'run-messages', [
    [`CohereError: invalid API key '${T}'`, T],
    [`invalid api_key '${T}'`, T],
    [`Segment write key '${T}' rejected`, T],
  ]);
  // a word or a version in quotes is none; SQL's alias after a column is none
  message.findsNothing(t, 'run-messages', ["the API key 'is' what you need", "the API key 'v2.1' was retired"]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', ["select api_key 'key_2024' from t"]);
});

t.test('a number glued to `key` qualifies it as it does a secret word', async (t) => {
  for (const key of ['MAILGUN_KEY2', 'API_KEY2']) ruleProbe(key).finds(t, 'config-meta', [['Qv3nLx8KmR2pZt7WbY4cHd9J', 'Qv3nLx8KmR2pZt7WbY4cHd9J']]);
  for (const key of ['PRIMARY_KEY2', 'SORT_KEY2', 'KEY2', 'monkey2', 'surrogate_key2']) ruleProbe(key).findsNothing(t, 'config-meta', ['Qv3nLx8KmR2pZt7WbY4cHd9J']);
});

t.test("Mailgun's newer keys (32, 8 and 8 hex digits) beside Mailgun's name", async (t) => {
  const key = '0f1e2d3c4b5a69788796a5b4c3d2e1f0-1a2b3c4d-5e6f7a8b';
  ruleProbe('message').finds(t, 'run-messages', [[`Mailgun API key ${key} rejected`, key]]);
  ruleProbe('message').findsNothing(t, 'run-messages', ['mailgun event 7c2e9a41d8b35f60e1a4c97b2d0f6e38 delivered', `request ${key} failed`]);
});

t.test("decoys: a token's beginning filled with x's, a connection that carries no credential", async (t) => {
  ruleProbe('api_key').findsNothing(t, 'config-meta', ['pypi-AgEIcHlwaS5vcmcXXXX', 'redis://localhost:6379/0', 'amqp://mq.acme.io:5672/analytics']);
  ruleProbe('api_token').findsNothing(t, 'config-meta', ['ATATT3xFfGF0xxxx']);
  ruleProbe('password').findsNothing(t, 'config-meta', ['redis://localhost:6379/0']);
  const emulator = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [`select api_key => '${emulator}'`, "select api_key => 'redis://localhost:6379/0'"]);
  // a credential in such a URL is still one: a password, a user that is a token, a token in its path
  ruleProbe('token').finds(t, 'config-meta', [['nats://Kx9mQ2vLp7wNs4tZZ8aQ2b7@nats.acme.io:4222', 'nats://Kx9mQ2vLp7wNs4tZZ8aQ2b7@nats.acme.io:4222']]);
  ruleProbe('api_key').finds(t, 'config-meta', [['redis://localhost:6379/Kx9mQ2vLp7wNs4tZZ8aQ2b7', 'redis://localhost:6379/Kx9mQ2vLp7wNs4tZZ8aQ2b7']]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [["select api_key => 'redis://:Kx9mQ2vLp7w@localhost:6379/0'", 'Kx9mQ2vLp7w']]);
  // a value that only ends in x's short of four, or is short, stays a value
  ruleProbe('api_key').finds(t, 'config-meta', [['Qv3nLx8KmR2pZt7WbY4cHxx', 'Qv3nLx8KmR2pZt7WbY4cHxx']]);
});

t.test("Telegram's documented bot tokens and a docs' run of the alphabet after a bot id: samples", async (t) => {
  ruleProbe('message').findsNothing(t, 'run-messages', [
    "token '123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ' rejected",
    'bot token 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw rejected',
    'TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
  ]);
  const token = '7301845562:AAFq9ZkR2vLx8mNw3PbT6yHc4Jd7Ue1Gs5E';
  ruleProbe('message').finds(t, 'run-messages', [[`TELEGRAM_BOT_TOKEN=${token}`, token]]);
  ruleProbe('password').finds(t, 'config-meta', [['qrst-5678-Kx9m', 'qrst-5678-Kx9m']]);
});
