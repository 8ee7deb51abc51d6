/**
 * Session 32: an HTTP authentication challenge (`Basic realm="api"`, `Digest realm="…", nonce="…"`,
 * what `WWW-Authenticate` says) under `Authorization` or after `Authorization:` in text says how to
 * sign in and holds no credential: silent. `Basic <base64 of user:password>` and `Bearer <token>`
 * under the same names are still found. Each case names the exact secret, or none.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { checkDetector as check } from './detector-cases.js';

const BASIC = 'cGFydG5lcl9zeW5jOlZxOExtM1J0N0twMlh3OU4=';

check(secretKeyNameDetector, [
  { label: 'a Basic challenge under Authorization', key: 'Authorization', text: 'Basic realm="api"', secrets: [] },
  { label: 'a Basic challenge with a charset', key: 'authorization', text: 'Basic realm="partner-api", charset="UTF-8"', secrets: [] },
  { label: 'a Digest challenge under Authorization', key: 'Authorization', text: 'Digest realm="api@acme.io", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"', secrets: [] },
  { label: 'Basic and base64 of user:password under Authorization', key: 'Authorization', text: `Basic ${BASIC}`, secrets: [BASIC] },
  { label: 'Bearer and a token under Authorization', key: 'Authorization', text: 'Bearer Zq8vLm2xRt9wKp4nBc7yHd5T', secrets: ['Zq8vLm2xRt9wKp4nBc7yHd5T'] },
  { label: 'a password that holds the word realm', key: 'password', text: 'realm=Zq8vLm2x!', secrets: ['realm=Zq8vLm2x!'] },
]);

check(assignmentDetector, [
  { label: 'a JSON-escaped challenge after Authorization:', text: 'Authorization: "Basic realm=\\"api\\""', secrets: [] },
  { label: 'a challenge in a headers dict', text: "headers = {'Authorization': 'Basic realm=\"api\"'}", secrets: [] },
  { label: 'a challenge in escaped JSON', text: '{\\"Authorization\\": \\"Basic realm=\\\\\\"api\\\\\\"\\"}', secrets: [] },
  { label: 'Basic credentials in a headers dict', text: `headers = {'Authorization': 'Basic ${BASIC}'}`, secrets: [`Basic ${BASIC}`] },
]);
