/**
 * Red team 123 (recall against the peers' formats: 195 of 197 gitleaks and trufflehog rules found in five places, no
 * near miss of 32 reported): a vendor's name, a space and more of the name before the operator (`bitbucket key: …`, as
 * gitleaks' keyword rules read `[ \t\w.-]{0,20}` after the keyword) was read as no name. Spaces are read there only before
 * `:` or `=`: a name, a word and a value is a type or prose, and a name that ends in an id's word stays an id's.
 */
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';

/** 64 random characters of the Bitbucket secret's alphabet (no counting run: a filled-in body is a sample). */
const body = () => randomBytes(64).toString('base64').replace(/[+/=]/g, 'x').slice(0, 64);
const bitbucket = DETECTORS.find((d) => d.id === 'bitbucket-client-secret')!;
const found = (text: string) => bitbucket.detect(text, { key: undefined }).map((m) => text.slice(m.start, m.end));

t.test("a vendor's name and more of it with spaces, then an operator: the vendor's secret", async (t) => {
  for (const shape of ['-- bitbucket key: %s', 'bitbucket client secret = "%s"', 'bitbucket\tkey: %s', 'BITBUCKET_CLIENT_SECRET: "%s"']) {
    const secret = body();
    t.same(found(shape.replace('%s', secret)), [secret], shape);
  }
});

t.test('a word and a value with no operator, or a name that ends in an id: none', async (t) => {
  for (const shape of ['bitbucket is used %s', 'bitbucket app id: %s', 'bitbucket repo name = %s', 'the bitbucket key rotation %s']) t.same(found(shape.replace('%s', body())), [], shape);
});
