/** Credentials in HTTP Authorization headers: `Authorization: Bearer …`, `Basic …`. */
import type { Detector, DetectorMatch } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { charge, scanAll } from './work.js';

const BEARER = /(?<![A-Za-z0-9])(bearer|basic)\s{1,16}([A-Za-z0-9\-._~+/]{16,4096}={0,2})(?![A-Za-z0-9\-._~+/=])/gi;

export const httpAuthDetector: Detector = {
  id: 'http-auth-header',
  title: 'Credential in an HTTP Authorization header',
  keywords: ['bearer', 'basic'],
  // the scheme, spaces, then the first 16 characters of the credential: `basic` in prose, `bearer_share` in a column name are not it
  anchor: /(?:bearer|basic)\s{1,16}[A-Za-z0-9\-._~+/]{16}/iy,
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(BEARER, value)) {
      const scheme = m[1]!.toLowerCase();
      const token = m[2]!;
      // "Basic" is a common word: require an Authorization header before it.
      if (scheme === 'basic') charge(40);
      if (scheme === 'basic' && !/authorization["']?\s*[:=]\s*["']?\s*$/i.test(value.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (isPlaceholder(token) || shannonEntropy(token) < 3.2 || !/\d/.test(token)) continue;
      const start = m.index + m[0].length - token.length;
      out.push({ detectorId: 'http-auth-header', start, end: start + token.length, description: `${scheme} credential in an Authorization header` });
    }
    return out;
  },
};
