/**
 * Red team 100: a signed URL written as HTML requires it, its query's `&` as `&amp;` (a link in static_index.html's
 * head; a description, docs block or meta value copied from a web page), lost its SAS and X-Amz signatures. An
 * escaped `&` (`&amp;`, `&#38;`, `&#x26;`) separates a query as a raw one does: what a URL with raw `&` gives, the
 * escaped one gives too, found or silent, its span on the signature as written and its expiry read.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';
import { credentialLifetime } from '../../src/detectors/lifetime.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { signedUrlDetector } from '../../src/detectors/signed-urls.js';
import { checkDetector as check } from './detector-cases.js';

const SAS_SIGNATURE = 'Ol72YCAxtAsVIz%2FP%2F4E1ZqQHdXx0Y36SMeXUZxZ8O8I%3D';
const SAS = `https://acmelake.blob.core.windows.net/docs/index.html?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&spr=https&sig=${SAS_SIGNATURE}`;
const S3_SIGNATURE = '4f1c9a7e2b8d3f60a5c1e9b7d2f48a6c3e0b9d1f7a2c5e8b4d6f0a3c9e1b7d5f';
const S3 = `https://acme-exports.s3.amazonaws.com/orders.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIARHWVJIPFU4OKOUTB%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261201T120000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=${S3_SIGNATURE}`;
// (zero-padded, as WordPress writes it, and escaped twice, a page's HTML copied into an attribute: red team 102)
const ESCAPED_AMPERSANDS = ['&amp;', '&#38;', '&#x26;', '&#X26;', '&#038;', '&amp;amp;'];

/** Every detector's findings in a text, as `detector:secret`. */
function idsIn(text: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key: undefined }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

/** One detector's findings, as `detector:secret`. */
const signed = (id: string) => (text: string) => idsIn(text).filter((hit) => hit.startsWith(`${id}:`));

t.test("an Azure SAS in an HTML link: its escaped `&` separates the query, the signature is found as written", async (t) => {
  for (const amp of ESCAPED_AMPERSANDS) {
    const link = `<a class="hidden" href="${SAS.replaceAll('&', amp)}">mirror</a>`;
    t.same(signed('azure-sas-token')(link), [`azure-sas-token:${SAS_SIGNATURE}`], `azure-sas-token after ${amp}`);
    t.same(signed('signed-url')(link), [`signed-url:${SAS_SIGNATURE}`], `signed-url after ${amp}`);
    // its expiry is read from the escaped query as from the raw one
    const start = link.indexOf(SAS_SIGNATURE);
    t.same(credentialLifetime('azure-sas-token', link, start, start + SAS_SIGNATURE.length), { lifetime: 'short-lived', expiresAt: '2027-01-01T00:00:00.000Z' });
  }
  // in JSON, a description that holds the HTML
  const description = JSON.stringify({ description: `<p>Docs mirror: <a href="${SAS.replaceAll('&', '&amp;')}">link</a></p>` });
  t.same(signed('azure-sas-token')(description), [`azure-sas-token:${SAS_SIGNATURE}`]);
});

check(signedUrlDetector, [
  { label: "an S3 presigned URL's X-Amz-Signature after &amp;", text: `<a href="${S3.replaceAll('&', '&amp;')}">orders</a>`, secrets: [S3_SIGNATURE] },
  { label: 'after &#38;', text: S3.replaceAll('&', '&#38;'), secrets: [S3_SIGNATURE] },
  { label: "a CloudFront URL's Signature after &amp;", text: 'https://d111.cloudfront.net/x.csv?Expires=1814003600&amp;Signature=Hx9Wq2mPz7vLq4vT8xK2pRw7zN3bY6cHd9JfUe5Sa0G~Zt7Qm2Lp9Xv4Rk8Nb__&amp;Key-Pair-Id=K2JCJMDEHXQW5F', secrets: ['Hx9Wq2mPz7vLq4vT8xK2pRw7zN3bY6cHd9JfUe5Sa0G~Zt7Qm2Lp9Xv4Rk8Nb__'] },
  // stay silent: a URL without a signature, an entity that is no `&`, `&amp;` in prose
  { label: 'a blob URL without a signature, escaped', text: '<a href="https://acmelake.blob.core.windows.net/docs/index.html?sv=2022-11-02&amp;ss=b&amp;sp=r">docs</a>', secrets: [] },
  { label: 'a quote before signature=, no query', text: '<div data-note="&quot;signature=Ol72YCAxtAsVIzP4E1ZqQHdXx0Y36SMeXUZxZ8O8I&quot;"></div>', secrets: [] },
  { label: 'prose with &amp;', text: '<p>Finance &amp; Legal: signature required from both; R&amp;D sign-off in the tracker</p>', secrets: [] },
]);

t.test('decoys are as silent, and expired URLs as found, escaped as raw', async (t) => {
  const snowflakeExample = "?sv=2016-05-31&ss=b&srt=sco&sp=rwdl&se=2018-06-27T10:05:50Z&st=2017-06-27T02:05:50Z&spr=https,http&sig=bgqQwoXwxzuD2GJfagRg7VOS8hzNr3QLT7rhS8OFRLQ%3D";
  const awsExample = 'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
  const expiredSas = SAS.replace('se=2027-01-01', 'se=2024-06-01');
  for (const url of [snowflakeExample, awsExample, expiredSas]) {
    for (const amp of ESCAPED_AMPERSANDS) t.same(idsIn(url.replaceAll('&', amp)), idsIn(url), `${url.slice(0, 40)}… with ${amp}`);
  }
  t.same(idsIn(snowflakeExample.replaceAll('&', '&amp;')), [], "Snowflake's documented SAS stays silent");
  const link = expiredSas.replaceAll('&', '&amp;');
  const start = link.indexOf(SAS_SIGNATURE);
  t.equal(credentialLifetime('azure-sas-token', link, start, start + SAS_SIGNATURE.length).expiresAt, '2024-06-01T00:00:00.000Z', 'an expired one is read as expired');
});

t.test("a password in an HTML link's query: any escaped `&` before its name separates the query, as `&amp;` did", async (t) => {
  const PASSWORD = 'Zq8vT3kLm9Wx';
  const found = (text: string) => assignmentDetector.detect(text, { key: undefined }).map((m) => [m.start, m.end]);
  for (const amp of ESCAPED_AMPERSANDS) {
    // red team 102: after `&#38;` the value was read to the next escape's `;` (`Zq8vT3kLm9Wx&#38`), redacting half an entity
    const link = `<a href="https://db.acme.io/connect?user=erp_ro${amp}password=${PASSWORD}${amp}sslmode=require">console</a>`;
    const start = link.indexOf(`password=${PASSWORD}`) + 'password='.length;
    t.same(found(link), [[start, start + PASSWORD.length]], `the password after ${amp}`);
    t.same(found(link.replace(PASSWORD, '<redacted>')), [], `<redacted> after ${amp}`);
    t.same(found(link.replace(PASSWORD, "{{ env_var('X') }}")), [], `a template after ${amp}`);
  }
});
