/**
 * Issue 18, class 1: the decoder. Wrapped secrets are reported at their encoded span; text that is
 * not a credential (binary base64, prose, digests) is not; and the work stays linear however the
 * layers are nested (counted, not timed).
 */
import t from 'tap';
import type { DetectorMatch } from '../../src/types.js';
import { detectWrapped, mayHoldWrapped } from '../../src/detectors/decode.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const detectors = [assignmentDetector, urlPasswordDetector];
let scanned = 0;
const scan = (text: string): DetectorMatch[] => {
  scanned += text.length;
  return detectors.flatMap((d) => d.detect(text, { key: undefined }));
};
const spans = (value: string) => detectWrapped(value, scan).map((m) => [value.slice(m.start, m.end), m.detectorId]);

t.test('each layer is reported at its encoded span', async (t) => {
  const env = b64('DB_USER=etl\nDB_PASSWORD=Zq8kLm2vX9-env\n');
  t.same(spans(`CONFIG=${env}; rest`), [[env, 'password-assignment']], 'base64 of an .env file');
  const twice = b64(`data: ${b64('etl:Zq8kLm2vX9-pair')}`);
  t.same(spans(twice), [[twice, 'encoded-credentials']], 'base64 inside base64');
  t.same(spans('{\\"db_password\\": \\"Zq8kLm2vX9\\\\u0021\\"}'), [['Zq8kLm2vX9\\\\u0021', 'password-assignment']], 'JSON escaped into a string, mapped back through escapes');
  t.same(spans('https://bi.acme.io/?next=postgresql%3A%2F%2Fetl%3AZq8kLm2vX9%21%40db%2Fdw'), [['Zq8kLm2vX9%21', 'url-password']], 'a percent-encoded URL');
});

t.test('text that is not a wrapped credential', async (t) => {
  for (const value of [
    b64('Hello world, this is only a description.'),
    b64('DB_PASSWORD=changeme\nAPI_TOKEN=${API_TOKEN}'),
    b64('postgres:postgres'),
    b64('12:30:45'),
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    '9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c',
    'https%3A%2F%2Fdocs.acme.io%2Fdbt%2Fmodels',
  ]) t.same(spans(value), [], value.slice(0, 40));
  t.notOk(mayHoldWrapped('select order_id, customer_id from analytics.fct_orders where amount > 0'), 'SQL does not reach the decoder');
  t.notOk(mayHoldWrapped('9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c'), 'a digest has one letter case');
  t.ok(mayHoldWrapped(`x ${b64('etl:Zq8kLm2vX9-pair')} y`), 'a base64 run');
});

t.test('decoding work grows linearly with the input, nested or not', async (t) => {
  const shapes: Record<string, (n: number) => string> = {
    'base64 blobs of .env text': (n) => Array.from({ length: n }, () => b64('A=1\nB_PASSWORD=Zq8kLm2vX9\n')).join(' '),
    'base64 nested three deep': (n) => Array.from({ length: n }, () => b64(b64(b64(b64('x:Zq8kLm2vX9-deep'))))).join(' '),
    'one long printable base64 run': (n) => b64('DB_PASSWORD=Zq8kLm2vX9 '.repeat(n)),
    'escaped JSON': (n) => '{\\"password\\": \\"Zq8kLm2vX9\\"} '.repeat(n),
    'percent-encoded URLs': (n) => 'postgresql%3A%2F%2Fetl%3AZq8kLm2vX9%40db%2F '.repeat(n),
  };
  for (const [name, make] of Object.entries(shapes)) {
    const work = (n: number) => {
      scanned = 0;
      const value = make(n);
      detectWrapped(value, scan);
      return scanned / value.length;
    };
    const small = work(2000);
    const large = work(8000);
    t.ok(large <= small * 1.25 + 0.01, `${name}: decoded characters per input character ${small.toFixed(2)} → ${large.toFixed(2)}`);
  }
});
