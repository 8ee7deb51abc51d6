/**
 * Session 31's red-team round: decoys that a secret-named key made look like secrets. A webhook URL
 * from the docs whose parts are written XXX, YYY, ZZZ, and base64 of a sentence (what a sample or a
 * test fixture encodes) are no secrets; base64 of a password, and a webhook with real parts, are.
 */
import t from 'tap';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { isPlaceholder } from '../../src/detectors/placeholders.js';

const found = (key: string, value: string) => secretKeyNameDetector.detect(value, { key }).map((m) => value.slice(m.start, m.end));
const b64 = (text: string) => Buffer.from(text).toString('base64');

t.test("a URL's parts written as XXX, YYY, ZZZ are a placeholder", async (t) => {
  t.ok(isPlaceholder('https://hooks.slack.com/services/XXX/YYY/ZZZ'));
  t.ok(isPlaceholder('https://api.acme.io/v1/hook?token=XXX'));
  t.same(found('SLACK_WEBHOOK', 'https://hooks.slack.com/services/XXX/YYY/ZZZ'), []);
  // real parts, and the letters inside a longer part
  t.notOk(isPlaceholder('https://hooks.slack.com/services/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'));
  t.notOk(isPlaceholder('https://zzz.acme.io/hook/Qx7ZZZpL2v'));
  t.same(found('SLACK_WEBHOOK', 'https://hooks.slack.com/services/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').length, 1);
});

t.test('base64 of a sentence is a note, base64 of a password is not', async (t) => {
  t.same(found('token', b64('this is not a secret, just a note')), []);
  t.same(found('api_key', b64('Replace with the key from the vault')), []);
  for (const secret of ['Tr0ub4dor&3-Prod!x', 'password123', 'etl:Wq7vR2pmZ9xKd4', 'correct horse battery staple']) t.same(found('token', b64(secret)), [b64(secret)], secret.slice(0, 6));
});
