/**
 * Adversarial strings for the detectors: long runs of what makes a backtracking regex try hard —
 * a detector's own keywords over and over, the base64 alphabet, separators that start a match but
 * never finish one. Shared by `npm run bench:redos` and the regression bound in test/hostile.
 */
import type { Detector } from '../../src/types.js';

export interface AdversarialInput {
  name: string;
  text: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `unit` repeated to exactly `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Inputs that every detector gets. */
export function commonInputs(size: number): AdversarialInput[] {
  const units: Record<string, string> = {
    'a': 'a',
    'base64': BASE64,
    'a:': 'a:',
    '://': '://',
    'password=': 'password=',
    'spaces': ' ',
    'backslashes': '\\',
    'quotes': '"\'',
    'a:b@ (URL userinfo)': 'a:b@',
    'x://u:p (unclosed URLs)': 'x://u:p',
    'PEM armor headers': '-----BEGIN PRIVATE KEY-----\nHash: ' + 'a'.repeat(150),
    'PEM BEGIN, no END': '-----BEGIN PRIVATE KEY-----\n' + BASE64,
    'PEM blocks of placeholder words': `-----BEGIN PRIVATE KEY-----\n${'your'.repeat(4000)}\n-----END PRIVATE KEY-----\n`,
    'your_ a_ (placeholder words)': 'your_' + 'a_'.repeat(60),
    'authorization: bearer': 'authorization: bearer ',
    '?sig=': '?sig=' + BASE64.slice(0, 20),
    'key = \'': "key = '",
    'hex': '0123456789abcdef',
  };
  return Object.entries(units).map(([name, unit]) => ({ name, text: fill(unit, size) }));
}

/** Inputs built from one detector's own keywords: repeated, glued to separators, to base64. */
export function keywordInputs(detector: Detector, size: number): AdversarialInput[] {
  return detector.keywords.flatMap((k) => [
    { name: `${k} repeated`, text: fill(k, size) },
    { name: `${k}= repeated`, text: fill(`${k}=`, size) },
    { name: `${k}: ' repeated`, text: fill(`${k}: '`, size) },
    { name: `${k}_ repeated`, text: fill(`${k}_`, size) },
    { name: `${k} then base64`, text: k + fill(BASE64, size - k.length) },
    { name: `${k} then spaces`, text: k + fill(' ', size - k.length) + 'x' },
  ]);
}

export interface WorstCase {
  detector: string;
  ms: number;
  input: string;
}

/** Run `detector` on every input; the slowest run, with a secret-named key as context. */
export function worstCase(detector: Detector, size: number, common: readonly AdversarialInput[] = commonInputs(size)): WorstCase {
  let worst: WorstCase = { detector: detector.id, ms: 0, input: '' };
  for (const input of [...common, ...keywordInputs(detector, size)]) {
    const started = performance.now();
    detector.detect(input.text, { key: 'db_password' });
    const ms = performance.now() - started;
    if (ms > worst.ms) worst = { detector: detector.id, ms, input: input.name };
  }
  return worst;
}
