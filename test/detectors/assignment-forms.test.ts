/**
 * A vendor's secret beside its name, written the ways a config or a program writes an assignment
 * (the forms gitleaks generates its rules' samples in): PHP's `.=`, Make's `::=` `:::=` `?=`,
 * `setProperty("NAME", "value")` and SQL's `set_secret('NAME', 'value')`. Formats that need their
 * vendor's name before the value (formats/define.ts `assignedTo`) read them all; a name followed by
 * a comma and an unquoted column, or by a comparison, is no assignment. (An XML element, `<nameToken>…`,
 * and Go's `var nameToken string = …` are not read: see assignedTo.)
 */
import t from 'tap';
import { getDetector } from '../../src/detectors/index.js';

const SECRETS: Record<string, string> = {
  'adafruit-api-key': 'Qm4tR8vX2kLp9sWz3nYb7cHd5fJg1aE6',
  'algolia-api-key': 'c7Fq2Lm9XwR4tZp8Nv3Kb6Hd1Sy5Ga0J',
  'sendbird-access-token': '9f3c1a7e5b2d8f4a6c0e9b1d3f5a7c2e4b6d8f0a',
};

const FORMS: Record<string, string> = {
  'sql call': "call set_secret('{I}_TOKEN', '{s}')",
  'php append': '${i}Token .= "{s}"',
  'make ::=': '{i}_TOKEN ::= "{s}"',
  'make :::=': '{i}_TOKEN :::= "{s}"',
  'make ?=': '{i}_TOKEN ?= "{s}"',
  'set property': 'System.setProperty("{I}_TOKEN", "{s}")',
  'go short': '{i}Token := `{s}`',
  'logstash': '  "{i}Token" => "{s}"',
};

const fill = (form: string, name: string, secret: string) => form.split('{i}').join(name).split('{I}').join(name.toUpperCase()).split('{s}').join(secret);

t.test('a vendor secret is read in every assignment form', async (t) => {
  for (const [id, secret] of Object.entries(SECRETS)) {
    const detector = getDetector(id)!;
    const name = id.split('-')[0]!;
    for (const [label, form] of Object.entries(FORMS)) {
      const text = fill(form, name, secret);
      const found = detector.detect(text, { key: undefined });
      t.same(found.map((m) => text.slice(m.start, m.end)), [secret], `${id}, ${label}`);
    }
  }
});

t.test('a name followed by a column, a comparison or a type is no assignment', async (t) => {
  const adafruit = getDetector('adafruit-api-key')!;
  const silent = [
    'select adafruit_feed, adafruit_io_username_for_prod_xx from raw.feeds',
    'where adafruit_feed_count > adafruit_io_username_for_prod_xx',
    'adafruit_feed string adafruit_io_username_for_prod_xx',
    "coalesce(adafruit_key, 'adafruit_io_username_for_prod_xx')",
  ];
  for (const text of silent) t.same(adafruit.detect(text, { key: undefined }), [], text);
});
