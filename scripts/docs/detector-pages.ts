/**
 * Detector pages: docs/detectors/token-formats.md (the families, with counts), one page per family of
 * token formats under docs/detectors/token-formats/, and one page per context detector.
 */
import { CONFIG_FILE_NAME } from '../../src/config/load.js';
import { CONTEXT_DETECTORS } from '../../src/detectors/index.js';
import { FORMAT_FAMILIES, type FormatFamily, TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { RULES } from '../../src/rules/index.js';
import type { Detector } from '../../src/types.js';
import { DETECTOR_NOTES } from './detector-notes.js';
import { GENERATED_NOTICE } from './notice.js';

export const TOKEN_FORMATS_PATH = 'docs/detectors/token-formats.md';

export function familyPath(family: FormatFamily): string {
  return `docs/detectors/token-formats/${family.id}.md`;
}

export function detectorPath(detector: Detector): string {
  return `docs/detectors/${detector.id}.md`;
}

const ruleLink = (id: string) => `[\`${id}\`](../rules/${id}.md)`;

/** Rules that ask for a detector, directly or through one of its groups. */
function rulesUsing(refs: readonly string[]): string {
  const using = RULES.filter((r) => r.detectors.some((d) => refs.includes(d))).map((r) => ruleLink(r.id));
  return using.length > 0 ? using.join(', ') : 'no rule by default';
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderTokenFormatsPage(): string {
  const families = FORMAT_FAMILIES.map((f) => `| [${f.title}](token-formats/${f.id}.md) | ${f.formats.length} |`);
  return [
    GENERATED_NOTICE,
    '# Token formats',
    '',
    `${TOKEN_FORMATS.length} credential formats with a distinctive shape or a telling context, kept as data in one file per`,
    'family under [`src/detectors/formats/`](../../src/detectors/formats/): an id, the literals (keywords) that must',
    'occur in a value for the regular expression to run at all, an optional entropy floor, an optional structure check',
    '(a checksum, a decoded header) and true and false samples that the test suite runs against each pattern. A bare',
    'hex string or UUID never matches without a distinctive prefix or a telling name: dbt artifacts are full of',
    'checksums and ids.',
    '',
    '- **high** confidence formats are distinctive enough for any text, so they also run in descriptions and docs',
    `  (\`@tokens-high\`): ${rulesUsing(['@tokens-high', '@tokens'])}.`,
    `- **medium** confidence formats need their context name nearby (\`@tokens\`): ${rulesUsing(['@tokens'])}.`,
    '- A vendor checksum (GitHub\'s and npm\'s CRC-32) sets the confidence of each finding: `high` when it verifies,',
    '  `medium` when it does not (a test value or a mistyped token, still reported when the body looks random); the',
    '  finding\'s message and its `confidence` property (SARIF: `properties.confidence`) say which.',
    '',
    `Turn one off in \`${CONFIG_FILE_NAME}\` with \`"detectors": {"<id>": "off"}\`, or all of them with \`"@tokens": "off"\`;`,
    'add your own under `customDetectors` (a regex, keywords and examples that must match).',
    '',
    'Where the data-stack and AI shapes come from, row by row (vendor documentation, vendor source, peer rules), is',
    'in [format sources](../format-sources.md).',
    '',
    '| family | formats |',
    '|---|---|',
    ...families,
    '',
  ].join('\n');
}

export function renderFamilyPage(family: FormatFamily): string {
  const rows = family.formats.map((f) => {
    const checks = [f.verify ? 'structure checked' : '', f.checksum ? 'checksum checked' : '', f.note ?? ''].filter(Boolean).join('; ');
    return `| \`${f.id}\` | ${cell(f.title)} | ${f.confidence} | ${f.keywords.map((k) => `\`${cell(k)}\``).join(' ')} | ${cell(checks)} |`;
  });
  return [
    GENERATED_NOTICE,
    `# Token formats: ${family.title}`,
    '',
    `${family.formats.length} formats, from [\`src/detectors/formats/${family.id}.ts\`](../../../src/detectors/formats/${family.id}.ts).`,
    'See [token formats](../token-formats.md) for how they run and how to turn one off.',
    '',
    '| id | finds | confidence | keywords | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function familyPages(): Map<string, string> {
  return new Map(FORMAT_FAMILIES.map((f) => [familyPath(f), renderFamilyPage(f)]));
}

export function renderContextDetectorPage(detector: Detector): string {
  const note = DETECTOR_NOTES[detector.id];
  if (!note) throw new Error(`scripts/docs/detector-notes.ts has no entry for detector ${detector.id}`);
  const where = (key: string | undefined, column?: string) => (column ? ` (the ${key ?? 'description'} of the column \`${column}\`)` : key ? ` (under the key \`${key}\`)` : '');
  return [
    GENERATED_NOTICE,
    `# ${detector.id}: ${detector.title}`,
    '',
    note.about,
    '',
    `- Runs only on values that contain: ${detector.keywords.length > 0 ? detector.keywords.map((k) => `\`${k}\``).join(', ') : (note.runsOn ?? 'any value (it reads the key, not the text)')}`,
    `- Used by: ${rulesUsing([detector.id])}`,
    '',
    '## Reported',
    '',
    ...note.found.flatMap((f) => [...renderedFrom(f.rawCode), '```text', f.text, '```', `reports \`${f.secret}\`${where(f.key, f.column)}.`, '']),
    '## Not reported',
    '',
    ...note.ignored.flatMap((f) => [...renderedFrom(f.rawCode), '```text', f.text, '```', `${f.why}${where(f.key, f.column)}.`, '']),
    `Turn it off in \`${CONFIG_FILE_NAME}\` with \`"detectors": {"${detector.id}": "off"}\`.`,
    '',
  ].join('\n');
}

/** The raw code an example was compiled from, shown before it. */
function renderedFrom(rawCode: string | undefined): string[] {
  return rawCode === undefined ? [] : ['compiled from', '', '```jinja', rawCode, '```', ''];
}

export function contextDetectorPages(): Map<string, string> {
  return new Map(CONTEXT_DETECTORS.map((d) => [detectorPath(d), renderContextDetectorPage(d)]));
}
