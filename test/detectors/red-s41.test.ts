/**
 * Session 41: a bare value longer than 256 characters was cut there. A presigned URL's
 * `X-Amz-Security-Token=` (an STS session token, percent-encoded: 400 to 1,600 characters) was
 * reported with a span of 256, and `redact` left the rest of the token in its copy. Each case names
 * the exact secret, or none.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { checkDetector as check } from './detector-cases.js';

/** A session token's body: its constant head, then a random-looking run (base64's alphabet), `count` characters in all. */
function sessionToken(count: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = 41;
  let body = 'IQoJb3JpZ2luX2VjE';
  while (body.length < count - 2) {
    state = (state * 1103515245 + 12345) % 2147483648;
    body += alphabet[state % 64];
  }
  return `${body}==`;
}

const TOKEN = sessionToken(620);
const ENCODED = encodeURIComponent(TOKEN);
const LONGEST = sessionToken(2048);

check(assignmentDetector, [
  {
    label: "a presigned URL's percent-encoded session token, whole",
    text: `https://acme-exports.s3.amazonaws.com/daily/orders.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261130T101010Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${ENCODED}&X-Amz-Signature=ab12`,
    secrets: [ENCODED],
  },
  { label: 'an unquoted session token in YAML, whole', text: `aws_access_key_id: ASIAQWERTYUIOPASDFGH\naws_session_token: ${TOKEN}\nregion: eu-west-1`, secrets: [TOKEN] },
  { label: 'a run past the longest bare value is cut there', text: `aws_session_token: ${LONGEST}XYZ`, secrets: [LONGEST] },
]);
