import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';

export const FORMATTERS = { text: formatText, json: formatJson, sarif: formatSarif } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
