/**
 * Session 32: an npm token whose body is all lower case and digits. npm's tokens are GitHub's
 * format (30 random base62 characters and their CRC-32 in 6 more), so such a body is certain only
 * when its checksum verifies. Session 54: one that does not verify is a made-up sample (gitleaks'
 * `npm_[a-z0-9]{36}`, what a scanner is tested with) or a token lower-cased on its way; the peers
 * report it, and so it is reported, at medium confidence, unless a person typed it (words,
 * counting every other place).
 */
import t from 'tap';
import { hasBase62Checksum, withBase62Checksum } from '../../src/detectors/formats/structure.js';
import { detectTokens } from '../../src/detectors/tokens.js';

const found = (value: string) => detectTokens(value).map((m) => `${m.detectorId} (${m.confidence ?? 'high'}): ${value.slice(m.start, m.end)}`);

t.test('an all lower-case body whose checksum verifies is found, as certain', async (t) => {
  const token = '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';
  t.equal(hasBase62Checksum(token), true);
  t.same(found(`//registry.npmjs.org/:_authToken=${token}`).filter((f) => f.startsWith('npm-token')), [`npm-token (high): ${token}`]);
  const [match] = detectTokens(token);
  t.match(match?.description, /checksum verifies/);
});

t.test('a checksum always holds a digit: its first character is 0 to 4', async (t) => {
  for (const random of ['zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', 'abcdefghijklmnopqrstuvwxyzabcd']) {
    t.match(withBase62Checksum('npm', random).slice(-6), /^[0-4]/);
  }
});

t.test('lower-case bodies that do not verify are found at medium confidence, unless a person typed them', async (t) => {
  for (const value of ['npm_3pj6ka74or6j16wajwv4kmhqegjme93n7k9w', 'NPM_TOKEN=npm_qkjab6mffyvzzxwqmcof49yruxp3wf0lsakp']) {
    const token = value.slice(value.indexOf('npm_'));
    t.same(found(value).filter((f) => f.startsWith('npm-token')), [`npm-token (medium): ${token}`], value);
    t.match(detectTokens(value).find((m) => m.detectorId === 'npm-token')?.description, /checksum does not match/);
  }
  for (const value of ['npm_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f', 'npm_packagejsonversionlifecycleevent2x', 'npm_aaaa1111bbbb2222cccc3333dddd4444eeee', 'npm_0123456789abcdefghijklmnopqrstuvwxyz']) {
    t.same(found(value).filter((f) => f.startsWith('npm-token')), [], value);
  }
});

t.test('mixed-case bodies are found as before, verifying or not', async (t) => {
  t.same(found('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'), ['npm-token (high): 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']);
  t.same(found('npm_j5Mr1TbsnAq0yHMbNjiF7ZWmstZFd4hmM6qm'), ['npm-token (medium): npm_j5Mr1TbsnAq0yHMbNjiF7ZWmstZFd4hmM6qm']);
});
