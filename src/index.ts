/** The programmatic API: `scan(options)` returns masked findings and a summary. */
export { scan, DEFAULT_MAX_FILE_SIZE, type ScanOptions } from './engine/scan.js';
export { compileRules, type ActiveRule } from './engine/compile.js';
export { RULES, findRule, type Rule } from './rules/index.js';
export { DETECTORS, DETECTOR_GROUPS } from './detectors/index.js';
export { TOKEN_FORMATS, type TokenFormat } from './detectors/token-formats.js';
export { FORMATTERS, type FormatName, type FormatContext, type Formatter } from './formatters/index.js';
export { LintError, InputError, UsageError, ConfigError } from './errors.js';
export { VERSION } from './version.js';
export { SALT_ENV, secretSalt } from './findings/fingerprint.js';
export type * from './types.js';
