import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';

export const FORMATTERS = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub, junit: formatJunit, gitlab: formatGitlab, html: formatHtml, markdown: formatMarkdown } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
