/** The rules table in README.md, between `<!-- rules:start -->` and `<!-- rules:end -->`. */
import { CONTEXT_DETECTORS } from '../../src/detectors/index.js';
import { TOKEN_FORMATS } from '../../src/detectors/token-formats.js';
import { RULES } from '../../src/rules/index.js';
import { TOKEN_FORMATS_PATH } from './detector-pages.js';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

export function renderRulesTable(): string {
  const detectors = CONTEXT_DETECTORS.map((d) => `[\`${d.id}\`](docs/detectors/${d.id}.md)`).join(', ');
  return [
    '| rule | severity | what it finds |',
    '|---|---|---|',
    ...RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`),
    '',
    `Detectors: [token formats](${TOKEN_FORMATS_PATH}) and ${detectors}.`,
  ].join('\n');
}

/** `readme` with the text between the markers replaced; throws when the markers are missing. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: the markers ${START} and ${END} are missing or out of order`);
  return `${readme.slice(0, start + START.length)}\n${renderRulesTable()}\n${readme.slice(end)}`;
}

/** The "What it finds" sentence's count of token formats ("… detectors — 85 token formats (AWS, …"). */
const FORMAT_COUNT = /(applies detectors — )\d+( token formats)/;

/** `readme` with the count of token formats made true; throws when the sentence is missing. */
export function withFormatCount(readme: string): string {
  if (!FORMAT_COUNT.test(readme)) throw new Error('README.md: the sentence "applies detectors — N token formats" is missing');
  return readme.replace(FORMAT_COUNT, `$1${TOKEN_FORMATS.length}$2`);
}
