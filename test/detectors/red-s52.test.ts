/**
 * Session 52: red team 61's `Using password Zebra-Crossing#71 for role LOADER` in dbt.log. After a word that says the
 * value comes next (`using`, `with`, `initial`, …), a password right after its name and a space is taken in a person's
 * shape (words, a symbol and a digit), as it is in quotes; after other words only a random one is. Each case names the
 * exact secret found, or that nothing is, through the rule's keyword search and anchors. And a value made of names
 * (`pw=pw=…`) is read a few times, not once for each name in it.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { workMeter } from '../../src/detectors/work.js';
import { getDetector } from '../../src/detectors/index.js';
import { ruleProbe } from './rule-probe.js';

const { found, finds, findsNothing } = ruleProbe('description');

t.test('a password after a word that says it comes next: in a log line and in prose', async (t) => {
  const cases = [
    ['\u001b[0m08:09:00.000001 [debug] [MainThread]: Using password Zebra-Crossing#71 for role LOADER', 'Zebra-Crossing#71'],
    ['connected with password Harbor-Lights!42 as loader', 'Harbor-Lights!42'],
    ['Initial password Welcome-Spring#2025 must be changed at first sign-in.', 'Welcome-Spring#2025'],
    ['using password Zebra-Crossing#74.', 'Zebra-Crossing#74'],
  ] as const;
  finds(t, 'run-messages', cases);
  finds(t, 'free-text', cases);
});

t.test('after other words, or without a password shape, nothing', async (t) => {
  const texts = [
    // a person's password after a word that says nothing of a value: only a random one is taken there
    'the password Reset-Policy#2 applies to every role',
    'password Zebra-Crossing#73 for role LOADER',
    // MySQL's error, authentication methods, words
    "Access denied for user 'etl'@'10.0.0.4' (using password: YES)",
    'Connected using password authentication (scram-sha-256)',
    'with password Rotation-Policy-v2 in place',
    'using password-based sign-in for the loader',
    'using password hashing (bcrypt, cost 12)',
    // no symbol, made of words
    'using password Hunter2Hunter2 would be weak',
    // a template, a placeholder
    'using password ${SNOWFLAKE_PASSWORD} from the environment',
    'using password <your-password-here> for role LOADER',
  ];
  findsNothing(t, 'run-messages', texts);
  findsNothing(t, 'free-text', texts);
});

t.test('a value made of names is read a few times, not once for each name in it', async (t) => {
  // (each name inside a bare value read on to its end, up to 2,048 characters: 1,344 characters read a character)
  const value = 'pw='.repeat(20_000);
  const before = workMeter.chars;
  t.same(assignmentDetector.detect(value, { key: undefined }), []);
  const perChar = (workMeter.chars - before) / value.length;
  t.ok(perChar < 32, `${perChar.toFixed(1)} characters read a character`);
  // names inside a value still have theirs, within the first few
  t.same(found('secret=password=Hunter2!!x', 'free-text'), ['password=Hunter2!!x']);
  t.same(found('token=pw=pw=pw=pw=pw=Xy7kq2pLm9Zt#', 'free-text'), ['pw=pw=pw=pw=pw=Xy7kq2pLm9Zt#']);
});

t.test("an AWS key id outside AWS's base32 alphabet is reported at confidence medium, saying so (red team 62)", async (t) => {
  const aws = getDetector('aws-access-key-id')!;
  const [issued] = aws.detect("copy into raw.events from 's3://landing/' credentials = (aws_key_id = 'AKIARHWVJIPFU4OKOUTB')", { key: undefined });
  t.match(issued, { confidence: undefined, description: 'AWS access key ID' });
  // 0, 1, 8 and 9 are not in the alphabet AWS issues ids in (gitleaks' [A-Z2-7]); a sample's or a part number's, still reported
  const [made] = aws.detect("select 'AKIA08QX91ZT8LMN0PQR' as part_no", { key: undefined });
  t.match(made, { confidence: 'medium', description: /its body not a key's structure/ });
});
