/** Credential lifetime by detector, and expiry read from the value itself. */
import t from 'tap';
import { credentialLifetime, jwtExpiry, signedUrlExpiry, URL_WINDOW, urlAround } from '../../src/detectors/lifetime.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: unknown) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJlLW5vdC1yZWFsLWF0LWFsbA`;

t.test('JWT: exp read into an ISO time; without exp it is static', async (t) => {
  t.equal(jwtExpiry(jwt({ sub: 'x', exp: 1714003600 })), '2024-04-25T00:06:40.000Z');
  t.equal(jwtExpiry(jwt({ sub: 'x' })), undefined);
  t.equal(jwtExpiry(jwt({ exp: 'tomorrow' })), undefined, 'a non-numeric exp is ignored');
  t.equal(jwtExpiry(jwt({ exp: 1e300 })), undefined, 'an exp beyond any date is ignored');
  t.equal(jwtExpiry('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln'), undefined, 'a payload that is not JSON');
  const token = jwt({ exp: 1714003600 });
  t.same(credentialLifetime('jwt', `Bearer ${token}`, 7, 7 + token.length), { lifetime: 'short-lived', expiresAt: '2024-04-25T00:06:40.000Z' });
  const forever = jwt({ sub: 'svc' });
  t.same(credentialLifetime('jwt', forever, 0, forever.length), { lifetime: 'static' });
});

t.test('signed URLs: SAS se=, X-Amz-Date + X-Amz-Expires, X-Goog-Date + X-Goog-Expires, CloudFront Expires', async (t) => {
  t.equal(signedUrlExpiry('https://a.blob.core.windows.net/c/b?sv=2022-11-02&se=2024-06-01T00%3A00%3A00Z&sig=abc'), '2024-06-01T00:00:00.000Z');
  t.equal(signedUrlExpiry('https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T120000Z&X-Amz-Expires=3600&X-Amz-Signature=ab'), '2024-05-01T13:00:00.000Z');
  t.equal(signedUrlExpiry('https://storage.googleapis.com/b/o?X-Goog-Date=20240501T120000Z&X-Goog-Expires=900&X-Goog-Signature=ab'), '2024-05-01T12:15:00.000Z');
  t.equal(signedUrlExpiry('https://d111.cloudfront.net/x.csv?Expires=1714003600&Signature=ab&Key-Pair-Id=K2'), '2024-04-25T00:06:40.000Z');
  t.equal(signedUrlExpiry('https://b.s3.amazonaws.com/k?X-Amz-Date=yesterday&X-Amz-Expires=3600'), undefined, 'an unreadable date gives no expiry');
  t.equal(signedUrlExpiry('https://b.s3.amazonaws.com/k?X-Amz-Signature=ab'), undefined);
});

t.test('the URL around a signature, not the whole value, is read', async (t) => {
  const url = 'https://a.blob.core.windows.net/c/b?sv=2022-11-02&se=2024-06-01T00:00:00Z&sig=WZ29qR2tSjV2hZgiZF6mA4QW3kak';
  const value = `copy from 'https://other/x?se=2099-01-01' then '${url}' done`;
  const start = value.indexOf('WZ29');
  t.same(credentialLifetime('azure-sas-token', value, start, start + 28), { lifetime: 'short-lived', expiresAt: '2024-06-01T00:00:00.000Z' });
  t.same(credentialLifetime('signed-url', 'sig=WZ29qR2tSjV2hZgiZF6mA4QW3kak', 4, 32), { lifetime: 'short-lived' }, 'short-lived even without an expiry');
});

t.test('lifetime by detector: static by default, ASIA keys are session credentials', async (t) => {
  t.same(credentialLifetime('aws-access-key-id', 'ASIAJN6RTSE4XBRGHZAQ', 0, 20), { lifetime: 'short-lived' });
  t.same(credentialLifetime('aws-access-key-id', 'AKIARHWVJIPFU4OKOUTB', 0, 20), { lifetime: 'static' });
  t.same(credentialLifetime('github-server-to-server-token', 'ghs_x', 0, 5), { lifetime: 'short-lived' });
  for (const id of ['github-classic-pat', 'private-key', 'password-assignment', 'azure-storage-account-key', 'a-custom-detector']) {
    t.same(credentialLifetime(id, 'value', 0, 5), { lifetime: 'static' }, `${id} is static`);
  }
});

t.test('work is bounded: the reader looks at a window around the signature, whatever the value around it', async (t) => {
  const span = (n: number) => {
    const value = `${'a'.repeat(n)}sig=${'b'.repeat(40)}${'c'.repeat(n)}`;
    return urlAround(value, n + 4, n + 44).length;
  };
  t.equal(span(100), 244, 'a short value is read whole');
  t.equal(span(100_000), 2 * URL_WINDOW + 40, 'a long one only to the window');
  t.equal(span(1_000_000), span(100_000), 'ten times the value, the same work');
});
